"""What a host project's settings take over to install Samverkan
(docs/operations/install.md). Plain values, nothing read from the
environment; the reference host (config/settings/base.py) uses them too.

- INSTALLED_APPS: Samverkan's apps first (the public site's templates
  restyle the other apps' public pages), then Wagtail with Samverkan's
  users app in place of `wagtail.users`, then what the apps need.
  `installed_apps(host_apps)` splices them into an existing list.
- MIDDLEWARE: the whole list, in order. cms/checks.py reports a missing
  Samverkan middleware or one in the wrong place.
- AUTHENTICATION_BACKENDS, AXES_*, WAGTAILADMIN_USER_PASSWORD_RESET_FORM:
  the admin login's lockout and password reset.
- REST_FRAMEWORK, SPECTACULAR_SETTINGS: the delivery API.
- CELERY_BEAT_SCHEDULE: the periodic tasks (sweeps, digests, reminders).
- CONTEXT_PROCESSOR: add to TEMPLATES' context processors (the public
  site's region and languages).

`from samverkan.settings import *` takes every Django setting here (the
names in __all__); a host then sets INSTALLED_APPS with installed_apps().
"""

import datetime

from celery.schedules import crontab

from django.utils.translation import gettext_lazy as _

__all__ = [
    "INSTALLED_APPS",
    "MIDDLEWARE",
    "AUTHENTICATION_BACKENDS",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_TIME",
    "AXES_LOCKOUT_PARAMETERS",
    "AXES_CLIENT_IP_CALLABLE",
    "AXES_RESET_ON_SUCCESS",
    "AXES_LOCKOUT_CALLABLE",
    "AXES_DISABLE_ACCESS_LOG",
    "WAGTAILADMIN_USER_PASSWORD_RESET_FORM",
    "REST_FRAMEWORK",
    "SPECTACULAR_SETTINGS",
    "WAGTAILADMIN_PERMITTED_LANGUAGES",
    "CELERY_BEAT_SCHEDULE",
]

# Samverkan's own apps, first in INSTALLED_APPS; `web` first of all, so its
# templates restyle the other apps' public pages.
SAMVERKAN_APPS = ["web", "cms", "delivery", "newsletter", "sync"]
# Wagtail's users app, with user management scoped to a region.
USERS_APP = "cms.scoping.users_app.UsersConfig"
# Apps Samverkan needs besides Wagtail's core and Django's contrib apps.
REQUIRED_APPS = [
    # Translation of pages and snippets in the admin (replaces wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.api.v2",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "anymail",
]
# Apps a host must not install beside Samverkan's.
REPLACED_APPS = {
    "wagtail.users": USERS_APP,
    "wagtail.users.apps.WagtailUsersAppConfig": USERS_APP,
    "wagtail.locales": "wagtail_localize.locales",
}

INSTALLED_APPS = [
    *SAMVERKAN_APPS,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    USERS_APP,
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "anymail",
]


def installed_apps(host_apps: list[str]) -> list[str]:
    """`host_apps` (an existing Wagtail site's INSTALLED_APPS) after
    Samverkan's apps and the apps they need (as in INSTALLED_APPS: before
    Wagtail's, whose templates some of them override), with `wagtail.users`
    and `wagtail.locales` replaced by Samverkan's choices."""
    host = [REPLACED_APPS.get(app, app) for app in host_apps]
    spliced = [*SAMVERKAN_APPS]
    spliced += [app for app in REQUIRED_APPS if app not in host]
    for app in host:
        if app not in spliced:
            spliced.append(app)
    return spliced


MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses an oversized body (413) before anything reads it.
    "cms.http.request_limits.RequestSizeLimitMiddleware",
    # Static files (optional; a host serving them otherwise leaves it out).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Headers of every response, the partner middleware's own answers too.
    "cms.http.content_security.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The content language by the path's /<lang>/ prefix (web/languages.py):
    # before the page cache, whose keys carry it, and before the partner
    # middleware, whose refusals are then in Swedish.
    "web.languages.ContentLanguageMiddleware",
    # The partner endpoints: API keys, rate limits, CORS, usage counts. A
    # 304 or stored answer is given from here (delivery.api.conditional):
    # a partner read needs no session, user, CSRF or two-factor check.
    "delivery.access.middleware.PartnerAccessMiddleware",
    # Public pages from the cache (web/caching.py): before the session, so
    # a hit touches no session, user or database.
    "web.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Two-factor login: request.user.is_verified(), then no page for a
    # session that still owes its code (cms.two_factor).
    "django_otp.middleware.OTPMiddleware",
    "cms.two_factor.middleware.TwoFactorMiddleware",
    # A request that may write runs in one transaction (a publish and its
    # change-log row commit together).
    "cms.http.middleware.WriteTransactionMiddleware",
    # A deletion that PROTECT refuses: 409 or a message, not a 500.
    "cms.http.middleware.ProtectedDeletionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Brute-force protection of the admin login (django-axes): after
