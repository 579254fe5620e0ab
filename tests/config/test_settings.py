"""The settings switch between the embedded defaults and PostgreSQL/Redis by
environment alone. Each settings module, with each environment the tests
give it, is loaded once, in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Settings and routing only: no django.setup(), which imports every app's
# models (2.3 of the 2.9 s of CPU a probe took); the apps' labels come
# from their AppConfig classes, as setup reads them.
PROBE = """
import json
from django.apps.config import AppConfig
from django.conf import settings
from config.celery import app
from sync.conf import conf

def queue(name, **options):
    return app.amqp.router.route(options, name, (), {})["queue"].name

print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "db_host": settings.DATABASES["default"].get("HOST", ""),
    "cache": settings.CACHES["default"]["BACKEND"],
    "broker": settings.CELERY_BROKER_URL,
    "result_backend": settings.CELERY_RESULT_BACKEND,
    "email": settings.EMAIL_BACKEND,
    "language": settings.LANGUAGE_CODE,
    "celery_broker": app.conf.broker_url,
    "security": {
        "session_secure": settings.SESSION_COOKIE_SECURE,
        "csrf_secure": settings.CSRF_COOKIE_SECURE,
        "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
        "session_samesite": settings.SESSION_COOKIE_SAMESITE,
        "csrf_samesite": settings.CSRF_COOKIE_SAMESITE,
        "session_age": settings.SESSION_COOKIE_AGE,
        "hsts": settings.SECURE_HSTS_SECONDS,
        "ssl_redirect": settings.SECURE_SSL_REDIRECT,
        "frame": settings.X_FRAME_OPTIONS,
        "proxy_header": settings.SECURE_PROXY_SSL_HEADER,
        "two_factor": settings.SAMVERKAN_TWO_FACTOR["REQUIRED_FOR"],
        "max_body": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        "max_fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        "max_image_pixels": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
    },
    "apps": sorted(AppConfig.create(entry).label for entry in settings.INSTALLED_APPS),
    "queues": {
        "drain": queue("sync.tasks.sync_target_drain", queue=conf("QUEUE")),
        "payloads": queue("sync.tasks.sync_payloads_build", queue=conf("QUEUE")),
        "resync": queue("sync.tasks.sync_target_resync"),
        "sweep": queue("sync.tasks.sync_sweep"),
        "chunk": queue("newsletter.tasks.send_chunk"),
        "other": queue("cms.tasks.suggestion_notify_editors"),
    },
}))
"""

CONFIG_VARS = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "EMAIL_HOST",
    "CACHE_URL",
)


@pytest.fixture(scope="module")
def load_settings(tmp_path_factory):
    """What PROBE prints for a settings module loaded with only `env`
    configuring it. Each combination is loaded once per module, in a fresh
    interpreter (about 0.6 s of CPU each; several tests read the same one)."""
    var_dir = tmp_path_factory.mktemp("var")
    loaded: dict[tuple, dict] = {}

    def load(module: str, **env) -> dict:
        key = (module, tuple(sorted(env.items())))
        if key not in loaded:
            loaded[key] = _load(module, var_dir, env)
        return loaded[key]

    load.var_dir = var_dir
    return load


def _load(module: str, var_dir: Path, env: dict) -> dict:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in CONFIG_VARS and not k.startswith(("DJANGO_", "SAMVERKAN_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE=module, SAMVERKAN_VAR_DIR=str(var_dir), **env
    )
    output = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_embedded_defaults_need_no_server(load_settings):
    loaded = load_settings("config.settings.dev")
    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["db_name"].startswith(str(load_settings.var_dir))
    assert loaded["cache"].endswith("FileBasedCache")
    assert loaded["broker"] == "filesystem://"
    assert loaded["celery_broker"] == "filesystem://"
    assert loaded["email"] == "cms.infra.eml_backend.EmlFileBackend"
    assert loaded["language"] == "sv"


def test_environment_selects_postgres_and_redis(load_settings):
    loaded = load_settings(
        "config.settings.dev",
        DATABASE_URL="postgres://samverkan:pw@db.internal:5432/samverkan",
        REDIS_URL="redis://cache.internal:6379/0",
        EMAIL_HOST="smtp.internal",
    )
    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["db_host"] == "db.internal"
    assert loaded["cache"].endswith("RedisCache")
    assert loaded["broker"] == "redis://cache.internal:6379/0"
    assert loaded["celery_broker"] == "redis://cache.internal:6379/0"
    assert loaded["result_backend"] == "redis://cache.internal:6379/0"
    assert loaded["email"].endswith("smtp.EmailBackend")


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "samverkan.example.se",
    "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/x",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_production_follows_the_deployment_checklist(load_settings):
    """Django's deployment checklist; `check --deploy --fail-level WARNING`
    itself runs in tests/docker/test_entrypoint.py."""
    loaded = load_settings("config.settings.production", **PRODUCTION_ENV)["security"]
    assert loaded["session_secure"] and loaded["csrf_secure"]
    assert loaded["session_httponly"]
    assert loaded["session_samesite"] == loaded["csrf_samesite"] == "Lax"
    assert 0 < loaded["session_age"] <= 12 * 60 * 60
    assert loaded["hsts"] >= 31_536_000
    assert loaded["ssl_redirect"]
    assert loaded["frame"] == "DENY"
    assert loaded["two_factor"] == "central_admins"
    # Request and upload limits (base settings, the same everywhere).
    assert loaded["max_body"] <= 10 * 1024 * 1024
    assert loaded["max_fields"] <= 10_000
    assert loaded["max_image_pixels"] <= 100_000_000


def test_forwarded_proto_is_trusted_only_behind_a_proxy(load_settings):
    behind = load_settings("config.settings.production", **PRODUCTION_ENV)["security"]
    direct = load_settings(
        "config.settings.production",
        DJANGO_BEHIND_TLS_PROXY="false",
        **PRODUCTION_ENV,
    )["security"]
    assert behind["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert direct["proxy_header"] is None


def test_two_factor_is_optional_outside_production(load_settings):
    loaded = load_settings("config.settings.dev")["security"]
    assert loaded["two_factor"] == "nobody"


def test_split_queues_put_every_sync_task_on_the_sync_queue(load_settings):
    """With SAMVERKAN_CELERY_QUEUES=split, what sync enqueues with its queue
    named and what is routed by name both reach `-Q sync` workers; without
    it, everything is on Celery's default queue."""
    split = load_settings("config.settings.dev", SAMVERKAN_CELERY_QUEUES="split")[
        "queues"
    ]
    assert split == {
        "drain": "sync",
        "payloads": "sync",
        "resync": "sync",
        "sweep": "sync",
        "chunk": "newsletter",
        "other": "celery",
    }
    default = load_settings("config.settings.dev")["queues"]
    assert set(default.values()) == {"celery"}


def test_the_demo_app_is_installed_by_the_dev_settings_only(load_settings):
    """demo/ (seed_demo, demo_accounts) is never in a serving production
    process; `docker … seed` installs it for that command alone."""
    dev = load_settings("config.settings.dev")["apps"]
    production = load_settings("config.settings.production", **PRODUCTION_ENV)["apps"]
    seeding = load_settings(
        "config.settings.production",
        SAMVERKAN_DEMO_APP="1",
        **PRODUCTION_ENV,
    )["apps"]
    assert "samverkan_demo" in dev
    assert "samverkan_demo" not in production
    assert "samverkan_delivery" in production
    assert "samverkan_demo" in seeding
