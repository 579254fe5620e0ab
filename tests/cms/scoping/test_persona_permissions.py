"""The personas' rights match their jobs: a communicator publishes the
collaboration's news and meetings (as an editor of its office) and sees no
menu entry that refuses them; an editor creates meetings for the groups
their organisation takes part in; the people and group choosers search."""

import re

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from cms.models import MeetingPage, NewsPage
from tests.factories import (
    CollaborationGroupFactory,
    GroupMembershipFactory,
    OrganisationPageFactory,
    PersonFactory,
    UserFactory,
    editor_of,
    publish,
)

LISTINGS = ("/admin/interventions/", "/admin/news/", "/admin/meetings/")


def menu_urls(client) -> set[str]:
    body = client.get("/admin/").content.decode()
    return set(re.findall(r'"url": "(/admin/[^"]*)"', body))


@pytest.fixture
def communicator(db):
    user = UserFactory(username="kommunikator")
    user.groups.add(Group.objects.get(name="Kommunikatörer"))
    return user


@pytest.fixture
def office(region):
    return publish(
        OrganisationPageFactory(
            parent=region, title="Samordningen", slug="samordning", kind="other"
        )
    )


@pytest.fixture
def steering(region, office, org_a):
    group = CollaborationGroupFactory(region=region, name="Ledningsgruppen")
    GroupMembershipFactory(group=group, person=PersonFactory(organisation=office))
    return group


@pytest.fixture
def network(region, org_b):
    """A group only B takes part in."""
    group = CollaborationGroupFactory(region=region, name="Nätverket")
    GroupMembershipFactory(group=group, person=PersonFactory(organisation=org_b))
    return group


def test_a_newsletter_only_communicator_sees_no_page_listings(client, communicator):
    client.force_login(communicator)

    urls = menu_urls(client)

    assert not urls & set(LISTINGS)
    assert "/admin/snippets/samverkan_newsletter/newsletterissue/" in urls
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert "saknar rättigheter" not in response.content.decode(), url


def test_the_communicator_publishes_the_offices_news_and_meetings(
    client, communicator, office, steering
):
    communicator.groups.add(office.editors_group)
    client.force_login(communicator)
    assert set(LISTINGS) <= menu_urls(client)
    for url in LISTINGS:
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert "saknar rättigheter" not in response.content.decode()

    news = client.post(
        reverse(
            "wagtailadmin_pages:add", args=("samverkan_cms", "newspage", office.pk)
        ),
        {
            "title": "Nytt nyhetsbrev",
            "slug": "nytt",
            "date": "2026-12-01",
            "lead": "Kort.",
            "body-count": "0",
            "tags": "",
            "action-publish": "1",
        },
    )
    meeting = client.post(
        reverse(
            "wagtailadmin_pages:add", args=("samverkan_cms", "meetingpage", office.pk)
        ),
        {
            "title": "Ledningsgruppen, december",
            "slug": "lg-december",
            "group": steering.pk,
            "starts_at": "2026-11-20 13:30",
            "ends_at": "2026-11-20 15:30",
            "status": "held",
            "place": "Kommunhuset",
            "minutes_text": '{"blocks": [{"key": "a", "type": "unstyled", "text": '
            '"Beslut fattades.", "depth": 0, "inlineStyleRanges": [], '
            '"entityRanges": []}], "entityMap": {}}',
            "minutes_approved_on": "2026-11-27",
            "action-publish": "1",
        },
    )

    assert news.status_code == 302
    assert meeting.status_code == 302, meeting.content.decode()[:3000]
    assert NewsPage.objects.child_of(office).live().get().title == "Nytt nyhetsbrev"
    published = MeetingPage.objects.child_of(office).live().get()
    assert published.minutes_are_public


def _chooser_names(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.search_index
def test_an_editor_chooses_among_the_groups_of_their_organisation(
    client, region, org_a, steering, network
):
    GroupMembershipFactory(group=steering, person=PersonFactory(organisation=org_a))
    editor = editor_of(org_a)
    client.force_login(editor)

    chooser = reverse("wagtailsnippetchoosers_samverkan_cms_collaborationgroup:choose")
    body = _chooser_names(client, chooser)
    assert "Ledningsgruppen" in body
    assert "Nätverket" not in body
    results = reverse(
        "wagtailsnippetchoosers_samverkan_cms_collaborationgroup:choose_results"
    )
    assert "Ledningsgruppen" in _chooser_names(client, f"{results}?q=ledning")

    add = reverse(
        "wagtailadmin_pages:add", args=("samverkan_cms", "meetingpage", org_a.pk)
    )
    form = {
        "title": "Möte",
        "slug": "mote",
        "starts_at": "2030-01-15 13:30",
        "ends_at": "2030-01-15 15:30",
        "status": "planned",
        "place": "Kommunhuset",
        "action-publish": "1",
    }
    refused = client.post(add, {**form, "group": network.pk})
    assert refused.status_code == 200
    assert not MeetingPage.objects.exists()
    created = client.post(add, {**form, "group": steering.pk})
    assert created.status_code == 302
    assert MeetingPage.objects.child_of(org_a).get().group == steering


@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_the_person_chooser_searches(client, org_a, org_b, who):
    PersonFactory(organisation=org_a, name="Elin Sandberg")
    PersonFactory(organisation=org_b, name="Elin Haningesson")
    user = UserFactory(is_superuser=True) if who == "superuser" else editor_of(org_a)
    client.force_login(user)
    url = reverse("wagtailsnippetchoosers_samverkan_cms_person:choose_results")

    body = _chooser_names(client, f"{url}?q=elin")

    assert "Elin Sandberg" in body
    assert ("Elin Haningesson" in body) is (who == "superuser")
    listing = reverse("wagtailsnippets_samverkan_cms_person:list")
    assert "Elin Sandberg" in _chooser_names(client, f"{listing}?q=elin")


def test_the_meeting_group_panel_offers_the_scoped_chooser(client, org_a, steering):
    GroupMembershipFactory(group=steering, person=PersonFactory(organisation=org_a))
    client.force_login(editor_of(org_a))
    add = reverse(
        "wagtailadmin_pages:add", args=("samverkan_cms", "meetingpage", org_a.pk)
    )
    body = client.get(add).content.decode()
    assert "/admin/snippets/choose/samverkan_cms/collaborationgroup/" in body
