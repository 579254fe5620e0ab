"""The outbox: delivery rows written in the transaction of the change, a
task enqueued after commit (and the sweeper for lost tasks), resend and
resync."""

import datetime
import uuid

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from wagtail.models import Page

from cms.models import ContentChange
from cms.models.changes import TOMBSTONES
from sync.models import Delivery, DeliveryStatus, Target

RESYNC_NAMESPACE = uuid.UUID("a4b9e0e2-7f0c-4f55-8c43-1f9a8a4b6c02")


def _enqueue_after_commit(target_ids, *, copies: int = 1) -> None:
    from sync.tasks import drain_enqueue

    for target_id in sorted(set(target_ids)):
        for _ in range(copies):
            transaction.on_commit(lambda target_id=target_id: drain_enqueue(target_id))


def _targets_for(change: ContentChange) -> list[Target]:
    """Enabled targets that want this change: its type, its region, its
    organisations. A tombstone goes to every target that was sent the
    object before (the page may be gone, so its place is not known)."""
    candidates = [
        target
        for target in Target.objects.filter(enabled=True).prefetch_related(
            "organisations"
        )
        if change.object_type in target.object_types()
    ]
    if not candidates:
        return []
    if change.action in TOMBSTONES:
        sent_before = set(
            Delivery.objects.filter(
                object_id=change.object_id, target__in=candidates
            ).values_list("target_id", flat=True)
        )
        return [target for target in candidates if target.pk in sent_before]
    page = Page.objects.filter(pk=change.page_id).only("path").first()
    if page is None:
        return []
    wanted = []
    for target in candidates:
        regions = Page.objects.filter(pk=target.region_id).values_list(
            "path", flat=True
        )
        region_path = regions[0] if regions else None
        if region_path is None or not page.path.startswith(region_path):
            continue
        organisations = list(target.organisations.all())
        if organisations and not any(
            page.path.startswith(org.path) for org in organisations
        ):
            continue
        wanted.append(target)
    return wanted


def deliveries_fan_out(*, change: ContentChange) -> list[Delivery]:
    """One pending delivery per target that wants `change`, written in the
    caller's transaction; their sending starts after it commits (nothing is
    sent if it rolls back)."""
    targets = _targets_for(change)
    if not targets:
        return []
    now = timezone.now()
    deliveries = Delivery.objects.bulk_create(
        [
            Delivery(
                target=target,
                change=change,
                object_id=change.object_id,
                version=change.version,
                message_id=change.event_id,
                next_attempt_at=now,
            )
            for target in targets
        ]
    )
    _enqueue_after_commit(target.pk for target in targets)
    return deliveries


def deliveries_resend(*, deliveries) -> int:
    """Send these deliveries again (same webhook-id, so a receiver that saw
    one already can drop it), from the start of the retry schedule."""
    with transaction.atomic():
        rows = list(deliveries.values_list("pk", "target_id"))
        Delivery.objects.filter(pk__in=[pk for pk, _ in rows]).update(
            status=DeliveryStatus.PENDING,
            attempts=0,
            next_attempt_at=timezone.now(),
        )
        _enqueue_after_commit(target_id for _, target_id in rows)
    return len(rows)


def deliveries_resend_failed(*, target: Target, since: datetime.datetime) -> int:
    return deliveries_resend(
        deliveries=target.deliveries.filter(
            status=DeliveryStatus.FAILED, created_at__gte=since
        )
    )


def target_resync(*, target: Target, progress=None, chunk: int = 1000) -> int:
    """Queue the current state of everything the target wants: a fresh
    delivery (new webhook-id) of the newest change of every object that
    is public now. `progress(n)` is called as rows are written."""
    object_types = target.object_types()
    newest = (
        ContentChange.objects.filter(object_type__in=object_types)
        .values("object_id")
        .annotate(newest=Max("id"))
        .values_list("newest", flat=True)
    )
    changes = (
        ContentChange.objects.filter(id__in=newest)
        .exclude(action__in=TOMBSTONES)
        .order_by("id")
    )
    region_path = Page.objects.filter(pk=target.region_id).values_list(
        "path", flat=True
    )[0]
    organisation_paths = list(target.organisations.values_list("path", flat=True))
    run = uuid.uuid4()
    now = timezone.now()
    written = 0
    batch = []

    def flush():
        nonlocal written
        pages = dict(
            Page.objects.filter(pk__in=[c.page_id for c in batch]).values_list(
                "pk", "path"
            )
        )
        rows = [
            Delivery(
                target=target,
                change=change,
                object_id=change.object_id,
                version=change.version,
                message_id=uuid.uuid5(RESYNC_NAMESPACE, f"{run}:{change.event_id}"),
                resync=True,
                next_attempt_at=now,
            )
            for change in batch
            if (path := pages.get(change.page_id, ""))
            and path.startswith(region_path)
            and (
                not organisation_paths
                or any(path.startswith(o) for o in organisation_paths)
            )
        ]
        Delivery.objects.bulk_create(rows)
        written += len(rows)
        if progress:
            progress(len(batch))
        batch.clear()

    with transaction.atomic():
        for change in changes.iterator(chunk_size=chunk):
            batch.append(change)
            if len(batch) >= chunk:
                flush()
        if batch:
            flush()
        _enqueue_after_commit([target.pk], copies=max(1, target.max_concurrency))
    return written
