"""Counters per day in the cache, for figures counted on every request and
written to the database in batches by a periodic task (partner API usage,
intervention views): one Redis HINCRBY per count, no SQL.

With Redis the counts are exact. With another cache (the embedded demo's
file cache) counters are best-effort: increments are atomic per counter, but
the index of counters is updated read-modify-write.

A family of counters is named by a prefix: the counters of a day live in the
Redis hash `<prefix>:<day>` (elsewhere one key per counter, listed in
`<prefix>-index:<day>`)."""

import hashlib
import logging

from django.core.cache import cache, caches

from cms.infra.redis_cache import redis_unreachable_errors

logger = logging.getLogger(__name__)

KEEP_SECONDS = 3 * 24 * 3600


def _redis():
    backend = caches["default"]
    client = getattr(backend, "_cache", None)
    if client is not None and hasattr(client, "get_client"):
        return backend, client.get_client(write=True)
    return backend, None


def counter_add(*, prefix: str, day: str, field: str, amount: int = 1) -> None:
    """Add to the counter `field` of the day (an ISO date)."""
    counters_add(prefix=prefix, day=day, fields=[field], amount=amount)


def counters_add(*, prefix: str, day: str, fields, amount: int = 1) -> None:
    """Add to each counter of `fields` of the day, in one round trip."""
    counters_add_many([(prefix, day, fields)], amount=amount)


def counters_add_many(counts, amount: int = 1) -> None:
    """Add to the counters of several families or days in one round trip:
    `counts` holds (prefix, day, fields)."""
    counters_add_amounts(
        {
            (prefix, day, field): amount
            for prefix, day, fields in counts
            for field in fields
        }
    )


def counters_add_amounts(amounts: dict[tuple[str, str, str], int]) -> bool:
    """Add each amount to its counter, keyed (prefix, day, field), in one
    round trip. False when Redis was unreachable (nothing counted: a count
    lost is better than a request failed, cms/infra/redis_cache.py)."""
    backend, redis = _redis()
    if redis is not None:
        # HINCRBY and EXPIRE are atomic each: a pipeline, not a transaction.
        pipe = redis.pipeline(transaction=False)
        keys = set()
        for (prefix, day, field), amount in amounts.items():
            key = backend.make_key(f"{prefix}:{day}")
            pipe.hincrby(key, field, amount)
            keys.add(key)
        for key in keys:
            pipe.expire(key, KEEP_SECONDS)
        try:
            pipe.execute()
        except redis_unreachable_errors() as error:
            logger.warning("Counter not counted, Redis unreachable: %s", error)
            return False
        return True
    for (prefix, day, field), amount in amounts.items():
        counter = _counter_key(prefix, day, field)
        if cache.add(counter, 0, KEEP_SECONDS):
            index_key = f"{prefix}-index:{day}"
            cache.set(index_key, {*cache.get(index_key, set()), field}, KEEP_SECONDS)
        cache.incr(counter, amount)
    return True


def _counter_key(prefix: str, day: str, field: str) -> str:
    # Cache keys must be plain ASCII without spaces; fields need not be.
    return f"{prefix}:{day}:{hashlib.sha1(field.encode()).hexdigest()}"


def counters_take(*, prefix: str, day: str) -> dict[str, int]:
    """Read and subtract the counters of one day (increments made meanwhile
    stay for the next take)."""
    backend, redis = _redis()
    if redis is not None:
        key = backend.make_key(f"{prefix}:{day}")
        counts = {
            field.decode(): int(value) for field, value in redis.hgetall(key).items()
        }
        if counts:
            pipe = redis.pipeline()
            for field, value in counts.items():
                pipe.hincrby(key, field, -value)
            pipe.execute()
        return {field: value for field, value in counts.items() if value}
    counts = {}
    for field in cache.get(f"{prefix}-index:{day}", set()):
        counter = _counter_key(prefix, day, field)
        value = cache.get(counter) or 0
        if value:
            cache.decr(counter, value)
            counts[field] = value
    return counts


def counters_give_back(*, prefix: str, day: str, counts: dict[str, int]) -> None:
    """Add taken counts back (their database write failed)."""
    for field, value in counts.items():
        counter_add(prefix=prefix, day=day, field=field, amount=value)
