"""Sending over a real SMTP server (aiosmtpd on loopback): test send,
schedule, send now, one delivery row each, rows marked sent only when the
server accepted, pause/resume/cancel, messages in doubt."""

import contextlib
import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from newsletter.models import Delivery, NewsletterIssue, Subscriber
from newsletter.services import issues, sending
from tests.newsletter.factories import IssueFactory, SubscriberFactory
from tests.smtp_sink import SmtpSink
from tests.smtp_sink import _Handler as _SinkHandler

pytestmark = pytest.mark.django_db
Status = Delivery.Status


@pytest.fixture
def readers(audience, other_audience):
    confirmed = [
        SubscriberFactory(email=f"reader{n}@example.org", audiences=[audience])
        for n in range(5)
    ]
    SubscriberFactory(email="both@example.org", audiences=[audience, other_audience])
    SubscriberFactory(
        email="pending@example.org",
        status=Subscriber.Status.PENDING,
        audiences=[audience],
    )
    SubscriberFactory(
        email="gone@example.org",
        status=Subscriber.Status.UNSUBSCRIBED,
        audiences=[audience],
    )
    SubscriberFactory(email="other@example.org", audiences=[other_audience])
    return confirmed


def _recipients(sink):
    return sorted(rcpt for _from, rcpts in sink.envelopes for rcpt in rcpts)


def _due(issue):
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=NewsletterIssue.Status.SCHEDULED, scheduled_at=timezone.now()
    )


def test_test_send_marks_the_subject_and_records_no_delivery(
    smtp_sink, audience, readers
):
    issue = IssueFactory(subject="Januarinytt", audiences=[audience])

    sent = issues.issue_send_test(
        issue=issue, emails=["kom@example.se", "b@example.se"]
    )

    assert sent == 2
    messages = smtp_sink.wait_for(2)
    assert {m["Subject"] for m in messages} == {"[TEST] Januarinytt"}
    assert messages[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Delivery.objects.exists()
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.DRAFT


def test_scheduled_issue_goes_out_when_due_to_confirmed_subscribers_once_each(
    smtp_sink, audience, readers, django_capture_on_commit_callbacks
):
    issue = IssueFactory(subject="Februarinytt", audiences=[audience])
    issues.issue_schedule(issue=issue, at=timezone.now() + datetime.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert sending.issue_tick() == {"started": 0, "redispatched": 0}
    assert smtp_sink.messages == []

    later = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.issue_tick(now=later)["started"] == 1

    expected = sorted([*(r.email for r in readers), "both@example.org"])
    messages = smtp_sink.wait_for(6)
    assert _recipients(smtp_sink) == expected
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT
    assert issue.html_frozen
    rows = Delivery.objects.filter(issue=issue)
    assert rows.count() == 6
    assert set(rows.values_list("status", flat=True)) == {Status.SENT}
    ids = {row.pk: row for row in rows}
    for message in messages:
        delivery_id = int(message["Message-ID"].split(".")[2].split("@")[0])
        assert ids[delivery_id].subscriber.email == message["To"]
        assert message["List-Unsubscribe"].strip() == (
            f"<http://testserver/newsletter/unsubscribe/{ids[delivery_id].subscriber.token}/>"
        )

    # Starting again creates no second row and sends nothing more.
    _due(issue)
    with django_capture_on_commit_callbacks(execute=True):
        sending.issue_tick()
    assert Delivery.objects.filter(issue=issue).count() == 6
    assert len(smtp_sink.messages) == 6


def test_send_now_asks_for_confirmation_with_the_recipient_count(
    client,
    communicator_user,
    smtp_sink,
    audience,
    readers,
    django_capture_on_commit_callbacks,
):
    issue = IssueFactory(audiences=[audience])
    client.force_login(communicator_user)
    url = reverse("samverkan_newsletter_sending", args=[issue.pk])

    page = client.get(url + "?confirm=now").content.decode()
    assert "6" in page and "send-now" in page
    assert smtp_sink.messages == []

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("samverkan_newsletter_action", args=[issue.pk, "send-now"]))
    smtp_sink.wait_for(6)
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT
    progress = client.get(url).content.decode()
    assert 'value="6"' in progress  # the progress bar
    assert "reader0@example.org" in progress


def test_pause_resume_and_cancel(
    smtp_sink, audience, readers, django_capture_on_commit_callbacks
):
    issue = IssueFactory(audiences=[audience])
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)  # chunks not run yet
    rows = Delivery.objects.filter(issue=issue).order_by("pk")
    first, last = rows.first().pk, rows.last().pk

    issues.issue_pause(issue=issue)
    assert (
        sending.deliveries_send_chunk(issue_id=issue.pk, first_id=first, last_id=last)
        == 0
    )
    assert smtp_sink.messages == []

    with django_capture_on_commit_callbacks(execute=True):
        issues.issue_resume(issue=issue)
    smtp_sink.wait_for(6)
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT

    second = IssueFactory(audiences=[audience])
    _due(second)
    sending.issue_start_sending(issue_id=second.pk)
    issues.issue_cancel(issue=second)
    rows = Delivery.objects.filter(issue=second)
    assert set(rows.values_list("status", flat=True)) == {Status.SKIPPED}
    sending.deliveries_send_chunk(issue_id=second.pk, first_id=0, last_id=10**9)
    assert len(smtp_sink.messages) == 6


