"""cms.http.middleware.ProtectedDeletionMiddleware: deleting an organisation
that still has people is refused with a reason (409 for the admin API, a
message in the admin), never a 500, and nothing is deleted."""

import pytest

from django.urls import reverse

from cms.models import OrganisationPage, Person
from tests.factories import (
    InterventionPageFactory,
    PersonFactory,
    UserFactory,
    publish,
)

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


@pytest.fixture
def staffed(org_b):
    """B with an intervention and two people (whom PROTECT keeps)."""
    publish(org_b)
    publish(InterventionPageFactory(parent=org_b))
    PersonFactory(organisation=org_b)
    return org_b


def _api_delete(client, page):
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/delete/",
        data={},
        content_type="application/json",
    )


def test_admin_api_delete_is_a_409_with_the_reason(client, central_admin, staffed):
    client.force_login(central_admin)

    response = _api_delete(client, staffed)

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "protected"
    assert "personer: 2" in body["detail"].lower()
    assert OrganisationPage.objects.filter(pk=staffed.pk).exists()
    assert Person.objects.filter(organisation=staffed).count() == 2


def test_wagtails_delete_form_refuses_it_too(client, org_b):
    """Wagtail's own form checks the reference index first (no 500)."""
    publish(org_b)
    PersonFactory(organisation=org_b)
    client.force_login(UserFactory(username="root", is_superuser=True))

    response = client.post(reverse("wagtailadmin_pages:delete", args=(org_b.pk,)))

    assert response.status_code == 302
    assert OrganisationPage.objects.filter(pk=org_b.pk).exists()


def test_other_admin_pages_get_the_reason_as_a_message(rf, org_b):
    """Any other admin view that meets PROTECT: back where it came from."""
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.db.models import ProtectedError

    from cms.http.middleware import ProtectedDeletionMiddleware

    person = PersonFactory(organisation=org_b)
    request = rf.post("/admin/snippets/x/delete/1/", HTTP_REFERER="/admin/snippets/x/")
    request.session = {}
    request._messages = FallbackStorage(request)
    error = ProtectedError("protected", {person})

    response = ProtectedDeletionMiddleware(lambda r: None).process_exception(
        request, error
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/snippets/x/"
    assert "personer: 1" in str(list(get_messages(request))[0]).lower()


def test_an_unprotected_delete_still_works(client, central_admin, org_b):
    page = publish(InterventionPageFactory(parent=org_b))
    client.force_login(central_admin)

    response = _api_delete(client, page)

    assert response.status_code == 204
