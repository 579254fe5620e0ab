"""The SMTP server goes down in the middle of a newsletter send and comes
back on the same port: a real Celery worker (with its beat), a real Redis
and a real SMTP server (aiosmtpd), PostgreSQL.

While the server is down the chunk tasks retry with backoff (short here,
through the settings) and no row is marked sent that the server did not
receive; once it is back, the send finishes by itself. Every subscriber
gets exactly one message with their own Message-ID, and the delivery rows
agree with what the server received."""

import collections
import time

import pytest

from newsletter.models import Delivery, NewsletterIssue
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

SUBSCRIBERS = 300
DOWN_AFTER = 100
DOWN_SECONDS = 3
CONCURRENCY = 2
Status = Delivery.Status


@pytest.fixture
def smtp_sink():
    with running_sink() as sink:
        yield sink


@pytest.fixture
def services(tmp_path, smtp_sink):
    with running_services(
        tmp_path,
        smtp_sink,
        concurrency=CONCURRENCY,
        CHUNK_SIZE=50,
        RATE_PER_SECOND=150,  # slow enough to stop the server mid-send
        RETRY_BACKOFF_SECONDS=0.5,
        RETRY_BACKOFF_MAX_SECONDS=1,
    ) as running:
        yield running


def _rows(issue) -> collections.Counter:
    return collections.Counter(
        Delivery.objects.filter(issue=issue).values_list("status", flat=True)
    )


def test_smtp_down_mid_send_loses_nothing_and_sends_nothing_twice(services, smtp_sink):
    _redis, worker = services
    issue, emails = scheduled_issue("smtp-down", SUBSCRIBERS)
    worker.start()

    wait_until(lambda: received(smtp_sink) >= DOWN_AFTER, 30, "the send to start")
    smtp_sink.stop()
    at_stop = received(smtp_sink)
    time.sleep(DOWN_SECONDS)  # the chunks meet a closed port and retry

    rows = _rows(issue)
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENDING
    assert at_stop < SUBSCRIBERS
    # Nothing is marked sent that the server did not receive and nothing
    # failed. A message whose last line went out just before the server
    # vanished is in doubt (at most one per connection): it waits out its
    # lease and goes again with its Message-ID. Every other row is pending.
    assert rows[Status.SENT] == received(smtp_sink) == at_stop
    assert rows[Status.SENDING] <= CONCURRENCY
    assert rows[Status.PENDING] + rows[Status.SENDING] == SUBSCRIBERS - at_stop
    assert "Retry in" in worker.log()

    smtp_sink.start()  # the same port
    wait_for_everybody(smtp_sink, issue, emails, timeout=30)

    copies = by_recipient(smtp_sink)
    assert set(copies) == emails
    assert all(len(ids) == 1 for ids in copies.values())
    rows = Delivery.objects.filter(issue=issue).select_related("subscriber")
    assert set(rows.values_list("status", flat=True)) == {Status.SENT}
    for row in rows:
        assert copies[row.subscriber.email] == [
            f"<newsletter.{issue.pk}.{row.pk}@testserver>"
        ]
