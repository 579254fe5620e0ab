"""The change log: recording changes of public content (in the transaction
that makes them) and reading it as a resumable feed.

A change is recorded by comparing what the public may see of a page now
with the last change recorded for it, so a publish of a page nobody may see
records nothing, and unpublishing, deleting or hiding a page behind a view
restriction records a tombstone only when the page had been visible."""

import base64
import binascii
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cms.changes.payloads import payload_hash
from cms.models import (
    ChangeAction,
    ChangeObjectType,
    ContentChange,
    InterventionPage,
    MeetingPage,
    NewsPage,
    OrganisationPage,
)
from cms.models.changes import TOMBSTONES

# One lock number for every writer of the change log (PostgreSQL advisory
# lock, held until commit): rows get their ids in commit order.
CHANGE_LOG_LOCK = 0x5A4D_C4A6


@dataclass(frozen=True)
class TrackedType:
    object_type: str
    model: type
    id_field: str

    def published(self):
        from cms import selectors

        return {
            ChangeObjectType.INTERVENTION: InterventionPage.objects.live().public,
            ChangeObjectType.ORGANISATION: selectors.organisations_published,
            ChangeObjectType.NEWS: selectors.news_published,
            ChangeObjectType.EVENT: MeetingPage.objects.live().public,
        }[self.object_type]()


TRACKED_TYPES = (
    TrackedType(ChangeObjectType.INTERVENTION, InterventionPage, "uuid"),
    TrackedType(ChangeObjectType.ORGANISATION, OrganisationPage, "translation_key"),
    TrackedType(ChangeObjectType.NEWS, NewsPage, "translation_key"),
    TrackedType(ChangeObjectType.EVENT, MeetingPage, "translation_key"),
)


def tracked_type_of(page) -> TrackedType | None:
    for tracked in TRACKED_TYPES:
        if isinstance(page, tracked.model):
            return tracked
    return None


def object_stable_id(page):
    """The stable id of the object a page (of a tracked type, in any
    language) is: the one the API, feeds and sync name it by."""
    return _stable_id(page, tracked_type_of(page))


def _stable_id(specific, tracked: TrackedType):
    """The object's stable id: a translation's is its Swedish source's (an
    intervention's `uuid` is per page; the others use the translation key,
    which translations share)."""
    from cms.languages import SOURCE_LANGUAGE

    own = getattr(specific, tracked.id_field)
    if tracked.id_field == "translation_key":
        return own
    source = (
        tracked.model.objects.filter(
            translation_key=specific.translation_key,
            locale__language_code=SOURCE_LANGUAGE,
        )
        .values_list(tracked.id_field, flat=True)
        .first()
    )
    return source or own


def change_record(
    *, page, deleted: bool = False, only_if_visibility_changed: bool = False
) -> ContentChange | None:
    """Record what changed for the public about `page` (a Page or a specific
    page). Returns the new row, or None when the public sees no change."""
    with transaction.atomic():
        _lock_change_log()
        last = ContentChange.objects.filter(page_id=page.pk).order_by("-id").first()
        was_visible = last is not None and not last.is_tombstone
        specific = None if deleted else page.specific
        tracked = None if specific is None else tracked_type_of(specific)
        visible = (
            tracked is not None and tracked.published().filter(pk=page.pk).exists()
        )
        if visible:
            region_id = _region_id_of(page)
            moved_region = was_visible and last.region_id != region_id
            if only_if_visibility_changed and was_visible and not moved_region:
                return None
            if moved_region:
                # Readers of the old region see it go, the new region's
                # readers see it come.
                _tombstone(last, page_id=page.pk, action=ChangeAction.UNPUBLISHED)
                was_visible = False
            return _insert(
                object_type=tracked.object_type,
                object_id=_stable_id(specific, tracked),
                locale=specific.locale.language_code,
                page_id=page.pk,
                region_id=region_id,
                action=ChangeAction.UPDATED if was_visible else ChangeAction.CREATED,
                payload_hash=payload_hash(specific),
            )
        if not was_visible:
            return None
        action = ChangeAction.DELETED if deleted else ChangeAction.UNPUBLISHED
        return _tombstone(last, page_id=page.pk, action=action)


def change_record_subtree(*, page, only_if_visibility_changed: bool) -> int:
    """Record changes for a page and every tracked page below it (after a
    move or a change of view restrictions). Returns the number recorded."""
    from wagtail.models import Page

    pages = (
        Page.objects.descendant_of(page, inclusive=True)
        .type(*(tracked.model for tracked in TRACKED_TYPES))
        .specific()
    )
    recorded = 0
    for descendant in pages:
        if change_record(
            page=descendant, only_if_visibility_changed=only_if_visibility_changed
        ):
            recorded += 1
    return recorded


def changes_backfill() -> int:
    """Bring the log in line with what the public sees now, for content that
    changed without Wagtail's signals (pages created live by code, data
    loaded from a dump, an upgrade from a version without the log).
    Idempotent; returns the number of changes recorded."""
    from wagtail.models import Page

    root = Page.get_first_root_node()
    if root is None:
        return 0
    recorded = change_record_subtree(page=root, only_if_visibility_changed=True)
    # Pages deleted without signals: tombstones for logged objects whose
    # page no longer exists.
    latest = (
        ContentChange.objects.filter(
            id__in=ContentChange.objects.values("page_id")
            .annotate(latest=models.Max("id"))
            .values("latest")
        )
        .exclude(action__in=TOMBSTONES)
        .exclude(page_id__in=Page.objects.values("pk"))
    )
    for change in latest:
        with transaction.atomic():
            _lock_change_log()
            _tombstone(change, page_id=change.page_id, action=ChangeAction.DELETED)
        recorded += 1
    return recorded


