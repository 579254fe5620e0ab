"""Where two-step verification is required (production: central
administrators), a central administrator without it reaches nothing in the
admin but the set-up page until it is set up; editors are not asked."""

import pytest

from django.urls import reverse

from cms.two_factor.policy import two_factor_required_for
from tests.cms.two_factor.helpers import code_for, password_login
from tests.factories import UserFactory

SETUP = reverse("samverkan_two_factor_setup")


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/pages/", "/admin/api/main/pages/", "/admin/users/"],
)
def test_a_central_admin_without_it_is_sent_to_set_up(
    client, central_admin, require_for_central_admins, url
):
    password_login(client, central_admin)

    response = client.get(url)

    if url.startswith("/admin/api/"):  # JSON: a 401 that names the step
        assert response.status_code == 401
        assert response.json()["code"] == "two_factor_setup_required"
        assert response.json()["url"].startswith(SETUP + "?next=")
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(SETUP + "?next=")


def test_after_set_up_the_admin_opens(
    client, central_admin, require_for_central_admins
):
    password_login(client, central_admin)
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "Ditt konto måste använda tvåstegsverifiering" in page.content.decode()

    device = central_admin.totpdevice_set.get()
    client.post(SETUP, {"code": code_for(device)})

    assert client.get("/admin/").status_code == 200


def test_an_editor_is_not_asked(client, editor_a, require_for_central_admins):
    password_login(client, editor_a)
    assert client.get("/admin/").status_code == 200


def test_who_must_use_it(settings, central_admin, editor_a):
    superuser = UserFactory(is_superuser=True)
    settings.SAMVERKAN_TWO_FACTOR = {"REQUIRED_FOR": "nobody"}
    assert not two_factor_required_for(central_admin)

    settings.SAMVERKAN_TWO_FACTOR = {"REQUIRED_FOR": "central_admins"}
    assert two_factor_required_for(central_admin)
    assert two_factor_required_for(superuser)
    assert not two_factor_required_for(editor_a)

    settings.SAMVERKAN_TWO_FACTOR = {"REQUIRED_FOR": "everyone"}
    assert two_factor_required_for(editor_a)
