"""Usage counters of the partner endpoints: counted per request in the cache
(cms.infra.counters: one Redis HINCRBY, no SQL) and flushed to ApiUsageDay by a
periodic task."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cms.infra.counters import counters_add_many, counters_give_back, counters_take
from cms.models import RegionPage
from delivery.models import ApiUsageDay

KINDS = ("requests", "not_modified", "throttled")
PREFIX = "samverkan:api:usage"
SEPARATOR = "\x1f"


def usage_count(
    *,
    client: str,
    endpoint: str,
    kind: str = "",
    kinds=(),
    region: str = "",
    day=None,
) -> None:
    """Count one request of `client` at `endpoint` reading `region` (a
    slug, "" for every region) as `kind`, or as each of `kinds` (one
    round trip)."""
    counters_add_many(
        [
            usage_counts(
                client=client,
                endpoint=endpoint,
                kinds=kinds or [kind],
                region=region,
                day=day,
            )
        ]
    )


def usage_counts(*, client: str, endpoint: str, kinds, region: str = "", day=None):
    """The counters (cms.infra.counters.counters_add_many) of one request
    of `client` at `endpoint` reading `region`, counted as each of `kinds`."""
    day = (day or timezone.localdate()).isoformat()
    fields = [SEPARATOR.join((client, endpoint, kind, region[:100])) for kind in kinds]
    return PREFIX, day, fields


def usage_flush(*, today: datetime.date | None = None) -> int:
    """Add the counted requests of today and the two days before to the
    usage table. Returns the number of requests flushed."""
    today = today or timezone.localdate()
    flushed = 0
    for offset in (2, 1, 0):
        day = today - datetime.timedelta(days=offset)
        counts = counters_take(prefix=PREFIX, day=day.isoformat())
        rows: dict[tuple[str, str, str], dict[str, int]] = {}
        for field, value in counts.items():
            # Counters from before regions were counted have three parts.
            client, endpoint, kind, region = (field.split(SEPARATOR) + [""])[:4]
            if kind in KINDS:
                rows.setdefault((client, endpoint, region), {})[kind] = value
                flushed += value if kind == "requests" else 0
        try:
            with transaction.atomic():
                regions = _region_ids({region for _c, _e, region in rows})
                for (client, endpoint, region), values in rows.items():
                    row, _created = ApiUsageDay.objects.get_or_create(
                        day=day,
                        client=client[:200],
                        endpoint=endpoint[:100],
                        region_id=regions.get(region),
                    )
                    ApiUsageDay.objects.filter(pk=row.pk).update(
                        **{kind: F(kind) + value for kind, value in values.items()}
                    )
        except Exception:
            # For the next flush.
            counters_give_back(prefix=PREFIX, day=day.isoformat(), counts=counts)
            raise
    return flushed


def _region_ids(slugs) -> dict[str, int]:
    slugs = [slug for slug in slugs if slug]
    if not slugs:
        return {}
    return dict(RegionPage.objects.filter(slug__in=slugs).values_list("slug", "pk"))


def usage_summary(
    *, days: int = 30, today: datetime.date | None = None, regions=None
) -> dict:
    """Usage of the last `days` days: totals per day (every day, zeros
    included), per client and per endpoint, most used first. With `regions`
    (a queryset or list of regions), only requests that read one of them."""
    from django.db.models import Sum

    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=days - 1)
    rows = ApiUsageDay.objects.filter(day__gte=since, day__lte=today)
    if regions is not None:
        rows = rows.filter(region__in=regions)
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
