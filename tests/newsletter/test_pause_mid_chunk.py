"""Pausing or cancelling while a chunk is being sent, over a real SMTP server
(aiosmtpd). The server itself pauses (or cancels) the issue while it
receives a chosen message, as a communicator pressing the button at that
instant would: the chunk stops at its next row, no row is left in
"sending", other chunks stop too, and resuming sends the rest exactly once.

The pause commits from the SMTP server's thread, so these tests use real
transactions."""

import asyncio
import collections

import pytest
from aiosmtpd.controller import Controller

from django.db import connection

from newsletter.models import Delivery, NewsletterIssue
from newsletter.services import issues, sending
from tests.newsletter.factories import IssueFactory, SubscriberFactory
from tests.smtp_sink import SmtpSink
from tests.smtp_sink import _Handler as _SinkHandler

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
Status = Delivery.Status
READERS = 30
CHUNK_SIZE = 10
STOP_AT = 15  # in the second chunk


class _StoppingHandler(_SinkHandler):
    """Accepts every message; while receiving the STOP_AT-th it runs the
    sink's `action` (pause or cancel) before it answers."""

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        with self.sink.lock:
            count = len(self.sink.messages)
        if count == STOP_AT and self.sink.action is not None:
            await asyncio.to_thread(self._act)
        return reply

    def _act(self):
        try:
            self.sink.action()
        finally:
            connection.close()  # this thread's database connection


@pytest.fixture
def stopping_sink(settings):
    sink = SmtpSink()
    sink.action = None
    sink._controller = Controller(
        _StoppingHandler(sink), hostname=sink.host, port=sink.port
    )
    sink._controller.start()
    for name, value in sink.django_settings().items():
        setattr(settings, name, value)
    settings.SAMVERKAN_NEWSLETTER = {"CHUNK_SIZE": CHUNK_SIZE}
    yield sink
    sink.stop()


@pytest.fixture
def issue(audience):
    for n in range(READERS):
        SubscriberFactory(email=f"reader{n}@example.org", audiences=[audience])
    issue = IssueFactory(audiences=[audience])
    issues.issue_schedule(issue=issue, at=issue.created_at)
    return issue


def _statuses(issue) -> collections.Counter:
    return collections.Counter(
        Delivery.objects.filter(issue=issue).values_list("status", flat=True)
    )


def _message_ids_by_recipient(sink) -> dict[str, list[str]]:
    copies = collections.defaultdict(list)
    with sink.lock:
        for message in sink.messages:
            copies[message["To"]].append(message["Message-ID"])
    return copies


def test_a_pause_mid_chunk_stops_at_the_next_row_and_resume_sends_the_rest_once(
    stopping_sink, issue
):
    stopping_sink.action = lambda: issues.issue_pause(
        issue=NewsletterIssue.objects.get(pk=issue.pk)
    )

    # Starting dispatches the three chunks; the test settings run them here.
    sending.issue_start_sending(issue_id=issue.pk)

    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.PAUSED
    assert len(stopping_sink.messages) == STOP_AT
    assert _statuses(issue) == {Status.SENT: STOP_AT, Status.PENDING: READERS - STOP_AT}

    stopping_sink.action = None
    issues.issue_resume(issue=issue)  # dispatches again, after commit

    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT
    assert _statuses(issue) == {Status.SENT: READERS}
    copies = _message_ids_by_recipient(stopping_sink)
    assert len(copies) == READERS
    assert all(len(ids) == 1 for ids in copies.values())
    rows = Delivery.objects.filter(issue=issue).select_related("subscriber")
    for row in rows:
        assert copies[row.subscriber.email] == [
            f"<newsletter.{issue.pk}.{row.pk}@testserver>"
        ]


def test_a_cancel_mid_chunk_stops_at_the_next_row_and_nothing_more_goes_out(
    stopping_sink, issue
):
    stopping_sink.action = lambda: issues.issue_cancel(
        issue=NewsletterIssue.objects.get(pk=issue.pk)
    )

    sending.issue_start_sending(issue_id=issue.pk)

    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.CANCELLED
    assert len(stopping_sink.messages) == STOP_AT
    assert _statuses(issue) == {Status.SENT: STOP_AT, Status.SKIPPED: READERS - STOP_AT}

    # A chunk task still queued somewhere finds nothing to send.
    assert sending.issue_dispatch(issue_id=issue.pk) == 0
    sending.deliveries_send_chunk(issue_id=issue.pk, first_id=0, last_id=10**9)
    assert len(stopping_sink.messages) == STOP_AT
