"""A server error from an unreachable database is a 503 with Retry-After;
any other server error stays a 500."""

import json

import pytest

from django.db import OperationalError

from cms.http.errors import server_error


def answer_to(rf, path, error):
    try:
        raise error
    except Exception:  # noqa: BLE001 - Django's handler calls us like this
        return server_error(rf.get(path))


def test_an_unreachable_database_is_503_with_retry_after(rf):
    response = answer_to(
        rf, "/api/v1/interventions/", OperationalError("connection refused")
    )
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "försök igen" in json.loads(response.content)["detail"].lower()


def test_pages_get_a_plain_503(rf):
    response = answer_to(rf, "/nyheter/", OperationalError("server closed"))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("error", [ValueError("bug"), KeyError("bug")])
def test_other_errors_stay_500(rf, error):
    assert answer_to(rf, "/api/v1/interventions/", error).status_code == 500


def test_django_uses_it():
    from django.urls import get_resolver

    assert get_resolver().resolve_error_handler(500) is server_error
