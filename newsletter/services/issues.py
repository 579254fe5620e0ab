"""Composing, test-sending, scheduling and controlling an issue."""

import datetime
import json

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.infra.enqueue import enqueue_after_commit
from newsletter.conf import from_email
from newsletter.models import Delivery, NewsletterIssue
from newsletter.rendering import (
    issue_preview_url,
    issue_render,
    issue_rendered_for_sending,
)
from newsletter.selectors import issue_last_sent
from newsletter.services.messages import NewsletterMessage
from newsletter.services.transport import Transport

IssueStatus = NewsletterIssue.Status
FILLED_BLOCKS = {"news", "meetings", "interventions"}
MEETINGS_AHEAD_DAYS = 45
MAX_ITEMS = 10


class IssueStateError(Exception):
    """The issue is not in a state that allows this."""


def issue_fill_period_start(
    *, now: datetime.datetime, region=None
) -> datetime.datetime:
    last = issue_last_sent(region=region)
    if last is not None and last.started_at:
        return last.started_at
    return now - datetime.timedelta(days=31)


def _ended(*, today: datetime.date) -> Q:
    """Interventions a reader can no longer join: marked as ended, or past
    their end date. The newsletter does not announce them."""
    from cms.models import InterventionStatus

    return Q(status=InterventionStatus.ENDED) | Q(end_date__lt=today)


def issue_fill_from_recent(
    *, issue: NewsletterIssue, now: datetime.datetime | None = None
) -> dict[str, int]:
    """Replace the issue's news, meetings and interventions blocks with the
    public content published or changed since the last issue went out (a
    month back for the first issue) and the meetings of the coming weeks.
    Intro, free text and images stay as the communicator wrote them. Only
    the issue's region's content (and its last issue) counts."""
    from cms import selectors

    if not issue.is_editable:
        raise IssueStateError(_("Only a draft or scheduled issue can be changed."))
    now = now or timezone.now()
    region = issue.region
    if region is None:
        raise IssueStateError(_("Choose the issue's region first."))
    since = issue_fill_period_start(now=now, region=region)
    news = list(
        selectors.news_public()
        .descendant_of(region)
        .filter(last_published_at__gte=since)[:MAX_ITEMS]
    )
    meetings = list(
        selectors.meetings_upcoming(now=now, region=region).filter(
            starts_at__lte=now + datetime.timedelta(days=MEETINGS_AHEAD_DAYS)
        )[:MAX_ITEMS]
    )
    changed = list(
        selectors.interventions_published()
        .descendant_of(region)
        .filter(last_published_at__gte=since)
        .exclude(_ended(today=timezone.localdate(now)))
        .order_by("-last_published_at")[: MAX_ITEMS * 2]
    )
    new = [p for p in changed if p.first_published_at and p.first_published_at >= since]
    updated = [p for p in changed if p not in new]

    kept = [b for b in issue.body.raw_data if b["type"] not in FILLED_BLOCKS]
    intro = [b for b in kept if b["type"] == "intro"]
    rest = [b for b in kept if b["type"] != "intro"]
    filled = []
    with translation.override(issue.language or "sv"):
        sections = [
            ("news", _("News"), news),
            ("meetings", _("Coming meetings"), meetings),
            ("interventions", _("New interventions"), new[:MAX_ITEMS]),
            ("interventions", _("Updated interventions"), updated[:MAX_ITEMS]),
        ]
    for block_type, heading, pages in sections:
        if pages:
            filled.append(
                {
                    "type": block_type,
                    "value": {"heading": heading, "pages": [p.pk for p in pages]},
                }
            )
    issue.body = json.dumps([*intro, *filled, *rest])
    issue.save()
    return {
        "news": len(news),
        "meetings": len(meetings),
        "new_interventions": len(new[:MAX_ITEMS]),
        "updated_interventions": len(updated[:MAX_ITEMS]),
    }


