"""Writes and state changes of the cms app.

Provisioning gives every region a central administrators group and every
organisation an editors group, each with page rights on its own subtree and a
media collection of its own. All functions are idempotent.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from cms.models import OrganisationPage, RegionPage

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
CENTRAL_PAGE_PERMISSIONS = (
    *EDITOR_PAGE_PERMISSIONS,
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
EDITOR_MODEL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("samverkan_cms", "add_person"),
    ("samverkan_cms", "change_person"),
    ("samverkan_cms", "delete_person"),
    ("samverkan_cms", "view_person"),
    ("samverkan_cms", "view_collaborationgroup"),
    # Köp, byt och sälj: seeks and agreements, scoped by cms/exchange/.
    *(
        ("samverkan_cms", f"{action}_{model}")
        for model in ("placeseek", "exchangeagreement")
        for action in ("add", "change", "delete", "view")
    ),
    # Translating their pages (wagtail-localize; scoped to the pages they may
    # edit by cms.translations.admin_views).
    ("wagtail_localize", "submit_translation"),
)
CENTRAL_MODEL_PERMISSIONS = (
    *EDITOR_MODEL_PERMISSIONS,
    # Partner API keys and usage (not scoped to a region: a key reads
    # everything that is public anyway).
    ("samverkan_delivery", "add_partnerapikey"),
    ("samverkan_delivery", "change_partnerapikey"),
    ("samverkan_delivery", "view_partnerapikey"),
    ("samverkan_delivery", "view_apiusageday"),
    ("samverkan_cms", "add_collaborationgroup"),
    ("samverkan_cms", "change_collaborationgroup"),
    ("samverkan_cms", "delete_collaborationgroup"),
    # The managed taxonomy of the intervention bank.
    ("samverkan_cms", "add_interventioncategory"),
    ("samverkan_cms", "change_interventioncategory"),
    ("samverkan_cms", "delete_interventioncategory"),
    ("samverkan_cms", "add_language"),
    ("samverkan_cms", "change_language"),
    # The review routine: coordinators, people who left.
    ("samverkan_cms", "add_reviewcoordinator"),
    ("samverkan_cms", "change_reviewcoordinator"),
    ("samverkan_cms", "delete_reviewcoordinator"),
    ("samverkan_cms", "view_reviewcoordinator"),
    ("samverkan_cms", "add_personabsence"),
    ("samverkan_cms", "change_personabsence"),
    ("samverkan_cms", "delete_personabsence"),
    ("samverkan_cms", "view_personabsence"),
    # Only central administrators manage users.
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "delete_user"),
    ("auth", "view_user"),
)


def _permissions(pairs) -> list[Permission]:
    """The permissions named by (app label, codename) pairs, in one plain
    query (an OR of one condition per pair cost more to build than to run)."""
    pairs = set(pairs)
    candidates = Permission.objects.filter(
        content_type__app_label__in={label for label, _codename in pairs},
        codename__in={codename for _label, codename in pairs},
    ).select_related("content_type")
    permissions = [
        p for p in candidates if (p.content_type.app_label, p.codename) in pairs
    ]
    if len(permissions) != len(pairs):
        found = {(p.content_type.app_label, p.codename) for p in permissions}
        missing = sorted(pairs - found)
        raise LookupError(f"Missing permissions (run migrate first): {missing}")
    return permissions


def _child_collection(*, parent: Collection, name: str) -> Collection:
    existing = parent.get_children().filter(name=name).first()
    return existing or parent.add_child(instance=Collection(name=name))


def _grant_tree_rights(*, group: Group, page, page_codenames, collection) -> None:
    """Grant the page rights on `page` and the media rights on `collection`;
    rights the group already has stay as they are (both tables are unique
    on group, object and permission)."""
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=page_codenames
    )
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page=page, permission=permission)
            for permission in page_permissions
        ],
        ignore_conflicts=True,
    )
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(
                group=group, collection=collection, permission=permission
            )
            for permission in _permissions(MEDIA_PERMISSIONS)
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def region_provision(*, region: RegionPage) -> Group:
    """Create (or complete) the region's central administrators group and
    media collection. Returns the group."""
    region = RegionPage.objects.select_for_update().get(pk=region.pk)
    if region.collection is None:
        region.collection = _child_collection(
            parent=Collection.get_first_root_node(), name=region.title
        )
    if region.central_group is None:
        region.central_group, _created = Group.objects.get_or_create(
            name=_("%(region)s: central administrators") % {"region": region.short_name}
        )
    RegionPage.objects.filter(pk=region.pk).update(
        collection=region.collection, central_group=region.central_group
    )
    group = region.central_group
    group.permissions.add(*_permissions(CENTRAL_MODEL_PERMISSIONS))
    _grant_tree_rights(
        group=group,
        page=region,
        page_codenames=CENTRAL_PAGE_PERMISSIONS,
        collection=region.collection,
    )
    return group


@transaction.atomic
def organisation_provision(*, organisation: OrganisationPage) -> Group:
    """Create (or complete) the organisation's editors group and media
    collection; its editors get rights on the organisation's subtree only."""
    organisation = OrganisationPage.objects.select_for_update().get(pk=organisation.pk)
    region = organisation.get_parent().specific
    if region.collection is None:
        region_provision(region=region)
        region.refresh_from_db()
    if organisation.collection is None:
        organisation.collection = _child_collection(
            parent=region.collection, name=organisation.title
        )
    if organisation.editors_group is None:
        organisation.editors_group, _created = Group.objects.get_or_create(
            name=_editors_group_name(region=region, organisation=organisation)
        )
    # Save the two links without creating a revision or touching the tree.
    OrganisationPage.objects.filter(pk=organisation.pk).update(
        collection=organisation.collection, editors_group=organisation.editors_group
    )
    group = organisation.editors_group
    group.permissions.add(*_permissions(EDITOR_MODEL_PERMISSIONS))
    _grant_tree_rights(
        group=group,
        page=organisation,
        page_codenames=EDITOR_PAGE_PERMISSIONS,
        collection=organisation.collection,
    )
    return group


def _editors_group_name(*, region, organisation) -> str:
    return _("%(region)s: %(organisation)s editors") % {
        "region": region.short_name,
        "organisation": organisation.title,
    }


def organisation_rename_resources(*, organisation: OrganisationPage) -> None:
    """Keep the editors group and the media collection named after the
    organisation when it is published under a new name (a group name that
    another group already has is left as it was)."""
    region = organisation.get_parent().specific
    if organisation.collection_id:
        Collection.objects.filter(pk=organisation.collection_id).exclude(
            name=organisation.title
        ).update(name=organisation.title)
    if organisation.editors_group_id:
        name = _editors_group_name(region=region, organisation=organisation)
        if not Group.objects.filter(name=name).exists():
            Group.objects.filter(pk=organisation.editors_group_id).update(name=name)


def interventions_mark_reviewed(
    *, pages, user=None, when=None, method="confirmed"
) -> None:
    """Record that the pages were reviewed and found current. Written straight
    to the page rows (no new revision: the content did not change), with an
    entry each in the review log (cms.reviews)."""
    from cms.reviews.services import interventions_review

    interventions_review(pages=pages, user=user, when=when, method=method)
