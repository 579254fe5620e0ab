"""Creating a region or organisation in the admin provisions its groups."""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupPagePermission

from cms.models import OrganisationPage, RegionPage
from cms.services import organisation_provision
from tests.factories import UserFactory


def test_central_admin_creates_organisation_with_its_editors_group(
    client, central_admin, region
):
    client.force_login(central_admin)
    url = reverse(
        "wagtailadmin_pages:add",
        args=("samverkan_cms", "organisationpage", region.pk),
    )
    response = client.post(
        url,
        {
            "title": "Salems kommun",
            "slug": "salem",
            "kind": "municipality",
            "municipality_code": "0128",
            "member_since": "2020-01-01",
            "action-publish": "1",
        },
    )
    assert response.status_code == 302
    organisation = OrganisationPage.objects.get(slug="salem")
    assert organisation.live
    group = organisation.editors_group
    assert group.name == "Södertörn: Salems kommun redaktörer"
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=organisation).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "publish_page"}
    assert organisation.collection.get_parent() == region.collection


def test_superuser_creates_region_with_central_group(client, db):
    client.force_login(UserFactory(username="root", is_superuser=True))
    from wagtail.models import Page

    root = Page.get_first_root_node()
    url = reverse(
        "wagtailadmin_pages:add", args=("samverkan_cms", "regionpage", root.pk)
    )
    response = client.post(
        url,
        {
            "title": "Etablering Norr",
            "slug": "norr",
            "short_name": "Norr",
            "action-publish": "1",
        },
    )
    assert response.status_code == 302
    region = RegionPage.objects.get(slug="norr")
    assert region.central_group.name == "Norr: centrala administratörer"
    assert region.central_group.permissions.filter(codename="add_user").exists()


def test_editor_cannot_create_organisations(client, editor_a, region):
    client.force_login(editor_a)
    url = reverse(
        "wagtailadmin_pages:add",
        args=("samverkan_cms", "organisationpage", region.pk),
    )
    response = client.post(url, {"title": "Ny", "slug": "ny", "kind": "ngo"})
    assert response.status_code in {302, 403}
    assert not OrganisationPage.objects.filter(slug="ny").exists()


def test_provisioning_is_idempotent(org_a):
    groups = Group.objects.count()
    permissions = GroupPagePermission.objects.count()
    organisation_provision(organisation=org_a)
    organisation_provision(organisation=org_a)
    assert Group.objects.count() == groups
    assert GroupPagePermission.objects.count() == permissions


def test_renaming_an_organisation_renames_its_group_and_collection(org_a):
    org_a.title = "Södertälje stad"
    org_a.save_revision().publish()
    org_a.refresh_from_db()

    assert "Södertälje stad" in org_a.editors_group.name
    assert org_a.collection.name == "Södertälje stad"


def test_a_draft_title_renames_nothing(org_a):
    group, collection = org_a.editors_group.name, org_a.collection.name
    org_a.title = "Ännu inte beslutat namn"
    org_a.save_revision()
    org_a.refresh_from_db()

    assert org_a.editors_group.name == group
    assert org_a.collection.name == collection
