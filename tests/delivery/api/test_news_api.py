"""The delivery API for news: only public content, the body as JSON blocks,
every filter, newest-first cursor pagination, constant query counts and
conditional GET."""

import datetime

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from tests.delivery.api.helpers import count_queries
from tests.factories import (
    InterventionPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    publish,
)

LIST = reverse("api-v1:news-list")


def detail(lookup):
    return reverse("api-v1:news-detail", args=(lookup,))


def titles(response):
    assert response.status_code == 200
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def image():
    return get_image_model().objects.create(
        title="Kaffe", file=get_test_image_file(filename="kaffe.png")
    )


@pytest.fixture
def news(org_a, org_b, image):
    document = get_document_model().objects.create(title="Protokoll")
    sfi = publish(InterventionPageFactory(parent=org_a, title="SFI Tumba"))
    draft = InterventionPageFactory(parent=org_a, title="Hemlig insats", live=False)
    start = NewsPageFactory(
        parent=org_a,
        title="Nu startar vi",
        date=datetime.date(2026, 3, 1),
        lead="Samverkan om språk i Botkyrka.",
        body=[
            ("text", "<p>Nu <b>startar</b> vi.</p>"),
            ("image", {"image": image, "alt_text": "En kopp", "decorative": False}),
            ("quote", {"text": "Ett lyft för alla.", "attribution": "Strategen"}),
            ("document", {"document": document, "title": ""}),
            ("embed", "https://www.youtube.com/watch?v=abc"),
        ],
    )
    start.related_interventions = [sfi, draft]
    start.related_organisations = [org_b]
    start.tags.add("sfi", "språk")
    publish(start)
    cafe = NewsPageFactory(
        parent=org_b,
        title="Språkcafét öppnar",
        date=datetime.date(2026, 4, 1),
        lead="Fika och samtal.",
    )
    cafe.tags.add("fika")
    publish(cafe)
    return {"start": start, "cafe": cafe, "sfi": sfi, "document": document}


def test_list_newest_first_and_detail(client, news, org_a, org_b):
    assert titles(client.get(LIST)) == ["Språkcafét öppnar", "Nu startar vi"]
    start = news["start"]
    item = client.get(detail(str(start.translation_key))).json()
    assert item["id"] == str(start.translation_key)
    assert item["slug"] == start.slug
    assert item["date"] == "2026-03-01"
    assert item["lead"] == "Samverkan om språk i Botkyrka."
    assert item["organisation"] == {
        "id": str(org_a.translation_key),
        "slug": "botkyrka",
        "name": "Botkyrka kommun",
    }
    assert item["tags"] == ["sfi", "språk"]
    # Only the published intervention, never the draft.
    assert item["related_interventions"] == [
        {"id": str(news["sfi"].uuid), "title": "SFI Tumba"}
    ]
    assert [org["slug"] for org in item["related_organisations"]] == ["haninge"]
    assert item["modified_at"]
    assert client.get(detail(start.slug)).json()["id"] == item["id"]


def test_body_is_json_blocks(client, news):
    body = client.get(detail(news["start"].slug)).json()["body"]
    assert [block["type"] for block in body] == [
        "text",
        "image",
        "quote",
        "document",
        "embed",
    ]
    assert all(block["id"] for block in body)
    assert body[0]["value"] == "<p>Nu <b>startar</b> vi.</p>"
    assert body[1]["value"]["alt"] == "En kopp"
    assert body[1]["value"]["url"].startswith("http://testserver/")
    assert body[1]["value"]["url"].endswith(".png")
    assert body[2]["value"] == {
        "text": "Ett lyft för alla.",
        "attribution": "Strategen",
    }
    assert body[3]["value"] == {
        "title": "Protokoll",
        "url": "http://testserver" + news["document"].url,
    }
    assert body[4]["value"] == {"url": "https://www.youtube.com/watch?v=abc"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("organisation=botkyrka", ["Nu startar vi"]),
        ("organisation=haninge", ["Språkcafét öppnar"]),
        ("organisation=finns-inte", []),
        ("tag=fika", ["Språkcafét öppnar"]),
        ("tag=sfi", ["Nu startar vi"]),
        ("tag=okand", []),
        ("q=fika", ["Språkcafét öppnar"]),
        ("q=startar botkyrka", ["Nu startar vi"]),
        ("q=saknas", []),
    ],
)
def test_filters(client, news, query, expected):
    assert titles(client.get(f"{LIST}?{query}")) == expected


