"""The delivery API for meetings (events): only public content, Swedish
local times, cancelled meetings shown as cancelled, minutes only once
approved, every filter, constant query counts and conditional GET."""

import datetime

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from cms.models import GroupKind, MeetingStatus
from tests.delivery.api.helpers import count_queries
from tests.factories import (
    CollaborationGroupFactory,
    MeetingPageFactory,
    OrganisationPageFactory,
    publish,
    stockholm,
)

LIST = reverse("api-v1:event-list")
SECRET_MINUTES = "Hemligt protokollsutkast"


def detail(lookup):
    return reverse("api-v1:event-detail", args=(lookup,))


def titles(response):
    assert response.status_code == 200
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def groups(region):
    return {
        "steering": CollaborationGroupFactory(
            region=region,
            name="Styrgruppen",
            slug="styrgruppen",
            kind=GroupKind.STEERING,
        ),
        "sfi": CollaborationGroupFactory(
            region=region, name="SFI-nätverket", slug="sfi", kind=GroupKind.NETWORK
        ),
    }


@pytest.fixture
def meetings(org_a, org_b, groups):
    document = get_document_model().objects.create(title="Protokoll januari")
    january = publish(
        MeetingPageFactory(
            parent=org_a,
            title="Styrgrupp januari",
            group=groups["steering"],
            starts_at=stockholm(2026, 1, 15, 13, 30),
            ends_at=stockholm(2026, 1, 15, 15, 0),
            place="Kommunhuset",
            online_url="https://meet.example.se/styrgrupp",
            agenda="<p>1. Budget</p>",
            status=MeetingStatus.HELD,
            minutes_text="<p>Budgeten antogs.</p>",
            minutes_document=document,
            minutes_approved_on=datetime.date(2026, 2, 1),
        )
    )
    march = publish(
        MeetingPageFactory(
            parent=org_a,
            title="Styrgrupp mars",
            group=groups["steering"],
            starts_at=stockholm(2026, 3, 10, 9, 0),
            ends_at=stockholm(2026, 3, 10, 11, 0),
            status=MeetingStatus.HELD,
            minutes_text=f"<p>{SECRET_MINUTES}</p>",
            minutes_document=get_document_model().objects.create(
                title="Ej justerat protokoll"
            ),
        )
    )
    july = publish(
        MeetingPageFactory(
            parent=org_b,
            title="SFI-nätverket juli",
            group=groups["sfi"],
            starts_at=stockholm(2026, 7, 2, 13, 30),
            ends_at=stockholm(2026, 7, 2, 15, 0),
        )
    )
    cancelled = publish(
        MeetingPageFactory(
            parent=org_b,
            title="Inställt möte",
            group=groups["sfi"],
            starts_at=stockholm(2026, 9, 1, 10, 0),
            ends_at=stockholm(2026, 9, 1, 12, 0),
            status=MeetingStatus.CANCELLED,
        )
    )
    return {
        "january": january,
        "march": march,
        "july": july,
        "cancelled": cancelled,
        "document": document,
    }


def test_list_in_start_order_and_detail(client, meetings, org_a):
    assert titles(client.get(LIST)) == [
        "Styrgrupp januari",
        "Styrgrupp mars",
        "SFI-nätverket juli",
        "Inställt möte",
    ]
    january = meetings["january"]
    item = client.get(detail(str(january.translation_key))).json()
    assert item["id"] == str(january.translation_key)
    assert item["group"] == {
        "slug": "styrgruppen",
        "name": "Styrgruppen",
        "kind": "steering",
    }
    assert item["place"] == "Kommunhuset"
    assert item["online_url"] == "https://meet.example.se/styrgrupp"
    assert item["agenda"] == "<p>1. Budget</p>"
    assert item["status"] == "held"
    assert item["organisation"] == {
        "id": str(org_a.translation_key),
        "slug": "botkyrka",
        "name": "Botkyrka kommun",
    }
    assert item["modified_at"]
    assert client.get(detail(january.slug)).json()["id"] == item["id"]


def test_times_are_swedish_local_time(client, meetings):
    january = client.get(detail(meetings["january"].slug)).json()
    assert january["starts_at"] == "2026-01-15T13:30:00+01:00"
    assert january["ends_at"] == "2026-01-15T15:00:00+01:00"
    july = client.get(detail(meetings["july"].slug)).json()
    assert july["starts_at"] == "2026-07-02T13:30:00+02:00"


def test_approved_minutes_are_shown(client, meetings):
    minutes = client.get(detail(meetings["january"].slug)).json()["minutes"]
    assert minutes == {
        "text": "<p>Budgeten antogs.</p>",
        "document": {
            "title": "Protokoll januari",
            "url": "http://testserver" + meetings["document"].url,
        },
        "approved_on": "2026-02-01",
    }


def test_minutes_are_hidden_until_approved(client, meetings):
    march = meetings["march"]
    item = client.get(detail(march.slug)).json()
    assert item["minutes"] is None
    for url in (LIST, detail(march.slug), detail(str(march.translation_key))):
        body = client.get(url).content.decode()
        assert SECRET_MINUTES not in body
        assert "Ej justerat protokoll" not in body
        assert march.minutes_document.url not in body
    # Approving them publishes them.
    march.minutes_approved_on = datetime.date(2026, 3, 20)
    publish(march)
    minutes = client.get(detail(march.slug)).json()["minutes"]
    assert SECRET_MINUTES in minutes["text"]
    assert minutes["document"]["title"] == "Ej justerat protokoll"


