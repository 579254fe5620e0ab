"""Export and erasure of the personal data of people and suggesters (GDPR),
in the admin, within the user's scope; suggesters' data deleted after the
retention time by a daily task."""

import datetime
import json

import pytest

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cms.models import GroupMembership, Person, Suggester
from cms.personal_data.services import suggesters_purge_expired
from cms.suggestions.services import suggestion_create
from tests.factories import (
    CollaborationGroupFactory,
    GroupMembershipFactory,
    InterventionPageFactory,
    PersonFactory,
)


@pytest.fixture
def anna(region, org_a):
    person = PersonFactory(
        organisation=org_a, name="Anna Ek", email="anna@botkyrka.se", phone="08-1"
    )
    GroupMembershipFactory(
        group=CollaborationGroupFactory(region=region, name="Styrgruppen"),
        person=person,
    )
    return person


def test_an_editor_exports_a_person_of_their_organisation(client, editor_a, anna):
    client.force_login(editor_a)
    response = client.get(reverse("samverkan_person_export", args=(anna.pk,)))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["name"] == "Anna Ek" and data["email"] == "anna@botkyrka.se"
    assert data["organisation"] == "Botkyrka kommun"
    assert data["groups"][0]["group"] == "Styrgruppen"


def test_no_export_or_erasure_of_another_organisations_person(client, editor_a, org_b):
    other = PersonFactory(organisation=org_b)
    client.force_login(editor_a)
    for name in ("samverkan_person_export", "samverkan_person_erase"):
        response = client.get(reverse(name, args=(other.pk,)))
        assert response.status_code == 404, name
    assert (
        client.post(reverse("samverkan_person_erase", args=(other.pk,))).status_code
        == 404
    )
    assert Person.objects.filter(pk=other.pk).exists()


def test_erasure_waits_until_nobody_depends_on_the_person(
    client, editor_a, org_a, anna
):
    page = InterventionPageFactory(
        parent=org_a, title="SFI Tumba", responsible_owner=anna
    )
    client.force_login(editor_a)
    url = reverse("samverkan_person_erase", args=(anna.pk,))
    response = client.post(url)
    assert response.status_code == 200
    assert "SFI Tumba" in response.content.decode()
    assert Person.objects.filter(pk=anna.pk).exists()  # nothing lost

    page.responsible_owner = PersonFactory(organisation=org_a)
    page.save()
    response = client.get(url)
    assert "Ja, radera" in response.content.decode()  # the admin is Swedish
    response = client.post(url)
    assert response.status_code == 302
    assert not Person.objects.filter(pk=anna.pk).exists()
    assert not GroupMembership.objects.filter(person_id=anna.pk).exists()


def test_the_people_listing_offers_export_and_erasure(client, editor_a, anna):
    client.force_login(editor_a)
    html = client.get(
        reverse("wagtailsnippets_samverkan_cms_person:list")
    ).content.decode()
    assert reverse("samverkan_person_export", args=(anna.pk,)) in html
    assert reverse("samverkan_person_erase", args=(anna.pk,)) in html


@pytest.fixture
def suggesters(org_a, org_b):
    ours = suggestion_create(
        organisation=org_a,
        title="Läxhjälp",
        summary="Läxhjälp.",
        suggested_by_name="Bo Berg",
        suggested_by_email="bo@example.se",
    )
    theirs = suggestion_create(
        organisation=org_b,
        title="Språkcafé",
        summary="Språkcafé.",
        suggested_by_name="Cecilia Ceder",
    )
    return ours.suggesters.get(), theirs.suggesters.get()


def test_editors_see_export_and_erase_their_organisations_suggesters(
    client, editor_a, suggesters
):
    ours, theirs = suggesters
    client.force_login(editor_a)
    html = client.get(reverse("samverkan_suggesters")).content.decode()
    assert "Bo Berg" in html and "bo@example.se" in html
    assert "Cecilia Ceder" not in html
    assert "Förslagsställare" in html

    data = json.loads(
        client.get(reverse("samverkan_suggester_export", args=(ours.pk,))).content
    )
    assert data == {
        "name": "Bo Berg",
        "email": "bo@example.se",
        "suggested_at": ours.created_at.isoformat(),
        "suggestion": "Läxhjälp",
    }
    assert (
        client.get(reverse("samverkan_suggester_export", args=(theirs.pk,))).status_code
        == 404
    )
    assert (
        client.post(reverse("samverkan_suggester_erase", args=(theirs.pk,))).status_code
        == 404
    )

    response = client.post(reverse("samverkan_suggester_erase", args=(ours.pk,)))
    assert response.status_code == 302
    assert not Suggester.objects.filter(pk=ours.pk).exists()
    assert Suggester.objects.filter(pk=theirs.pk).exists()
    assert ours.page.__class__.objects.filter(pk=ours.page_id).exists()  # draft stays


def test_suggesters_are_deleted_after_the_retention_time(suggesters, settings):
    ours, theirs = suggesters
    Suggester.objects.filter(pk=ours.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=366)
    )
    assert suggesters_purge_expired() == 1
    assert list(Suggester.objects.all()) == [theirs]

    settings.SAMVERKAN_PERSONAL_DATA = {"SUGGESTER_RETENTION_DAYS": 10}
    later = timezone.now() + datetime.timedelta(days=11)
    assert suggesters_purge_expired(now=later) == 1
    assert not Suggester.objects.exists()


def test_the_purge_runs_daily_in_beat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "cms.personal_data.tasks.suggesters_purge_expired" in tasks
