"""Settings of the host: what `wagtail start` writes, then the steps of
docs/operations/install.md. HOST_DIR (a temporary folder) holds its
database and files; HOST_PRODUCTION=1 gives it production's settings
(for `check --deploy`); HOST_MISINSTALLED=1 undoes three of the steps,
as a careless host would (for the system checks to report)."""

import os
from pathlib import Path

from samverkan import settings as samverkan

# Install, step 1: Samverkan's settings (its middleware in order, the
# login's lockout and password reset, the delivery API, the periodic tasks).
from samverkan.settings import *  # noqa: F403

BASE_DIR = Path(os.environ["HOST_DIR"])
PRODUCTION = os.environ.get("HOST_PRODUCTION") == "1"
MISINSTALLED = os.environ.get("HOST_MISINSTALLED") == "1"

SECRET_KEY = os.environ["HOST_SECRET_KEY"]
DEBUG = not PRODUCTION
ALLOWED_HOSTS = ["testserver", "localhost", "host.example"]

# The site's own list, as `wagtail start` makes it (its own apps left out).
HOST_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# Step 2: Samverkan's apps spliced into the site's own list.
INSTALLED_APPS = samverkan.installed_apps(HOST_APPS)
# The periodic tasks run in-process here: the test has no worker.
CELERY_TASK_ALWAYS_EAGER = True
# Languages: Swedish first, content translatable.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

ROOT_URLCONF = "tests.host.hostsite.urls"

if MISINSTALLED:
    # Wagtail's users app kept, two-step login's middleware left out,
    # Wagtail's admin URLs routed before Samverkan's side doors.
    INSTALLED_APPS = [
        "wagtail.users" if app == samverkan.USERS_APP else app for app in INSTALLED_APPS
    ]
    MIDDLEWARE = [
        entry
        for entry in MIDDLEWARE  # noqa: F405
        if entry != "cms.two_factor.middleware.TwoFactorMiddleware"
    ]
    ROOT_URLCONF = "tests.host.hostsite.misordered_urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Step 3: the public site's context.
                samverkan.CONTEXT_PROCESSOR,
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "host.sqlite3",
        # A throwaway database: no waiting for the disk on every commit.
        "OPTIONS": {"init_command": "PRAGMA synchronous=OFF"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

WAGTAIL_SITE_NAME = "Värdsajten"
WAGTAILADMIN_BASE_URL = "https://host.example"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    X_FRAME_OPTIONS = "DENY"
    SAMVERKAN_TWO_FACTOR = {"REQUIRED_FOR": "central_admins"}
    # One cache for every process (not contacted by `check`).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
