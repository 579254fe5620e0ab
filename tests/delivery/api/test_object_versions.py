"""Per-object invalidation of the delivery API: what must and what must not
change an ETag (and the cached response and stored fragment behind it) for
each kind of change.

A publish or unpublish of an intervention, news item or meeting moves its
own detail, the details that show it (news items relating an
intervention), the lists of its kind (and of the kinds that show it) and
the feeds and HSDS answers of those kinds (news RSS and Atom, events
iCalendar, HSDS services); nothing else. Every other change (organisations, categories,
people, languages, groups, moves, deletions, view restrictions, reviews)
may show anywhere and moves everything."""

import datetime

import pytest
import time_machine

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from cms.models import InterventionCategory
from tests.delivery.api.helpers import interventions_serialised
from tests.factories import (
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    RegionPageFactory,
    publish,
    translation_of,
)

INTERVENTIONS = reverse("api-v1:intervention-list")
NEWS = reverse("api-v1:news-list")
EVENTS = reverse("api-v1:event-list")
ORGANISATIONS = reverse("api-v1:organisation-list")
RSS = reverse("feeds:news_rss")
ICS = reverse("feeds:events_ics")
SERVICES = reverse("api-hsds:service-list")


def service(page):
    return reverse("api-hsds:service-detail", args=(str(page.uuid),))


def intervention(page, **query):
    url = reverse("api-v1:intervention-detail", args=(str(page.uuid),))
    return _with_query(url, query)


def news(page, **query):
    url = reverse("api-v1:news-detail", args=(str(page.translation_key),))
    return _with_query(url, query)


def _with_query(url, query):
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def content(org_a, org_b):
    a = publish(InterventionPageFactory(parent=org_a, title="SFI Tumba"))
    b = publish(InterventionPageFactory(parent=org_b, title="Språkcafé Haninge"))
    related = NewsPageFactory(parent=org_a, title="Nytt om SFI")
    related.related_interventions = [a]
    publish(related)
    other = publish(NewsPageFactory(parent=org_b, title="Höstens möten"))
    publish(MeetingPageFactory(parent=org_a, title="Nätverksträff"))
    return {"a": a, "b": b, "related": related, "other": other}


def etags(client, urls) -> dict:
    found = {}
    for url in urls:
        response = client.get(url)
        found[url] = response["ETag"] if response.status_code == 200 else None
    return found


def changed(client, before: dict) -> set:
    after = etags(client, before)
    return {url for url in before if after[url] != before[url]}


def everything(content):
    return [
        intervention(content["a"]),
        intervention(content["b"]),
        news(content["related"]),
        news(content["other"]),
        INTERVENTIONS,
        NEWS,
        EVENTS,
        ORGANISATIONS,
        RSS,
        ICS,
        SERVICES,
        service(content["a"]),
        service(content["b"]),
    ]


def test_publishing_an_intervention_moves_its_detail_its_lists_and_the_news_showing_it(
    client, content
):
    a = content["a"]
    before = etags(client, everything(content))
    a.title = "SFI Tumba, kvällstid"
    publish(a)
    assert changed(client, before) == {
        intervention(a),
        INTERVENTIONS,
        news(content["related"]),  # relates the intervention: shows its title
        NEWS,
        RSS,  # the news feed follows the news list
        SERVICES,
        service(a),
    }
    assert client.get(intervention(a)).json()["title"] == "SFI Tumba, kvällstid"
    related = client.get(news(content["related"])).json()
    assert related["related_interventions"][0]["title"] == "SFI Tumba, kvällstid"
    # B's answer is the one cached before the publish.
    assert client.get(intervention(content["b"]))["X-Cache"] == "hit"


def test_unpublishing_an_intervention_takes_it_out_and_leaves_other_details(
    client, content
):
    a = content["a"]
    before = etags(client, everything(content))
    a.unpublish()
    assert changed(client, before) == {
        intervention(a),
        INTERVENTIONS,
        news(content["related"]),
        NEWS,
        RSS,
        SERVICES,
        service(a),
    }
    assert client.get(intervention(a)).status_code == 404
    assert client.get(service(a)).status_code == 404
    titles = {item["title"] for item in client.get(INTERVENTIONS).json()["results"]}
    assert titles == {"Språkcafé Haninge"}


def test_publishing_a_news_item_moves_only_news(client, content):
    other = content["other"]
    before = etags(client, everything(content))
    other.title = "Vinterns möten"
    publish(other)
    assert changed(client, before) == {news(other), NEWS, RSS}
    assert "Vinterns möten" in client.get(RSS).content.decode()


def test_publishing_a_meeting_moves_only_events(client, content):
    meeting = MeetingPageFactory(parent=content["a"].get_parent(), title="Vårträff")
    before = etags(client, everything(content))
    publish(meeting)
    assert changed(client, before) == {EVENTS, ICS}
    assert "Vårträff" in client.get(ICS).content.decode()


def test_a_new_intervention_joins_the_lists_only(client, content, org_a):
    before = etags(client, everything(content))
    # A new person would move everything: the new page's owner is A's.
    owner = content["a"].responsible_owner
    publish(
        InterventionPageFactory(parent=org_a, title="Jobbspår", responsible_owner=owner)
    )
    assert changed(client, before) == {INTERVENTIONS, SERVICES}
    titles = {item["title"] for item in client.get(INTERVENTIONS).json()["results"]}
    assert "Jobbspår" in titles
    services = client.get(SERVICES).json()["contents"]
    assert "Jobbspår" in {item["name"] for item in services}


