"""Fixtures of the sync integration tests: a Celery worker of our own that
can be SIGKILLed and restarted, and the test Redis restarted in place."""

import contextlib
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import redis

from tests.integration.conftest import _database_url, celery_worker_started


class KillableWorker:
    """A `celery worker` process (own process group) on a queue of its own,
    with the sync settings given as environment variables."""

    def __init__(self, *, log_dir: Path, queue: str, environment: dict):
        self.log_dir = log_dir
        self.queue = queue
        self.environment = environment
        self.process = None
        self.starts = 0

    def start(self):
        self.starts += 1
        log_path = self.log_dir / f"worker-{self.starts}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _database_url(),
            "SAMVERKAN_SYNC_QUEUE": self.queue,
            **self.environment,
        }
        self.process = celery_worker_started(
            app="tests.integration.sync_worker_app",
            name=f"sync-{os.getpid()}-{self.starts}@%h",
            options=["--concurrency=2", "--without-heartbeat", "-Q", self.queue],
            env=env,
            log_path=log_path,
        )

    def kill(self):
        """SIGKILL the worker and its pool children, mid-whatever."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_text(self) -> str:
        return "\n".join(
            path.read_text() for path in sorted(self.log_dir.glob("worker-*.log"))
        )


def redis_restart(url: str) -> None:
    """Shut the Redis server down without saving (queued messages are lost,
    as after a crash without persistence) and start it again on the same
    port, directory and pid file, so scripts/with-services.sh still stops it."""
    client = redis.Redis.from_url(url)
    config = {
        key: client.config_get(key)[key]
        for key in ("port", "dir", "pidfile", "logfile", "bind")
    }
    # The server closes the connection as it goes.
    with contextlib.suppress(redis.ConnectionError):
        client.shutdown(nosave=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            redis.Redis.from_url(url, socket_timeout=0.2).ping()
            time.sleep(0.1)
        except redis.ConnectionError:
            break
    time.sleep(0.5)  # Redis is down for a moment
    subprocess.run(
        [
            "redis-server",
            "--bind",
            config["bind"].split()[0],
            "--port",
            config["port"],
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
            "--dir",
            config["dir"],
            "--pidfile",
            config["pidfile"],
            "--logfile",
            config["logfile"],
        ],
        check=True,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            redis.Redis.from_url(url).ping()
            return
        except redis.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("Redis did not come back")


@pytest.fixture
def sync_worker_factory(tmp_path, django_db_setup):
    """Start KillableWorkers on a fresh queue; this process sends its tasks
    over the broker to them for the test."""
    from config.celery import app

    workers = []

    def make(environment: dict) -> KillableWorker:
        worker = KillableWorker(
            log_dir=tmp_path,
            queue=f"sync-test-{uuid.uuid4().hex[:8]}",
            environment=environment,
        )
        workers.append(worker)
        return worker

    app.conf.task_always_eager = False
    yield make
    app.conf.task_always_eager = True
    for worker in workers:
        worker.stop()
