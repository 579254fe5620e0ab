"""Meetings as iCalendar: stable UIDs, Stockholm wall-clock times with a
VTIMEZONE, cancelled meetings, SEQUENCE on republish, drafts and restricted
meetings absent, the group filter, conditional GET and query counts."""

import datetime

import pytest
from icalendar import Calendar

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from delivery.feeds.events import rich_text_to_plain
from tests.factories import (
    CollaborationGroupFactory,
    MeetingPageFactory,
    publish,
    stockholm,
)

ICS = "/feeds/events.ics"
UTC = datetime.UTC


@pytest.fixture
def group(region):
    return CollaborationGroupFactory(
        region=region, name="Ledningsgruppen", slug="ledningsgrupp"
    )


def meeting(org, group, **fields):
    return publish(MeetingPageFactory(parent=org, group=group, **fields))


def events(client, url=ICS) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_url():
    assert reverse("feeds:events_ics") == ICS


def test_event_fields(client, org_a, group):
    page = meeting(
        org_a,
        group,
        title="Styrmöte",
        place="Kommunhuset, sal 3",
        agenda="<p>1. Budget &amp; plan</p><ul><li>Val</li><li>Övrigt</li></ul>",
    )
    event = events(client)["Ledningsgruppen: Styrmöte"]
    assert str(event["UID"]) == f"{page.translation_key}@samverkan"
    assert str(event["LOCATION"]) == "Kommunhuset, sal 3"
    assert str(event["DESCRIPTION"]) == "1. Budget & plan\n- Val\n- Övrigt"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["DTSTAMP"].dt == page.last_published_at.replace(microsecond=0)
    assert event["SEQUENCE"] == 1


def test_online_meeting_location(client, org_a, group):
    meeting(
        org_a, group, title="Digitalt", place="", online_url="https://meet.example/x"
    )
    event = events(client)["Ledningsgruppen: Digitalt"]
    assert str(event["LOCATION"]) == "https://meet.example/x"
    assert str(event["URL"]) == "https://meet.example/x"


@pytest.mark.parametrize(
    ("month", "utc_hour"),
    [(1, 12), (7, 11)],  # winter UTC+1, summer UTC+2
)
def test_a_1330_meeting_is_1330_stockholm_time(client, org_a, group, month, utc_hour):
    meeting(org_a, group, title="Möte", starts_at=stockholm(2030, month, 15, 13, 30))
    response = client.get(ICS)
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event["DTEND"].params["TZID"] == "Europe/Stockholm"
    assert f"DTSTART;TZID=Europe/Stockholm:2030{month:02}15T133000" in (
        response.content.decode().replace("\r\n", "\n")
    )
    start = event["DTSTART"].dt
    assert (start.hour, start.minute) == (13, 30)
    assert start.astimezone(UTC) == datetime.datetime(
        2030, month, 15, utc_hour, 30, tzinfo=UTC
    )
    assert event["DTEND"].dt.astimezone(UTC) == datetime.datetime(
        2030, month, 15, utc_hour + 2, 30, tzinfo=UTC
    )
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Stockholm"


def test_cancelled_meeting(client, org_a, group):
    meeting(org_a, group, title="Inställt", status="cancelled")
    assert str(events(client)["Ledningsgruppen: Inställt"]["STATUS"]) == "CANCELLED"


def test_uid_stable_and_sequence_grows_on_republish(client, org_a, group):
    page = meeting(org_a, group, title="Möte")
    before = events(client)["Ledningsgruppen: Möte"]
    assert events(client)["Ledningsgruppen: Möte"]["UID"] == before["UID"]

    page.place = "Annan lokal"
    page.save_revision()  # a draft changes nothing in the feed
    publish(MeetingPageFactory(parent=org_a, group=group, title="Annat"))
    draft = events(client)["Ledningsgruppen: Möte"]
    assert draft["SEQUENCE"] == before["SEQUENCE"]
    assert str(draft["LOCATION"]) == "Kommunhuset"

    page.starts_at = page.starts_at + datetime.timedelta(hours=1)
    page.ends_at = page.ends_at + datetime.timedelta(hours=1)
    publish(page)
    after = events(client)["Ledningsgruppen: Möte"]
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert str(after["LOCATION"]) == "Annan lokal"
    assert after["DTSTAMP"].dt >= before["DTSTAMP"].dt


def test_window_drafts_and_restricted_meetings(client, org_a, group):
    now = timezone.now()
    meeting(org_a, group, title="Kommande", starts_at=now + datetime.timedelta(days=3))
    meeting(org_a, group, title="Nyss", starts_at=now - datetime.timedelta(days=30))
    meeting(org_a, group, title="Gammalt", starts_at=now - datetime.timedelta(days=120))
    MeetingPageFactory(
        parent=org_a,
        group=group,
        title="Utkast",
        live=False,
        starts_at=now + datetime.timedelta(days=3),
    )
    private = meeting(org_a, group, title="Privat")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    publish(MeetingPageFactory(parent=org_a, group=group, title="Sist"))
    titles = list(events(client))
    assert sorted(titles) == [
        "Ledningsgruppen: Kommande",
        "Ledningsgruppen: Nyss",
        "Ledningsgruppen: Sist",
    ]


def test_group_filter(client, org_a, group, region):
    other = CollaborationGroupFactory(region=region, name="Nätverket", slug="natverk")
    meeting(org_a, group, title="A")
    meeting(org_a, other, title="B")
    assert list(events(client, ICS + "?group=natverk")) == ["Nätverket: B"]
    assert len(events(client)) == 2
    assert client.get(ICS + "?group=finns-inte").status_code == 404


def test_conditional_get(client, org_a, group):
    meeting(org_a, group)
    first = client.get(ICS)
    etag = first["ETag"]
    assert client.get(ICS, headers={"If-None-Match": etag}).status_code == 304
    hit = client.get(ICS)
    assert hit["X-Cache"] == "hit"
    assert hit.content == first.content
    assert hit["Content-Type"] == "text/calendar; charset=utf-8"
    meeting(org_a, group, title="Nytt")
    assert client.get(ICS, headers={"If-None-Match": etag}).status_code == 200


def test_query_count_does_not_grow_with_meetings(client, org_a, group, settings):
    settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "RESPONSE_CACHE": False}
    now = timezone.now()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(ICS)
        calendar = Calendar.from_ical(response.content)
        return len(captured), len(calendar.walk("VEVENT"))

    meeting(org_a, group, starts_at=now + datetime.timedelta(days=1))
    client.get(ICS)  # warm up per-process caches
    one = queries()
    for day in range(14):
        meeting(org_a, group, starts_at=now + datetime.timedelta(days=day - 20))
    fifteen = queries()
    assert (one[1], fifteen[1]) == (1, 15)
    assert one[0] == fifteen[0]


def test_rich_text_to_plain():
    assert rich_text_to_plain("") == ""
    assert rich_text_to_plain("<h3>Dagordning</h3><p>a<br/>b</p>") == "Dagordning\na\nb"
