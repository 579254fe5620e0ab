"""The one fixed-window limiter (cms.http.ratelimit)."""

import pytest

from django.core.cache import cache

from cms.http.ratelimit import rate_limit_hit, rate_limit_refund


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def hit(bucket="a", now=1000.0, limit=2, name="test"):
    return rate_limit_hit(
        limit_name=name, bucket=bucket, limit=limit, window_seconds=60, now=now
    )


def test_counts_per_bucket_and_window():
    first, second, third = hit(now=1000.0), hit(now=1010.0), hit(now=1019.5)

    assert [d.allowed for d in (first, second, third)] == [True, True, False]
    assert [d.remaining for d in (first, second, third)] == [1, 0, 0]
    # Window 16 covers [960, 1020): the answer says when it ends.
    assert third.reset_in == 1 and third.window_ends_at == 1020
    assert first.reset_in == 20
    assert hit(bucket="b", now=1019.0).allowed  # another client
    assert hit(name="other", now=1019.0).allowed  # another limit
    assert hit(now=1020.0).count == 1  # the next window starts afresh


def test_refund_gives_back_one_hit_of_the_current_window():
    hit(now=1000.0)
    hit(now=1001.0)
    rate_limit_refund(limit_name="test", bucket="a", window_seconds=60, now=1002.0)
    assert hit(now=1003.0).allowed
    assert not hit(now=1004.0).allowed
    # A refund after the window ended changes nothing (and does not fail).
    rate_limit_refund(limit_name="test", bucket="a", window_seconds=60, now=5000.0)
    assert hit(now=5000.0).count == 1
