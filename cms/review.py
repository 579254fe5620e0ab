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


class ReviewState:
    OVERDUE = "overdue"  # the ladder's overdue step reached
    DUE = "due"  # past its due date, not yet overdue
    DUE_SOON = "due_soon"  # within the ladder's heads-up before the due date
    CURRENT = "current"
    UNSCHEDULED = "unscheduled"


def review_state(
    *, due: datetime.date | None, today: datetime.date | None = None
) -> str:
    """Where an intervention stands on the reminder ladder (see
    cms/reviews/ladder.py, the one place that says how many days)."""
    from cms.reviews import ladder

    today = today or timezone.localdate()
    if due is None:
        return ReviewState.UNSCHEDULED
    if ladder.is_overdue(due=due, today=today):
        return ReviewState.OVERDUE
    if due < today:
        return ReviewState.DUE
    if due <= ladder.horizon(today=today):
        return ReviewState.DUE_SOON
    return ReviewState.CURRENT


def review_state_filter(state: str, *, today: datetime.date | None = None) -> dict:
    """Keyword filters on `next_review_due` selecting one review state (the
    same rule as `review_state`)."""
    from cms.reviews import ladder

    today = today or timezone.localdate()
    last_not_overdue = today - datetime.timedelta(days=ladder.overdue_days())
    horizon = ladder.horizon(today=today)
    return {
        ReviewState.OVERDUE: {"next_review_due__lte": last_not_overdue},
        ReviewState.DUE: {
            "next_review_due__gt": last_not_overdue,
            "next_review_due__lt": today,
        },
        ReviewState.DUE_SOON: {
            "next_review_due__gte": today,
            "next_review_due__lte": horizon,
        },
        ReviewState.CURRENT: {"next_review_due__gt": horizon},
        ReviewState.UNSCHEDULED: {"next_review_due__isnull": True},
    }[state]
