"""The delivery API for groups and people: public fields only, e-mail and
phone only of a person marked public, today's seats only, nobody of a
draft organisation or of a draft region, every filter, constant query
counts and conditional GET."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from cms.models import GroupKind, MembershipRole
from tests.delivery.api.helpers import count_queries
from tests.factories import (
    CollaborationGroupFactory,
    GroupMembershipFactory,
    OrganisationPageFactory,
    PersonFactory,
    RegionPageFactory,
)

GROUPS = reverse("api-v1:group-list")
PEOPLE = reverse("api-v1:person-list")


@pytest.fixture
def seats(region, org_a, org_b):
    steering = CollaborationGroupFactory(
        region=region, name="Styrgruppen", slug="styrgruppen", kind=GroupKind.STEERING
    )
    network = CollaborationGroupFactory(
        region=region, name="SFI-nätverket", slug="sfi", kind=GroupKind.NETWORK
    )
    anna = PersonFactory(
        organisation=org_a,
        name="Anna Ek",
        title="Strateg",
        email="anna@botkyrka.se",
        phone="08-123 45",
        is_public=True,
    )
    bo = PersonFactory(
        organisation=org_b, name="Bo Lind", email="bo@haninge.se", phone="08-999"
    )
    GroupMembershipFactory(group=steering, person=anna, role=MembershipRole.CHAIR)
    GroupMembershipFactory(group=network, person=anna)
    GroupMembershipFactory(group=steering, person=bo, role=MembershipRole.DEPUTY)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    former = PersonFactory(organisation=org_a, name="Före Detta")
    GroupMembershipFactory(group=steering, person=former, until=yesterday)
    PersonFactory(organisation=org_a, name="Utan Plats")
    return {"steering": steering, "network": network, "anna": anna, "bo": bo}


def results(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


def test_people_are_those_seated_today_with_public_fields(client, seats):
    people = {item["name"]: item for item in results(client, PEOPLE)}
    assert set(people) == {"Anna Ek", "Bo Lind"}
    anna, bo = people["Anna Ek"], people["Bo Lind"]
    assert anna["id"] == str(seats["anna"].uuid)
    assert anna["title"] == "Strateg"
    assert anna["organisation"]["name"] == "Botkyrka kommun"
    assert (anna["email"], anna["phone"]) == ("anna@botkyrka.se", "08-123 45")
    # Not marked public: no e-mail or phone, anywhere in the answer.
    assert (bo["email"], bo["phone"]) == ("", "")
    assert {(seat["group"]["slug"], seat["role"]) for seat in anna["groups"]} == {
        ("styrgruppen", "chair"),
        ("sfi", "member"),
    }
    assert set(anna) == {
        "id",
        "name",
        "title",
        "organisation",
        "email",
        "phone",
        "groups",
    }


def test_private_contact_details_never_leave(client, seats):
    for url in (
        GROUPS,
        PEOPLE,
        reverse("api-v1:person-detail", args=[seats["bo"].uuid]),
        reverse("api-v1:group-detail", args=["styrgruppen"]),
    ):
        body = client.get(url).content.decode()
        assert "bo@haninge.se" not in body and "08-999" not in body, url
        assert "Före Detta" not in body and "Utan Plats" not in body, url


def test_groups_list_their_members_today(client, seats):
    groups = {item["slug"]: item for item in results(client, GROUPS)}
    assert set(groups) == {"styrgruppen", "sfi"}
    steering = groups["styrgruppen"]
    assert steering["kind"] == "steering"
    assert steering["region"] == {"slug": "sodertorn", "name": "Södertörn"}
    assert [(m["person"]["name"], m["role"]) for m in steering["members"]] == [
        ("Anna Ek", "chair"),
        ("Bo Lind", "deputy"),
    ]
    assert "email" not in steering["members"][0]["person"]


def test_details_by_id_and_slug(client, seats):
    group = seats["steering"]
    for lookup in (group.uuid, group.slug):
        response = client.get(reverse("api-v1:group-detail", args=[lookup]))
        assert response.status_code == 200
        assert response.json()["name"] == "Styrgruppen"
    person = client.get(reverse("api-v1:person-detail", args=[seats["anna"].uuid]))
    assert person.json()["name"] == "Anna Ek"
    # People have no slug; unknown ids and people without a seat are 404.
    for lookup in ("anna-ek", "00000000-0000-0000-0000-000000000000"):
        assert (
            client.get(reverse("api-v1:person-detail", args=[lookup])).status_code
            == 404
        )


def test_nobody_of_a_draft_organisation_or_region(client, region, seats):
    draft_org = OrganisationPageFactory(parent=region, title="Utkastkommun", live=False)
    hidden = PersonFactory(organisation=draft_org, name="Dold Person")
    GroupMembershipFactory(group=seats["steering"], person=hidden)
    draft_region = RegionPageFactory(title="Utkastregion", live=False)
    draft_group = CollaborationGroupFactory(region=draft_region, name="Dold grupp")
    GroupMembershipFactory(group=draft_group, person=seats["bo"])

    body = client.get(GROUPS).content.decode() + client.get(PEOPLE).content.decode()
    assert "Dold Person" not in body and "Utkastkommun" not in body
    assert "Dold grupp" not in body
    assert (
        client.get(reverse("api-v1:person-detail", args=[hidden.uuid])).status_code
        == 404
    )
    assert (
        client.get(reverse("api-v1:group-detail", args=[draft_group.uuid])).status_code
        == 404
    )


def test_filters(client, seats, org_b):
    def names(url, **params):
        return sorted(item["name"] for item in results(client, url, **params))

    assert names(GROUPS, kind="network") == ["SFI-nätverket"]
    assert names(GROUPS, region="sodertorn") == ["SFI-nätverket", "Styrgruppen"]
    # A region that does not exist is a clear 404, as in every partner
    # output (delivery.api.regions).
    assert client.get(GROUPS, {"region": "annan"}).status_code == 404
    assert names(PEOPLE, group="sfi") == ["Anna Ek"]
    assert names(PEOPLE, group=str(seats["steering"].uuid)) == ["Anna Ek", "Bo Lind"]
    assert names(PEOPLE, organisation="haninge") == ["Bo Lind"]
    assert names(PEOPLE, organisation=str(org_b.translation_key)) == ["Bo Lind"]
    assert names(PEOPLE, region="sodertorn") == ["Anna Ek", "Bo Lind"]
    assert client.get(GROUPS, {"kind": "klubb"}).status_code == 400


def test_query_counts_do_not_grow_with_content(client, region, org_a, seats):
    counts = {url: count_queries(client, url) for url in (GROUPS, PEOPLE)}
    for n in range(6):
        group = CollaborationGroupFactory(region=region, name=f"Grupp {n}")
        for _ in range(3):
            GroupMembershipFactory(
                group=group, person=PersonFactory(organisation=org_a)
            )
    for url, before in counts.items():
        assert count_queries(client, url) == before, url


def test_conditional_get_and_a_change_shows(client, seats):
    first = client.get(PEOPLE)
    again = client.get(PEOPLE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    seats["bo"].is_public = True
    seats["bo"].save()
    changed = client.get(PEOPLE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert "bo@haninge.se" in changed.content.decode()
