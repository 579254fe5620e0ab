"""The newsletter survives crashes: a real Celery worker (with its beat),
a real Redis of this module's own, a real SMTP server (aiosmtpd), PostgreSQL.

Run 1: SIGKILL the whole worker twice mid-send and restart it, restart Redis
once (it keeps nothing on disk, so every queued task is lost). Everybody gets
the issue; the only duplicates are messages in flight at a kill (at most one
per open SMTP connection per kill), each with its first copy's Message-ID;
the delivery rows agree with what the server received.

Run 2: only the Redis restart: exactly one message per subscriber."""

import collections
import os
import signal
import socket
import subprocess
import sys
import time
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from django.utils import timezone

from newsletter.models import Delivery, NewsletterIssue
from tests.integration.conftest import _database_url, _wait_until_ready
from tests.newsletter.factories import (
    AudienceFactory,
    IssueFactory,
    confirmed_subscribers,
)
from tests.smtp_sink import SmtpSink, free_port

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 2000
REDIS_ONLY_SUBSCRIBERS = 2000
CONCURRENCY = 2
KILLS = 2


class Redis:
    """A redis-server of our own that we may restart; it saves nothing, so a
    restart loses every queued message."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(
                    ("127.0.0.1", self.port), timeout=0.2
                ) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


class Worker:
    """`celery worker -B` (beat embedded) against our Redis, the test
    database and the SMTP sink; killable with SIGKILL."""

    def __init__(self, redis: Redis, sink, directory: Path):
        self.redis = redis
        self.sink = sink
        self.directory = directory
        self.process = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        run_dir = self.directory / f"run{self.starts}"
        run_dir.mkdir()
        log_path = run_dir / "worker.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.newsletter.worker_settings",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": self.redis.url,
            "CELERY_BROKER_URL": self.redis.url,
            "CELERY_RESULT_BACKEND": self.redis.url,
            "SAMVERKAN_VAR_DIR": str(run_dir),  # a fresh beat schedule file
            "SAMVERKAN_NEWSLETTER_TICK_SECONDS": "1",
            "SAMVERKAN_NEWSLETTER_LEASE_SECONDS": "3",
            "SAMVERKAN_NEWSLETTER_RATE": "300",
            **self.sink.environment(),
        }
        with log_path.open("w") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "-B",
                    "--pool=prefork",
                    f"--concurrency={CONCURRENCY}",
                    "--loglevel=INFO",
                    "--without-gossip",
                    "--without-mingle",
                    "-n",
                    f"newsletter-{os.getpid()}-{self.starts}@%h",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _wait_until_ready(self.process, log_path)

    def kill(self) -> None:
        """SIGKILL the worker, its pool and its beat at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()


class _HeadersOnly:
    """Keeps each message's envelope recipients and Message-ID; parsing only
    the headers keeps this SMTP server from being the slowest part."""

    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        headers = BytesHeaderParser(policy=compat32).parsebytes(envelope.content)
        with self.sink.lock:
            self.sink.messages.append(
                {"To": headers["To"], "Message-ID": headers["Message-ID"]}
            )
            self.sink.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


class FastSink(SmtpSink):
    def start(self) -> None:
        self._controller = Controller(
            _HeadersOnly(self), hostname=self.host, port=self.port
        )
        self._controller.start()


@pytest.fixture
def smtp_sink():
    sink = FastSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def services(tmp_path, smtp_sink):
    redis = Redis(tmp_path)
    redis.start()
    worker = Worker(redis, smtp_sink, tmp_path)
    yield redis, worker
    worker.stop()
    redis.stop()


def _scheduled_issue(prefix: str, count: int):
    audience = AudienceFactory(slug=f"crash-{prefix}")
    subscribers = confirmed_subscribers(count, audience, prefix=prefix)
    issue = IssueFactory(subject="Kraschtest", audiences=[audience])
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.Status.SCHEDULED, scheduled_at=timezone.now()
    )
    return issue, {s.email for s in subscribers}


def _wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _received(sink) -> int:
    with sink.lock:
        return len(sink.messages)


def _recipients(sink) -> set[str]:
    with sink.lock:
        return {rcpt for _sender, rcpts in sink.envelopes for rcpt in rcpts}


def _wait_for_everybody(sink, issue, emails, timeout=90):
    def done():
        # Cheap while messages arrive: the sink's lock is held briefly.
        if _received(sink) < len(emails):
            return False
        issue.refresh_from_db()
        return (
            issue.status == NewsletterIssue.Status.SENT and _recipients(sink) >= emails
        )

    try:
        _wait_until(done, timeout, "every subscriber to receive the issue")
    except AssertionError:
        counts = collections.Counter(
            Delivery.objects.filter(issue=issue).values_list("status", flat=True)
        )
        raise AssertionError(
            f"issue {issue.status}, rows {dict(counts)}, received {_received(sink)}"
        ) from None


def _by_recipient(sink) -> dict[str, list[str]]:
    copies = collections.defaultdict(list)
    with sink.lock:
        for message in sink.messages:
            copies[message["To"]].append(message["Message-ID"].strip())
    return copies


def _assert_rows_agree(issue, copies):
    rows = Delivery.objects.filter(issue=issue).select_related("subscriber")
    assert rows.count() == len(copies)
    assert set(rows.values_list("status", flat=True)) == {Delivery.Status.SENT}
    for row in rows:
        expected = f"<newsletter.{issue.pk}.{row.pk}@testserver>"
        assert set(copies[row.subscriber.email]) == {expected}


def test_nothing_is_lost_through_worker_kills_and_a_redis_restart(services, smtp_sink):
    redis, worker = services
    issue, emails = _scheduled_issue("k", SUBSCRIBERS)
    worker.start()

    for threshold in (SUBSCRIBERS // 4, SUBSCRIBERS // 2):
        _wait_until(
            lambda t=threshold: _received(smtp_sink) >= t, 60, f"{threshold} messages"
        )
        worker.kill()
        worker.start()
    _wait_until(
        lambda: _received(smtp_sink) >= SUBSCRIBERS * 3 // 4, 60, "3/4 of the messages"
    )
    redis.stop()
    redis.start()

    _wait_for_everybody(smtp_sink, issue, emails)
    copies = _by_recipient(smtp_sink)
    assert set(copies) == emails
    duplicates = sum(len(ids) - 1 for ids in copies.values())
    assert duplicates <= KILLS * CONCURRENCY
    # A duplicate carries its first copy's Message-ID, and rows match the server.
    _assert_rows_agree(issue, copies)


def test_a_redis_restart_alone_sends_exactly_one_each(services, smtp_sink):
    redis, worker = services
    issue, emails = _scheduled_issue("r", REDIS_ONLY_SUBSCRIBERS)
    worker.start()

    _wait_until(
        lambda: _received(smtp_sink) >= REDIS_ONLY_SUBSCRIBERS // 3,
        60,
        "1/3 of the messages",
    )
    redis.stop()
    redis.start()

    _wait_for_everybody(smtp_sink, issue, emails)
    copies = _by_recipient(smtp_sink)
    assert set(copies) == emails
    assert all(len(ids) == 1 for ids in copies.values())
    _assert_rows_agree(issue, copies)