@pytest.mark.usefixtures("arabic_configured")
def test_publishing_a_translation_moves_the_object_in_every_language(client, content):
    a, b = content["a"], content["b"]
    # The region and A's organisation translated first (with the news item
    # that relates A): their publish moves everything.
    translation_of(content["related"], "ar", title="أخبار")
    urls = [
        intervention(a),
        intervention(a, locale="ar"),
        intervention(b),
        intervention(b, locale="ar"),
        INTERVENTIONS,
        NEWS,
    ]
    before = etags(client, urls)
    translation_of(a, "ar", title="اللغة السويدية للمهاجرين")
    assert changed(client, before) == {
        intervention(a),  # its translations now name Arabic
        intervention(a, locale="ar"),
        INTERVENTIONS,
        NEWS,  # the related news item lists it
    }
    swedish = client.get(intervention(a)).json()
    assert [link["locale"] for link in swedish["translations"]] == ["ar", "sv"]
    assert client.get(intervention(a, locale="ar")).json()["locale"] == "ar"


def test_moving_to_another_region_moves_everything(client, content):
    a = content["a"]
    elsewhere = OrganisationPageFactory(
        parent=RegionPageFactory(title="Norrort", slug="norrort"), title="Täby"
    )
    before = etags(client, everything(content))
    a.move(elsewhere, pos="last-child")
    assert changed(client, before) == set(before)
    item = client.get(intervention(a)).json()
    assert item["organisation"]["name"] == "Täby"


def test_renaming_a_category_moves_the_details_showing_it(client, content):
    a = content["a"]
    before = etags(client, everything(content))
    category = InterventionCategory.objects.get(pk=a.category_id)
    category.name = "Svenska för invandrare"
    category.save()
    assert {intervention(a), intervention(content["b"]), INTERVENTIONS} <= changed(
        client, before
    )
    item = client.get(intervention(a)).json()
    assert item["category"]["name"] == "Svenska för invandrare"


def test_an_organisation_change_moves_the_details_naming_it(client, content, org_a):
    a = content["a"]
    before = etags(client, everything(content))
    org_a.title = "Botkyrka kommun (förvaltning)"
    publish(org_a)
    assert {intervention(a), INTERVENTIONS, ORGANISATIONS} <= changed(client, before)
    assert (
        client.get(intervention(a)).json()["organisation"]["name"]
        == "Botkyrka kommun (förvaltning)"
    )


def test_deleting_an_intervention_moves_everything(client, content):
    before = etags(client, everything(content))
    content["a"].delete()
    assert changed(client, before) == set(before)
    assert client.get(intervention(content["a"])).status_code == 404


def test_a_detail_by_slug_follows_every_change(client, content):
    b = content["b"]
    url = reverse("api-v1:intervention-detail", args=(b.slug,))
    before = etags(client, [url])
    content["a"].title = "SFI Tumba, kvällstid"
    publish(content["a"])
    assert changed(client, before) == {url}


def test_the_etag_moves_with_the_day(client, content):
    # review_status is a function of the day: a new day, a new ETag.
    url = intervention(content["b"])
    today = timezone.localtime()
    first = client.get(url)["ETag"]
    with time_machine.travel(today + datetime.timedelta(days=1), tick=False):
        assert client.get(url)["ETag"] != first


def test_an_hour_passing_keeps_the_etag_and_the_stored_answer(client, content):
    # Keyed by the local date, not the hour: the hour no longer rebuilds
    # every intervention's answer at once.
    urls = [intervention(content["a"]), INTERVENTIONS]
    morning = timezone.localtime().replace(hour=9, minute=0) + datetime.timedelta(
        days=1
    )
    with time_machine.travel(morning, tick=False):
        first = {url: client.get(url) for url in urls}
    with time_machine.travel(morning + datetime.timedelta(hours=14), tick=False):
        for url in urls:
            again = client.get(url)
            assert again["ETag"] == first[url]["ETag"], url
            assert again["X-Cache"] == "hit", url
            assert again["Last-Modified"] == first[url]["Last-Modified"], url


def test_the_etag_moves_at_local_midnight(client, content):
    url = intervention(content["a"])
    midnight = timezone.localtime().replace(
        hour=0, minute=0, second=0, microsecond=0
    ) + datetime.timedelta(days=2)
    with time_machine.travel(midnight - datetime.timedelta(seconds=1), tick=False):
        before = client.get(url)
    with time_machine.travel(midnight, tick=False):
        after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert after["X-Cache"] == "miss"
    assert after["Last-Modified"] == http_date(midnight.timestamp())


@override_settings(SAMVERKAN_API={"RESPONSE_CACHE": False})
def test_built_fragments_are_served_without_the_serializer(
    client, content, monkeypatch
):
    serialised = interventions_serialised(monkeypatch)
    first = client.get(INTERVENTIONS)
    assert len(serialised) == 2
    serialised.clear()
    again = client.get(INTERVENTIONS)
    assert serialised == [] and again.content == first.content
    a = content["a"]
    a.title = "SFI Tumba, kvällstid"
    publish(a)
    third = client.get(INTERVENTIONS)
    assert [page.pk for page in serialised] == [a.pk]
    titles = {item["title"] for item in third.json()["results"]}
    assert titles == {"SFI Tumba, kvällstid", "Språkcafé Haninge"}
    serialised.clear()
    # The detail reads the same fragment.
    assert client.get(intervention(content["b"])).json()["title"] == (
        "Språkcafé Haninge"
    )
    assert serialised == []
