"""Calendar arithmetic used by review routines and grant deadlines."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's last day
    (31 August + 6 months = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def run_moment(today: datetime.date | None = None) -> datetime.datetime:
    """The moment a daily run records: now, or the present time of day on
    `today` when a run catches up on (or a test plays) another day."""
    from django.utils import timezone

    now = timezone.now()
    if today is not None and today != timezone.localdate(now):
        now = timezone.make_aware(
            datetime.datetime.combine(today, timezone.localtime(now).time())
        )
    return now
