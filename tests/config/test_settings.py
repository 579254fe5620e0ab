"""The settings switch between the embedded defaults and PostgreSQL/Redis by
environment alone. Each case loads the settings in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
import django
django.setup()
from django.conf import settings
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "db_host": settings.DATABASES["default"].get("HOST", ""),
    "cache": settings.CACHES["default"]["BACKEND"],
    "broker": settings.CELERY_BROKER_URL,
    "result_backend": settings.CELERY_RESULT_BACKEND,
    "email": settings.EMAIL_BACKEND,
    "language": settings.LANGUAGE_CODE,
    "celery_broker": __import__("config.celery", fromlist=["app"]).app.conf.broker_url,
}))
"""

CONFIG_VARS = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "EMAIL_HOST",
    "CACHE_URL",
)


def load_settings(module: str, tmp_path, **env) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS}
    environment.update(
        DJANGO_SETTINGS_MODULE=module, SAMVERKAN_VAR_DIR=str(tmp_path), **env
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


def test_embedded_defaults_need_no_server(tmp_path):
    loaded = load_settings("config.settings.dev", tmp_path)
    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["db_name"].startswith(str(tmp_path))
    assert loaded["cache"].endswith("FileBasedCache")
    assert loaded["broker"] == "filesystem://"
    assert loaded["celery_broker"] == "filesystem://"
    assert loaded["email"].endswith("filebased.EmailBackend")
    assert loaded["language"] == "sv"


def test_environment_selects_postgres_and_redis(tmp_path):
    loaded = load_settings(
        "config.settings.dev",
        tmp_path,
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