def issue_send_test(*, issue: NewsletterIssue, emails: list[str]) -> int:
    """Send the issue as it stands to the named addresses, subject marked
    as a test. No delivery rows: a test is not a send. Until the issue is
    sent, its "read in the browser" link carries a preview token (the
    archive shows only sent issues otherwise)."""
    if issue.html_frozen:
        rendered = issue_rendered_for_sending(issue=issue)
    else:
        rendered = issue_render(issue=issue, archive_url=issue_preview_url(issue=issue))
    message = NewsletterMessage(
        rendered=rendered,
        subject=_("[TEST] %(subject)s") % {"subject": issue.subject},
        from_email=from_email(),
    )
    with Transport() as transport:
        for email in emails:
            transport.send(
                sender=message.sender,
                to=email,
                data=message.as_bytes(
                    to=email,
                    unsubscribe_url=rendered.archive_url,
                    preferences_url=rendered.archive_url,
                ),
            )
    return len(emails)


def issue_schedule(*, issue: NewsletterIssue, at: datetime.datetime) -> None:
    if not issue.is_editable:
        raise IssueStateError(_("Only a draft or scheduled issue can be scheduled."))
    if not issue.audiences.exists():
        raise IssueStateError(_("Choose at least one audience first."))
    issue.status = IssueStatus.SCHEDULED
    issue.scheduled_at = at
    issue.save(update_fields=["status", "scheduled_at", "updated_at"])


def issue_unschedule(*, issue: NewsletterIssue) -> None:
    updated = NewsletterIssue.objects.filter(
        pk=issue.pk, status=IssueStatus.SCHEDULED
    ).update(status=IssueStatus.DRAFT, scheduled_at=None)
    if not updated:
        raise IssueStateError(_("The issue is not scheduled."))


def issue_send_now(*, issue: NewsletterIssue) -> None:
    from newsletter import tasks

    issue_schedule(issue=issue, at=timezone.now())
    enqueue_after_commit(
        lambda: tasks.start_issue.delay(issue.pk), what="the newsletter start"
    )


def _change_status(issue: NewsletterIssue, *, from_: list[str], to: str) -> None:
    updated = NewsletterIssue.objects.filter(pk=issue.pk, status__in=from_).update(
        status=to
    )
    if not updated:
        raise IssueStateError(_("The issue cannot do that in its current state."))
    issue.refresh_from_db()


def issue_pause(*, issue: NewsletterIssue) -> None:
    _change_status(issue, from_=[IssueStatus.SENDING], to=IssueStatus.PAUSED)


def issue_resume(*, issue: NewsletterIssue) -> None:
    from newsletter.services.sending import issue_dispatch

    _change_status(issue, from_=[IssueStatus.PAUSED], to=IssueStatus.SENDING)
    enqueue_after_commit(
        lambda: issue_dispatch(issue_id=issue.pk), what="newsletter chunks"
    )


def issue_cancel(*, issue: NewsletterIssue) -> None:
    """Stop for good: rows not yet handed to the server are skipped (a row
    being sent right now finishes)."""
    with transaction.atomic():
        _change_status(
            issue,
            from_=[IssueStatus.SCHEDULED, IssueStatus.SENDING, IssueStatus.PAUSED],
            to=IssueStatus.CANCELLED,
        )
        Delivery.objects.filter(issue=issue, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SKIPPED, error=Delivery.Reason.CANCELLED
        )


def issue_resend_uncertain(*, issue: NewsletterIssue) -> int:
    """A person decided: send the messages held as uncertain again (same
    Message-ID, so a receiver can drop a copy it already has)."""
    from newsletter.services.sending import issue_dispatch

    with transaction.atomic():
        count = Delivery.objects.filter(
            issue=issue, status=Delivery.Status.UNCERTAIN
        ).update(status=Delivery.Status.PENDING)
        if count:
            NewsletterIssue.objects.filter(
                pk=issue.pk, status__in=[IssueStatus.SENT, IssueStatus.SENDING]
            ).update(status=IssueStatus.SENDING, sent_at=None)
            enqueue_after_commit(
                lambda: issue_dispatch(issue_id=issue.pk), what="newsletter chunks"
            )
    return count
