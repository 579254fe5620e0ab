"""The reminder ladder, from SAMVERKAN_REVIEWS (cms/reviews/conf.py)."""

import datetime
from dataclasses import dataclass

from cms.reviews.conf import review_settings


@dataclass(frozen=True)
class Step:
    name: str
    days: int  # relative to the due date; negative: before it
    notify: tuple[str, ...]
    rank: int

    @property
    def notifies_owner(self) -> bool:
        return "owner" in self.notify

    @property
    def notifies_coordinator(self) -> bool:
        return "coordinator" in self.notify


def ladder() -> list[Step]:
    """The steps, earliest first."""
    entries = sorted(review_settings()["LADDER"], key=lambda entry: entry["days"])
    return [
        Step(
            name=entry["step"],
            days=int(entry["days"]),
            notify=tuple(entry.get("notify", ())),
            rank=rank,
        )
        for rank, entry in enumerate(entries)
    ]


def steps_by_name() -> dict[str, Step]:
    return {step.name: step for step in ladder()}


def step_reached(
    *, due: datetime.date, today: datetime.date, steps: list[Step] | None = None
) -> Step | None:
    """The latest step whose day has come, or None before the first."""
    reached = None
    for step in steps if steps is not None else ladder():
        if due + datetime.timedelta(days=step.days) <= today:
            reached = step
    return reached


def horizon(*, today: datetime.date) -> datetime.date:
    """Entries due on or before this date have reached some step."""
    first = min(step.days for step in ladder())
    return today - datetime.timedelta(days=first)


def overdue_days() -> int:
    name = review_settings()["OVERDUE_STEP"]
    return steps_by_name()[name].days


def is_overdue(*, due: datetime.date | None, today: datetime.date) -> bool:
    """Overdue in the ladder's sense (listed in the report, `overdue` in the
    API): the overdue step has been reached."""
    if due is None:
        return False
    return due + datetime.timedelta(days=overdue_days()) <= today
