"""Sending a target's due deliveries.

A drain holds one of the target's concurrency slots (a cache key, so the
limit holds across workers), claims due rows (SKIP LOCKED on PostgreSQL,
with a lease pushed into `next_attempt_at`), drops rows a newer version
supersedes (coalescing), sends, and records every outcome. Waits between
retries live in `next_attempt_at`, never in the broker."""

import random
import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cms.models import ContentChange
from sync.conf import conf
from sync.http import session_new
from sync.models import Delivery, DeliveryStatus, Target
from sync.payloads import objects_published
from sync.services.targets import target_record_health
from sync.targets import Item, Outcome, adapter_for

CLAIM_CHUNK = 50


@dataclass
class DrainResult:
    sent: int = 0
    busy: bool = False  # every slot was taken: another drain is at work
    more: bool = False  # due rows remain (time budget used up)


def _slot_key(target_id: int, slot: int) -> str:
    return f"samverkan-sync:target:{target_id}:slot:{slot}"


def _slot_acquire(target: Target, ttl: int) -> str | None:
    token = uuid.uuid4().hex
    for slot in range(max(1, target.max_concurrency)):
        key = _slot_key(target.pk, slot)
        if cache.add(key, token, timeout=ttl):
            return key
    return None


def _due(target_id: int):
    return Delivery.objects.filter(
        target_id=target_id,
        status=DeliveryStatus.PENDING,
        next_attempt_at__lte=timezone.now(),
    )


def deliveries_claim(*, target: Target, limit: int) -> list[Delivery]:
    """Claim up to `limit` due deliveries of the target (oldest first) for
    LEASE_SECONDS; supersede those a newer version of the same object
    makes pointless."""
    now = timezone.now()
    newer = Delivery.objects.filter(
        target_id=target.pk,
        object_id=OuterRef("object_id"),
        change_id__gt=OuterRef("change_id"),
        status__in=(DeliveryStatus.PENDING, DeliveryStatus.DELIVERED),
    )
    with transaction.atomic():
        rows = _due(target.pk).order_by("change_id", "id")
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        rows = list(rows.annotate(stale=Exists(newer))[:limit])
        stale = [row.pk for row in rows if row.stale]
        if stale:
            Delivery.objects.filter(pk__in=stale).update(
                status=DeliveryStatus.SUPERSEDED, next_attempt_at=None
            )
        claimed = [row for row in rows if not row.stale]
        if claimed:
            Delivery.objects.filter(pk__in=[row.pk for row in claimed]).update(
                next_attempt_at=now + timezone.timedelta(seconds=conf("LEASE_SECONDS")),
                last_attempt_at=now,
            )
    return claimed


def _items(deliveries: list[Delivery]) -> tuple[list[Item], list[Delivery]]:
    """Items to send, and deliveries whose object is no longer public
    without a tombstone yet (a newer change will follow; nothing to send)."""
    changes = ContentChange.objects.in_bulk([d.change_id for d in deliveries])
    pages = {}
    for object_type in {change.object_type for change in changes.values()}:
        pages.update(
            objects_published(
                object_type=object_type,
                object_ids=[
                    c.object_id
                    for c in changes.values()
                    if c.object_type == object_type and not c.is_tombstone
                ],
            )
        )
    items, gone = [], []
    for delivery in deliveries:
        change = changes[delivery.change_id]
        if change.is_tombstone:
            items.append(Item(delivery=delivery, change=change, page=None))
        elif change.object_id in pages:
            items.append(
                Item(delivery=delivery, change=change, page=pages[change.object_id])
            )
        else:
            gone.append(delivery)
    return items, gone


def retry_delay(*, attempts: int, retry_after: float | None) -> float | None:
    """Seconds to wait after the `attempts`-th failed attempt, or None when
    the schedule is used up."""
    schedule = conf("RETRY_SCHEDULE")
    if attempts > len(schedule):
        return None
    base = schedule[attempts - 1]
    jitter = conf("JITTER")
    delay = base * (1 + random.uniform(-jitter, jitter))  # noqa: S311
    if retry_after is not None:
        delay = max(delay, min(retry_after, 24 * 3600))
    return delay


RECORDED_FIELDS = (
    "attempts",
    "last_attempt_at",
    "last_status_code",
    "last_error",
    "last_duration_ms",
    "status",
    "delivered_at",
    "next_attempt_at",
)