def test_a_row_is_marked_sent_only_when_the_server_accepted(
    smtp_sink, audience, readers
):
    smtp_sink.refused_recipients.add("reader2@example.org")
    issue = IssueFactory(audiences=[audience])
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)

    accepted = sending.deliveries_send_chunk(
        issue_id=issue.pk, first_id=0, last_id=10**9
    )

    assert accepted == 5
    refused = Delivery.objects.get(issue=issue, subscriber__email="reader2@example.org")
    assert refused.status == Status.FAILED and "550" in refused.error
    assert Delivery.objects.filter(issue=issue, status=Status.SENT).count() == 5
    # The server's reply as text, not as Python wrote its bytes (b'...').
    assert refused.error.startswith("550 ") and "b'" not in refused.error


def test_the_sending_page_gives_the_reason_in_swedish(
    smtp_sink, audience, readers, admin_client
):
    smtp_sink.refused_recipients.add("reader2@example.org")
    issue = IssueFactory(audiences=[audience])
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)
    sending.deliveries_send_chunk(issue_id=issue.pk, first_id=0, last_id=10**9)

    page = admin_client.get(
        reverse("samverkan_newsletter_sending", args=(issue.pk,)),
        {"status": "failed"},
        HTTP_ACCEPT_LANGUAGE="sv",
    ).content.decode()

    assert "E-postservern avvisade det: 550" in page
    assert "b&#x27;" not in page and "b'" not in page


def test_smtp_server_down_leaves_rows_unsent_for_the_retry(
    smtp_sink, audience, readers
):
    issue = IssueFactory(audiences=[audience])
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)
    smtp_sink.stop()
    try:
        with pytest.raises(OSError):
            sending.deliveries_send_chunk(issue_id=issue.pk, first_id=0, last_id=10**9)
    finally:
        smtp_sink.start()
    assert not Delivery.objects.filter(issue=issue, status=Status.SENT).exists()
    assert (
        sending.deliveries_send_chunk(issue_id=issue.pk, first_id=0, last_id=10**9) == 6
    )


def _in_doubt(issue):
    """A row its sender claimed and never finished (the sender died)."""
    row = Delivery.objects.filter(issue=issue).order_by("pk").first()
    Delivery.objects.filter(pk=row.pk).update(
        status=Status.SENDING,
        attempts=1,
        claimed_at=timezone.now() - datetime.timedelta(minutes=10),
    )
    return row


def test_a_message_in_doubt_is_resent_with_the_same_message_id(
    smtp_sink, audience, readers, django_capture_on_commit_callbacks
):
    issue = IssueFactory(audiences=[audience])
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)
    row = _in_doubt(issue)
    Delivery.objects.filter(issue=issue).exclude(pk=row.pk).update(
        status=Status.SENT,
        claimed_at=timezone.now() - datetime.timedelta(minutes=10),
        sent_at=timezone.now() - datetime.timedelta(minutes=10),
    )
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=10)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert sending.issue_tick()["redispatched"] == 1

    [message] = smtp_sink.wait_for(1)
    assert message["Message-ID"] == f"<newsletter.{issue.pk}.{row.pk}@testserver>"
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 2


