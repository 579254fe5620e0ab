"""Sending an issue to its subscribers, so that nothing is lost.

Each (issue, subscriber) has one Delivery row. A chunk task claims a row
(pending -> sending) just before handing its message to the SMTP server and
marks it sent after the server accepted it (on PostgreSQL in the same
statement that claims the next row; see delivery_claims.py). A sender
that dies in between leaves at most one row in "sending" per open
connection: after the claim lease that row is in doubt, and is either
resent with the same Message-ID or held as "uncertain" for a person
(IN_DOUBT_POLICY). Pausing or cancelling stops every chunk at its next row,
so no row is left in "sending" by a pause. The beat
task `issue_tick` starts scheduled issues and re-dispatches the rows of an
issue that stopped moving (lost broker messages, killed workers)."""

import datetime
import smtplib
import time
from itertools import islice

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cms.http.ratelimit import rate_limit_hit
from cms.infra.enqueue import enqueue_after_commit, task
from newsletter.conf import from_email, newsletter_setting
from newsletter.models import Delivery, NewsletterIssue, Subscriber
from newsletter.rendering import issue_bodies_for_sending, issue_render
from newsletter.selectors import issue_recipients
from newsletter.services.delivery_claims import (
    Claim,
    DeliveryClaims,
    deliveries_create,
    deliveries_sendable,
    delivery_finish,
    lease_cutoff,
)
from newsletter.services.messages import NewsletterMessage, delivery_message_id
from newsletter.services.subscribers import subscriber_links
from newsletter.services.transport import NotHandedOver, Transport

IssueStatus = NewsletterIssue.Status
Status = Delivery.Status
# Stands for a subscriber's token in links built once per chunk.
TOKEN = "00000000-0000-4000-8000-000000000000"


def _batched(iterable, size: int):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def issue_start_sending(*, issue_id: int) -> bool:
    """Freeze the issue's rendering, create one delivery row per recipient
    and dispatch the chunks. Only a scheduled issue starts, once."""
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue_id)
        if issue.status != IssueStatus.SCHEDULED:
            return False
        rendered = issue_render(issue=issue)
        issue.html_frozen = rendered.html
        issue.text_frozen = rendered.text
        for translation in issue.translations.all():
            rendered = issue_render(issue=issue, translation=translation)
            translation.html_frozen = rendered.html
            translation.text_frozen = rendered.text
            translation.save(update_fields=["html_frozen", "text_frozen"])
        issue.status = IssueStatus.SENDING
        issue.started_at = timezone.now()
        issue.save()
        deliveries_create(issue_id=issue.pk, recipients=issue_recipients(issue=issue))
        enqueue_after_commit(
            lambda: issue_dispatch(issue_id=issue_id), what="newsletter chunks"
        )
    return True


def issue_dispatch(*, issue_id: int) -> int:
    """Enqueue chunk tasks covering every row not yet done. Extra chunk
    tasks are harmless: rows are claimed one by one."""
    ids = Delivery.objects.filter(
        issue_id=issue_id, status__in=[Status.PENDING, Status.SENDING]
    ).order_by("pk")
    chunks = 0
    for chunk in _batched(
        ids.values_list("pk", flat=True), newsletter_setting("CHUNK_SIZE")
    ):
        task("newsletter.tasks.send_chunk").delay(issue_id, chunk[0], chunk[-1])
        chunks += 1
    return chunks


class GlobalRate:
    """At most `rate` messages per second over every worker, counted by the
    project's one limiter (cms.http.ratelimit) in one-second windows. If the
    cache is down it lets messages through rather than stop the send."""

    sleep = staticmethod(time.sleep)  # the wait for the next window

    def __init__(self, rate: int):
        self.rate = rate

    def wait(self) -> None:
        while self.rate:
            try:
                decision = rate_limit_hit(
                    limit_name="newsletter-send",
                    bucket="all",
                    limit=self.rate,
                    window_seconds=1,
                )
            except Exception:  # noqa: BLE001 - fail open, see docstring
                return
            if decision.allowed:
                return
            self.sleep(max(0.0, decision.window_ends_at - time.time()))


class IssueMessages:
    """The issue's message in each language its readers chose, rendered
    (or read frozen) once per language and chunk, not per reader: its
    translation's, else the Swedish issue's."""

    def __init__(self, *, issue):
        self.issue = issue
        self.translations = {t.language: t for t in issue.translations.all()}
        self.messages = {}

    def for_language(self, language: str) -> NewsletterMessage:
        translation = self.translations.get(language)
        key = translation.language if translation else ""
        if key not in self.messages:
            self.messages[key] = NewsletterMessage(
                rendered=issue_bodies_for_sending(
                    issue=self.issue, translation=translation
                ),
                subject=(translation or self.issue).subject,
                from_email=from_email(),
            )
        return self.messages[key]


