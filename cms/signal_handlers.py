"""Signal receivers: each only calls a service."""

from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import services
from cms.changes import dependents as change_dependents
from cms.changes import log as changes
from cms.changes.dependents import objects_shown_by
from cms.changes.version import content_version_bump
from cms.reviews.services import review_record_from_save
from cms.scoping import visibility
from cms.signals import intervention_reviewed


def _bump(sender, *, shown=None, **kwargs):
    """`shown`: what objects_shown_by() found the change moves (None:
    anything may have moved)."""
    objects, kinds = shown or (None, ())

    def bump():
        content_version_bump(objects=objects, kinds=kinds)

    # Now, and again after commit: a response rendered from the old data
    # between the two must not stay cached under the new version.
    bump()
    transaction.on_commit(bump)


def _intervention_reviewed(sender, page, previous_due, **kwargs):
    review_record_from_save(page=page, previous_due=previous_due)


# Pages being deleted in this thread. Wagtail "unpublishes" a page in memory
# just before deleting it (its own pre_delete receiver, which runs after
# ours because cms is installed before wagtail); the delete records the
# tombstone, so that unpublish must record nothing.
_deleting: ContextVar[frozenset] = ContextVar("samverkan_deleting", default=frozenset())


def _page_deleting(sender, instance, **kwargs):
    _deleting.set(_deleting.get() | {instance.pk})


def _published_or_unpublished(sender, instance, **kwargs):
    if instance.pk in _deleting.get():
        return
    changes.change_record(page=instance)
    _bump(sender, shown=objects_shown_by(instance))


# A move or a view restriction can change which sections are restricted;
# the version moves first, so that the visibility the change log reads is
# not the one cached before (cms.scoping.visibility).
def _moved(sender, instance, **kwargs):
    _bump(sender)
    changes.change_record_subtree(page=instance, only_if_visibility_changed=False)


def _page_deleted(sender, instance, **kwargs):
    _deleting.set(_deleting.get() - {instance.pk})
    changes.change_record(page=instance, deleted=True)
    _bump(sender)


def _restriction_changed(sender, instance, **kwargs):
    from wagtail.models import Page

    _bump(sender)
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        changes.change_record_subtree(page=page, only_if_visibility_changed=True)


def _shown_object_saved(sender, instance, **kwargs):
    change_dependents.change_record_dependents(
        pages=change_dependents.dependents_of(instance)
    )


def _shown_object_deleting(sender, instance, **kwargs):
    change_dependents.dependents_before_delete(instance)


def _shown_object_deleted(sender, instance, **kwargs):
    change_dependents.change_record_dependents_after_delete(instance)


def _organisation_published(sender, instance, **kwargs):
    services.organisation_rename_resources(organisation=instance)


def _translation_published(sender, instance, **kwargs):
    from cms.translations.outdated import translation_page_published

    translation_page_published(page=instance)


def _region_or_organisation_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from cms.translations.rights import translation_rights_copy

        translation_rights_copy(page=instance)


def connect() -> None:
    from wagtail.models import Page, PageViewRestriction

    from cms.models import (
        CollaborationGroup,
        GroupMembership,
        InterventionCategory,
        Language,
        OrganisationPage,
        Person,
        RegionPage,
    )

    for signal in (page_published, page_unpublished):
        signal.connect(
            _published_or_unpublished,
            dispatch_uid=f"samverkan-changes-{id(signal)}",
        )
    post_page_move.connect(_moved, dispatch_uid="samverkan-changes-move")
    # The restricted sections are read once per GET request.
    request_started.connect(
        visibility.request_memo_open, dispatch_uid="samverkan-visibility-open"
    )
    request_finished.connect(
        visibility.request_memo_close, dispatch_uid="samverkan-visibility-close"
    )
    intervention_reviewed.connect(
        _intervention_reviewed, dispatch_uid="samverkan-reviews-record"
    )
    # A changed Swedish source marks its translations outdated.
    page_published.connect(
        _translation_published, dispatch_uid="samverkan-translations-outdated"
    )
    # A translation of a region or organisation page: same rights as its source.
    for model in (RegionPage, OrganisationPage):
        post_save.connect(
            _region_or_organisation_created,
            sender=model,
            dispatch_uid=f"samverkan-translation-rights-{model.__name__}",
        )
    pre_delete.connect(
        _page_deleting, sender=Page, dispatch_uid="samverkan-changes-page-deleting"
    )
    post_delete.connect(
        _page_deleted, sender=Page, dispatch_uid="samverkan-changes-page-delete"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"samverkan-changes-restriction-{id(signal)}",
        )
    # RegionPage: its external front end moves every URL of its pages.
    for model in (
        CollaborationGroup,
        GroupMembership,
        InterventionCategory,
        Language,
        Person,
        RegionPage,
    ):
        for signal in (post_save, post_delete):
            signal.connect(
                _bump,
                sender=model,
                dispatch_uid=f"samverkan-api-version-{model.__name__}-{id(signal)}",
            )
    page_published.connect(
        _organisation_published,
        sender=OrganisationPage,
        dispatch_uid="samverkan-organisation-rename-resources",
    )
    # Objects that pages show: their changes reach those pages' change log.
    page_published.connect(
        _shown_object_saved,
        sender=OrganisationPage,
        dispatch_uid="samverkan-changes-dependents-organisation",
    )
    for model in (InterventionCategory, Language, Person):
        name = model.__name__
        post_save.connect(
            _shown_object_saved,
            sender=model,
            dispatch_uid=f"samverkan-changes-dependents-{name}-saved",
        )
        pre_delete.connect(
            _shown_object_deleting,
            sender=model,
            dispatch_uid=f"samverkan-changes-dependents-{name}-deleting",
        )
        post_delete.connect(
            _shown_object_deleted,
            sender=model,
            dispatch_uid=f"samverkan-changes-dependents-{name}-deleted",
        )