def test_in_doubt_policy_hold_marks_uncertain_for_a_person(
    smtp_sink, audience, readers, settings, django_capture_on_commit_callbacks
):
    settings.SAMVERKAN_NEWSLETTER = {"IN_DOUBT_POLICY": "hold"}
    issue = IssueFactory(audiences=[audience])
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)
    row = _in_doubt(issue)

    sending.deliveries_send_chunk(issue_id=issue.pk, first_id=0, last_id=10**9)
    row.refresh_from_db()
    assert row.status == Status.UNCERTAIN
    assert len(smtp_sink.wait_for(5)) == 5
    issue.refresh_from_db()
    assert issue.status == NewsletterIssue.Status.SENT

    with django_capture_on_commit_callbacks(execute=True):
        assert issues.issue_resend_uncertain(issue=issue) == 1
    smtp_sink.wait_for(6)
    row.refresh_from_db()
    assert row.status == Status.SENT


def test_a_row_claimed_by_a_live_sender_is_left_alone(smtp_sink, audience, readers):
    issue = IssueFactory(audiences=[audience])
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)
    row = Delivery.objects.filter(issue=issue).order_by("pk").first()
    Delivery.objects.filter(pk=row.pk).update(
        status=Status.SENDING, claimed_at=timezone.now()
    )
    assert (
        sending.deliveries_send_chunk(issue_id=issue.pk, first_id=0, last_id=10**9) == 5
    )


def test_who_unsubscribed_after_the_start_is_skipped(smtp_sink, audience, readers):
    issue = IssueFactory(audiences=[audience])
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)
    Subscriber.objects.filter(email="reader1@example.org").update(
        status=Subscriber.Status.UNSUBSCRIBED
    )
    assert (
        sending.deliveries_send_chunk(issue_id=issue.pk, first_id=0, last_id=10**9) == 5
    )
    assert "reader1@example.org" not in _recipients(smtp_sink)


def test_global_rate_limits_messages_per_second():
    import time

    limiter = sending.GlobalRate(3)
    started = time.monotonic()
    for _n in range(7):
        limiter.wait()
    # 7 messages at 3 per second span at least two second boundaries.
    assert time.monotonic() - started >= 1.0


class _PipeliningHandler(_SinkHandler):
    """The test SMTP server, advertising PIPELINING (as Postfix does)."""

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return [*responses[:-1], "250-PIPELINING", responses[-1]]


@contextlib.contextmanager
def _sink_with(handler_class, settings):
    """A test SMTP server answering with `handler_class`, used by Django."""
    from aiosmtpd.controller import Controller

    sink = SmtpSink()
    sink._controller = Controller(
        handler_class(sink), hostname=sink.host, port=sink.port
    )
    sink._controller.start()
    for name, value in sink.django_settings().items():
        setattr(settings, name, value)
    try:
        yield sink
    finally:
        sink.stop()


@pytest.fixture
def pipelining_sink(settings):
    with _sink_with(_PipeliningHandler, settings) as sink:
        yield sink


def test_pipelined_sending_to_a_server_that_offers_it(
    pipelining_sink, audience, readers
):
    pipelining_sink.refused_recipients.add("reader3@example.org")
    issue = IssueFactory(
        subject="Åttonde numret",
        audiences=[audience],
        # A line that starts with a dot must survive SMTP's dot-stuffing.
        body='[{"type": "intro", "value": "<p>Hej!</p><p>.punkt först</p>"}]',
    )
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)

    accepted = sending.deliveries_send_chunk(
        issue_id=issue.pk, first_id=0, last_id=10**9
    )

    assert accepted == 5
    messages = pipelining_sink.wait_for(5)
    assert sorted(m["To"] for m in messages) == sorted(
        ["both@example.org", *(f"reader{n}@example.org" for n in (0, 1, 2, 4))]
    )
    for message in messages:
        assert message["Subject"] == "Åttonde numret"
        assert not message.defects
        assert "\n.punkt först" in message.get_body(("plain",)).get_content()
        assert "Read in the browser" in message.get_body(("html",)).get_content() or (
            "Läs i webbläsaren" in message.get_body(("html",)).get_content()
        )
    refused = Delivery.objects.get(issue=issue, subscriber__email="reader3@example.org")
    assert refused.status == Status.FAILED and "550" in refused.error


