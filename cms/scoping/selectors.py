"""Who may see what in the admin: the pages, people, groups, organisations,
regions and tags a user is offered or may edit. Security-critical: every
admin view, chooser and widget reads through these (see docs/architecture.md,
"Scoping")."""

from django.db.models import Q, QuerySet

from cms.models import (
    CollaborationGroup,
    OrganisationPage,
    Person,
    RegionPage,
)
from cms.scoping.permissions import editable_pages_q
from cms.selectors import groups_taken_part_in


def organisations_editable_by(*, user) -> QuerySet[OrganisationPage]:
    """Organisations whose content the user may edit: their own organisation
    for an editor, every organisation of the region for its central admins."""
    return OrganisationPage.objects.filter(editable_pages_q(user))


def regions_administered_by(*, user) -> QuerySet[RegionPage]:
    return RegionPage.objects.filter(editable_pages_q(user))


def people_editable_by(*, user) -> QuerySet[Person]:
    return Person.objects.filter(editable_pages_q(user, field="organisation"))


def groups_editable_by(*, user) -> QuerySet[CollaborationGroup]:
    return CollaborationGroup.objects.filter(editable_pages_q(user, field="region"))


def groups_choosable_by(*, user) -> QuerySet[CollaborationGroup]:
    """Groups the user may pick for a meeting: every group of the regions
    they administer, and the groups their organisations take part in."""
    taking_part = groups_taken_part_in(
        organisations=organisations_editable_by(user=user)
    )
    return CollaborationGroup.objects.filter(
        Q(pk__in=groups_editable_by(user=user).values("pk"))
        | Q(pk__in=taking_part.values("pk"))
    )


def pages_visible_in_admin(*, user, model):
    """Pages of a content type open to every editor: all live ones, plus the
    drafts the user may explore (their own organisation's)."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    from cms.translations.selectors import with_translation_state

    explorable = (
        PagePermissionPolicy().explorable_instances(user).values_list("pk", flat=True)
    )
    pages = model.objects.filter(Q(live=True) | Q(pk__in=explorable))
    return with_translation_state(pages.select_related("locale"))


def tags_known_to(*, user):
    """The tags a user may be offered (the admin's tag autocomplete): those
    on a news item the user may see in the admin (every live one, and their
    own organisation's drafts) or on an image or document they may choose.
    A tag that only another organisation's unpublished work carries (typed
    into a draft, which makes the tag when saved) stays unknown. Superusers
    know every tag."""
    from django.contrib.contenttypes.models import ContentType

    from taggit.models import Tag, TaggedItem
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    from cms.models import NewsPage, NewsPageTag

    if user.is_superuser:
        return Tag.objects.all()
    news = pages_visible_in_admin(user=user, model=NewsPage)
    known = Q(
        pk__in=NewsPageTag.objects.filter(content_object__in=news).values("tag_id")
    )
    for model in (get_image_model(), get_document_model()):
        policy = policy_registry.get_by_type(model)
        choosable = policy.instances_user_has_any_permission_for(user, ["choose"])
        items = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=choosable.values("pk"),
        )
        known |= Q(pk__in=items.values("tag_id"))
    return Tag.objects.filter(known)


def interventions_visible_in_admin(*, user):
    """The bank is open: every live intervention, plus the drafts the user
    may explore (their own organisation's)."""
    from cms.models import InterventionPage

    return pages_visible_in_admin(user=user, model=InterventionPage)