# AXES_FAILURE_LIMIT failed logins for one user name from one address, that
# pair is refused for AXES_COOLOFF_TIME. The address is the project's one
# client address (cms.http.client.client_ip, SAMVERKAN_TRUSTED_PROXY_COUNT),
# so a forged X-Forwarded-For changes nothing.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "cms.http.client.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cms.scoping.login_lockout.lockout_response"
# Failed attempts only; no log of every successful login (personal data).
AXES_DISABLE_ACCESS_LOG = True
# The admin's password reset queues its mail from a task after commit, for
# known and unknown addresses alike (no enumeration oracle by time).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = (
    "cms.scoping.password_reset.QueuedPasswordResetForm"
)

# The public site's region, languages and settings in every template.
CONTEXT_PROCESSOR = "web.context_processors.public_site"

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # An anonymous user (not None): Wagtail's API v2 asks view restrictions
    # whether request.user may pass.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samverkan delivery API",
    "DESCRIPTION": (
        "The public endpoints of the collaboration: interventions, "
        "organisations, news, events (meetings), groups and people, the "
        "changes feed, the Open Referral HSDS 3 view and the syndication feeds."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "PREPROCESSING_HOOKS": ["delivery.api.schema.only_delivery_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "delivery.api.schema.error_responses",
    ],
    # OpenAPI 3.1: nullable references are expressed so that validators
    # (and generated clients) accept the nulls the API really returns.
    "OAS_VERSION": "3.1.0",
}

# Wagtail's admin in Swedish or English (content languages: LANGUAGES).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]

CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {
        "task": "cms.tasks.worker_heartbeat",
        "schedule": 60.0,
    },
    # A content-version bump lost while Redis was down is made up for.
    "content-version-catch-up": {
        "task": "cms.tasks.content_version_catch_up",
        "schedule": 60.0,
    },
    # Partner API usage counters, from the cache to the database.
    "api-usage-flush": {
        "task": "delivery.tasks.api_usage_flush",
        "schedule": 300.0,
    },
    # Reads of interventions (usage statistics), from the cache to the database.
    "intervention-reads-flush": {
        "task": "cms.tasks.intervention_reads_flush",
        "schedule": 300.0,
    },
    # Newsletter: start scheduled issues, re-dispatch stalled sends.
    "newsletter-tick": {
        "task": "newsletter.tasks.tick",
        "schedule": 60.0,
    },
    # Subscriptions asked for while the broker, the worker or the mail
    # server was down are queued again; old requests are deleted.
    "newsletter-subscription-requests-sweep": {
        "task": "newsletter.tasks.sweep_subscription_requests",
        "schedule": 300.0,
    },
    "newsletter-purge-unconfirmed": {
        "task": "newsletter.tasks.purge_unconfirmed",
        "schedule": crontab(hour=3, minute=15),
    },
    # On the 20th: remind communicators if next month has no issue yet.
    "newsletter-remind-communicators": {
        "task": "newsletter.tasks.remind_communicators",
        "schedule": crontab(day_of_month=20, hour=9, minute=0),
    },
    # The review routine's daily digests (cms.reviews), early each morning.
    "review-digests-daily": {
        "task": "cms.reviews.tasks.reviews_send_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    # Grant report deadlines (cms.deadlines): reminders and escalation.
    "deadline-reminders-daily": {
        "task": "cms.deadlines.tasks.deadlines_send_reminders",
        "schedule": crontab(hour=6, minute=45),
    },
    # Suggesters' names and e-mail addresses, after the retention time.
    "suggesters-purge-expired": {
        "task": "cms.personal_data.tasks.suggesters_purge_expired",
        "schedule": crontab(hour=3, minute=30),
    },
    # The admin's imports (cms.importing): fail runs whose worker died,
    # queue lost ones again, delete old files and reports.
    "import-runs-sweep": {
        "task": "cms.importing.tasks.import_runs_sweep_task",
        "schedule": 300.0,
    },
    # Partner pushes (sync): deliveries due again, lost tasks queued again.
    "sync-sweep": {
        "task": "sync.tasks.sync_sweep",
        "schedule": 30.0,
    },
}
