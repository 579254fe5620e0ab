"""The one rate limiter of the project: fixed windows per bucket, counted
in the shared cache (atomic increments in Redis), so every web process and
worker enforces one limit. Used by the partner endpoints, the suggestion,
subscribe and page-password forms and the newsletter's send rate.

Windows are aligned to the clock (window n covers [n·w, (n+1)·w)), so the
answer can say when the window ends (Retry-After, RateLimit-Reset). If the
cache is unreachable (cms/infra/redis_cache.py answers it as a miss) every hit
counts as the first: limits fail open rather than refuse everyone."""

import contextlib
import math
import time
from dataclasses import dataclass

from django.core.cache import cache

KEY = "samverkan:rate:{limit_name}:{bucket}:{window}"


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    count: int  # hits in this window, this one included
    limit: int
    remaining: int
    reset_in: int  # whole seconds until the window ends, at least 1
    window_ends_at: float  # epoch seconds


def rate_limit_hit(
    *,
    limit_name: str,
    bucket: str,
    limit: int,
    window_seconds: int,
    now: float | None = None,
) -> RateDecision:
    """Count one hit of `bucket` (a client, a key, "all") against the limit
    called `limit_name`: at most `limit` hits per `window_seconds`."""
    key, now = rate_limit_window(
        limit_name=limit_name, bucket=bucket, window_seconds=window_seconds, now=now
    )
    cache.add(key, 0, window_seconds * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is away
        cache.set(key, 1, window_seconds * 2)
        count = 1
    return rate_limit_decide(
        count=count, limit=limit, window_seconds=window_seconds, now=now
    )


def rate_limit_window(
    *, limit_name: str, bucket: str, window_seconds: int, now: float | None = None
) -> tuple[str, float]:
    """The cache key counting this window's hits of `bucket`, and the time
    it was read at: for a caller that counts the hit itself, in a round
    trip with other cache calls (an add of 0 with a timeout of two windows,
    then an incr), and passes the count to rate_limit_decide()."""
    now = time.time() if now is None else now
    window = int(now // window_seconds)
    key = KEY.format(limit_name=limit_name, bucket=bucket, window=window)
    return key, now


def rate_limit_decide(
    *, count: int | None, limit: int, window_seconds: int, now: float
) -> RateDecision:
    """The decision for the `count`th hit of the window (None, when the
    cache could not count: the first, as limits fail open)."""
    count = count or 1
    ends_at = (int(now // window_seconds) + 1) * window_seconds
    return RateDecision(
        allowed=count <= limit,
        count=count,
        limit=limit,
        remaining=max(0, limit - count),
        reset_in=max(1, math.ceil(ends_at - now)),
        window_ends_at=ends_at,
    )


def rate_limit_refund(
    *,
    limit_name: str,
    bucket: str,
    window_seconds: int,
    now: float | None = None,
) -> None:
    """Give back one hit of the current window (a form that saved nothing
    because the person has to correct it)."""
    now = time.time() if now is None else now
    key = KEY.format(
        limit_name=limit_name, bucket=bucket, window=int(now // window_seconds)
    )
    # ValueError: the window ended meanwhile, nothing to give back.
    with contextlib.suppress(ValueError):
        cache.decr(key)
