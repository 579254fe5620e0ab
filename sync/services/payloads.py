"""Payloads: the JSON text of each version of an object in an adapter's
format, built once in bulk and stored (sync.models.Payload) for every
target and every retry that sends it."""

from collections import defaultdict

from django.db import IntegrityError, connection, transaction
from django.db.models import Max, OuterRef
from django.utils import timezone

from cms.models import ContentChange
from cms.models.changes import TOMBSTONES
from sync.models import Payload, Target
from sync.payloads import is_published, pages_of_changes
from sync.targets.base import json_text
from sync.targets.registry import adapter_classes


def payloads_for(*, adapter, changes) -> dict[int, str | None]:
    """The fragment of each of these changes in the adapter's format, by
    change id: JSON text, or None for a tombstone and for an object that is
    not public now. Only public objects are ever sent (checked here on
    every call, so a stored payload of a page that has since become private
    stays at home); stored payloads are used, missing ones built together
    (a fixed number of queries) and stored."""
    fragments = {change.pk: None for change in changes}
    by_type = defaultdict(list)
    for change in changes:
        if not change.is_tombstone:
            by_type[change.object_type].append(change)
    for object_type, typed in by_type.items():
        # Stored payloads of objects that are public now, in one query.
        stored = dict(
            Payload.objects.filter(
                is_published(
                    object_type=object_type, object_id=OuterRef("change__object_id")
                ),
                change_id__in=[change.pk for change in typed],
                format=adapter.payload_format,
            ).values_list("change_id", "body")
        )
        fragments.update(stored)
        # The rest: built from the public pages (none if not public).
        missing = [change for change in typed if change.pk not in stored]
        if missing:
            fragments.update(_build(adapter, object_type, missing))
    return fragments


def _build(adapter, object_type: str, changes) -> dict[int, str]:
    page_of = pages_of_changes(
        object_type=object_type, changes=changes, languages=adapter.languages
    )
    changes = [change for change in changes if change.pk in page_of]
    texts = {}
    while changes:
        # One change per page in a call (the changes of several languages
        # of an object may all be sent as its Swedish page).
        batch, rest, seen = [], [], set()
        for change in changes:
            page_pk = page_of[change.pk].pk
            if page_pk in seen:
                rest.append(change)
            else:
                seen.add(page_pk)
                batch.append(change)
        built = adapter.fragments(
            object_type=object_type,
            pages=[page_of[change.pk] for change in batch],
            changes={page_of[change.pk].pk: change for change in batch},
        )
        for change in batch:
            texts[change.pk] = json_text(built[page_of[change.pk].pk])
        changes = rest
    if texts:
        payloads_store(adapter.payload_format, texts)
    return texts


def payloads_store(payload_format: str, texts: dict[int, str]) -> None:
    """Store built payloads. On PostgreSQL with COPY: an INSERT's parameters
    (bulk_create sends them as arrays) are escaped in Python, character by
    character, which cost more than building an HSDS service. Another drain
    may have built some of the same meanwhile: then the COPY fails as a
    whole (in its savepoint) and the rows go in one by one past conflicts."""
    if connection.vendor == "postgresql":
        try:
            with (
                transaction.atomic(),
                connection.wrap_database_errors,  # psycopg's own cursor below
                connection.cursor() as cursor,
                cursor.cursor.copy(
                    f"COPY {Payload._meta.db_table} (change_id, format, body, "
                    "created_at) FROM STDIN"
                ) as copy,
            ):
                now = timezone.now()
                for pk, text in texts.items():
                    copy.write_row((pk, payload_format, text, now))
            return
        except IntegrityError:
            pass
    Payload.objects.bulk_create(
        [
            Payload(change_id=pk, format=payload_format, body=text)
            for pk, text in texts.items()
        ],
        ignore_conflicts=True,
    )


def _formats(names=None) -> list:
    """One adapter per payload format (adapters sharing a format build the
    same payloads), of the adapters named (all when None); building uses no
    target and no connection."""
    by_format = {}
    for name, adapter_class in adapter_classes().items():
        if names is None or name in names:
            by_format.setdefault(adapter_class.payload_format, adapter_class)
    return [cls(target=None, client=None) for cls in by_format.values()]


def payloads_build(*, change_ids, every_format: bool = False) -> None:
    """Build and store the payloads of these changes where missing, in the
    formats of the enabled targets (every format with `every_format`). Run
    when a change is published (sync_payloads_build, after the commit): a
    resync and every retry then find them built instead of building
    thousands at once. A format no target sends is not built on every
    publish: a partner added later in another format gets its payloads
    built on the way by its first resync (or sync_build_payloads)."""
    changes = list(
        ContentChange.objects.filter(pk__in=list(change_ids)).exclude(
            action__in=TOMBSTONES
        )
    )
    names = None
    if not every_format:
        names = set(
            Target.objects.filter(enabled=True).values_list("adapter", flat=True)
        )
    for adapter in _formats(names):
        wanted = [c for c in changes if c.object_type in adapter.object_types]
        if wanted:
            payloads_for(adapter=adapter, changes=wanted)


def payloads_build_missing(*, progress=None, chunk: int = 500) -> int:
    """Build what payloads_build() would have for the newest change of every
    object (after a deploy that brings sync, or a new format, to existing
    content). Returns the number of changes examined."""
    newest = sorted(
        ContentChange.objects.values("object_id")
        .annotate(newest=Max("id"))
        .values_list("newest", flat=True)
    )
    for start in range(0, len(newest), chunk):
        ids = newest[start : start + chunk]
        payloads_build(change_ids=ids, every_format=True)
        if progress:
            progress(len(ids))
    return len(newest)
