"""User management is scoped to the central administrator's region: no
other region's users, no superusers, no groups from outside, no way to
become an administrator."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import (
    OrganisationPageFactory,
    RegionPageFactory,
    UserFactory,
    editor_of,
)


@pytest.fixture
def other_region(db):
    return RegionPageFactory(title="Norrort", slug="norrort", short_name="Norrort")


@pytest.fixture
def foreign_editor(other_region):
    return editor_of(OrganisationPageFactory(parent=other_region), username="foreign")


@pytest.fixture
def admin_client(client, central_admin):
    client.force_login(central_admin)
    return client


# Wagtail's admin answers a refusal with a redirect to the dashboard.
REFUSED = reverse("wagtailadmin_home")


def edit_url(user):
    return reverse("wagtailusers_users:edit", args=(user.pk,))


def test_the_listing_shows_own_region_only(
    admin_client, editor_a, foreign_editor, central_admin
):
    superuser = UserFactory(username="root", is_superuser=True)
    response = admin_client.get(reverse("wagtailusers_users:index"))
    listed = {user.username for user in response.context["object_list"]}
    assert editor_a.username in listed
    assert central_admin.username in listed
    assert foreign_editor.username not in listed
    assert superuser.username not in listed


@pytest.mark.parametrize("view", ["edit", "delete", "history"])
def test_other_regions_users_and_superusers_cannot_be_opened(
    admin_client, foreign_editor, view
):
    superuser = UserFactory(username="root", is_superuser=True)
    for target in (foreign_editor, superuser):
        url = reverse(f"wagtailusers_users:{view}", args=(target.pk,))
        assert admin_client.get(url).status_code == 404
        assert admin_client.post(url, {}).status_code == 404
    foreign_editor.refresh_from_db()
    assert foreign_editor.is_active


def user_form_data(user, **changes):
    return {
        "username": user.username,
        "email": user.email or f"{user.username}@example.se",
        "first_name": "Förnamn",
        "last_name": "Efternamn",
        "is_active": "on",
        **changes,
    }


def test_a_central_admin_cannot_make_anyone_an_administrator(
    admin_client, editor_a, central_admin
):
    for target in (editor_a, central_admin):
        admin_client.post(edit_url(target), user_form_data(target, is_superuser="on"))
        target.refresh_from_db()
        assert not target.is_superuser


def test_only_own_regions_groups_can_be_given(
    admin_client, editor_a, org_a, foreign_editor
):
    foreign_group = foreign_editor.groups.get()
    moderators, _ = Group.objects.get_or_create(name="Moderatorer")
    form = admin_client.get(edit_url(editor_a)).context["form"]
    offered = set(form.fields["groups"].queryset)
    assert org_a.editors_group in offered
    assert foreign_group not in offered
    assert moderators not in offered

    response = admin_client.post(
        edit_url(editor_a),
        user_form_data(editor_a, groups=[org_a.editors_group.pk, foreign_group.pk]),
    )
    assert response.status_code == 200  # the form refuses the choice
    assert set(editor_a.groups.all()) == {org_a.editors_group}


def test_own_regions_user_can_be_edited(admin_client, editor_a, org_a):
    response = admin_client.post(
        edit_url(editor_a),
        user_form_data(editor_a, groups=[org_a.editors_group.pk], last_name="Lind"),
    )
    assert response.status_code == 302
    editor_a.refresh_from_db()
    assert editor_a.last_name == "Lind"


def test_bulk_actions_refuse_other_regions_users_and_groups(
    admin_client, editor_a, foreign_editor, other_region
):
    foreign_central = other_region.central_group
    url = (
        reverse("wagtail_bulk_action", args=("auth", "user", "assign_role"))
        + f"?id={editor_a.pk}"
    )
    response = admin_client.post(url, {"role": foreign_central.pk})
    assert response.url == REFUSED
    assert not editor_a.groups.filter(pk=foreign_central.pk).exists()

    url = (
        reverse("wagtail_bulk_action", args=("auth", "user", "set_active_state"))
        + f"?id={foreign_editor.pk}"
    )
    response = admin_client.post(url, {"mark_as_active": False})
    assert response.url == REFUSED
    foreign_editor.refresh_from_db()
    assert foreign_editor.is_active


def test_superusers_still_manage_everyone(client, foreign_editor):
    root = UserFactory(username="root", is_superuser=True)
    client.force_login(root)
    assert client.get(edit_url(foreign_editor)).status_code == 200
    form = client.get(edit_url(foreign_editor)).context["form"]
    assert "is_superuser" in form.fields


def test_bulk_actions_work_on_own_regions_users(admin_client, editor_a, region):
    url = (
        reverse("wagtail_bulk_action", args=("auth", "user", "assign_role"))
        + f"?id={editor_a.pk}"
    )
    admin_client.post(url, {"role": region.central_group.pk})
    assert editor_a.groups.filter(pk=region.central_group.pk).exists()
