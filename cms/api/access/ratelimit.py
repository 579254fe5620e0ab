"""Fixed-window rate limits per client, counted in the shared cache (atomic
increments in Redis), so every web process enforces one limit."""

import time
from dataclasses import dataclass

from django.core.cache import cache

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_in: int  # seconds until the window ends


def rate_limit_hit(
    *,
    client: str,
    limit: int,
    now: float | None = None,
    window_seconds: int = WINDOW_SECONDS,
) -> RateDecision:
    """Count one hit of `client` (a key naming the limit and the client)
    in the current window."""
    now = time.time() if now is None else now
    window = int(now // window_seconds)
    reset_in = max(1, int((window + 1) * window_seconds - now + 0.999))
    key = f"samverkan:api:rate:{client}:{window}"
    cache.add(key, 0, window_seconds * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds * 2)
        count = 1
    return RateDecision(
        allowed=count <= limit,
        limit=limit,
        remaining=max(0, limit - count),
        reset_in=reset_in,
    )
