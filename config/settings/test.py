"""Settings for the test suite: PostgreSQL/Redis when the environment names
them (as `make test` does), SQLite and local memory otherwise."""

import os

from .base import *  # noqa: F403
from .base import EMAIL_HOST, REDIS_URL

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail stays in memory, except in the Celery worker process of the
# integration tests, which is given EMAIL_HOST: the test SMTP server.
if not EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"

if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Limits high enough for the suite; the rate-limit tests set their own.
SAMVERKAN_API = {
    **SAMVERKAN_API,  # noqa: F405
    "ANONYMOUS_REQUESTS_PER_MINUTE": 1_000_000,
    "KEY_REQUESTS_PER_MINUTE": 1_000_000,
}

# Each request sends its counts at once, so a test reads them right after;
# the benchmark's server sends them every second, as in production
# (SAMVERKAN_COUNTS_SEND_SECONDS=1; cms.infra.counter_buffer).
SAMVERKAN_COUNTS_SEND_SECONDS = float(
    os.environ.get("SAMVERKAN_COUNTS_SEND_SECONDS", "0")
)

# The public page cache is off for the suite, whose factories change pages
# without publishing (which is what moves the cache); the tests of the cache
# (tests/web/) switch it on, and so does the benchmark's server
# (SAMVERKAN_WEB_PAGE_CACHE=1).
SAMVERKAN_WEB = {  # noqa: F405
    **SAMVERKAN_WEB,  # noqa: F405
    "PAGE_CACHE": os.environ.get("SAMVERKAN_WEB_PAGE_CACHE", "0") == "1",
}

# Unit tests run tasks in-process; integration tests switch this off to send
# tasks over Redis to a real worker (tests/integration/conftest.py), whose
# process is started with SAMVERKAN_CELERY_EAGER=0 so that tasks queued by
# tasks go over the broker too, as in production.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("SAMVERKAN_CELERY_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

INSTALLED_APPS = [*INSTALLED_APPS, "demo", "tests.testapp"]  # noqa: F405

# Wagtail's reference and search indexing run only in tests marked
# `search_index` (tests/tasks_backend.py).
TASKS = {"default": {"BACKEND": "tests.tasks_backend.TestTaskBackend"}}

# Under pytest-xdist (`make test` runs the suite on every core) each worker
# process gets a Redis database of its own, for its cache and its Celery
# broker, so workers never see each other's keys or tasks. The Celery worker
# processes a test starts inherit PYTEST_XDIST_WORKER and land on the same one.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _xdist_worker.startswith("gw"):
    from urllib.parse import urlsplit, urlunsplit

    _redis = urlsplit(REDIS_URL)
    REDIS_URL = urlunsplit(_redis._replace(path=f"/{1 + int(_xdist_worker[2:])}"))
    os.environ["REDIS_URL"] = REDIS_URL
    CACHES = {**CACHES, "default": {**CACHES["default"], "LOCATION": REDIS_URL}}  # noqa: F405
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
