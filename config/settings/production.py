"""Production: every secret and host comes from the environment.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, REDIS_URL.
Passes `manage.py check --deploy` without warnings.
"""

from config.env import env, env_bool, env_list, env_required

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_required("DJANGO_SECRET_KEY")
# Rotation: the previous keys, comma-separated (sessions, signed links and
# the sync credentials stay readable; see SECURITY.md, "Secrets at rest").
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", [])
env_required("DATABASE_URL")
env_required("REDIS_URL")
if not env("DJANGO_ALLOWED_HOSTS"):
    env_required("DJANGO_ALLOWED_HOSTS")

# Behind a TLS-terminating proxy (docker/compose.yaml's setup) the proxy's
# X-Forwarded-Proto says whether the request came over HTTPS. Only trusted
# when there is such a proxy: set DJANGO_BEHIND_TLS_PROXY=false when clients
# reach gunicorn directly, or anyone could claim HTTPS with that header.
if env_bool("DJANGO_BEHIND_TLS_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
# Preload is a commitment that is slow to undo (browsers hard-code the domain),
# so it stays opt-in; while it is off, its deploy-check warning is expected.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Sessions are admin logins: a working day, not Django's two weeks.
SESSION_COOKIE_AGE = int(env("DJANGO_SESSION_COOKIE_AGE", str(10 * 60 * 60)))
X_FRAME_OPTIONS = "DENY"
# Central administrators must use two-step verification (cms.two_factor).
SAMVERKAN_TWO_FACTOR = {
    **SAMVERKAN_TWO_FACTOR,  # noqa: F405
    "REQUIRED_FOR": env("SAMVERKAN_2FA_REQUIRED_FOR", "central_admins"),
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# The demo data's commands, for `docker/entrypoint.sh seed` only: the demo
# app is never installed in a serving process.
if env_bool("SAMVERKAN_DEMO_APP", False):
    INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
