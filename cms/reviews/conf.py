"""The SAMVERKAN_REVIEWS settings of the review routine, read when used
(never at import time); the keys a host sets override DEFAULTS.

- LADDER: the steps in order, by days relative to the due date (negative:
  before), and who is told: "owner" (the responsible owner's digest),
  "coordinator" (a copy to the organisation's review coordinator), or
  nobody ([]: the step only marks the entry, e.g. "overdue" in the report
  and the API).
- WEEKLY_CAP_DAYS: at most one digest per person in this many days unless
  something new falls due.
- LINK_MAX_AGE_DAYS: how long the digests' one-click links work.
- SNOOZE_MAX_DAYS: the longest snooze.
- OVERDUE_STEP: from this step on an entry counts as overdue in the report
  and as `review_status: overdue` in the API.
"""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "LADDER": [
        {"step": "heads_up", "days": -14, "notify": ["owner"]},
        {"step": "due", "days": 0, "notify": ["owner"]},
        {"step": "reminder", "days": 7, "notify": ["owner"]},
        {"step": "escalated", "days": 14, "notify": ["owner", "coordinator"]},
        {"step": "overdue", "days": 30, "notify": []},
    ],
    "WEEKLY_CAP_DAYS": 7,
    "LINK_MAX_AGE_DAYS": 30,
    "SNOOZE_MAX_DAYS": 30,
    "OVERDUE_STEP": "overdue",
}


def review_settings() -> dict[str, Any]:
    return {**DEFAULTS, **getattr(settings, "SAMVERKAN_REVIEWS", {})}