def deliveries_send_chunk(*, issue_id: int, first_id: int, last_id: int) -> int:
    """Send the chunk's sendable rows over one SMTP connection; returns how
    many the server accepted. It stops at the next row once the issue is
    paused or cancelled. SMTP connection errors propagate (the task
    retries); the row in flight then stays claimed until its lease ends."""
    issue = NewsletterIssue.objects.get(pk=issue_id)
    if issue.status != IssueStatus.SENDING:
        return 0
    rows = list(
        deliveries_sendable(issue_id=issue_id, first_id=first_id, last_id=last_id)
    )
    if not rows:
        issue_finish_if_done(issue_id=issue_id)
        return 0
    messages = IssueMessages(issue=issue)
    links = subscriber_links(subscriber=Subscriber(token=TOKEN))
    hold_in_doubt = newsletter_setting("IN_DOUBT_POLICY") == "hold"
    rate = GlobalRate(newsletter_setting("RATE_PER_SECOND"))
    accepted = 0
    accepted_unmarked = None  # accepted by the server, marked with the next claim
    with Transport() as transport, DeliveryClaims(issue_id=issue_id) as claims:
        try:
            for row in rows:
                if rate.rate and accepted_unmarked is not None:
                    # Recorded before the wait: a sender killed while it
                    # waits for the rate resends nothing it had sent.
                    delivery_finish(pk=accepted_unmarked, status=Status.SENT)
                    accepted_unmarked = None
                rate.wait()  # before the claim, so a claim is never held waiting
                claim = claims.claim(row, sent_pk=accepted_unmarked)
                accepted_unmarked = None
                if claim is Claim.STOPPED:
                    return accepted  # paused or cancelled
                if claim is Claim.TAKEN:
                    continue
                if row.status == Status.SENDING and hold_in_doubt:
                    delivery_finish(
                        pk=row.pk,
                        status=Status.UNCERTAIN,
                        error=Delivery.Reason.SENDER_STOPPED,
                    )
                    continue
                if row.subscriber__status != Subscriber.Status.CONFIRMED:
                    delivery_finish(
                        pk=row.pk,
                        status=Status.SKIPPED,
                        error=Delivery.Reason.NO_LONGER_SUBSCRIBED,
                    )
                    continue
                token = str(row.subscriber__token)
                to = row.subscriber__email
                message = messages.for_language(row.subscriber__language)
                data = message.as_bytes(
                    to=to,
                    unsubscribe_url=links["unsubscribe"].replace(TOKEN, token),
                    preferences_url=links["preferences"].replace(TOKEN, token),
                    message_id=delivery_message_id(
                        issue_id=issue_id, delivery_id=row.pk, domain=message.domain
                    ),
                )
                if _send(transport, message.sender, to, data, row.pk):
                    accepted_unmarked = row.pk
                    accepted += 1
        finally:
            if accepted_unmarked is not None:
                delivery_finish(pk=accepted_unmarked, status=Status.SENT)
    issue_finish_if_done(issue_id=issue_id)
    return accepted


def _send(transport, sender: str, to: str, data: bytes, pk: int) -> bool:
    """True once the server accepted the message; False (row failed) when
    it refused it for good. Raises, with the row pending again, when the
    server refused it for now or the connection failed before the message
    was handed over; raises, with the row left claimed (in doubt), when the
    connection failed while the server had the whole message."""
    try:
        transport.send(sender=sender, to=to, data=data)
    except NotHandedOver:
        delivery_finish(pk=pk, status=Status.PENDING)
        raise
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        return _refused(pk, code, reply, error)
    except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
        return _refused(pk, error.smtp_code, error.smtp_error, error)
    return True


def _refused(pk: int, code: int, reply, error: smtplib.SMTPException) -> bool:
    """A refusal for now (4xx) puts the row back and raises for the retry;
    a refusal for good (5xx) fails the row."""
    if code < 500:
        delivery_finish(pk=pk, status=Status.PENDING)
        raise error
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", errors="replace")
    delivery_finish(pk=pk, status=Status.FAILED, error=f"{code} {reply}"[:500])
    return False


def issue_finish_if_done(*, issue_id: int) -> bool:
    if Delivery.objects.filter(
        issue_id=issue_id, status__in=[Status.PENDING, Status.SENDING]
    ).exists():
        return False
    return bool(
        NewsletterIssue.objects.filter(pk=issue_id, status=IssueStatus.SENDING).update(
            status=IssueStatus.SENT, sent_at=timezone.now()
        )
    )


def issue_tick(*, now: datetime.datetime | None = None) -> dict:
    """The beat task's work: start scheduled issues that are due, finish or
    re-dispatch issues whose sending stopped moving for a whole lease."""
    now = now or timezone.now()
    started = 0
    due = NewsletterIssue.objects.filter(
        status=IssueStatus.SCHEDULED, scheduled_at__lte=now
    ).values_list("pk", flat=True)
    for issue_id in list(due):
        started += issue_start_sending(issue_id=issue_id)
    redispatched = 0
    cutoff = lease_cutoff()
    sending = NewsletterIssue.objects.filter(status=IssueStatus.SENDING)
    for issue in sending.filter(started_at__lt=cutoff):
        if issue_finish_if_done(issue_id=issue.pk):
            continue
        moving = Delivery.objects.filter(
            Q(claimed_at__gte=cutoff) | Q(sent_at__gte=cutoff), issue=issue
        ).exists()
        if not moving:
            redispatched += issue_dispatch(issue_id=issue.pk)
    return {"started": started, "redispatched": redispatched}
