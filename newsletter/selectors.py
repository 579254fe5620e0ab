"""Reads of the newsletter app."""

from django.db.models import Case, Count, QuerySet, Value, When

from newsletter.models import Audience, Delivery, NewsletterIssue, Subscriber
from newsletter.scoping import newsletter_scoped


def issue_recipients(*, issue: NewsletterIssue) -> QuerySet[Subscriber]:
    """Confirmed subscribers of the issue's region in any of the issue's
    audiences, once each; of the issue's language when it has one."""
    recipients = Subscriber.objects.filter(
        region=issue.region_id,
        status=Subscriber.Status.CONFIRMED,
        pk__in=Subscriber.audiences.through.objects.filter(
            audience__in=issue.audiences.all()
        ).values("subscriber_id"),
    )
    if issue.language:
        recipients = recipients.filter(language=issue.language)
    return recipients


def issue_progress(*, issue: NewsletterIssue) -> dict:
    """Delivery counts by status, the total and the share done (0-100)."""
    counts = dict.fromkeys(Delivery.Status.values, 0)
    rows = (
        Delivery.objects.filter(issue=issue)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["status"]] = row["n"]
    total = sum(counts.values())
    finished = total - counts["pending"] - counts["sending"]
    return {
        "counts": counts,
        "total": total,
        "finished": finished,
        "percent": round(100 * finished / total) if total else 0,
    }


def issue_deliveries(*, issue: NewsletterIssue, status: str = "") -> QuerySet:
    rows = Delivery.objects.filter(issue=issue).select_related("subscriber")
    if status:
        rows = rows.filter(status=status)
    # Problems first, then in sending order.
    problem = Case(
        When(status__in=["failed", "uncertain"], then=Value(0)),
        default=Value(1),
    )
    return rows.order_by(problem, "pk")


def issues_archived(*, region) -> QuerySet[NewsletterIssue]:
    """The region's issues that went out, newest first: what the region's
    public archive shows."""
    return NewsletterIssue.objects.filter(
        region=region,
        status__in=[NewsletterIssue.Status.SENT, NewsletterIssue.Status.SENDING],
        started_at__isnull=False,
    ).order_by("-started_at")


def issue_last_sent(*, region) -> NewsletterIssue | None:
    return issues_archived(region=region).first()


def audiences_of(*, user):
    return newsletter_scoped(Audience.objects.all(), user=user)


def subscribers_of(*, user):
    return newsletter_scoped(Subscriber.objects.all(), user=user)


def issues_of(*, user):
    return newsletter_scoped(NewsletterIssue.objects.all(), user=user)