def test_cancelled_meetings_are_listed_as_cancelled(client, meetings):
    item = client.get(detail(meetings["cancelled"].slug)).json()
    assert item["status"] == "cancelled"
    assert item["minutes"] is None
    assert titles(client.get(LIST, {"status": "cancelled"})) == ["Inställt möte"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("group=styrgruppen", ["Styrgrupp januari", "Styrgrupp mars"]),
        ("group=sfi", ["SFI-nätverket juli", "Inställt möte"]),
        ("group=finns-inte", []),
        ("status=held", ["Styrgrupp januari", "Styrgrupp mars"]),
        ("status=planned", ["SFI-nätverket juli"]),
        ("from=2026-03-10", ["Styrgrupp mars", "SFI-nätverket juli", "Inställt möte"]),
        ("to=2026-03-10", ["Styrgrupp januari", "Styrgrupp mars"]),
        ("from=2026-03-11&to=2026-07-02", ["SFI-nätverket juli"]),
        ("from=2026-01-16&to=2026-03-09", []),
    ],
)
def test_filters(client, meetings, query, expected):
    assert titles(client.get(f"{LIST}?{query}")) == expected


def test_date_range_uses_swedish_days(client, org_a, groups):
    # 00:30 on 1 June in Stockholm is still 31 May in UTC.
    publish(
        MeetingPageFactory(
            parent=org_a,
            title="Midnattsmöte",
            group=groups["sfi"],
            starts_at=stockholm(2026, 6, 1, 0, 30),
            ends_at=stockholm(2026, 6, 1, 1, 30),
        )
    )
    assert titles(client.get(LIST, {"from": "2026-06-01", "to": "2026-06-01"})) == [
        "Midnattsmöte"
    ]
    assert titles(client.get(LIST, {"to": "2026-05-31"})) == []


def test_updated_since(client, meetings):
    since = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert titles(client.get(LIST, {"updated_since": since})) == []
    since = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    assert len(titles(client.get(LIST, {"updated_since": since}))) == 4


def test_drafts_private_and_restricted_are_absent(
    client, meetings, org_a, region, groups
):
    MeetingPageFactory(parent=org_a, title="Utkast", group=groups["sfi"], live=False)
    private = publish(
        MeetingPageFactory(parent=org_a, title="Lösenordsskyddad", group=groups["sfi"])
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="x"
    )
    restricted_org = OrganisationPageFactory(parent=region, title="Stängd förening")
    PageViewRestriction.objects.create(page=restricted_org, restriction_type="login")
    publish(
        MeetingPageFactory(
            parent=restricted_org, title="Under skyddad sida", group=groups["sfi"]
        )
    )
    change = meetings["july"]
    change.title = "Opublicerad ändring"
    change.save_revision()

    cache.clear()
    body = client.get(LIST).content.decode()
    for secret in ("Utkast", "Lösenordsskyddad", "Under skyddad sida", "Opublicerad"):
        assert secret not in body, secret
    assert client.get(detail(str(private.translation_key))).status_code == 404


def test_cursor_walks_every_item_once(client, org_a, groups):
    # Several meetings start at the same time: the primary key breaks ties.
    for index in range(7):
        publish(
            MeetingPageFactory(
                parent=org_a,
                group=groups["sfi"],
                starts_at=stockholm(2026, 5, 1 + index // 3, 10, 0),
                ends_at=stockholm(2026, 5, 1 + index // 3, 11, 0),
            )
        )
    seen, starts = [], []
    url = f"{LIST}?page_size=2"
    while url:
        data = client.get(url).json()
        seen += [item["id"] for item in data["results"]]
        starts += [item["starts_at"] for item in data["results"]]
        url = data["next"]
    assert len(seen) == len(set(seen)) == 7
    assert starts == sorted(starts)


def test_query_count_is_constant(client, region, org_a):
    document = get_document_model().objects.create(title="Protokoll")

    def add_meeting(organisation):
        group = CollaborationGroupFactory(region=region)
        publish(
            MeetingPageFactory(
                parent=organisation,
                group=group,
                starts_at=stockholm(2026, 1, 15, 13, 30),
                ends_at=stockholm(2026, 1, 15, 15, 0),
                status=MeetingStatus.HELD,
                minutes_text="<p>Protokoll</p>",
                minutes_document=document,
                minutes_approved_on=datetime.date(2026, 2, 1),
            )
        )

    add_meeting(org_a)
    url = LIST + "?page_size=100"
    few = count_queries(client, url)
    for _ in range(12):
        add_meeting(OrganisationPageFactory(parent=region))
    assert count_queries(client, url) == few


def test_etag_304_and_invalidation(client, meetings, org_a, groups):
    first = client.get(LIST)
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        not_modified = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert len(queries) == 0
    assert client.get(LIST)["X-Cache"] == "hit"
    meetings["cancelled"].unpublish()
    response = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert "Inställt möte" not in titles(response)


def test_schema_describes_events(client):
    import yaml

    schema = yaml.safe_load(client.get(reverse("api-v1:schema")).content)
    assert "/api/v1/events/" in schema["paths"]
    parameters = {
        parameter["name"]
        for parameter in schema["paths"]["/api/v1/events/"]["get"]["parameters"]
    }
    assert {"group", "status", "from", "to", "updated_since"} <= parameters
    properties = schema["components"]["schemas"]["Event"]["properties"]
    assert {"id", "group", "starts_at", "minutes", "organisation"} <= set(properties)
