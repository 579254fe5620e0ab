"""Public group pages (web): the list, and each group's page that shows the current members, derived from the
memberships (never kept by hand), with name, title and organisation."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from cms.models import MembershipRole
from tests.factories import (
    CollaborationGroupFactory,
    GroupMembershipFactory,
    PersonFactory,
)


@pytest.fixture
def group(region, public_site):
    return CollaborationGroupFactory(
        region=region, name="Beredningsgruppen", slug="beredningsgrupp"
    )


def page(client, group) -> str:
    response = client.get(reverse("web:group_detail", args=(group.slug,)))
    assert response.status_code == 200
    return response.content.decode()


def test_url_is_public_and_swedish(client, group):
    assert reverse("web:group_detail", args=("beredningsgrupp",)) == (
        "/grupper/beredningsgrupp/"
    )
    html = page(client, group)
    assert "Beredningsgruppen" in html
    assert "Medlemmar" in html


def test_the_old_address_moved_permanently(client, group):
    response = client.get("/grupper/sodertorn/beredningsgrupp/")
    assert response.status_code == 301
    assert response["Location"].endswith("/grupper/beredningsgrupp/")
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/grupper/sodertorn/finns-inte/").status_code == 404


def test_the_list_links_every_group_of_the_region(client, group):
    from tests.factories import RegionPageFactory

    CollaborationGroupFactory(region=RegionPageFactory(), name="Annan regions grupp")
    response = client.get(reverse("web:groups"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/grupper/beredningsgrupp/"' in html
    assert "Annan regions grupp" not in html


def test_the_page_follows_the_memberships(client, group, org_a, org_b):
    anna = PersonFactory(organisation=org_a, name="Anna Ek", title="Strateg")
    membership = GroupMembershipFactory(
        group=group, person=anna, role=MembershipRole.CHAIR
    )
    html = page(client, group)
    assert "Anna Ek" in html and "Strateg" in html and "Botkyrka kommun" in html

    GroupMembershipFactory(
        group=group, person=PersonFactory(organisation=org_b, name="Bo Lind")
    )
    assert "Bo Lind" in page(client, group)

    membership.until = timezone.localdate() - datetime.timedelta(days=1)
    membership.save()
    html = page(client, group)
    assert "Anna Ek" not in html and "Bo Lind" in html


def test_future_members_are_not_shown_yet(client, group, org_a):
    GroupMembershipFactory(
        group=group,
        person=PersonFactory(organisation=org_a, name="Cecilia Ny"),
        since=timezone.localdate() + datetime.timedelta(days=10),
    )
    assert "Cecilia Ny" not in page(client, group)


def test_a_person_renamed_once_is_renamed_on_the_page(client, group, org_a):
    person = PersonFactory(organisation=org_a, name="Dan Gammal")
    GroupMembershipFactory(group=group, person=person)
    person.name = "Dan Ny"
    person.save()
    assert "Dan Ny" in page(client, group)


def test_queries_do_not_grow_with_members(client, group, org_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page(client, group)
        return len(captured)

    GroupMembershipFactory(group=group, person=PersonFactory(organisation=org_a))
    with_one = queries()
    for _ in range(8):
        GroupMembershipFactory(group=group, person=PersonFactory(organisation=org_a))
    # One of them finds the view restrictions: members of private
    # organisations are not shown. Two find the languages the region's site
    # is translated into, for the language switcher.
    assert queries() == with_one <= 13


def test_unknown_group_is_404(client, group):
    url = reverse("web:group_detail", args=("finns-inte",))
    assert client.get(url).status_code == 404


def test_restricted_and_draft_meetings_are_not_shown(client, group, org_a):
    from wagtail.models import PageViewRestriction

    from tests.factories import MeetingPageFactory, publish

    publish(MeetingPageFactory(parent=org_a, group=group, title="Öppet möte"))
    hidden = publish(MeetingPageFactory(parent=org_a, group=group, title="Slutet möte"))
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    MeetingPageFactory(parent=org_a, group=group, title="Utkast till möte", live=False)
    html = page(client, group)
    assert "Öppet möte" in html
    assert "Slutet möte" not in html
    assert "Utkast till möte" not in html


def card(client, person):
    return client.get(reverse("web:person", args=(person.uuid,)))


def test_person_card_shows_public_fields_and_seats(client, group, org_a):
    anna = PersonFactory(
        organisation=org_a,
        name="Anna Ek",
        title="Strateg",
        email="anna@botkyrka.se",
        phone="08-123 45",
    )
    GroupMembershipFactory(group=group, person=anna, role=MembershipRole.CHAIR)
    html = page(client, group)
    assert f'href="/personer/{anna.uuid}/"' in html

    response = card(client, anna)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Anna Ek",
        "Strateg",
        "Botkyrka kommun",
        "Beredningsgruppen",
        "Ordförande",
    ):
        assert text in html, text
    assert 'href="/grupper/beredningsgrupp/"' in html
    # Not marked public: no e-mail or phone.
    assert "anna@botkyrka.se" not in html and "08-123 45" not in html

    anna.is_public = True
    anna.save()
    html = card(client, anna).content.decode()
    assert 'href="mailto:anna@botkyrka.se"' in html and 'href="tel:08-12345"' in html


def test_no_card_without_a_seat_in_the_region_or_for_a_draft_organisation(
    client, group, org_a, region
):
    from tests.factories import OrganisationPageFactory, RegionPageFactory

    assert card(client, PersonFactory(organisation=org_a)).status_code == 404
    former = PersonFactory(organisation=org_a)
    GroupMembershipFactory(
        group=group,
        person=former,
        until=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert card(client, former).status_code == 404
    draft = OrganisationPageFactory(parent=region, live=False)
    hidden = PersonFactory(organisation=draft)
    GroupMembershipFactory(group=group, person=hidden)
    assert card(client, hidden).status_code == 404
    elsewhere = PersonFactory(organisation=org_a)
    GroupMembershipFactory(
        group=CollaborationGroupFactory(region=RegionPageFactory()), person=elsewhere
    )
    assert card(client, elsewhere).status_code == 404
