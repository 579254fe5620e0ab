"""Calendar arithmetic used by review routines and grant deadlines."""

import calendar
import datetime
import re


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


QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


def quarter_bounds(label: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of a quarter given as "2026Q4"."""
    match = QUARTER.match(label.strip().upper())
    if not match:
        raise ValueError(f"Not a quarter like 2026Q4: {label!r}")
    year, number = int(match[1]), int(match[2])
    start = datetime.date(year, 3 * number - 2, 1)
    end_month = 3 * number
    end = (
        datetime.date(year + 1, 1, 1)
        if end_month == 12
        else datetime.date(year, end_month + 1, 1)
    ) - datetime.timedelta(days=1)
    return start, end


def quarter_of(day: datetime.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"
