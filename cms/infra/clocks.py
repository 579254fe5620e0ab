"""The clocks a stored answer follows besides its content versions.

An answer that shows something of the time (coming meetings, review states,
seats held today) is stored for one period of its clock and built again in
the next. A clock is a number of seconds, or `DAY`: the local date
(settings.TIME_ZONE), for answers that depend on today's date only. Keying
those by the day rather than by the hour spares rebuilding every one of them
at once each hour."""

import datetime

from django.utils import timezone

DAY = "day"

Clock = int | str


def period_of(clock: Clock, now: float) -> int:
    """The number of the clock's period at the moment `now` (epoch seconds):
    the local date's ordinal for `DAY`, else whole periods since the epoch."""
    if clock == DAY:
        moment = datetime.datetime.fromtimestamp(now, tz=datetime.UTC)
        return timezone.localdate(moment).toordinal()
    return int(now // clock)


def period_start(clock: Clock, period: int) -> float:
    """When the period began (epoch seconds): local midnight for `DAY`."""
    if clock == DAY:
        midnight = datetime.datetime.combine(
            datetime.date.fromordinal(period), datetime.time()
        )
        return timezone.make_aware(midnight).timestamp()
    return float(period * clock)
