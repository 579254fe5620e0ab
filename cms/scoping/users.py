"""Which users and groups a central administrator may manage: those of
their own region only. Without this, Wagtail lets anyone who may change
users tick "Administrator" or add any group (another region's central
administrators, Wagtail's site-wide Editors and Moderators), which would be
a way out of the region."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.conf import cms_setting
from cms.models import OrganisationPage
from cms.scoping.selectors import regions_administered_by


def groups_assignable_by(user):
    """Groups the user may give to others: every group for a superuser; for
    a central administrator their region's central group, the editors
    groups of its organisations and the groups named in
    SAMVERKAN_CENTRAL_ASSIGNABLE_GROUPS (e.g. communicators)."""
    if user.is_superuser:
        return Group.objects.all()
    regions = list(regions_administered_by(user=user))
    if not regions:
        return Group.objects.none()
    organisations = OrganisationPage.objects.none()
    for region in regions:
        organisations |= OrganisationPage.objects.descendant_of(region)
    names = cms_setting("SAMVERKAN_CENTRAL_ASSIGNABLE_GROUPS")
    return Group.objects.filter(
        pk__in=[
            *(region.central_group_id for region in regions),
            *organisations.values_list("editors_group", flat=True),
            *Group.objects.filter(name__in=names).values_list("pk", flat=True),
        ]
    )


def users_manageable_by(user):
    """Users the user may see and change in the admin: every user for a
    superuser; for a central administrator the users who are not
    superusers, hold no permission of their own and belong to no group
    outside `groups_assignable_by` (users in no group yet included)."""
    users = get_user_model().objects.all()
    if user.is_superuser:
        return users
    if not regions_administered_by(user=user).exists():
        return users.none()
    foreign = Group.objects.exclude(pk__in=groups_assignable_by(user))
    return (
        users.filter(is_superuser=False, user_permissions__isnull=True)
        .exclude(groups__in=foreign)
        .distinct()
    )
