"""Real services for integration tests: PostgreSQL and Redis come from the
environment (`make test` starts them, see scripts/with-services.sh); this
module starts a real Celery worker process against them."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _services_available() -> bool:
    return bool(os.environ.get("REDIS_URL")) and settings.DATABASES["default"][
        "ENGINE"
    ].endswith("postgresql")


def pytest_collection_modifyitems(config, items):
    if _services_available():
        return
    if os.environ.get("SAMVERKAN_REQUIRE_SERVICES"):
        raise pytest.UsageError(
            "Integration tests need DATABASE_URL (PostgreSQL) and REDIS_URL; "
            "run them through `make test`."
        )
    skip = pytest.mark.skip(reason="needs PostgreSQL and Redis (run `make test`)")
    for item in items:
        if "integration" in item.keywords:
            item.add_marker(skip)


def _database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, tmp_path_factory, smtp_sink_server):
    """A real `celery worker` process using the test database and Redis."""
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        # Tasks queued by tasks go over the broker, as in production.
        "SAMVERKAN_CELERY_EAGER": "0",
        # The worker sends its mail to the test SMTP server.
        **smtp_sink_server.environment(),
    }
    process = celery_worker_started(
        app="config",
        name=f"test-{os.getpid()}@%h",
        options=["--concurrency=2"],
        env=env,
        log_path=log_path,
    )
    yield process
    celery_worker_stopped(process)


@pytest.fixture
def celery_worker(celery_worker_process):
    """Send tasks over the broker to the real worker for this test (unit
    tests run them eagerly in-process)."""
    from config.celery import app

    app.conf.task_always_eager = False
    yield celery_worker_process
    app.conf.task_always_eager = True


def celery_worker_started(
    *, app: str, name: str, options: list[str], env: dict, log_path: Path
) -> subprocess.Popen:
    """A `celery -A app worker` process (prefork, no gossip or mingle) with
    the extra `options`, its output in `log_path`, once it is ready. Its
    process group is killed if it does not become ready."""
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                app,
                "worker",
                "--pool=prefork",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                *options,
                "-n",
                name,
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_ready(process, log_path)
    except RuntimeError:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    return process


def celery_worker_stopped(process: subprocess.Popen) -> None:
    """Warm shutdown (SIGTERM to its process group), SIGKILL after 20 s."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _wait_until_ready(process, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Celery worker exited:\n{log_path.read_text()}")
        if "ready." in log_path.read_text():
            return
        time.sleep(0.2)
    raise RuntimeError(f"Celery worker not ready:\n{log_path.read_text()}")
