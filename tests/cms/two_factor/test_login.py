"""Logging in with two-step verification: after the password, no admin URL
(pages, previews, the admin API, media, users, account, the set-up page
itself) is reachable until a code from the app or a backup code is
accepted; a code works once; wrong codes are throttled."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine

from django.urls import reverse

from cms.models import Person
from tests.cms.two_factor.helpers import code_for, password_login, two_factor_enable

VERIFY = reverse("samverkan_two_factor_verify")


def admin_urls(org_a, editor_a):
    return {
        "dashboard": "/admin/",
        "explorer": reverse("wagtailadmin_explore", args=(org_a.pk,)),
        "page edit": reverse("wagtailadmin_pages:edit", args=(org_a.pk,)),
        "page preview": reverse("wagtailadmin_pages:preview_on_edit", args=(org_a.pk,)),
        "page history": reverse("wagtailadmin_pages:history", args=(org_a.pk,)),
        "admin API": "/admin/api/main/pages/",
        "images": reverse("wagtailimages:index"),
        "documents": reverse("wagtaildocs:index"),
        "people": reverse("wagtailsnippets_samverkan_cms_person:list"),
        "account": reverse("wagtailadmin_account"),
        "two-factor set-up": reverse("samverkan_two_factor_setup"),
        "users": reverse("wagtailusers_users:index"),
    }


URL_NAMES = [
    "dashboard",
    "explorer",
    "page edit",
    "page preview",
    "page history",
    "admin API",
    "images",
    "documents",
    "people",
    "account",
    "two-factor set-up",
    "users",
]


def assert_sent_to_verify(response, url):
    """A redirect to the code form, or for the admin API (JSON) a 401 that
    names it."""
    if url.startswith("/admin/api/"):
        assert response.status_code == 401, (url, response.status_code)
        body = response.json()
        assert body["code"] == "two_factor_required"
        location = body["url"]
    else:
        assert response.status_code == 302, (url, response.status_code)
        location = response["Location"]
    target = urlsplit(location)
    assert target.path == VERIFY
    assert parse_qs(target.query)["next"] == [url]


@pytest.fixture
def user(central_admin):
    """A central administrator (who can open every URL below) with an app."""
    two_factor_enable(central_admin)
    return central_admin


@pytest.mark.parametrize("name", URL_NAMES)
def test_no_admin_url_with_the_password_alone(client, user, org_a, editor_a, name):
    url = admin_urls(org_a, editor_a)[name]
    password_login(client, user)

    assert_sent_to_verify(client.get(url), url)

    client.post(VERIFY, {"code": code_for(user.totpdevice_set.get())})
    reached = client.get(url)
    assert reached.status_code == 200, (name, reached.status_code)


def test_a_write_with_the_password_alone_saves_nothing(client, user, org_a):
    password_login(client, user)
    url = reverse("wagtailsnippets_samverkan_cms_person:add")

    response = client.post(url, {"name": "Smugglad", "organisation": org_a.pk})

    assert_sent_to_verify(response, url)
    assert not Person.objects.filter(name="Smugglad").exists()


def test_login_goes_through_the_code_form_to_where_it_was_going(client, user, org_a):
    edit = reverse("wagtailadmin_pages:edit", args=(org_a.pk,))
    login = password_login(client, user, next_url=edit)
    to_verify = client.get(login["Location"])
    assert_sent_to_verify(to_verify, edit)

    form = client.get(to_verify["Location"])
    assert form.status_code == 200
    assert "Tvåstegsverifiering" in form.content.decode()

    response = client.post(
        VERIFY, {"code": code_for(user.totpdevice_set.get()), "next": edit}
    )

    assert response.status_code == 302
    assert response["Location"] == edit
    assert client.get(edit).status_code == 200


def test_a_wrong_code_is_refused(client, user):
    password_login(client, user)

    response = client.post(VERIFY, {"code": "000000"})

    assert response.status_code == 200
    assert "Fel kod" in response.content.decode()
    assert_sent_to_verify(client.get("/admin/"), "/admin/")


def test_a_used_code_cannot_be_used_again(client, user):
    device = user.totpdevice_set.get()
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC), tick=False):
        code = code_for(device)
        password_login(client, user)
        assert client.post(VERIFY, {"code": code}).status_code == 302
        client.post(reverse("wagtailadmin_logout"))

        password_login(client, user)
        replay = client.post(VERIFY, {"code": code})

    assert replay.status_code == 200
    assert "Fel kod" in replay.content.decode()
    assert_sent_to_verify(client.get("/admin/"), "/admin/")


def test_wrong_codes_are_throttled(client, user):
    device = user.totpdevice_set.get()
    start = datetime.datetime.now(tz=datetime.UTC)
    password_login(client, user)
    with time_machine.travel(start, tick=False):
        client.post(VERIFY, {"code": "000000"})
        # After a failure the next try must wait a second, even a right code.
        throttled = client.post(VERIFY, {"code": code_for(device)})
    assert throttled.status_code == 429
    assert "Försök igen om 1 sekund." in throttled.content.decode()
    assert_sent_to_verify(client.get("/admin/"), "/admin/")

    with time_machine.travel(start + datetime.timedelta(seconds=2), tick=False):
        accepted = client.post(VERIFY, {"code": code_for(device)})
    assert accepted.status_code == 302


def test_a_backup_code_works_once(client, central_admin):
    _device, codes = two_factor_enable(central_admin)
    password_login(client, central_admin)

    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post(reverse("wagtailadmin_logout"))

    password_login(client, central_admin)
    again = client.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200
    assert "Fel kod" in again.content.decode()
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(seconds=2)
    with time_machine.travel(later):  # past the throttle of the failure
        assert client.post(VERIFY, {"code": codes[1]}).status_code == 302


def test_without_an_app_the_password_is_enough(client, editor_a):
    password_login(client, editor_a)
    assert client.get("/admin/").status_code == 200


def test_the_lockout_still_comes_first(client, user):
    """django-axes locks the user name at this address after five wrong
    passwords: the code form is never reached."""
    for n in range(5):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": user.username, "password": f"fel-{n}"},
        )
    locked = client.post(
        reverse("wagtailadmin_login"),
        {"username": user.username, "password": "secret-password-1"},
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_script_asking_for_json_gets_401_not_the_form(client, user):
    password_login(client, user)

    response = client.get("/admin/", HTTP_ACCEPT="application/json")

    assert response.status_code == 401
    assert response.json()["code"] == "two_factor_required"
    assert response.json()["detail"]  # a sentence for a person
    browser = client.get("/admin/", HTTP_ACCEPT="text/html,application/json;q=0.9")
    assert browser.status_code == 302
