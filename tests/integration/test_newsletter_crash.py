"""The newsletter survives crashes: a real Celery worker (with its beat),
a real Redis of this module's own, a real SMTP server (aiosmtpd), PostgreSQL.

Run 1: SIGKILL the whole worker twice mid-send and restart it, restart Redis
once (it keeps nothing on disk, so every queued task is lost). Everybody gets
the issue; the only duplicates are messages in flight at a kill (at most one
per open SMTP connection per kill), each with its first copy's Message-ID;
the delivery rows agree with what the server received.

Run 2: only the Redis restart: exactly one message per subscriber."""

import pytest

from newsletter.models import Delivery
from tests.integration.newsletter_services import (
    by_recipient,
    received,
    running_services,
    running_sink,
    scheduled_issue,
    wait_for_everybody,
    wait_until,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.own_services,  # waits on workers: beside the parallel part
]

SUBSCRIBERS = 2000
REDIS_ONLY_SUBSCRIBERS = 2000
CONCURRENCY = 2
KILLS = 2


@pytest.fixture
def smtp_sink():
    with running_sink() as sink:
        yield sink


@pytest.fixture
def services(tmp_path, smtp_sink):
    with running_services(
        tmp_path, smtp_sink, CONCURRENCY, RATE_PER_SECOND=300
    ) as running:
        yield running


def _assert_rows_agree(issue, copies):
    rows = Delivery.objects.filter(issue=issue).select_related("subscriber")
    assert rows.count() == len(copies)
    assert set(rows.values_list("status", flat=True)) == {Delivery.Status.SENT}
    for row in rows:
        expected = f"<newsletter.{issue.pk}.{row.pk}@testserver>"
        assert set(copies[row.subscriber.email]) == {expected}


def test_nothing_is_lost_through_worker_kills_and_a_redis_restart(services, smtp_sink):
    redis, worker = services
    issue, emails = scheduled_issue("k", SUBSCRIBERS)
    worker.start()

    for threshold in (SUBSCRIBERS // 4, SUBSCRIBERS // 2):
        wait_until(
            lambda t=threshold: received(smtp_sink) >= t, 60, f"{threshold} messages"
        )
        worker.kill()
        worker.start()
    wait_until(
        lambda: received(smtp_sink) >= SUBSCRIBERS * 3 // 4, 60, "3/4 of the messages"
    )
    redis.stop()
    redis.start()

    wait_for_everybody(smtp_sink, issue, emails)
    copies = by_recipient(smtp_sink)
    assert set(copies) == emails
    duplicates = sum(len(ids) - 1 for ids in copies.values())
    assert duplicates <= KILLS * CONCURRENCY
    # A duplicate carries its first copy's Message-ID, and rows match the server.
    _assert_rows_agree(issue, copies)


def test_a_redis_restart_alone_sends_exactly_one_each(services, smtp_sink):
    redis, worker = services
    issue, emails = scheduled_issue("r", REDIS_ONLY_SUBSCRIBERS)
    worker.start()

    wait_until(
        lambda: received(smtp_sink) >= REDIS_ONLY_SUBSCRIBERS // 3,
        60,
        "1/3 of the messages",
    )
    redis.stop()
    redis.start()

    wait_for_everybody(smtp_sink, issue, emails)
    copies = by_recipient(smtp_sink)
    assert set(copies) == emails
    assert all(len(ids) == 1 for ids in copies.values())
    _assert_rows_agree(issue, copies)
