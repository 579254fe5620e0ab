"""Review dates of the intervention bank."""

import datetime

from django.utils import timezone

from cms.content.dates import add_months
from cms.reviews import ladder


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


def api_review_status(*, due: datetime.date | None, today: datetime.date) -> str:
    """`review_status` of the delivery API: `overdue` from the ladder's
    overdue step, `due_soon` from the heads-up until then (past the due
    date included), else `current`."""
    state = review_state(due=due, today=today)
    return ReviewState.DUE_SOON if state == ReviewState.DUE else state


def api_review_status_filter(state: str, *, today: datetime.date) -> dict:
    """Keyword filters on `next_review_due` selecting the interventions whose
    `api_review_status` is `state` (the same rule as the field)."""
    if state != ReviewState.DUE_SOON:
        return review_state_filter(state, today=today)
    due = review_state_filter(ReviewState.DUE, today=today)
    soon = review_state_filter(ReviewState.DUE_SOON, today=today)
    return {
        "next_review_due__gt": due["next_review_due__gt"],
        "next_review_due__lte": soon["next_review_due__lte"],
    }
