"""Settings shared by every environment.

Everything that differs between machines comes from environment variables
(documented in README.md, "Configuration"). With nothing set, Samverkan runs
on its embedded defaults: SQLite, a file-system Celery broker and a local
cache, so a laptop with only Python can run the whole system.
"""

import datetime
import os
import zoneinfo
from pathlib import Path

import dj_database_url

from cms.languages import DEFAULT_CONTENT_LANGUAGES, content_language_settings
from config.env import env, env_bool, env_list
from samverkan import settings as samverkan

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Runtime state of the embedded defaults (database, broker queue, mail, media).
VAR_DIR = Path(env("SAMVERKAN_VAR_DIR", str(BASE_DIR / "var")))
# The personas' guides, shown in the admin under "Hjälp" (cms/content/help.py).
SAMVERKAN_DOCS_DIR = BASE_DIR / "docs"

DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Samverkan installed the way docs/operations/install.md tells a host: its
# apps and middleware in order (samverkan/settings.py; cms/checks.py reports
# a missing or misplaced one).
INSTALLED_APPS = [*samverkan.INSTALLED_APPS]
MIDDLEWARE = [*samverkan.MIDDLEWARE]

# Brute-force protection of the admin login (django-axes) and the queued
# password reset: samverkan/settings.py says what each does; the limits
# here come from the environment.
AUTHENTICATION_BACKENDS = [*samverkan.AUTHENTICATION_BACKENDS]
AXES_FAILURE_LIMIT = int(env("SAMVERKAN_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(env("SAMVERKAN_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [*samverkan.AXES_LOCKOUT_PARAMETERS]
AXES_CLIENT_IP_CALLABLE = samverkan.AXES_CLIENT_IP_CALLABLE
AXES_RESET_ON_SUCCESS = samverkan.AXES_RESET_ON_SUCCESS
AXES_LOCKOUT_CALLABLE = samverkan.AXES_LOCKOUT_CALLABLE
AXES_DISABLE_ACCESS_LOG = samverkan.AXES_DISABLE_ACCESS_LOG
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = samverkan.WAGTAILADMIN_USER_PASSWORD_RESET_FORM
# How many reverse proxies in front of the app append to X-Forwarded-For
# (cms/conf.py; 0: only the socket address counts).
SAMVERKAN_TRUSTED_PROXY_COUNT = int(env("SAMVERKAN_TRUSTED_PROXY_COUNT", "0"))
# How often a process sends its requests' usage and read counts (cms/conf.py).
SAMVERKAN_COUNTS_SEND_SECONDS = float(env("SAMVERKAN_COUNTS_SEND_SECONDS", "1"))

# Two-factor login to the admin (cms.two_factor; every key and its default
# in cms/conf.py): who must use it, from the environment here.
SAMVERKAN_TWO_FACTOR = {
    "REQUIRED_FOR": env("SAMVERKAN_2FA_REQUIRED_FOR", "nobody"),
}
OTP_TOTP_ISSUER = env("SAMVERKAN_SITE_NAME", "Samverkan")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
                samverkan.CONTEXT_PROCESSOR,
            ],
        },
    },
]

# Database: DATABASE_URL (e.g. postgres://user:pass@host:5432/samverkan), or
# SQLite in VAR_DIR when unset.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'samverkan.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# The embedded SQLite serves web, worker and beat at once. A transaction
# takes the write lock when it begins and waits up to 20 s for it, instead
# of failing at once with "database is locked" when its first read turns
# into a write while another process writes (SQLite cannot wait then: the
# demo's worker lost a newsletter task that way); WAL lets readers go on
# while one process writes.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        **SQLITE_OPTIONS,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis (REDIS_URL) serves as cache and Celery broker; without it the cache is
# a file cache that every local process shares, and the broker is Kombu's
# file-system transport.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, with Redis down answered as a miss
            # (cms/infra/redis_cache.py): a request never fails for the cache.
            "BACKEND": "cms.infra.redis_cache.TolerantRedisCache",
            "LOCATION": env("CACHE_URL", REDIS_URL),
            "KEY_PREFIX": "samverkan",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Celery: settings read by config.celery (namespace CELERY_).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", REDIS_URL or None)
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "broker" / "queue"),
        "data_folder_out": str(VAR_DIR / "broker" / "queue"),
        "processed_folder": str(VAR_DIR / "broker" / "processed"),
        "control_folder": str(VAR_DIR / "broker" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem://")
    else {
        # Redis: a task not acknowledged within this time is redelivered.
        "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "3600")),
        # Queueing from a request must not hang on a broker that is down.
        "socket_connect_timeout": 1,
    }
)
# Queueing from a request gives up after about a second when the broker is
# down (cms.infra.enqueue logs it; the periodic sweeps queue the work again).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# A worker never gives up on the broker: it waits for Redis at start-up and
# reconnects after an outage however long (Celery's default stops after 100
# tries, which after a long outage ends the worker for good).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = "Europe/Stockholm"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# SAMVERKAN_CELERY_QUEUES=split: partner pushes go to the queue "sync" and
# newsletter chunks to "newsletter", the rest to Celery's default queue
# "celery", so that workers can be started (and scaled) per queue with -Q
# (docs/operations/scaling.md). Unset: every task on the default queue.
CELERY_QUEUES_SPLIT = env("SAMVERKAN_CELERY_QUEUES", "") == "split"
if CELERY_QUEUES_SPLIT:
    CELERY_TASK_ROUTES = {
        "sync.tasks.*": {"queue": "sync"},
        "newsletter.tasks.send_chunk": {"queue": "newsletter"},
    }