def _write(rows: list[Delivery]) -> None:
    """Save the recorded fields of these rows in one UPDATE: a value shared
    by all rows is set once, others by a CASE on the id (Django's
    bulk_update costs far more to build than to run)."""
    if not rows:
        return
    table = connection.ops.quote_name(Delivery._meta.db_table)
    assignments, params = [], []
    for name in RECORDED_FIELDS:
        field = Delivery._meta.get_field(name)
        values = [
            field.get_db_prep_save(getattr(row, name), connection) for row in rows
        ]
        column = connection.ops.quote_name(field.column)
        if all(value == values[0] for value in values):
            value_sql = "%s"
            params.append(values[0])
        else:
            value_sql = f"CASE id {' '.join(['WHEN %s THEN %s'] * len(rows))} END"
            for row, value in zip(rows, values, strict=True):
                params += [row.pk, value]
        if connection.vendor == "postgresql":  # a CASE of NULLs is text there
            value_sql = f"CAST({value_sql} AS {field.db_type(connection)})"
        assignments.append(f"{column} = {value_sql}")
    placeholders = ", ".join(["%s"] * len(rows))
    params += [row.pk for row in rows]
    sql = f"UPDATE {table} SET {', '.join(assignments)} WHERE id IN ({placeholders})"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _apply(items: list[Item], outcome: Outcome, now) -> list[Delivery]:
    """Set the outcome of one request on its deliveries (not saved)."""
    rows = [item.delivery for item in items]
    for row in rows:
        row.attempts += 1
        row.last_attempt_at = now
        row.last_status_code = outcome.status_code
        row.last_error = outcome.error[:500]
        row.last_duration_ms = outcome.duration_ms
        if outcome.ok:
            row.status = DeliveryStatus.DELIVERED
            row.delivered_at = now
            row.next_attempt_at = None
            continue
        delay = (
            None
            if outcome.gone
            else retry_delay(attempts=row.attempts, retry_after=outcome.retry_after)
        )
        if delay is None:
            row.status = DeliveryStatus.FAILED
            row.next_attempt_at = None
        else:
            row.next_attempt_at = now + timezone.timedelta(seconds=delay)
    return rows


def _record_failure(target: Target, items: list[Item], outcome: Outcome) -> None:
    """Write a failed request's outcome at once, and act on the target."""
    from sync.services.targets import target_disable

    _write(_apply(items, outcome, timezone.now()))
    if outcome.gone:
        target_disable(target=target, reason="410 Gone")
    else:
        target_record_health(target=target, ok=False)


def _pace(target: Target, started: float, requests_sent: int) -> None:
    """Keep this drain under its share of the target's requests per second."""
    if not target.max_per_second:
        return
    per_slot = target.max_per_second / max(1, target.max_concurrency)
    ahead = requests_sent / per_slot - (time.monotonic() - started)
    if ahead > 0:
        time.sleep(ahead)


def target_drain(*, target_id: int, budget_seconds: float | None = None) -> DrainResult:
    """Send the target's due deliveries until none is due or the time budget
    (DRAIN_SECONDS) is used up."""
    budget = budget_seconds if budget_seconds is not None else conf("DRAIN_SECONDS")
    target = Target.objects.select_related("region").filter(pk=target_id).first()
    result = DrainResult()
    if target is None or not target.enabled:
        return result
    ttl = int(budget + 2 * sum(conf(k) for k in ("CONNECT_TIMEOUT", "READ_TIMEOUT")))
    slot = _slot_acquire(target, ttl=ttl)
    if slot is None:
        result.busy = True
        return result
    started = time.monotonic()
    requests_sent = 0
    session = session_new(pool_size=2)
    adapter = adapter_for(target=target, session=session)
    chunk = target.batch_size if adapter.batched else CLAIM_CHUNK
    try:
        while time.monotonic() - started < budget:
            claimed = deliveries_claim(target=target, limit=max(1, chunk))
            if not claimed:
                break
            items, gone = _items(claimed)
            if gone:
                Delivery.objects.filter(pk__in=[d.pk for d in gone]).update(
                    status=DeliveryStatus.SUPERSEDED, next_attempt_at=None
                )
            adapter.prepare(items)
            groups = [items] if adapter.batched else [[item] for item in items]
            delivered = []  # written once per chunk, after its requests
            chunk_started = timezone.now()
            try:
                for group in groups:
                    if not group:
                        continue
                    _pace(target, started, requests_sent)
                    outcome = adapter.send(group)
                    requests_sent += 1
                    if outcome.ok:
                        delivered += _apply(group, outcome, chunk_started)
                        continue
                    _record_failure(target, group, outcome)
                    target.refresh_from_db(fields=["enabled"])
                    if not target.enabled:
                        return result
            finally:
                _write(delivered)
                result.sent += len(delivered)
            if delivered:
                target_record_health(target=target, ok=True)
    finally:
        session.close()
        cache.delete(slot)
    # The slot is free again: anything that became due meanwhile is ours to
    # hand on (a drain that found every slot taken relied on us).
    result.more = _due(target.pk).exists()
    return result


def targets_with_due_deliveries() -> list[int]:
    return list(
        Delivery.objects.filter(
            status=DeliveryStatus.PENDING,
            next_attempt_at__lte=timezone.now(),
            target__enabled=True,
        )
        .order_by()
        .values_list("target_id", flat=True)
        .distinct()
    )
