"""The container setup, checked without Docker, PostgreSQL or Redis.

The entrypoint runs for real with ENTRYPOINT_DRY_RUN=1, which prints the
command it would exec; the compose file is read as YAML; the production
settings go through `manage.py check --deploy` in a subprocess.
"""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCKER_DIR = REPO_ROOT / "docker"
ENTRYPOINT = DOCKER_DIR / "entrypoint.sh"
COMPOSE_FILE = DOCKER_DIR / "compose.yaml"


def run_entrypoint(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PORT", "WEB_CONCURRENCY", "CELERY_CONCURRENCY"}
    }
    env.update(ENTRYPOINT_DRY_RUN="1", **extra_env)
    return subprocess.run(
        [str(ENTRYPOINT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def exec_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("exec:")]
    assert len(lines) == 1, result.stdout
    return lines[0]


def test_entrypoint_is_executable():
    assert os.access(ENTRYPOINT, os.X_OK)


def test_web_skips_wait_and_migrate_then_execs_gunicorn_on_port():
    result = run_entrypoint("web", PORT="9000")

    assert result.stdout.splitlines() == [
        "skip: wait_for_db",
        "skip: migrate",
        "exec: gunicorn config.wsgi:application --bind 0.0.0.0:9000"
        " --workers 3 --access-logfile -",
    ]


def test_web_is_the_default_and_binds_8000():
    line = exec_line(run_entrypoint())

    assert line.startswith("exec: gunicorn config.wsgi:application ")
    assert "--bind 0.0.0.0:8000" in line


def test_web_concurrency_sets_gunicorn_workers():
    line = exec_line(run_entrypoint("web", WEB_CONCURRENCY="5"))

    assert "--workers 5" in line


def test_worker_execs_celery_worker():
    line = exec_line(run_entrypoint("worker", CELERY_CONCURRENCY="4"))

    assert line == "exec: celery -A config worker --loglevel=INFO --concurrency=4"


def test_beat_execs_celery_beat_with_schedule_in_tmp():
    line = exec_line(run_entrypoint("beat"))

    assert line == (
        "exec: celery -A config beat --loglevel=INFO"
        " --schedule=/tmp/celerybeat-schedule"
    )


def test_migrate_waits_for_db_then_migrates_only():
    result = run_entrypoint("migrate")

    assert result.stdout.splitlines() == [
        "skip: wait_for_db",
        "exec: python manage.py migrate --noinput",
    ]


def test_seed_runs_seed_demo():
    line = exec_line(run_entrypoint("seed"))

    assert line == "exec: python manage.py seed_demo"


def test_unknown_command_is_passed_through():
    result = run_entrypoint("python", "manage.py", "createsuperuser")

    assert result.stdout.splitlines() == ["exec: python manage.py createsuperuser"]


def test_compose_file_names_services_healthchecks_and_media_volume():
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load(COMPOSE_FILE.read_text())
    services = compose["services"]

    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("postgres", "redis", "web", "worker"):
        assert services[name].get("healthcheck", {}).get("test"), name
    for name, command in (("web", "web"), ("worker", "worker"), ("beat", "beat")):
        assert services[name]["command"] == command
        assert services[name]["build"]["dockerfile"] == "docker/Dockerfile"
        assert services[name]["environment"]["DJANGO_SETTINGS_MODULE"] == (
            "config.settings.production"
        )
    # A process that dies (a worker after a broker fault, say) is started
    # again by Docker (docs/operations/README.md).
    for name in ("postgres", "redis", "web", "worker", "beat"):
        assert services[name]["restart"] in ("always", "unless-stopped"), name
    assert "media:/app/var/media" in services["web"]["volumes"]
    assert services["web"]["environment"]["MEDIA_ROOT"] == "/app/var/media"
    assert "media" in compose["volumes"]
    assert services["web"]["environment"]["DJANGO_SECRET_KEY"].startswith(
        "${DJANGO_SECRET_KEY:?"
    )


def production_env(**overrides: str) -> dict[str, str]:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        DJANGO_ALLOWED_HOSTS="samverkan.example.se",
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/x",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    env.update(overrides)
    return env


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env()
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_secret_key():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