# The periodic tasks (samverkan/settings.py), two of them as often as the
# environment says.
CELERY_BEAT_SCHEDULE = {
    **samverkan.CELERY_BEAT_SCHEDULE,
    "newsletter-tick": {
        **samverkan.CELERY_BEAT_SCHEDULE["newsletter-tick"],
        "schedule": float(env("SAMVERKAN_NEWSLETTER_TICK_SECONDS", "60")),
    },
    "sync-sweep": {
        **samverkan.CELERY_BEAT_SCHEDULE["sync-sweep"],
        "schedule": float(env("SAMVERKAN_SYNC_SWEEP_SECONDS", "30")),
    },
}

# E-mail: EMAIL_HOST etc. for SMTP; without EMAIL_HOST, mail is written as
# .eml files to VAR_DIR/mail, one per message, that a mail program opens.
EMAIL_HOST = env("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "cms.infra.eml_backend.EmlFileBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Samverkan <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish first: no LocaleMiddleware, so every visitor gets Swedish whatever
# the browser asks for; the public site's /<lang>/ paths choose another
# content language (web.middleware); an admin user may pick English in their
# Wagtail profile.
LANGUAGE_CODE = "sv"
# Content languages (cms/languages.py): Swedish, the source, first; content
# can be translated into the others. SAMVERKAN_CONTENT_LANGUAGES=sv,en,ar
# narrows or widens the list.
LANGUAGES = content_language_settings(
    env_list("SAMVERKAN_CONTENT_LANGUAGES", list(DEFAULT_CONTENT_LANGUAGES))
)
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [*samverkan.WAGTAILADMIN_PERMITTED_LANGUAGES]
WAGTAIL_I18N_ENABLED = True
# Wagtail 8's autosave is off: with content languages on, a new page that
# autosave had already stored was then published through the add form a
# second time and answered 500 (slug already in use) in the communicator's
# browser walk. Until that is understood, editors save with "Spara utkast".
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Machine translation in the translation editor (wagtail-localize): none by
# default, so nothing calls the internet. SAMVERKAN_MACHINE_TRANSLATOR names a
# translator class (e.g. wagtail_localize.machine_translators.deepl.
# DeepLTranslator) and SAMVERKAN_MACHINE_TRANSLATOR_OPTIONS its options as JSON.
if env("SAMVERKAN_MACHINE_TRANSLATOR"):
    import json

    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": env("SAMVERKAN_MACHINE_TRANSLATOR"),
        "OPTIONS": json.loads(env("SAMVERKAN_MACHINE_TRANSLATOR_OPTIONS", "{}")),
    }
# Translations stay in step with their Swedish source page (a changed source
# marks them outdated, cms.translations).
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage",
    },
}

WAGTAIL_SITE_NAME = env("SAMVERKAN_SITE_NAME", "Samverkan")
# No calls from the admin to third parties (our CSP blocks them anyway):
# no Gravatar pictures (initials instead), no check for a newer Wagtail.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The time zones an admin user may choose: IANA names only. Debian's tzdata
# also lists "localtime" and "Factory", which the account page's script
# rejects (RangeError: Invalid time zone).
WAGTAIL_USER_TIME_ZONES = sorted(
    name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC"
)
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# Wagtail's API v2: pages of up to 100, as the delivery API allows.
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Decompression bombs: an image declaring more pixels (all frames together)
# is refused before it is decoded.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
# Request limits (cms.http.request_limits; docs/operations/security.md): a body
# other than a file upload up to DATA_UPLOAD_MAX_MEMORY_SIZE; an upload
# request up to SAMVERKAN_MAX_REQUEST_BYTES (cms/conf.py; by default the
# largest file above plus 1 MiB for the form); larger bodies get 413 before
# they are read. Wagtail's page forms need more
# than Django's default 1,000 fields for long StreamFields.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads stream to a temp file

REST_FRAMEWORK = {**samverkan.REST_FRAMEWORK}
SPECTACULAR_SETTINGS = {**samverkan.SPECTACULAR_SETTINGS}
# The public site (web/): see web/conf.py for what each key means.
SAMVERKAN_WEB = {
    "PAGE_CACHE": env_bool("SAMVERKAN_WEB_PAGE_CACHE", True),
    "BYPASS_HEADER": env("SAMVERKAN_WEB_BYPASS_HEADER", ""),
}

