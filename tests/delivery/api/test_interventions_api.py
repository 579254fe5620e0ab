"""The delivery API for interventions and organisations: only public
content, every filter, stable cursor pagination, constant query counts,
conditional GET and invalidation on publish."""

import datetime

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from cms.models import (
    InterventionCategory,
    InterventionLocation,
    InterventionPage,
    Language,
)
from tests.delivery.api.helpers import count_queries
from tests.factories import InterventionPageFactory, OrganisationPageFactory, publish

LIST = reverse("api-v1:intervention-list")


def detail(lookup):
    return reverse("api-v1:intervention-detail", args=(lookup,))


def titles(response):
    return {item["title"] for item in response.json()["results"]}


@pytest.fixture
def bank(org_a, org_b):
    sfi = publish(
        InterventionPageFactory(
            parent=org_a,
            title="SFI Tumba",
            min_age=18,
            max_age=64,
            exchange_terms="swap",
        )
    )
    sfi.languages.set(Language.objects.filter(code__in=["ar", "sv"]))
    sfi.service_area.set([org_a, org_b])
    sfi.locations = [InterventionLocation(street_address="Storgatan 1", city="Tumba")]
    publish(sfi)
    cafe = InterventionPageFactory(
        parent=org_b,
        title="Språkcafé Haninge",
        summary="Samtal på svenska över en kopp kaffe.",
        category=InterventionCategory.objects.get(slug="sprak-och-motesplatser"),
        status="temporarily_closed",
    )
    cafe.service_area.set([org_b])
    cafe.languages.set(Language.objects.filter(code="so"))
    publish(cafe)
    return {"sfi": sfi, "cafe": cafe}