def test_organisation_filter_by_id(client, news, org_b):
    response = client.get(LIST, {"organisation": str(org_b.translation_key)})
    assert titles(response) == ["Språkcafét öppnar"]


def test_updated_since(client, news):
    since = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert titles(client.get(LIST, {"updated_since": since})) == []
    since = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    assert len(titles(client.get(LIST, {"updated_since": since}))) == 2


def test_drafts_private_and_restricted_are_absent(client, news, org_a, region):
    NewsPageFactory(parent=org_a, title="Utkast", live=False)
    private = publish(NewsPageFactory(parent=org_a, title="Lösenordsskyddad"))
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="x"
    )
    restricted_org = OrganisationPageFactory(parent=region, title="Stängd förening")
    PageViewRestriction.objects.create(page=restricted_org, restriction_type="login")
    publish(NewsPageFactory(parent=restricted_org, title="Under skyddad sida"))
    change = news["cafe"]
    change.title = "Opublicerad ändring"
    change.save_revision()

    cache.clear()
    for url in (LIST, f"{LIST}?q=Utkast", f"{LIST}?q=skyddad"):
        body = client.get(url).content.decode()
        for secret in (
            "Utkast",
            "Lösenordsskyddad",
            "Under skyddad sida",
            "Opublicerad",
            "Hemlig insats",
        ):
            assert secret not in body, (url, secret)
    assert client.get(detail(str(private.translation_key))).status_code == 404
    assert client.get(detail(private.slug)).status_code == 404


def test_cursor_walks_every_item_once_newest_first(client, org_a):
    # Several items share a date: the primary key breaks the ties.
    for index in range(9):
        publish(
            NewsPageFactory(parent=org_a, date=datetime.date(2026, 1, 1 + index // 3))
        )
    seen, dates = [], []
    url = f"{LIST}?page_size=2"
    first = True
    while url:
        data = client.get(url).json()
        seen += [item["id"] for item in data["results"]]
        dates += [item["date"] for item in data["results"]]
        if first:  # a new, older item while walking
            first = False
            publish(NewsPageFactory(parent=org_a, date=datetime.date(2025, 12, 1)))
        url = data["next"]
    assert len(seen) == len(set(seen)) == 10
    assert dates == sorted(dates, reverse=True)


def test_query_count_is_constant(client, region, org_a, image):
    document = get_document_model().objects.create(title="Bilaga")

    def add_news(organisation):
        intervention = publish(InterventionPageFactory(parent=organisation))
        page = NewsPageFactory(
            parent=organisation,
            body=[
                ("text", "<p>Text</p>"),
                ("image", {"image": image, "alt_text": "Bild", "decorative": False}),
                ("document", {"document": document, "title": "Bilaga"}),
            ],
        )
        page.related_interventions = [intervention]
        page.related_organisations = [org_a, organisation]
        page.tags.add("a", "b")
        publish(page)

    add_news(org_a)
    url = LIST + "?page_size=100"
    few = count_queries(client, url)
    for _ in range(12):
        add_news(OrganisationPageFactory(parent=region))
    assert count_queries(client, url) == few


def test_etag_304_and_invalidation(client, news, org_a):
    first = client.get(LIST)
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        not_modified = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert len(queries) == 0
    assert client.get(LIST)["X-Cache"] == "hit"
    publish(
        NewsPageFactory(parent=org_a, title="Färsk", date=datetime.date(2027, 1, 1))
    )
    response = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200
    assert titles(response)[0] == "Färsk"


def test_schema_describes_news(client):
    import yaml

    schema = yaml.safe_load(client.get(reverse("api-v1:schema")).content)
    assert "/api/v1/news/" in schema["paths"]
    assert "/api/v1/news/{lookup}/" in schema["paths"]
    properties = schema["components"]["schemas"]["News"]["properties"]
    assert {"id", "body", "organisation", "tags", "related_interventions"} <= set(
        properties
    )