# The delivery API (delivery/conf.py): the response cache and the partner
# endpoints' requests per minute per client IP without a key and per API
# key (a key may have its own), from the environment.
SAMVERKAN_API = {
    "RESPONSE_CACHE": env_bool("SAMVERKAN_API_RESPONSE_CACHE", True),
    "ANONYMOUS_REQUESTS_PER_MINUTE": int(env("SAMVERKAN_API_ANONYMOUS_RATE", "120")),
    "KEY_REQUESTS_PER_MINUTE": int(env("SAMVERKAN_API_KEY_RATE", "1200")),
}

# Push to partner portals (sync/): see sync/conf.py for what each key means.
SAMVERKAN_SYNC = {
    # Fernet key for target credentials; derived from SECRET_KEY when empty.
    "CREDENTIALS_KEY": env("SAMVERKAN_SYNC_CREDENTIALS_KEY", ""),
    # Seconds to wait before each retry (Standard Webhooks' ~3 day example).
    "RETRY_SCHEDULE": [
        int(seconds)
        for seconds in env_list(
            "SAMVERKAN_SYNC_RETRY_SCHEDULE",
            ["5", "300", "1800", "7200", "18000", "36000", "50400", "72000", "86400"],
        )
    ],
    "AUTO_DISABLE_AFTER": int(env("SAMVERKAN_SYNC_AUTO_DISABLE_AFTER", "259200")),
    "CONNECT_TIMEOUT": float(env("SAMVERKAN_SYNC_CONNECT_TIMEOUT", "5")),
    "READ_TIMEOUT": float(env("SAMVERKAN_SYNC_READ_TIMEOUT", "15")),
    "LEASE_SECONDS": int(env("SAMVERKAN_SYNC_LEASE_SECONDS", "120")),
    "DRAIN_SECONDS": int(env("SAMVERKAN_SYNC_DRAIN_SECONDS", "60")),
    # The queue sync names when it enqueues: "sync" with split queues, so
    # that every sync task, routed or named, reaches the workers of -Q sync.
    "QUEUE": env("SAMVERKAN_SYNC_QUEUE", "sync" if CELERY_QUEUES_SPLIT else "celery"),
    # Hosts reached over plain http and on private addresses (tests only).
    "INSECURE_HOSTS": env_list("SAMVERKAN_SYNC_INSECURE_HOSTS", []),
    "RECORD_SUCCESSES_EVERY": int(env("SAMVERKAN_SYNC_RECORD_SUCCESSES_EVERY", "10")),
}

# The review routine (cms.reviews): its ladder and limits are the defaults in
# cms/reviews/conf.py.

# Grant report deadlines (cms.deadlines; every key and its default in
# cms/deadlines/conf.py): the responsible person is reminded these many days
# before the due date and on the day it becomes overdue, when the central
# administrators of the project owner's region are told too.
SAMVERKAN_DEADLINES = {
    "REMIND_DAYS_BEFORE": [
        int(day)
        for day in env("SAMVERKAN_DEADLINE_REMIND_DAYS", "30,7,1").split(",")
        if day.strip()
    ],
}

# Personal data (cms.personal_data; every key and its default in
# cms/personal_data/conf.py): how long a suggester's name and e-mail are kept.
SAMVERKAN_PERSONAL_DATA = {
    "SUGGESTER_RETENTION_DAYS": int(env("SAMVERKAN_SUGGESTER_RETENTION_DAYS", "365")),
}

# The newsletter; every key and its default is documented in
# newsletter/conf.py. Secrets and throughput come from the environment.
SAMVERKAN_NEWSLETTER = {
    "WEBHOOK_SECRET": env("SAMVERKAN_NEWSLETTER_WEBHOOK_SECRET", ""),
    "RATE_PER_SECOND": int(env("SAMVERKAN_NEWSLETTER_RATE", "0")),
    "CLAIM_LEASE_SECONDS": int(env("SAMVERKAN_NEWSLETTER_LEASE_SECONDS", "120")),
    "IN_DOUBT_POLICY": env("SAMVERKAN_NEWSLETTER_IN_DOUBT", "resend"),
}
# django-anymail's tracking webhooks (bounces and complaints from a mail
# provider; README "For communicators"): every ANYMAIL_<KEY> environment
# variable becomes ANYMAIL["<KEY>"], e.g. ANYMAIL_WEBHOOK_SECRET (the
# "user:password" the provider sends as basic auth; unset, the webhooks refuse
# every call) and ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY.
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and value
}
# Installation-wide groups a region's central administrators may give their
# users (cms/scoping/users.py): the newsletter's communicators, made by the
# migration samverkan_newsletter 0004.
SAMVERKAN_CENTRAL_ASSIGNABLE_GROUPS = ["Kommunikatörer"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django_tasks": {"level": "WARNING"},
    },
}
