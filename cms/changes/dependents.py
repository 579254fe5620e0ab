"""Pages whose public representation shows another object: when that
object changes (a person, category or language is edited, an organisation
is published under a new name), the pages showing it get an update in the
change log, and with it in the sync outbox. Only pages whose payload hash
really changed are recorded."""

from contextvars import ContextVar
from functools import partial

from django.db import transaction
from django.db.models import Q

from cms.changes import list_membership
from cms.changes import log as changes
from cms.changes.log import object_stable_id
from cms.changes.payloads import payload_hash
from cms.models import (
    ContentChange,
    InterventionCategory,
    InterventionPage,
    Language,
    MeetingPage,
    NewsPage,
    OrganisationPage,
    Person,
)


def dependents_of(instance) -> list:
    """The live tracked pages that show `instance`, as specific pages."""
    from wagtail.models import Page

    interventions = (
        InterventionPage.objects.live()
        .select_related("category", "provider", "contact_person", "live_revision")
        .prefetch_related("service_area", "languages")
    )
    if isinstance(instance, Person):
        return list(interventions.filter(contact_person=instance))
    if isinstance(instance, InterventionCategory):
        return list(interventions.filter(category=instance))
    if isinstance(instance, Language):
        return list(interventions.filter(languages=instance))
    if isinstance(instance, OrganisationPage):
        children = (
            Page.objects.child_of(instance)
            .live()
            .type(*(tracked.model for tracked in changes.TRACKED_TYPES))
            .specific()
        )
        served = interventions.filter(
            Q(provider=instance) | Q(service_area=instance)
        ).distinct()
        by_pk = {page.pk: page for page in (*children, *served)}
        return list(by_pk.values())
    return []


def change_record_dependents(*, pages) -> int:
    """Record an update for each page whose public representation changed
    since its last recorded change. Returns the number recorded."""
    recorded = 0
    for page in pages:
        last = ContentChange.objects.filter(page_id=page.pk).order_by("-id").first()
        if last is None or last.is_tombstone:
            continue  # not public yet (or any more): nothing for a reader
        if payload_hash(page) != last.payload_hash:
            recorded += changes.change_record(page=page) is not None
    return recorded


# Pages that showed an object being deleted in this thread: after the delete
# (once foreign keys are cleared) they are checked again.
_deleting: ContextVar[dict | None] = ContextVar("samverkan_dependents", default=None)


def dependents_before_delete(instance) -> None:
    key = (type(instance), instance.pk)
    pks = [page.pk for page in dependents_of(instance)]
    _deleting.set({**(_deleting.get() or {}), key: pks})


def change_record_dependents_after_delete(instance) -> int:
    pending = dict(_deleting.get() or {})
    pks = pending.pop((type(instance), instance.pk), [])
    _deleting.set(pending)
    pages = (
        InterventionPage.objects.filter(pk__in=pks)
        .select_related("category", "provider", "contact_person", "live_revision")
        .prefetch_related("service_area", "languages")
    )
    return change_record_dependents(pages=pages)


def objects_shown_by(page) -> tuple[list[str], set[str]] | None:
    """What a publish or unpublish of `page` (in any language) moves: the
    stable ids of the objects whose representation shows it and the kinds
    of lists it is in (for an intervention also the municipality lists it
    is in and leaves, cms.changes.list_membership, whose record is updated
    when the publish is committed); None when it may show anywhere
    (organisations, regions, every other page type)."""
    page = page.specific
    if isinstance(page, InterventionPage):
        # News items list the interventions they relate (id and title).
        news = set(
            NewsPage.objects.filter(
                related_interventions__translation_key=page.translation_key
            ).values_list("translation_key", flat=True)
        )
        objects = [str(object_stable_id(page)), *(str(key) for key in news)]
        kinds = {"intervention", "news"} if news else {"intervention"}
        # The municipality lists it is in now and was in before.
        moved, record = list_membership.lists_moved(page)
        transaction.on_commit(partial(list_membership.served_record, record))
        return objects, kinds | moved
    if isinstance(page, NewsPage):
        return [str(page.translation_key)], {"news"}
    if isinstance(page, MeetingPage):
        return [str(page.translation_key)], {"event"}
    return None
