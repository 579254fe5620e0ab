"""RSS, Atom and iCal per language: `?locale=ar` serves the published
Arabic translations (Swedish where there is none), marked as Arabic, and
the feeds still parse (feedparser, icalendar); an unknown language is a
400."""

import feedparser
import pytest
from icalendar import Calendar

from tests.factories import (
    CollaborationGroupFactory,
    MeetingPageFactory,
    NewsPageFactory,
    publish,
    stockholm,
    translation_of,
)

pytestmark = pytest.mark.usefixtures("arabic_configured")


@pytest.mark.parametrize("url", ["/feeds/news.rss", "/feeds/news.atom"])
def test_news_feed_in_arabic(client, org_a, url):
    translated = publish(NewsPageFactory(parent=org_a, title="Nytt om SFI"))
    publish(NewsPageFactory(parent=org_a, title="Bara på svenska"))
    translation_of(translated, "ar", title="أخبار عن اللغة السويدية")
    translation_of(
        publish(NewsPageFactory(parent=org_a, title="Utkastets källa")),
        "ar",
        live=False,
        title="مسودة",
    )

    response = client.get(url, {"locale": "ar"})
    assert response.status_code == 200
    assert response["Content-Language"] == "ar"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == "ar"
    titles = {entry.title for entry in feed.entries}
    assert titles == {"أخبار عن اللغة السويدية", "Bara på svenska", "Utkastets källa"}
    # One guid per object, the same in every language.
    swedish = feedparser.parse(client.get(url).content)
    assert {entry.id for entry in feed.entries} == {e.id for e in swedish.entries}
    assert feedparser.parse(client.get(url).content).feed.language == "sv"
    assert client.get(url, {"locale": "xx"}).status_code == 400


def test_calendar_in_arabic(client, region, org_a):
    group = CollaborationGroupFactory(region=region, name="Nätverket", slug="natverk")
    meeting = publish(
        MeetingPageFactory(
            parent=org_a,
            group=group,
            title="Nätverksmöte",
            starts_at=stockholm(2030, 3, 4, 10, 0),
            ends_at=stockholm(2030, 3, 4, 12, 0),
        )
    )
    translation_of(meeting, "ar", title="اجتماع الشبكة")

    response = client.get("/feeds/events.ics", {"locale": "ar"})
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Nätverket: اجتماع الشبكة"
    assert event["SUMMARY"].params["LANGUAGE"] == "ar"
    assert str(event["UID"]) == f"{meeting.translation_key}@samverkan"
    assert client.get("/feeds/events.ics", {"locale": "xx"}).status_code == 400
