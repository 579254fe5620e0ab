"""Sending a target's due deliveries.

A drain holds one of the target's concurrency slots (a cache key, so the
limit holds across workers), claims due rows in chunks (SKIP LOCKED on
PostgreSQL, with a lease pushed into `next_attempt_at`), drops rows a newer
version supersedes (coalescing), loads or builds the chunk's payloads
together (sync.services.payloads), sends over the target's keep-alive
client (kept in the worker process from one drain to the next), and
records every outcome: failures at once, successes in one UPDATE per
RECORD_SUCCESSES_EVERY accepted events (and at the end of each chunk), which
bounds what a drain that dies sends again.
Waits between retries live in `next_attempt_at`, never in the broker."""

import random
import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from sync.conf import conf
from sync.http import client_for, client_forget
from sync.models import Delivery, DeliveryAttempt, DeliveryStatus, Target
from sync.services.payloads import payloads_for
from sync.services.targets import target_record_health
from sync.targets import Item, Outcome, adapter_classes, adapter_for


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
    makes pointless. The rows are compared with their objects' newest
    deliveries in one grouped query (a subquery in the locking query would
    run for every due row before the LIMIT)."""
    now = timezone.now()
    with transaction.atomic():
        due = _due(target.pk).select_related("change").order_by("change_id", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        rows = list(due[:limit])
        if not rows:
            return []
        # An adapter that sends each language coalesces each language apart.
        by_language = adapter_classes()[target.adapter].languages == "each"
        group = ("object_id", "change__locale") if by_language else ("object_id",)
        newest = {
            row[:-1]: row[-1]
            for row in Delivery.objects.filter(
                target_id=target.pk,
                object_id__in={row.object_id for row in rows},
                status__in=(DeliveryStatus.PENDING, DeliveryStatus.DELIVERED),
            )
            .order_by()
            .values(*group)
            .annotate(newest=Max("change_id"))
            .values_list(*group, "newest")
        }
        claimed, stale = [], []
        for row in rows:
            key = (
                (row.object_id, row.change.locale) if by_language else (row.object_id,)
            )
            (stale if row.change_id < newest[key] else claimed).append(row)
        if stale:
            Delivery.objects.filter(pk__in=[row.pk for row in stale]).update(
                status=DeliveryStatus.SUPERSEDED, next_attempt_at=None
            )
        if claimed:
            Delivery.objects.filter(pk__in=[row.pk for row in claimed]).update(
                next_attempt_at=now + timezone.timedelta(seconds=conf("LEASE_SECONDS")),
                last_attempt_at=now,
            )
    return claimed


def _items(adapter, deliveries: list[Delivery]) -> tuple[list[Item], list[Delivery]]:
    """Items to send, and deliveries whose object is no longer public
    without a tombstone yet (a newer change will follow; nothing to send)."""
    fragments = payloads_for(adapter=adapter, changes=[d.change for d in deliveries])
    items, gone = [], []
    for delivery in deliveries:
        fragment = fragments[delivery.change_id]
        if fragment is None and not delivery.change.is_tombstone:
            gone.append(delivery)
        else:
            items.append(
                Item(delivery=delivery, change=delivery.change, fragment=fragment)
            )
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
        values = [getattr(row, name) for row in rows]
        column = connection.ops.quote_name(field.column)
        if all(value == values[0] for value in values):
            value_sql = "%s"
            params.append(field.get_db_prep_save(values[0], connection))
        else:
            value_sql = f"CASE id {' '.join(['WHEN %s THEN %s'] * len(rows))} END"
            for row, value in zip(rows, values, strict=True):
                params += [row.pk, field.get_db_prep_save(value, connection)]
        if connection.vendor == "postgresql":  # a CASE of NULLs is text there
            value_sql = f"CAST({value_sql} AS {field.db_type(connection)})"
        assignments.append(f"{column} = {value_sql}")
    placeholders = ", ".join(["%s"] * len(rows))
    params += [row.pk for row in rows]
    sql = f"UPDATE {table} SET {', '.join(assignments)} WHERE id IN ({placeholders})"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _history(rows: list[Delivery]) -> None:
    """Keep the attempts just recorded on these rows that a history is
    worth having for: every failure, and a success after failures."""
    DeliveryAttempt.objects.bulk_create(
        [
            DeliveryAttempt(
                delivery=row,
                number=row.attempts,
                at=row.last_attempt_at,
                status_code=row.last_status_code,
                error=row.last_error,
                duration_ms=row.last_duration_ms or 0,
            )
            for row in rows
            if row.status != DeliveryStatus.DELIVERED or row.attempts > 1
        ]
    )


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

    rows = _apply(items, outcome, timezone.now())
    _write(rows)
    _history(rows)
    if outcome.gone:
        target_disable(target=target, reason="410 Gone")
    else:
        target_record_health(target=target, ok=False)


def _record_successes(rows: list[Delivery]) -> int:
    """Write accepted deliveries (one UPDATE) and their history; how many."""
    _write(rows)
    _history(rows)
    return len(rows)


def _pace(target: Target, started: float, requests_sent: int) -> None:
    """Keep this drain under its share of the target's requests per second."""
    if not target.max_per_second:
        return
    per_slot = target.max_per_second / max(1, target.max_concurrency)
    ahead = requests_sent / per_slot - (time.monotonic() - started)
    if ahead > 0:
        time.sleep(ahead)