def _region_id_of(page) -> int | None:
    """The region above the page (one query)."""
    from cms.models import RegionPage

    steplen = page.steplen
    ancestors = [page.path[:end] for end in range(steplen, len(page.path), steplen)]
    return (
        RegionPage.objects.filter(path__in=ancestors)
        .values_list("pk", flat=True)
        .first()
    )


def _tombstone(last: ContentChange, *, page_id, action) -> ContentChange:
    """The change that takes `last`'s object away from the readers of the
    region and language it was last shown in."""
    return _insert(
        object_type=last.object_type,
        object_id=last.object_id,
        locale=last.locale,
        page_id=page_id,
        region_id=last.region_id,
        action=action,
        payload_hash="",
    )


def _insert(*, object_id, **fields) -> ContentChange:
    # The version counts the object's changes in every language.
    newest = (
        ContentChange.objects.filter(object_id=object_id)
        .order_by("-id")
        .values_list("version", flat=True)
        .first()
    )
    change = ContentChange.objects.create(
        object_id=object_id,
        version=(newest or 0) + 1,
        modified_at=timezone.now(),
        **fields,
    )
    from cms.signals import content_changed

    content_changed.send(sender=ContentChange, change=change)
    return change


def _lock_change_log() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHANGE_LOG_LOCK])
    # SQLite serialises writers on its own database lock.


# Reading ------------------------------------------------------------------


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class ChangesCursor:
    """Where a reader stands. `snapshot_until` is set while the reader is
    still receiving the full current set (the state as of that change id);
    afterwards the reader follows every change after `after`."""

    after: int = 0
    snapshot_until: int | None = None

    def encode(self) -> str:
        raw = (
            f"s{self.snapshot_until}:{self.after}"
            if self.is_snapshot
            else f"l{self.after}"
        )
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @property
    def is_snapshot(self) -> bool:
        return self.snapshot_until is not None

    @classmethod
    def decode(cls, token: str) -> "ChangesCursor":
        try:
            padded = token + "=" * (-len(token) % 4)
            raw = base64.urlsafe_b64decode(padded.encode()).decode()
            if raw.startswith("s"):
                until, after = raw[1:].split(":")
                cursor = cls(after=int(after), snapshot_until=int(until))
            elif raw.startswith("l"):
                cursor = cls(after=int(raw[1:]))
            else:
                raise ValueError(raw)
        except (ValueError, UnicodeDecodeError, binascii.Error) as error:
            raise InvalidCursor(token) from error
        if cursor.after < 0 or (cursor.snapshot_until or 0) < 0:
            raise InvalidCursor(token)
        return cursor


@dataclass(frozen=True)
class ChangesPage:
    items: list[ContentChange]
    next_cursor: ChangesCursor
    has_more: bool


def _log(region_ids: list[int] | None):
    rows = ContentChange.objects.all()
    return rows if region_ids is None else rows.filter(region_id__in=region_ids)


def changes_start() -> ChangesCursor:
    """A reader without a cursor first receives the full current set as of
    the newest change now, then every change after it."""
    newest = ContentChange.objects.order_by("-id").values_list("id", flat=True).first()
    return ChangesCursor(after=0, snapshot_until=newest or 0)


def changes_read(
    *, cursor: ChangesCursor, limit: int, region_ids: list[int] | None = None
) -> ChangesPage:
    """A page of the feed; of one region's changes when `region_ids` (the
    region page and its translations) are given. Cursors are positions in
    the one log, so they work either way."""
    if cursor.is_snapshot:
        rows = list(_snapshot(cursor, region_ids)[: limit + 1])
        if len(rows) <= limit:
            # The snapshot ends here; carry on with the changes after it.
            return ChangesPage(
                items=rows,
                next_cursor=ChangesCursor(after=cursor.snapshot_until),
                has_more=_log(region_ids).filter(id__gt=cursor.snapshot_until).exists(),
            )
        rows = rows[:limit]
        return ChangesPage(
            items=rows,
            next_cursor=ChangesCursor(
                after=rows[-1].id, snapshot_until=cursor.snapshot_until
            ),
            has_more=True,
        )
    rows = list(
        _log(region_ids).filter(id__gt=cursor.after).order_by("id")[: limit + 1]
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    after = rows[-1].id if rows else cursor.after
    return ChangesPage(
        items=rows, next_cursor=ChangesCursor(after=after), has_more=has_more
    )


def _snapshot(cursor: ChangesCursor, region_ids: list[int] | None = None):
    """The newest change of every object in every language, visible as of
    `snapshot_until`."""
    until = cursor.snapshot_until
    newer = ContentChange.objects.filter(
        object_id=OuterRef("object_id"),
        locale=OuterRef("locale"),
        id__gt=OuterRef("id"),
        id__lte=until,
    )
    return (
        _log(region_ids)
        .filter(id__gt=cursor.after, id__lte=until)
        .exclude(action__in=TOMBSTONES)
        .exclude(Exists(newer))
        .order_by("id")
    )