def test_list_and_detail(client, bank, org_a):
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == {"SFI Tumba", "Språkcafé Haninge"}
    sfi = bank["sfi"]
    item = client.get(detail(str(sfi.uuid))).json()
    assert item["id"] == str(sfi.uuid)
    assert item["organisation"]["slug"] == org_a.slug
    assert {language["code"] for language in item["languages"]} == {"ar", "sv"}
    assert {area["slug"] for area in item["service_area"]} == {"botkyrka", "haninge"}
    assert item["locations"][0]["city"] == "Tumba"
    assert item["category"] == {"slug": "sfi", "name": "SFI"}
    assert item["review_status"] in {"current", "due_soon", "overdue"}
    assert client.get(detail(sfi.slug)).json()["id"] == str(sfi.uuid)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("organisation=haninge", {"Språkcafé Haninge"}),
        ("municipality=botkyrka", {"SFI Tumba"}),
        ("municipality=haninge", {"SFI Tumba", "Språkcafé Haninge"}),
        ("category=sfi", {"SFI Tumba"}),
        ("language=so", {"Språkcafé Haninge"}),
        ("age=70", {"Språkcafé Haninge"}),
        ("age=30", {"SFI Tumba", "Språkcafé Haninge"}),
        ("status=temporarily_closed", {"Språkcafé Haninge"}),
        ("exchange_terms=swap", {"SFI Tumba"}),
        ("q=kaffe", {"Språkcafé Haninge"}),
        ("q=tumba sfi", {"SFI Tumba"}),
        ("organisation=finns-inte", set()),
    ],
)
def test_filters(client, bank, query, expected):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ("buy", {"Köp", "Köp eller byt"}),
        ("swap", {"Byt", "Köp eller byt"}),
        ("buy_or_swap", {"Köp eller byt"}),
        ("none", {"Ingen"}),
    ],
)
def test_exchange_terms_buy_and_swap_include_buy_or_swap(
    client, org_a, terms, expected
):
    for title, value in [
        ("Köp", "buy"),
        ("Byt", "swap"),
        ("Köp eller byt", "buy_or_swap"),
        ("Ingen", "none"),
    ]:
        publish(
            InterventionPageFactory(
                parent=org_a,
                title=title,
                exchange_terms=value,
                price_per_participant=None if value in ("swap", "none") else 1500,
            )
        )
    response = client.get(f"{LIST}?exchange_terms={terms}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_review_status_and_updated_since(client, bank):
    # Overdue as the review ladder says (30 days past due by default), the
    # same rule as the review_status field.
    today = timezone.localdate()
    InterventionPage.objects.filter(pk=bank["cafe"].pk).update(
        next_review_due=today - datetime.timedelta(days=30)
    )
    InterventionPage.objects.filter(pk=bank["sfi"].pk).update(
        next_review_due=today - datetime.timedelta(days=1)
    )
    overdue = client.get(f"{LIST}?review_status=overdue").json()["results"]
    assert [(i["title"], i["review_status"]) for i in overdue] == [
        ("Språkcafé Haninge", "overdue")
    ]
    due_soon = client.get(f"{LIST}?review_status=due_soon").json()["results"]
    assert [(i["title"], i["review_status"]) for i in due_soon] == [
        ("SFI Tumba", "due_soon")
    ]
    since = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert titles(client.get(LIST, {"updated_since": since})) == set()


@pytest.mark.parametrize(
    ("value", "status"),
    [
        # An offset ISO 8601 allows and PostgreSQL refuses: read in UTC.
        ("0404-10-26T00:19:28.699+19:16", 200),
        # Before year 1 once in UTC.
        ("0001-01-01T00:00:00+01:00", 400),
        ("igår", 400),
    ],
)
def test_strange_updated_since_is_handled(client, db, value, status):
    response = client.get(LIST, {"updated_since": value})
    assert response.status_code == status
    if status == 400:
        assert "updated_since" in response.json()


class TestNothingPrivateLeaks:
    def test_drafts_private_and_restricted_are_absent(
        self, client, bank, org_a, region
    ):
        InterventionPageFactory(parent=org_a, title="Utkast", live=False)
        private = publish(
            InterventionPageFactory(parent=org_a, title="Lösenordsskyddad")
        )
        PageViewRestriction.objects.create(
            page=private, restriction_type="password", password="x"
        )
        restricted_org = OrganisationPageFactory(parent=region, title="Stängd förening")
        PageViewRestriction.objects.create(
            page=restricted_org, restriction_type="login"
        )
        publish(
            InterventionPageFactory(parent=restricted_org, title="Under skyddad sida")
        )
        draft_change = bank["sfi"]
        draft_change.title = "Opublicerad ändring"
        draft_change.save_revision()

        cache.clear()
        for url in (
            LIST,
            f"{LIST}?q=Utkast",
            f"{LIST}?q=skyddad",
            f"{LIST}?q=Opublicerad",
        ):
            body = client.get(url).content.decode()
            for secret in (
                "Utkast",
                "Lösenordsskyddad",
                "Under skyddad sida",
                "Opublicerad",
            ):
                assert secret not in body, (url, secret)
        assert client.get(detail(str(private.uuid))).status_code == 404
        orgs = client.get(reverse("api-v1:organisation-list")).content.decode()
        assert "Stängd förening" not in orgs


class TestPagination:
    def test_cursor_walks_every_item_once_while_content_changes(self, client, org_a):
        pages = [publish(InterventionPageFactory(parent=org_a)) for _ in range(7)]
        seen = []
        url = f"{LIST}?page_size=3"
        first = True
        while url:
            data = client.get(url).json()
            seen += [item["id"] for item in data["results"]]
            if first:  # edits and a new entry between pages
                first = False
                publish(InterventionPageFactory(parent=org_a, title="Ny under tiden"))
                pages[0].title = "Ändrad"
                publish(pages[0])
            url = data["next"]
        assert len(seen) == len(set(seen)) == 8

    def test_page_size_is_capped(self, client, org_a):
        response = client.get(f"{LIST}?page_size=1000")
        assert response.status_code == 200


@pytest.mark.parametrize(
    "name", ["api-v1:intervention-list", "api-v1:organisation-list"]
)
def test_query_count_is_constant(client, region, org_a, name):
    publish(InterventionPageFactory(parent=org_a))
    url = reverse(name) + "?page_size=100"
    few = count_queries(client, url)
    for index in range(12):
        organisation = OrganisationPageFactory(parent=region)
        page = InterventionPageFactory(parent=organisation)
        page.languages.set(Language.objects.all()[:3])
        page.service_area.set([org_a, organisation])
        page.locations = [
            InterventionLocation(street_address=f"Väg {index}", city="Tumba")
        ]
        publish(page)
    assert count_queries(client, url) == few


class TestConditionalGet:
    def test_etag_304_and_cache(self, client, bank):
        first = client.get(LIST)
        assert first["ETag"].startswith('"') and first["Last-Modified"]
        assert "max-age=60" in first["Cache-Control"]
        assert first["X-Cache"] == "miss"
        with CaptureQueriesContext(connection) as queries:
            not_modified = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
        assert not_modified.status_code == 304
        assert not_modified.content == b""
        assert len(queries) == 0
        second = client.get(LIST)
        assert second["X-Cache"] == "hit"
        assert second.content == first.content

    def test_publish_and_unpublish_invalidate(self, client, bank, org_a):
        etag = client.get(LIST)["ETag"]
        new = publish(InterventionPageFactory(parent=org_a, title="Nyhet"))
        response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert "Nyhet" in titles(response)
        etag = response["ETag"]
        new.unpublish()
        response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert "Nyhet" not in titles(response)

    def test_delete_invalidates(self, client, bank):
        etag = client.get(LIST)["ETag"]
        bank["cafe"].delete()
        response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert titles(response) == {"SFI Tumba"}


def test_organisations(client, org_a, org_b):
    data = client.get(reverse("api-v1:organisation-list")).json()
    assert {item["slug"] for item in data["results"]} == {"botkyrka", "haninge"}
    item = client.get(
        reverse("api-v1:organisation-detail", args=(str(org_a.translation_key),))
    ).json()
    assert item["name"] == "Botkyrka kommun"


def test_openapi_schema_describes_the_endpoints(client):
    response = client.get(reverse("api-v1:schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = (
        response.json()
        if response["Content-Type"].startswith("application/json")
        else None
    )
    if schema is None:
        import yaml

        schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/interventions/" in schema["paths"]
    properties = schema["components"]["schemas"]["Intervention"]["properties"]
    assert {"id", "title", "languages", "service_area", "review_status"} <= set(
        properties
    )


def test_api_docs_render(client):
    response = client.get(reverse("api-v1:docs"))
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_schema_is_valid_without_warnings(tmp_path):
    from django.core.management import call_command

    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
    )
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3")
