"""People are scoped to their organisation, groups to their region, and only
central administrators manage users."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.models import CollaborationGroup, Person
from tests.factories import (
    CollaborationGroupFactory,
    PersonFactory,
    RegionPageFactory,
    UserFactory,
    central_admin_of,
)

DENIED = {302, 403, 404}


def person_url(action, person=None):
    name = f"wagtailsnippets_samverkan_cms_person:{action}"
    return reverse(name, args=(person.pk,)) if person else reverse(name)


@pytest.fixture
def person_a(org_a):
    return PersonFactory(organisation=org_a, name="Anna A")


@pytest.fixture
def person_b(org_b):
    return PersonFactory(organisation=org_b, name="Bertil B")


@pytest.fixture
def client_a(client, editor_a):
    client.force_login(editor_a)
    return client


def test_list_shows_only_own_people(client_a, person_a, person_b):
    response = client_a.get(person_url("list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Anna A" in content
    assert "Bertil B" not in content


@pytest.mark.parametrize(
    ("action", "method"),
    [
        ("edit", "get"),
        ("edit", "post"),
        ("delete", "get"),
        ("delete", "post"),
        ("copy", "get"),
        ("history", "get"),
        ("usage", "get"),
    ],
)
def test_other_organisations_people_are_closed(client_a, person_b, action, method):
    data = {"name": "Kapad", "organisation": person_b.organisation_id}
    response = getattr(client_a, method)(person_url(action, person_b), data)
    assert response.status_code in DENIED
    person_b.refresh_from_db()
    assert person_b.name == "Bertil B"


def test_bulk_delete_skips_other_organisations_people(client_a, person_a, person_b):
    url = (
        reverse("wagtail_bulk_action", args=("samverkan_cms", "person", "delete"))
        + f"?id={person_a.pk}&id={person_b.pk}"
    )
    client_a.post(url, {})
    assert not Person.objects.filter(pk=person_a.pk).exists()
    assert Person.objects.filter(pk=person_b.pk).exists()


def test_cannot_create_person_in_other_organisation(client_a, org_b):
    response = client_a.post(
        person_url("add"), {"name": "Ny", "organisation": org_b.pk, "email": ""}
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Person.objects.filter(name="Ny").exists()


def test_cannot_move_own_person_to_other_organisation(client_a, person_a, org_b):
    response = client_a.post(
        person_url("edit", person_a), {"name": "Anna A", "organisation": org_b.pk}
    )
    assert response.status_code == 200
    person_a.refresh_from_db()
    assert person_a.organisation_id != org_b.pk


def test_editor_creates_and_edits_own_people(client_a, org_a, person_a):
    response = client_a.post(
        person_url("add"),
        {"name": "Ny Person", "organisation": org_a.pk, "email": "ny@example.se"},
    )
    assert response.status_code == 302
    assert Person.objects.filter(name="Ny Person", organisation=org_a).exists()
    response = client_a.post(
        person_url("edit", person_a),
        {"name": "Anna Andersson", "organisation": org_a.pk, "email": ""},
    )
    assert response.status_code == 302
    person_a.refresh_from_db()
    assert person_a.name == "Anna Andersson"


def test_editor_cannot_link_a_cms_account(client_a, org_a, person_a):
    other = UserFactory(username="someone")
    response = client_a.post(
        person_url("edit", person_a),
        {"name": "Anna A", "organisation": org_a.pk, "user": other.pk},
    )
    assert response.status_code == 302
    person_a.refresh_from_db()
    assert person_a.user_id is None


def test_editor_cannot_manage_groups(client_a, region):
    group = CollaborationGroupFactory(region=region, name="Ledningsgruppen")
    url = reverse(
        "wagtailsnippets_samverkan_cms_collaborationgroup:edit", args=(group.pk,)
    )
    assert client_a.post(url, {"name": "Kapad"}).status_code in DENIED
    add_url = reverse("wagtailsnippets_samverkan_cms_collaborationgroup:add")
    assert client_a.get(add_url).status_code in DENIED
    group.refresh_from_db()
    assert group.name == "Ledningsgruppen"


@pytest.mark.parametrize(
    "url_name", ["wagtailusers_users:index", "wagtailusers_users:add"]
)
def test_only_central_admins_manage_users(client, editor_a, central_admin, url_name):
    client.force_login(editor_a)
    assert client.get(reverse(url_name)).status_code in DENIED
    client.force_login(central_admin)
    assert client.get(reverse(url_name)).status_code == 200


def test_editor_cannot_edit_a_user(client, editor_a, central_admin):
    client.force_login(editor_a)
    url = reverse("wagtailusers_users:edit", args=(central_admin.pk,))
    response = client.post(url, {"username": "kapad", "email": "x@example.se"})
    assert response.status_code in DENIED
    assert get_user_model().objects.filter(username="strategist").exists()


def test_editor_cannot_grant_themselves_groups(client, editor_a, region):
    client.force_login(editor_a)
    url = reverse("wagtailusers_users:edit", args=(editor_a.pk,))
    client.post(url, {"username": "editor_a", "groups": [region.central_group.pk]})
    assert not editor_a.groups.filter(pk=region.central_group.pk).exists()


class TestTwoRegions:
    @pytest.fixture
    def other_region(self, db):
        return RegionPageFactory(title="Norrland", slug="norrland", short_name="Norr")

    def test_central_admin_sees_only_own_region(
        self, client, central_admin, person_a, other_region
    ):
        from tests.factories import OrganisationPageFactory

        far_org = OrganisationPageFactory(parent=other_region, title="Umeå kommun")
        far_person = PersonFactory(organisation=far_org, name="Fjärran Person")
        far_group = CollaborationGroupFactory(region=other_region, name="Norrgruppen")
        client.force_login(central_admin)

        people = client.get(person_url("list")).content.decode()
        assert "Anna A" in people
        assert "Fjärran Person" not in people
        assert client.get(person_url("edit", far_person)).status_code in DENIED

        group_edit = reverse(
            "wagtailsnippets_samverkan_cms_collaborationgroup:edit",
            args=(far_group.pk,),
        )
        assert client.get(group_edit).status_code in DENIED

        page_edit = reverse("wagtailadmin_pages:edit", args=(far_org.pk,))
        response = client.post(
            page_edit, {"title": "Kapad", "slug": far_org.slug, "kind": "municipality"}
        )
        assert response.status_code in DENIED
        far_org.refresh_from_db()
        assert far_org.title == "Umeå kommun"

    def test_group_cannot_be_put_in_another_region(
        self, client, central_admin, other_region
    ):
        client.force_login(central_admin)
        url = reverse("wagtailsnippets_samverkan_cms_collaborationgroup:add")
        response = client.post(
            url,
            {
                "region": other_region.pk,
                "name": "Smuggel",
                "slug": "smuggel",
                "kind": "working",
                "memberships-TOTAL_FORMS": "0",
                "memberships-INITIAL_FORMS": "0",
                "memberships-MIN_NUM_FORMS": "0",
                "memberships-MAX_NUM_FORMS": "1000",
            },
        )
        assert response.status_code == 200
        assert not CollaborationGroup.objects.filter(slug="smuggel").exists()

    def test_each_region_has_its_own_central_group(self, region, other_region):
        admin_far = central_admin_of(other_region, username="far_admin")
        assert admin_far.groups.get() != region.central_group
        assert region.central_group.page_permissions.filter(page=region).exists()
        assert not region.central_group.page_permissions.filter(
            page=other_region
        ).exists()
