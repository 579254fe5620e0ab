"""A central administrator resets the two-step verification of a user of
their own region (a lost phone): the app and backup codes are removed. Not
for users of another region, not for superusers, not by editors."""

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.urls import reverse

from tests.cms.two_factor.helpers import code_for, password_login, two_factor_enable
from tests.factories import (
    OrganisationPageFactory,
    RegionPageFactory,
    UserFactory,
    central_admin_of,
    editor_of,
)


def reset_url(user):
    return reverse("samverkan_two_factor_reset", args=(user.pk,))


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user).exists()


@pytest.fixture
def admin_client(client, central_admin):
    client.force_login(central_admin)
    return client


def test_a_central_admin_resets_an_editor_of_the_region(admin_client, editor_a):
    two_factor_enable(editor_a)
    listing = admin_client.get(reverse("wagtailusers_users:index"))
    assert reset_url(editor_a) in listing.content.decode()
    confirm = admin_client.get(reset_url(editor_a))
    assert confirm.status_code == 200
    assert "Återställ tvåstegsverifiering" in confirm.content.decode()

    response = admin_client.post(reset_url(editor_a))

    assert response.status_code == 302
    assert not has_two_factor(editor_a)
    assert not StaticDevice.objects.filter(user=editor_a).exists()


def test_the_reset_user_logs_in_with_the_password_again(
    client, central_admin, editor_a
):
    two_factor_enable(editor_a)
    client.force_login(central_admin)
    client.post(reset_url(editor_a))
    client.logout()

    password_login(client, editor_a)

    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("target_kind", ["other region", "superuser"])
def test_out_of_scope_users_are_refused(admin_client, target_kind):
    if target_kind == "other region":
        other_region = RegionPageFactory()
        target = editor_of(OrganisationPageFactory(parent=other_region))
    else:
        target = UserFactory(is_superuser=True)
    two_factor_enable(target)

    assert (
        reset_url(target)
        not in admin_client.get(reverse("wagtailusers_users:index")).content.decode()
    )
    response = admin_client.post(reset_url(target))

    assert response.status_code == 302  # Wagtail: back to the dashboard
    assert response["Location"] == "/admin/"
    assert has_two_factor(target)


def test_another_regions_central_admin_is_refused(client, region, editor_a):
    two_factor_enable(editor_a)
    client.force_login(central_admin_of(RegionPageFactory()))

    client.post(reset_url(editor_a))

    assert has_two_factor(editor_a)


def test_an_editor_cannot_reset_a_colleague(client, org_a, editor_a):
    colleague = editor_of(org_a)
    two_factor_enable(colleague)
    client.force_login(editor_a)

    client.post(reset_url(colleague))

    assert has_two_factor(colleague)


def test_a_reset_central_admin_must_set_it_up_again(
    client, region, central_admin, require_for_central_admins
):
    two_factor_enable(central_admin)
    colleague = central_admin_of(region)
    device, _codes = two_factor_enable(colleague)
    password_login(client, colleague)
    client.post(reverse("samverkan_two_factor_verify"), {"code": code_for(device)})
    client.post(reset_url(central_admin))
    client.logout()

    password_login(client, central_admin)

    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("samverkan_two_factor_setup"))


def test_the_reset_is_in_wagtails_audit_log(admin_client, central_admin, editor_a):
    from wagtail.models import ModelLogEntry

    two_factor_enable(editor_a)
    admin_client.post(reset_url(editor_a))

    entries = ModelLogEntry.objects.filter(object_id=str(editor_a.pk))
    actions = list(entries.order_by("timestamp").values_list("action", "user_id"))
    assert actions == [
        ("samverkan.two_factor.enabled", editor_a.pk),
        ("samverkan.two_factor.reset", central_admin.pk),
    ]
    entry = entries.get(action="samverkan.two_factor.reset")
    assert entry.message == "Tvåstegsverifiering återställd av en administratör"
    history = admin_client.get(reverse("wagtailadmin_reports:site_history"))
    assert "Tvåstegsverifiering återställd av en administratör" in (
        history.content.decode()
    )
