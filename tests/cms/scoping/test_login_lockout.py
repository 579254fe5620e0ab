"""Brute-force protection of the admin login: the fifth wrong password for
one user name from one address locks that pair out (even the right
password is refused) for the cool-off time; a forged X-Forwarded-For does not help."""

import pytest

from django.urls import reverse

from tests.factories import UserFactory

LOGIN = reverse("wagtailadmin_login")
PASSWORD = "secret-password-1"


@pytest.fixture
def editor(db):
    return UserFactory(username="amina", is_staff=False)


def attempt(client, password, **headers):
    return client.post(LOGIN, {"username": "amina", "password": password}, **headers)


def test_five_failures_lock_the_user_at_that_address(client, editor):
    for n in range(4):
        assert attempt(client, f"fel-{n}").status_code == 200  # form again
    assert attempt(client, "fel-4").status_code == 429  # the fifth locks

    locked = attempt(client, PASSWORD)

    assert locked.status_code == 429
    body = locked.content.decode()
    assert "För många misslyckade inloggningar" in body
    assert "15 minuter" in body
    assert "_auth_user_id" not in client.session


def test_a_forged_forwarded_for_does_not_get_around_it(client, editor):
    for n in range(5):
        attempt(client, f"fel-{n}", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert (
        attempt(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    )


def test_another_address_may_still_log_in(client, editor):
    for n in range(5):
        attempt(client, f"fel-{n}")
    response = attempt(client, PASSWORD, REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_a_success_before_the_limit_resets_the_count(client, editor):
    for n in range(4):
        attempt(client, f"fel-{n}")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for n in range(4):
        attempt(client, f"fel-igen-{n}")
    assert attempt(client, PASSWORD).status_code == 302
