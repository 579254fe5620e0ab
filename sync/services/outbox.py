"""The outbox: delivery rows written in the transaction of the change, a
task enqueued after commit (and the sweeper for lost tasks), resend and
resync."""

import datetime

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from wagtail.models import Locale, Page

from cms.infra.enqueue import enqueue_after_commit, task
from cms.languages import SOURCE_LANGUAGE
from cms.models import ContentChange
from cms.models.changes import TOMBSTONES
from sync.conf import conf
from sync.models import Delivery, DeliveryStatus, Target
from sync.targets import adapter_classes


def drain_enqueue(target_id: int) -> None:
    """Queue a drain of the target on the sync queue (QUEUE setting)."""
    task("sync.tasks.sync_target_drain").apply_async((target_id,), queue=conf("QUEUE"))


def payloads_build_enqueue(change_id: int) -> None:
    task("sync.tasks.sync_payloads_build").apply_async(
        ([change_id],), queue=conf("QUEUE")
    )


def _enqueue_after_commit(target_ids, *, copies: int = 1) -> None:
    for target_id in sorted(set(target_ids)):
        for _ in range(copies):
            enqueue_after_commit(
                lambda target_id=target_id: drain_enqueue(target_id),
                what=f"a drain of sync target {target_id}",
            )


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
    if change.locale != SOURCE_LANGUAGE:
        # A translation lives in its language's tree: the object is placed
        # by its Swedish page; adapters that send Swedish only skip it.
        candidates = [
            target
            for target in candidates
            if adapter_classes()[target.adapter].languages != "source"
        ]
        page = _source_page_of(change.page_id)
    else:
        page = Page.objects.filter(pk=change.page_id).only("path").first()
    if page is None or not candidates:
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


def _source_page_of(page_id: int):
    """The Swedish page of which this page is a translation, or None."""
    keys = Page.objects.filter(pk=page_id).values("translation_key")
    return (
        Page.objects.filter(
            translation_key__in=keys, locale__language_code=SOURCE_LANGUAGE
        )
        .only("path")
        .first()
    )


def _build_after_commit(change: ContentChange) -> None:
    """While any partner is configured, a published change's payloads are
    built (in the formats of the enabled targets) once it commits, ahead
    of need."""
    if change.is_tombstone or not Target.objects.filter(enabled=True).exists():
        return
    enqueue_after_commit(
        lambda: payloads_build_enqueue(change.pk), what="a payload build"
    )


def deliveries_fan_out(*, change: ContentChange) -> list[Delivery]:
    """One pending delivery per target that wants `change`, written in the
    caller's transaction; their sending starts after it commits (nothing is
    sent if it rolls back)."""
    _build_after_commit(change)
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


# A fresh random webhook-id per resync delivery, made by the database.
_RANDOM_UUID_SQL = {
    "postgresql": "gen_random_uuid()",
    "sqlite": "lower(hex(randomblob(16)))",  # Django keeps UUIDs as 32 hex digits
}


def _resync_insert_sql(*, organisation_paths: int, object_types: int) -> str:
    """INSERT ... SELECT of one fresh pending delivery for the newest change
    of every object in an id range, if that change is no tombstone and the
    object's Swedish page lies in the region (and in one of the
    organisations, if any): one delivery per object whatever language its
    newest change was in (a translation's page lies in its language's tree;
    the adapter sends the object with its translations or in that language).
    Done in the database: building 10,000 rows in Python costs more than
    sending them."""
    q = connection.ops.quote_name
    delivery = q(Delivery._meta.db_table)
    change = q(ContentChange._meta.db_table)
    page = q(Page._meta.db_table)
    organisations = ""
    if organisation_paths:
        organisations = (
            "AND (" + " OR ".join(["p.path LIKE %s"] * organisation_paths) + ")"
        )
    return f"""
        INSERT INTO {delivery} (target_id, change_id, object_id, version,
            message_id, resync, status, attempts, last_error, next_attempt_at,
            created_at)
        SELECT %s, c.id, c.object_id, c.version, {_RANDOM_UUID_SQL[connection.vendor]},
            %s, %s, 0, '', %s, %s
        FROM {change} c INNER JOIN {page} changed ON changed.id = c.page_id
        INNER JOIN {page} p ON p.translation_key = changed.translation_key
            AND p.locale_id = %s
        WHERE c.id BETWEEN %s AND %s
          AND c.object_type IN ({", ".join(["%s"] * object_types)})
          AND NOT EXISTS (
              SELECT 1 FROM {change} n WHERE n.object_id = c.object_id AND n.id > c.id)
          AND c.action NOT IN (%s, %s)
          AND p.path LIKE %s {organisations}
    """


def target_resync(*, target: Target, progress=None, chunk: int = 2000) -> int:
    """Queue the current state of everything the target wants: a fresh
    delivery (new webhook-id) of the newest change of every object that
    is public now. `progress(n)` is called as objects are examined."""
    object_types = target.object_types()
    newest = sorted(
        ContentChange.objects.filter(object_type__in=object_types)
        .values("object_id")
        .annotate(newest=Max("id"))
        .values_list("newest", flat=True)
    )
    region_path = Page.objects.filter(pk=target.region_id).values_list(
        "path", flat=True
    )[0]
    organisation_paths = list(target.organisations.values_list("path", flat=True))
    sql = _resync_insert_sql(
        organisation_paths=len(organisation_paths), object_types=len(object_types)
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    source_locale_id = Locale.objects.get(language_code=SOURCE_LANGUAGE).pk
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(newest), chunk):
            ids = newest[start : start + chunk]
            cursor.execute(
                sql,
                [
                    target.pk,
                    True,
                    DeliveryStatus.PENDING.value,
                    now,
                    now,
                    source_locale_id,
                    ids[0],
                    ids[-1],
                    *object_types,
                    *(action.value for action in TOMBSTONES),
                    f"{region_path}%",
                    *(f"{path}%" for path in organisation_paths),
                ],
            )
            written += cursor.rowcount
            if progress:
                progress(len(ids))
        _enqueue_after_commit([target.pk], copies=max(1, target.max_concurrency))
    return written
