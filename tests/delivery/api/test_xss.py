"""Stored XSS: whatever HTML reached the database (an import, a script, an
old editor), nothing executable leaves through the delivery API, JSON-LD,
HSDS or the feeds. Rich text goes out cleaned by an allowlist; plain text
goes out as text."""

import datetime

import pytest

from django.urls import reverse

from cms.models import MeetingStatus
from tests.factories import (
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    publish,
    stockholm,
)
from tests.hostile_html import EVIL, MARKUP_MARKERS, executable_parts


def test_the_inspector_finds_what_it_looks_for():
    """The check is real: the raw corpus is full of problems."""
    assert len(executable_parts(EVIL)) >= 9


@pytest.fixture
def hostile(org_a):
    intervention = publish(
        InterventionPageFactory(
            parent=org_a, title="SFI Tumba", summary="Kort.", description=EVIL
        )
    )
    news = publish(NewsPageFactory(parent=org_a, title="Nyhet", body=[("text", EVIL)]))
    meeting = publish(
        MeetingPageFactory(
            parent=org_a,
            title="Möte",
            agenda=EVIL,
            minutes_text=EVIL,
            minutes_approved_on=datetime.date(2026, 2, 1),
            status=MeetingStatus.HELD,
            starts_at=stockholm(2026, 1, 15, 13, 30),
            ends_at=stockholm(2026, 1, 15, 15, 0),
        )
    )
    return {"intervention": intervention, "news": news, "meeting": meeting}


def test_rich_text_in_the_api_is_clean(client, hostile):
    intervention = client.get(
        reverse("api-v1:intervention-detail", args=[hostile["intervention"].uuid])
    ).json()
    news = client.get(
        reverse("api-v1:news-detail", args=[hostile["news"].translation_key])
    ).json()
    event = client.get(
        reverse("api-v1:event-detail", args=[hostile["meeting"].translation_key])
    ).json()
    listing = client.get(reverse("api-v1:intervention-list")).json()

    fields = {
        "intervention description": intervention["description"],
        "listed description": listing["results"][0]["description"],
        "news text block": news["body"][0]["value"],
        "agenda": event["agenda"],
        "minutes": event["minutes"]["text"],
    }
    for name, html in fields.items():
        assert executable_parts(html) == [], name
        assert "Bra innehåll." in html, name  # the good part survives


@pytest.mark.parametrize(
    "url",
    [
        "/api/hsds/services/",
        "/feeds/news.rss",
        "/feeds/news.atom",
        "/feeds/events.ics",
    ],
)
def test_hsds_and_feeds_carry_nothing_executable(client, hostile, url):
    body = client.get(url).content.decode()
    for marker in MARKUP_MARKERS:
        assert marker not in body.lower(), (url, marker)


def test_jsonld_carries_nothing_executable(client, hostile):
    url = reverse("api-v1:intervention-detail", args=[hostile["intervention"].uuid])
    body = client.get(f"{url}?format=jsonld").content.decode()
    for marker in ("<script", "onerror=", "javascript:"):
        assert marker not in body.lower()


def test_plain_text_is_data_and_escaped_where_markup_is_made(client, org_a):
    publish(NewsPageFactory(parent=org_a, title="Barn <10 år & <b>vuxna</b>"))

    item = client.get(reverse("api-v1:news-list")).json()["results"][0]
    rss = client.get("/feeds/news.rss").content.decode()

    # JSON carries the characters as written; the feed escapes them.
    assert item["title"] == "Barn <10 år & <b>vuxna</b>"
    assert "Barn &lt;10 år &amp; &lt;b&gt;vuxna&lt;/b&gt;" in rss