def _release(deliveries: list[Delivery]) -> None:
    """Give claimed rows back unsent: due again at once."""
    if deliveries:
        Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(
            next_attempt_at=timezone.now()
        )


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
    client = client_for(target.pk)
    connection_failed = False  # then the kept connections are dropped
    adapter = adapter_for(target=target, client=client)
    chunk = target.batch_size if adapter.batched else conf("CLAIM_CHUNK")
    # Rows not sent within half their lease are handed back (after at least
    # one request, so every chunk makes progress), so no other drain takes
    # them for lost while this one still holds them.
    hold = conf("LEASE_SECONDS") / 2
    # Accepted events are written at least this often, so a drain that dies
    # (worker killed, database gone) sends at most this many again.
    record_every = max(1, conf("RECORD_SUCCESSES_EVERY"))
    requests_sent = 0
    try:
        while time.monotonic() - started < budget:
            claimed = deliveries_claim(target=target, limit=max(1, chunk))
            if not claimed:
                break
            claimed_at = time.monotonic()
            sent_before = result.sent
            items, gone = _items(adapter, claimed)
            if gone:
                Delivery.objects.filter(pk__in=[d.pk for d in gone]).update(
                    status=DeliveryStatus.SUPERSEDED, next_attempt_at=None
                )
            groups = [items] if adapter.batched else [[item] for item in items]
            delivered = []  # accepted, not yet written
            chunk_started = timezone.now()
            try:
                for number, group in enumerate(groups):
                    if len(delivered) >= record_every:
                        result.sent += _record_successes(delivered)
                        delivered = []
                    if not group:
                        continue
                    if number and time.monotonic() - claimed_at > hold:
                        _release([i.delivery for g in groups[number:] for i in g])
                        break
                    _pace(target, started, requests_sent)
                    outcome = adapter.send(group)
                    requests_sent += 1
                    if outcome.ok:
                        delivered += _apply(group, outcome, chunk_started)
                        continue
                    _record_failure(target, group, outcome)
                    connection_failed |= outcome.status_code is None
                    target.refresh_from_db(fields=["enabled"])
                    if not target.enabled:
                        _release([i.delivery for g in groups[number + 1 :] for i in g])
                        return result
            finally:
                result.sent += _record_successes(delivered)
            if result.sent > sent_before:
                target_record_health(target=target, ok=True)
    finally:
        if connection_failed or not target.enabled:
            client_forget(target.pk)
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
