import datetime

from cms.infra.clocks import DAY, period_of, period_start

UTC = datetime.UTC


def at(*parts) -> float:
    return datetime.datetime(*parts, tzinfo=UTC).timestamp()


def test_a_day_is_the_local_date_in_stockholm():
    # Stockholm is UTC+1 in December: its day begins at 23:00 UTC.
    last_second = period_of(DAY, at(2026, 12, 6, 22, 59, 59))
    first_second = period_of(DAY, at(2026, 12, 6, 23, 0, 0))
    assert last_second == datetime.date(2026, 12, 6).toordinal()
    assert first_second == last_second + 1
    assert period_start(DAY, first_second) == at(2026, 12, 6, 23, 0, 0)


def test_a_day_in_summer_time_begins_at_22_utc():
    day = period_of(DAY, at(2026, 7, 1, 12, 0, 0))
    assert period_start(DAY, day) == at(2026, 6, 30, 22, 0, 0)


def test_a_clock_of_seconds_counts_whole_periods():
    assert period_of(900, 1799.9) == 1
    assert period_of(900, 1800) == 2
    assert period_start(900, 2) == 1800.0
