"""Real services for the newsletter's integration tests: a Redis of the
test's own that it may restart, a Celery worker (with its beat) that it may
SIGKILL, an SMTP server (aiosmtpd) that keeps only what the checks need, and
the waits and tallies over what that server received."""

import collections
import contextlib
import json
import os
import signal
import time
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

from aiosmtpd.controller import Controller

from django.utils import timezone

from newsletter.models import Delivery, NewsletterIssue
from tests.integration.conftest import _database_url, celery_worker_started
from tests.integration.redis_server import RedisServer
from tests.newsletter.factories import (
    AudienceFactory,
    IssueFactory,
    confirmed_subscribers,
)
from tests.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]


class Worker:
    """`celery worker -B` (beat embedded) against our Redis, the test
    database and the SMTP sink; killable with SIGKILL."""

    def __init__(
        self, redis: RedisServer, sink, directory: Path, concurrency: int, **settings
    ):
        self.redis = redis
        self.sink = sink
        self.directory = directory
        self.concurrency = concurrency
        self.settings = settings  # newsletter settings for this worker
        self.process = None
        self.log_path = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        run_dir = self.directory / f"run{self.starts}"
        run_dir.mkdir()
        log_path = self.log_path = run_dir / "worker.log"
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
            "SAMVERKAN_NEWSLETTER_OVERRIDES": json.dumps(self.settings),
            **self.sink.environment(),
        }
        self.process = celery_worker_started(
            app="config",
            name=f"newsletter-{os.getpid()}-{self.starts}@%h",
            options=["-B", f"--concurrency={self.concurrency}"],
            env=env,
            log_path=log_path,
        )

    def log(self) -> str:
        """The log of the worker's current run."""
        return self.log_path.read_text()

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


def scheduled_issue(prefix: str, count: int):
    audience = AudienceFactory(slug=f"crash-{prefix}")
    subscribers = confirmed_subscribers(count, audience, prefix=prefix)
    issue = IssueFactory(subject="Kraschtest", audiences=[audience])
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.Status.SCHEDULED, scheduled_at=timezone.now()
    )
    return issue, {s.email for s in subscribers}


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def received(sink) -> int:
    with sink.lock:
        return len(sink.messages)


def recipients(sink) -> set[str]:
    with sink.lock:
        return {rcpt for _sender, rcpts in sink.envelopes for rcpt in rcpts}


def wait_for_everybody(sink, issue, emails, timeout=90):
    def done():
        # Cheap while messages arrive: the sink's lock is held briefly.
        if received(sink) < len(emails):
            return False
        issue.refresh_from_db()
        return (
            issue.status == NewsletterIssue.Status.SENT and recipients(sink) >= emails
        )

    try:
        wait_until(done, timeout, "every subscriber to receive the issue")
    except AssertionError:
        counts = collections.Counter(
            Delivery.objects.filter(issue=issue).values_list("status", flat=True)
        )
        raise AssertionError(
            f"issue {issue.status}, rows {dict(counts)}, received {received(sink)}"
        ) from None


def by_recipient(sink) -> dict[str, list[str]]:
    copies = collections.defaultdict(list)
    with sink.lock:
        for message in sink.messages:
            copies[message["To"]].append(message["Message-ID"].strip())
    return copies


@contextlib.contextmanager
def running_sink():
    sink = FastSink()
    sink.start()
    try:
        yield sink
    finally:
        sink.stop()


@contextlib.contextmanager
def running_services(directory: Path, sink, concurrency: int, **settings):
    """Our Redis and a worker sending to `sink` (not started yet), with
    these newsletter settings."""
    redis = RedisServer(directory)
    redis.start()
    worker = Worker(redis, sink, directory, concurrency, **settings)
    try:
        yield redis, worker
    finally:
        worker.stop()
        redis.stop()
