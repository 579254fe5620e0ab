"""News as RSS 2.0 and Atom 1.0: published, public items only, stable ids,
dates, authors, conditional GET and a fixed number of queries."""

import datetime

import feedparser
import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageViewRestriction

from tests.factories import NewsPageFactory, OrganisationPageFactory, publish

RSS = "/feeds/news.rss"
ATOM = "/feeds/news.atom"


def news(parent, **fields):
    return publish(NewsPageFactory(parent=parent, **fields))


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


def test_urls():
    assert reverse("feeds:news_rss") == RSS
    assert reverse("feeds:news_atom") == ATOM


@pytest.mark.parametrize(
    ("url", "content_type", "version"),
    [
        (RSS, "application/rss+xml", "rss20"),
        (ATOM, "application/atom+xml", "atom10"),
    ],
)
def test_published_news_newest_first(client, org_a, url, content_type, version):
    older = news(
        org_a, title="Äldre nyhet", lead="Första.", date=datetime.date(2026, 3, 1)
    )
    newer = news(
        org_a, title="Nyare nyhet", lead="Andra.", date=datetime.date(2026, 7, 1)
    )
    response, feed = parsed(client, url)
    assert response["Content-Type"].startswith(content_type)
    assert feed.version == version
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Nyare nyhet", "Äldre nyhet"]
    first, second = feed.entries
    assert first.id == f"urn:uuid:{newer.translation_key}"
    assert second.id == f"urn:uuid:{older.translation_key}"
    assert first.summary == "Andra."
    # Dates: midnight on the news date, Stockholm time (summer: UTC+2).
    published = first.published_parsed
    assert tuple(published[:5]) == (2026, 6, 30, 22, 0)
    assert tuple(second.published_parsed[:5]) == (2026, 2, 28, 23, 0)
    assert first.author == "Botkyrka kommun"
    assert [tag.term for tag in first.tags] == ["Botkyrka kommun"]
    # No site serves the region in the tests: the link is the stable URN.
    assert first.link == first.id


def test_ids_stay_the_same_across_edits_and_requests(client, org_a):
    page = news(org_a, title="Före")
    _, before = parsed(client, RSS)
    page.title = "Efter"
    page.slug = "efter"
    publish(page)
    _, after = parsed(client, RSS)
    _, atom = parsed(client, ATOM)
    assert after.entries[0].title == "Efter"
    assert before.entries[0].id == after.entries[0].id == atom.entries[0].id


def test_link_is_the_full_url_when_a_site_serves_the_page(client, org_a, region):
    from wagtail.models import Site

    Site.objects.all().delete()
    Site.objects.create(
        hostname="testserver", port=80, root_page=region, is_default_site=True
    )
    page = news(org_a, title="Med adress", slug="med-adress")
    _, feed = parsed(client, RSS)
    assert feed.entries[0].link == page.get_full_url()
    assert feed.entries[0].link.startswith("http://testserver/")
    assert feed.entries[0].id == f"urn:uuid:{page.translation_key}"


def test_drafts_unpublished_and_restricted_news_are_absent(client, org_a, region):
    news(org_a, title="Publicerad")
    NewsPageFactory(parent=org_a, title="Utkast", live=False)
    withdrawn = news(org_a, title="Avpublicerad")
    withdrawn.unpublish()
    hidden_org = OrganisationPageFactory(parent=region, title="Dold", slug="dold")
    news(hidden_org, title="Bakom inloggning")
    PageViewRestriction.objects.create(
        page=hidden_org, restriction_type=PageViewRestriction.LOGIN
    )
    private = news(org_a, title="Lösenordsskyddad")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    publish(news(org_a, title="Sist"))  # bumps the content version
    for url in (RSS, ATOM):
        _, feed = parsed(client, url)
        assert sorted(entry.title for entry in feed.entries) == [
            "Publicerad",
            "Sist",
        ]


def test_at_most_50_items(client, org_a):
    for number in range(52):
        NewsPageFactory(parent=org_a, title=f"Nyhet {number}")
    publish(NewsPageFactory(parent=org_a, title="Senast"))
    _, feed = parsed(client, RSS)
    assert len(feed.entries) == 50


@pytest.mark.parametrize("url", [RSS, ATOM])
def test_query_count_does_not_grow_with_items(client, region, url, settings):
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "RESPONSE_CACHE": False}
    org = OrganisationPageFactory(parent=region)
    other = OrganisationPageFactory(parent=region)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), len(feedparser.parse(response.content).entries)

    news(org)
    client.get(url)  # warm up per-process caches (content types, sites)
    one = queries()
    for number in range(14):
        news(org if number % 2 else other)
    fifteen = queries()
    assert (one[1], fifteen[1]) == (1, 15)
    assert one[0] == fifteen[0]


def test_conditional_get(client, org_a):
    news(org_a, title="Första")
    first = client.get(RSS)
    assert first.status_code == 200
    etag = first["ETag"]
    assert first["X-Cache"] == "miss"
    assert client.get(RSS, headers={"If-None-Match": etag}).status_code == 304
    again = client.get(RSS)
    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert client.get(ATOM)["ETag"] != etag

    news(org_a, title="Andra")  # publishing invalidates
    changed = client.get(RSS, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"Andra" in changed.content
