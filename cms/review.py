"""Review dates of the intervention bank."""

import datetime

from django.utils import timezone

from cms.dates import add_months


def next_review_due(
    *,
    last_reviewed_at: datetime.datetime | None,
    interval_months: int,
    fallback: datetime.datetime | None = None,
) -> datetime.date | None:
    """The date the next review falls due: the interval after the last
    review, or after `fallback` (first publication) if never reviewed."""
    start = last_reviewed_at or fallback
    if start is None:
        return None
    return add_months(timezone.localdate(start), interval_months)


HEADS_UP_DAYS = 14


class ReviewState:
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    CURRENT = "current"
    UNSCHEDULED = "unscheduled"


def review_state(
    *, due: datetime.date | None, today: datetime.date | None = None
) -> str:
    today = today or timezone.localdate()
    if due is None:
        return ReviewState.UNSCHEDULED
    if due < today:
        return ReviewState.OVERDUE
    if due <= today + datetime.timedelta(days=HEADS_UP_DAYS):
        return ReviewState.DUE_SOON
    return ReviewState.CURRENT


def review_state_filter(state: str, *, today: datetime.date | None = None) -> dict:
    """Keyword filters on `next_review_due` selecting one review state."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=HEADS_UP_DAYS)
    return {
        ReviewState.OVERDUE: {"next_review_due__lt": today},
        ReviewState.DUE_SOON: {
            "next_review_due__gte": today,
            "next_review_due__lte": soon,
        },
        ReviewState.CURRENT: {"next_review_due__gt": soon},
        ReviewState.UNSCHEDULED: {"next_review_due__isnull": True},
    }[state]
