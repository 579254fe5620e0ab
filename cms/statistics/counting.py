"""Counting reads of interventions: one cache increment per read, flushed
to InterventionReadDay by a periodic task (cms.tasks). The public site
counts a page view by its page id (any page: those that are not
interventions are dropped when flushed), the API a detail read by the
lookup in its URL (stable id or slug), resolved to a page when flushed."""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cms.infra.counter_buffer import counters_count
from cms.infra.counters import counters_give_back, counters_take
from cms.models import InterventionPage, InterventionReadDay, ReadSource

PREFIX = "samverkan:reads"
SEPARATOR = "\x1f"
BOT_MARKERS = ("bot", "crawl", "spider", "slurp", "preview", "monitor", "headless")


def reader_is_bot(user_agent: str) -> bool:
    """Crawlers and link previewers name themselves; they are not readers."""
    agent = user_agent.lower()
    return not agent or any(marker in agent for marker in BOT_MARKERS)


def intervention_read_count(*, source: str, key: str | int, day=None) -> None:
    """Count one read: `key` is the page id (web) or the API lookup."""
    counters_count([intervention_read_counts(source=source, key=key, day=day)])


def intervention_read_counts(*, source: str, key: str | int, day=None):
    """The counter (cms.infra.counters.counters_add_many) of one read, to
    count it in the same round trip as others."""
    day = (day or timezone.localdate()).isoformat()
    return PREFIX, day, [f"{source}{SEPARATOR}{key}"]


def intervention_reads_flush(*, today: datetime.date | None = None) -> int:
    """Add the reads counted today and the two days before to the table.
    Returns the number of reads flushed (reads of pages that no longer
    exist, or of an ambiguous slug, are dropped)."""
    today = today or timezone.localdate()
    flushed = 0
    for offset in (2, 1, 0):
        day = today - datetime.timedelta(days=offset)
        counts = counters_take(prefix=PREFIX, day=day.isoformat())
        if not counts:
            continue
        try:
            rows = _rows(counts)
            with transaction.atomic():
                for (page_id, source), reads in rows.items():
                    _add_reads(day=day, page_id=page_id, source=source, reads=reads)
        except Exception:
            counters_give_back(prefix=PREFIX, day=day.isoformat(), counts=counts)
            raise
        flushed += sum(rows.values())
    return flushed


def _add_reads(*, day, page_id: int, source: str, reads: int) -> None:
    updated = InterventionReadDay.objects.filter(
        day=day, intervention_id=page_id, source=source
    ).update(reads=F("reads") + reads)
    if updated:
        return
    try:
        with transaction.atomic():
            InterventionReadDay.objects.create(
                day=day, intervention_id=page_id, source=source, reads=reads
            )
    except IntegrityError:  # another flush created the row meanwhile
        InterventionReadDay.objects.filter(
            day=day, intervention_id=page_id, source=source
        ).update(reads=F("reads") + reads)


def _rows(counts: dict[str, int]) -> dict[tuple[int, str], int]:
    """(page id, source) -> reads, for the pages that exist."""
    by_source: dict[str, dict[str, int]] = {}
    for field, value in counts.items():
        source, _sep, key = field.partition(SEPARATOR)
        if source in ReadSource.values:
            by_source.setdefault(source, {})[key] = value
    rows: dict[tuple[int, str], int] = {}
    web = by_source.get(ReadSource.WEB, {})
    ids = {int(key) for key in web if key.isdigit()}
    for page_id in InterventionPage.objects.filter(pk__in=ids).values_list(
        "pk", flat=True
    ):
        rows[(page_id, ReadSource.WEB)] = web[str(page_id)]
    api = by_source.get(ReadSource.API, {})
    for key, page_id in _api_lookups(set(api)).items():
        rows[(page_id, ReadSource.API)] = (
            rows.get((page_id, ReadSource.API), 0) + (api[key])
        )
    return rows


def _api_lookups(keys: set[str]) -> dict[str, int]:
    """The page each API lookup named: by stable id, or by a slug that only
    one live intervention has (the API answers 404 otherwise)."""
    uuids, slugs = {}, set()
    for key in keys:
        try:
            uuids[uuid.UUID(key)] = key
        except ValueError:
            slugs.add(key)
    found = {
        uuids[page_uuid]: pk
        for pk, page_uuid in InterventionPage.objects.filter(
            uuid__in=uuids
        ).values_list("pk", "uuid")
    }
    by_slug: dict[str, list[int]] = {}
    for pk, slug in (
        InterventionPage.objects.live().filter(slug__in=slugs).values_list("pk", "slug")
    ):
        by_slug.setdefault(slug, []).append(pk)
    found.update({slug: pks[0] for slug, pks in by_slug.items() if len(pks) == 1})
    return found


def request_is_a_read(request) -> bool:
    """Whether a public answer counts as a read: a GET (not HEAD), not a
    preview, not a prefetch, not a crawler."""
    purpose = request.headers.get("Sec-Purpose", request.headers.get("Purpose", ""))
    return (
        request.method == "GET"
        and not getattr(request, "is_preview", False)
        and not purpose.lower().startswith("prefetch")
        and not reader_is_bot(request.headers.get("User-Agent", ""))
    )