class _DroppingHandler(_SinkHandler):
    """Drops the connection when asked to take mail for reader2."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == "reader2@example.org":
            server.transport.close()
            return "421 4.3.0 Going away"
        return await super().handle_RCPT(
            server, session, envelope, address, rcpt_options
        )


def test_a_connection_lost_before_the_message_went_out_leaves_it_pending(
    settings, audience, readers
):
    from newsletter.services.transport import NotHandedOver

    issue = IssueFactory(audiences=[audience])
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)
    with _sink_with(_DroppingHandler, settings) as sink, pytest.raises(NotHandedOver):
        sending.deliveries_send_chunk(issue_id=issue.pk, first_id=0, last_id=10**9)

    # Not in doubt: the server never had it, so it is simply pending again.
    dropped = Delivery.objects.get(issue=issue, subscriber__email="reader2@example.org")
    assert dropped.status == Status.PENDING
    sent = Delivery.objects.filter(issue=issue, status=Status.SENT)
    assert sorted(sent.values_list("subscriber__email", flat=True)) == _recipients(sink)
    assert not Delivery.objects.filter(issue=issue, status=Status.SENDING).exists()


def test_a_database_error_in_a_chunk_is_retried(smtp_sink, audience, readers):
    """PostgreSQL restarting mid-send: the chunk task retries with backoff
    instead of failing and waiting for the lease to run out."""
    from celery.exceptions import Retry

    from django.db import OperationalError, connection

    from newsletter import tasks

    issue = IssueFactory(audiences=[audience])
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)
    outage = {"queries": 1}

    def database_restarting(execute, sql, params, many, context):
        if outage["queries"]:
            outage["queries"] -= 1
            raise OperationalError(
                "terminating connection due to administrator command"
            )
        return execute(sql, params, many, context)

    with connection.execute_wrapper(database_restarting):
        try:
            result = tasks.send_chunk.apply(args=(issue.pk, 0, 10**9))
        except Retry:  # eager: the retry ran at once, or was scheduled
            result = None
    assert outage["queries"] == 0
    if result is not None:
        assert result.state in {"SUCCESS", "RETRY"}, result.traceback
    # What the retry sends: every row, once.
    sending.deliveries_send_chunk(issue_id=issue.pk, first_id=0, last_id=10**9)
    assert Delivery.objects.filter(issue=issue, status=Status.SENT).count() == 6


def test_with_a_send_rate_an_accepted_message_is_marked_before_the_wait(
    smtp_sink, audience, readers, settings, monkeypatch
):
    """A sender killed while it waits for the rate (no `finally` runs) must
    not resend what the server accepted: at every wait, every accepted
    message is already marked sent."""
    settings.SAMVERKAN_NEWSLETTER = {
        **getattr(settings, "SAMVERKAN_NEWSLETTER", {}),
        "RATE_PER_SECOND": 1,
    }
    issue = IssueFactory(audiences=[audience])
    _due(issue)
    sending.issue_start_sending(issue_id=issue.pk)
    seen_at_waits = []
    real_sleep = sending.GlobalRate.sleep

    def sleep(seconds):  # the rate's wait: look at what is recorded now
        seen_at_waits.append(
            (
                len(smtp_sink.messages),
                Delivery.objects.filter(issue=issue, status=Status.SENT).count(),
            )
        )
        real_sleep(seconds)

    monkeypatch.setattr(sending.GlobalRate, "sleep", staticmethod(sleep))
    sending.deliveries_send_chunk(issue_id=issue.pk, first_id=0, last_id=10**9)
    assert seen_at_waits  # the rate made it wait
    assert all(accepted == marked for accepted, marked in seen_at_waits), seen_at_waits
