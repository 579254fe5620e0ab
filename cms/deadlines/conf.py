"""Settings of the deadline reminders: `SAMVERKAN_DEADLINES` in the Django
settings, read when needed (never at import time), over these defaults."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Days before the due date on which the responsible person is reminded.
    "REMIND_DAYS_BEFORE": [30, 7, 1],
    # On the day after the due date (overdue), tell the responsible person
    # and the central administrators of the project owner's region.
    "ESCALATE_OVERDUE": True,
    # A deadline overdue for longer than this when a run first sees it (the
    # feature switched on, the beat down for days) raises no alarm any more.
    "OVERDUE_CATCH_UP_DAYS": 7,
}


def deadline_settings() -> dict[str, Any]:
    return {**DEFAULTS, **getattr(settings, "SAMVERKAN_DEADLINES", {})}


def remind_days_before() -> list[int]:
    """The offsets, latest first (30, 7, 1), without duplicates."""
    days = {int(day) for day in deadline_settings()["REMIND_DAYS_BEFORE"]}
    return sorted((day for day in days if day > 0), reverse=True)
