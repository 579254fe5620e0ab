"""Central administrators name coordinators and mark people who left;
marking someone as left hands their entries to the coordinator at once."""

import datetime

import pytest

from django.urls import reverse

from cms.models import PersonAbsence, ReviewCoordinator, ReviewDigest
from tests.cms.reviews.factories import intervention_due
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_central_admin_names_a_coordinator(client, central_admin, org_a):
    person = PersonFactory(organisation=org_a, email="k@example.se")
    client.force_login(central_admin)
    url = reverse("wagtailsnippets_samverkan_cms_reviewcoordinator:add")
    response = client.post(url, {"organisation": org_a.pk, "person": person.pk})
    assert response.status_code == 302
    assert ReviewCoordinator.objects.get().person == person


def test_editor_cannot_manage_coordinators(client, editor_a):
    client.force_login(editor_a)
    url = reverse("wagtailsnippets_samverkan_cms_reviewcoordinator:list")
    assert client.get(url).status_code in {302, 403}


def test_marking_someone_as_left_hands_over_at_once(
    client, central_admin, org_a, coordinator_a, django_capture_on_commit_callbacks
):
    owner = PersonFactory(organisation=org_a, email="slutar@example.se")
    intervention_due(
        parent=org_a,
        owner=owner,
        due=datetime.date.today() + datetime.timedelta(days=90),
    )
    client.force_login(central_admin)
    url = reverse("wagtailsnippets_samverkan_cms_personabsence:add")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"person": owner.pk, "reason": "left", "since": "2026-11-01 08:00"},
        )
    assert response.status_code == 302
    assert PersonAbsence.objects.get().person == owner
    digest = ReviewDigest.objects.get()
    assert digest.recipient == coordinator_a and digest.sent_at is not None
    assert list(digest.reminders.values_list("step", flat=True)) == ["orphaned"]
