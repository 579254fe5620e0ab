"""Usage counters of the partner endpoints: counted per request in the cache
(one Redis HINCRBY, no SQL) and flushed to ApiUsageDay by a periodic task.

With Redis the counts are exact. With another cache (the embedded demo's
file cache) counters are best-effort: increments are atomic per counter, but
the index of counters is updated read-modify-write."""

import datetime
import hashlib

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cms.models import ApiUsageDay

KINDS = ("requests", "not_modified", "throttled")
HASH_KEY = "samverkan:api:usage:{day}"
INDEX_KEY = "samverkan:api:usage-index:{day}"
COUNTER_KEY = "samverkan:api:usage:{day}:{digest}"
KEEP_SECONDS = 3 * 24 * 3600
SEPARATOR = "\x1f"


def _redis():
    backend = caches["default"]
    client = getattr(backend, "_cache", None)
    if client is not None and hasattr(client, "get_client"):
        return backend, client.get_client(write=True)
    return backend, None


def usage_count(*, client: str, endpoint: str, kind: str, day=None) -> None:
    day = (day or timezone.localdate()).isoformat()
    _add(day, SEPARATOR.join((client, endpoint, kind)), 1)


def _add(day: str, field: str, amount: int) -> None:
    backend, redis = _redis()
    if redis is not None:
        key = backend.make_key(HASH_KEY.format(day=day))
        pipe = redis.pipeline()
        pipe.hincrby(key, field, amount)
        pipe.expire(key, KEEP_SECONDS)
        pipe.execute()
        return
    counter = _counter_key(day, field)
    if cache.add(counter, 0, KEEP_SECONDS):
        index_key = INDEX_KEY.format(day=day)
        cache.set(index_key, {*cache.get(index_key, set()), field}, KEEP_SECONDS)
    cache.incr(counter, amount)


def _counter_key(day: str, field: str) -> str:
    # Cache keys must be plain ASCII without spaces; client names are not.
    return COUNTER_KEY.format(day=day, digest=hashlib.sha1(field.encode()).hexdigest())


def _take_counts(day: str) -> dict[str, int]:
    """Read and subtract the counters of one day (increments made meanwhile
    stay for the next flush)."""
    backend, redis = _redis()
    if redis is not None:
        key = backend.make_key(HASH_KEY.format(day=day))
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
    for field in cache.get(INDEX_KEY.format(day=day), set()):
        counter = _counter_key(day, field)
        value = cache.get(counter) or 0
        if value:
            cache.decr(counter, value)
            counts[field] = value
    return counts


def _give_back_counts(day: str, counts: dict[str, int]) -> None:
    """Add taken counts back (their database write failed)."""
    for field, value in counts.items():
        _add(day, field, value)


def usage_flush(*, today: datetime.date | None = None) -> int:
    """Add the counted requests of today and the two days before to the
    usage table. Returns the number of requests flushed."""
    today = today or timezone.localdate()
    flushed = 0
    for offset in (2, 1, 0):
        day = today - datetime.timedelta(days=offset)
        counts = _take_counts(day.isoformat())
        rows: dict[tuple[str, str], dict[str, int]] = {}
        for field, value in counts.items():
            client, endpoint, kind = field.split(SEPARATOR)
            if kind in KINDS:
                rows.setdefault((client, endpoint), {})[kind] = value
                flushed += value if kind == "requests" else 0
        try:
            with transaction.atomic():
                for (client, endpoint), values in rows.items():
                    row, _created = ApiUsageDay.objects.get_or_create(
                        day=day, client=client[:200], endpoint=endpoint[:100]
                    )
                    ApiUsageDay.objects.filter(pk=row.pk).update(
                        **{kind: F(kind) + value for kind, value in values.items()}
                    )
        except Exception:
            _give_back_counts(day.isoformat(), counts)  # for the next flush
            raise
    return flushed


def usage_summary(*, days: int = 30, today: datetime.date | None = None) -> dict:
    """Usage of the last `days` days: totals per day (every day, zeros
    included), per client and per endpoint, most used first."""
    from django.db.models import Sum

    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days - 1)
    rows = ApiUsageDay.objects.filter(day__gte=since, day__lte=today)
    sums = {
        "requests": Sum("requests"),
        "not_modified": Sum("not_modified"),
        "throttled": Sum("throttled"),
    }
    per_day = {row["day"]: row for row in rows.values("day").annotate(**sums)}
    daily = [
        per_day.get(day, {"day": day, "requests": 0, "not_modified": 0, "throttled": 0})
        for day in (since + datetime.timedelta(days=n) for n in range(days))
    ]
    return {
        "since": since,
        "until": today,
        "daily": daily,
        "peak": max((day["requests"] for day in daily), default=0),
        "clients": list(rows.values("client").annotate(**sums).order_by("-requests")),
        "endpoints": list(
            rows.values("endpoint").annotate(**sums).order_by("-requests")
        ),
        "total": sum(day["requests"] for day in daily),
    }
