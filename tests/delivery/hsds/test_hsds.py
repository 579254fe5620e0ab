"""The Open Referral HSDS 3 view (/api/hsds/): responses validate against the
official compiled schemas (vendored in tests/data/hsds-3/), with every
property name one the schema declares; filters, pagination, only public
content, stable ids, constant query counts and conditional GET."""

import datetime
import uuid
from decimal import Decimal
from urllib.parse import urlparse

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from cms.models import (
    InterventionCategory,
    InterventionClosure,
    InterventionLocation,
    InterventionOpeningTime,
    InterventionPage,
    Language,
)
from delivery.hsds import taxonomy_term_id
from tests.delivery.api.helpers import count_queries
from tests.delivery.hsds.hsds_validation import (
    ORGANIZATION,
    ORGANIZATION_LIST_ITEM,
    SERVICE,
    SERVICE_LIST_ITEM,
    SERVICE_URI,
    page_of,
    validate,
)
from tests.factories import (
    InterventionPageFactory,
    OrganisationPageFactory,
    PersonFactory,
    publish,
)

ROOT = reverse("api-hsds:root")
SERVICES = reverse("api-hsds:service-list")
ORGANIZATIONS = reverse("api-hsds:organization-list")


def service_url(id):
    return reverse("api-hsds:service-detail", args=(str(id),))


def organization_url(id):
    return reverse("api-hsds:organization-detail", args=(str(id),))


def test_the_validation_bites():
    """A control: unknown names, nulls, bad ids and enum values fail."""
    good = {"id": str(uuid.uuid4()), "name": "x", "status": "active"}
    validate(good, SERVICE)
    for bad in (
        good | {"title": "x"},
        good | {"minimum_age": None},
        good | {"id": "1"},
        good | {"status": "ended"},
        good | {"last_modified": "igår"},
        good | {"languages": [{"id": str(uuid.uuid4()), "language": "sv"}]},
    ):
        with pytest.raises(AssertionError):
            validate(bad, SERVICE)


# Data


@pytest.fixture
def bank(org_a, org_b, region):
    org_a.description = "Kommunen söder om Stockholm."
    org_a.website = "https://www.botkyrka.se"
    org_a.email = "kommun@botkyrka.se"
    org_a.phone = "08-530 610 00"
    org_a.org_number = "212000-2882"
    publish(org_a)
    contact = PersonFactory(
        organisation=org_a,
        name="Amina Yusuf",
        title="Samordnare",
        email="amina.yusuf@botkyrka.se",
        phone="08-530 612 34",
    )
    sfi = InterventionPageFactory(
        parent=org_a,
        title="SFI Tumba",
        summary="Svenska för invandrare i Tumba.",
        description="<p>Kurser på <b>alla</b> nivåer.</p><ul><li>Dag</li></ul>",
        eligibility="Folkbokförd i kommunen.",
        min_age=18,
        max_age=64,
        start_date=datetime.date(2026, 1, 12),
        end_date=datetime.date(2026, 12, 18),
        schedule_note="Intag varannan månad",
        how_to_apply="Anmäl dig på webben.",
        cost_description="Kostnadsfritt för deltagaren.",
        exchange_terms="buy_or_swap",
        price_per_participant=Decimal("12500.00"),
        capacity=40,
        places_for_others=5,
        contact_person=contact,
        contact_email="sfi@botkyrka.se",
        contact_phone="08-530 613 00",
        last_reviewed_at=timezone.now() - datetime.timedelta(days=10),
    )
    sfi.languages.set(Language.objects.filter(code__in=["ar", "sv"]))
    sfi.service_area.set([org_a, org_b])
    sfi.locations = [
        InterventionLocation(
            name="Tumba bibliotek",
            street_address="Tumba torg 1",
            postal_code="147 30",
            city="Tumba",
            latitude=Decimal("59.199500"),
            longitude=Decimal("17.833900"),
        ),
        InterventionLocation(street_address="Storgatan 2", city="Alby"),
    ]
    sfi.opening_times = [
        InterventionOpeningTime(
            weekday=1,
            opens=datetime.time(9),
            closes=datetime.time(12),
            note="Förmiddag",
        ),
        InterventionOpeningTime(
            weekday=3, opens=datetime.time(13), closes=datetime.time(16, 30)
        ),
    ]
    sfi.closures = [
        InterventionClosure(
            start_date=datetime.date(2026, 7, 1),
            end_date=datetime.date(2026, 7, 31),
            recurs_yearly=True,
            reason="Sommaruppehåll",
        ),
        InterventionClosure(
            start_date=datetime.date(2026, 12, 24),
            end_date=datetime.date(2026, 12, 26),
        ),
    ]
    publish(sfi)
    cafe = InterventionPageFactory(
        parent=org_b,
        title="Språkcafé Haninge",
        summary="Samtal på svenska över en kopp kaffe.",
        category=InterventionCategory.objects.get(slug="sprak-och-motesplatser"),
        status="temporarily_closed",
        provider=org_a,
    )
    cafe.service_area.set([org_b])
    publish(cafe)
    ended = publish(
        InterventionPageFactory(parent=org_b, title="Avslutad kurs", status="ended")
    )
    return {"sfi": sfi, "cafe": cafe, "ended": ended, "contact": contact}


def names(response):
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["contents"]}


# The root


def test_root_describes_the_api(client):
    data = client.get(ROOT).json()
    assert data["version"] == "3.0"
    assert urlparse(data["profile"]).scheme == "https"
    assert data["openapi_url"].endswith("openapi.json")


# Services


def test_full_service_validates_and_carries_everything(client, bank, org_a, org_b):
    sfi = bank["sfi"]
    response = client.get(service_url(sfi.uuid))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    validate(data, SERVICE)

    assert data["id"] == str(sfi.uuid)
    assert data["name"] == "SFI Tumba"
    assert data["description"] == (
        "Svenska för invandrare i Tumba.\n\nKurser på alla nivåer.\nDag"
    )
    assert data["status"] == "active"
    assert data["email"] == "sfi@botkyrka.se"
    assert data["fees_description"] == "Kostnadsfritt för deltagaren."
    assert data["eligibility_description"] == "Folkbokförd i kommunen."
    assert (data["minimum_age"], data["maximum_age"]) == (18, 64)
    assert data["application_process"] == "Anmäl dig på webben."
    assert (
        data["assured_date"]
        == timezone.localtime(sfi.last_reviewed_at).date().isoformat()
    )
    assert data["last_modified"]
    assert data["organization_id"] == str(org_a.translation_key)
    assert data["organization"] == {
        "id": str(org_a.translation_key),
        "name": "Botkyrka kommun",
        "description": "Kommunen söder om Stockholm.",
        "email": "kommun@botkyrka.se",
        "website": "https://www.botkyrka.se",
    }
    assert {(item["code"], item["name"]) for item in data["languages"]} == {
        ("ar", Language.objects.get(code="ar").name),
        ("sv", Language.objects.get(code="sv").name),
    }
    assert [area["name"] for area in data["service_areas"]] == [
        "Botkyrka kommun",
        "Haninge kommun",
    ]
    assert data["cost_options"] == [
        {
            "id": data["cost_options"][0]["id"],
            "service_id": data["id"],
            "option": data["cost_options"][0]["option"],
            "currency": "SEK",
            "amount": 12500.0,
            "amount_description": data["cost_options"][0]["amount_description"],
        }
    ]
    assert data["phones"][0]["number"] == "08-530 613 00"
    [contact] = data["contacts"]
    assert (contact["name"], contact["title"], contact["email"]) == (
        "Amina Yusuf",
        "Samordnare",
        "amina.yusuf@botkyrka.se",
    )
    assert contact["phones"][0]["number"] == "08-530 612 34"

    weekly = [s for s in data["schedules"] if s.get("freq") == "WEEKLY"]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in weekly] == [
        ("MO", "09:00", "12:00"),
        ("WE", "13:00", "16:30"),
    ]
    assert all(
        (s["valid_from"], s["valid_to"]) == ("2026-01-12", "2026-12-18") for s in weekly
    )
    assert weekly[0]["description"] == "Förmiddag"
    closures = [s for s in data["schedules"] if "freq" not in s]
    assert [(s["valid_from"], s["valid_to"]) for s in closures] == [
        ("2026-07-01", "2026-07-31"),
        ("2026-12-24", "2026-12-26"),
    ]
    assert "Sommaruppehåll" in closures[0]["description"]

    first, second = data["service_at_locations"]
    location = first["location"]
    assert first["location_id"] == location["id"]
    assert location["name"] == "Tumba bibliotek"
    assert (location["latitude"], location["longitude"]) == (59.1995, 17.8339)
    [address] = location["addresses"]
    assert address["address_1"] == "Tumba torg 1"
    assert address["city"] == "Tumba"
    assert address["postal_code"] == "147 30"
    assert address["country"] == "SE"
    assert "latitude" not in second["location"]

    [attribute] = data["attributes"]
    assert attribute["taxonomy_term"]["code"] == "sfi"
    assert attribute["taxonomy_term_id"] == taxonomy_term_id(sfi.category)

    every_id = [
        value for value in _walk(data) if isinstance(value, tuple) and value[0] == "id"
    ]
    assert len(every_id) == len(set(every_id)), "ids are unique"


def _walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "id":
                yield ("id", value)
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_service_url_from_settings(client, bank, settings):
    sfi = bank["sfi"]
    assert "url" not in client.get(service_url(sfi.uuid)).json()
    settings.SAMVERKAN_HSDS = {"SERVICE_URL": "https://portal.example.se/i/{slug}/"}
    cache.clear()
    data = client.get(service_url(sfi.uuid)).json()
    validate(data, SERVICE)
    assert data["url"] == f"https://portal.example.se/i/{sfi.slug}/"


def test_a_sparse_service_validates(client, org_a):
    page = publish(InterventionPageFactory(parent=org_a, title="Enkel"))
    data = client.get(service_url(page.uuid)).json()
    validate(data, SERVICE)
    assert data["schedules"] == data["service_at_locations"] == []
    assert data["contacts"] == data["cost_options"] == []
    assert "minimum_age" not in data


def test_status_mapping(client, bank):
    data = client.get(SERVICES).json()
    status = {item["name"]: item["status"] for item in data["contents"]}
    assert status == {
        "SFI Tumba": "active",
        "Språkcafé Haninge": "temporarily closed",
        "Avslutad kurs": "defunct",
    }


def test_list_validates_and_is_paginated_as_hsds_does(client, bank):
    data = client.get(SERVICES).json()
    validate(data, page_of(SERVICE_LIST_ITEM))
    assert {
        key: data[key]
        for key in (
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
        )
    } == {
        "total_items": 3,
        "total_pages": 1,
        "page_number": 1,
        "size": 3,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    # The list has one-to-one fields only.
    assert all("schedules" not in item for item in data["contents"])


def test_pages(client, bank):
    first = client.get(SERVICES, {"per_page": 2}).json()
    second = client.get(SERVICES, {"per_page": 2, "page": 2}).json()
    beyond = client.get(SERVICES, {"per_page": 2, "page": 3}).json()
    assert (first["total_pages"], first["size"]) == (2, 2)
    assert (first["first_page"], first["last_page"]) == (True, False)
    assert (second["page_number"], second["size"]) == (2, 1)
    assert (second["first_page"], second["last_page"]) == (False, True)
    assert beyond["empty"] is True and beyond["contents"] == []
    ids = [item["id"] for item in first["contents"] + second["contents"]]
    assert len(set(ids)) == 3
    for query in ({"page": "0"}, {"page": "x"}, {"per_page": "-1"}):
        assert client.get(SERVICES, query).status_code == 400


def test_per_page_is_capped(client, bank, settings):
    settings.SAMVERKAN_HSDS = {"MAX_PER_PAGE": 2}
    data = client.get(SERVICES, {"per_page": 1000}).json()
    assert data["size"] == 2 and data["total_pages"] == 2


def test_filters(client, bank, org_a, org_b):
    sfi = bank["sfi"]
    sprak = InterventionCategory.objects.get(slug="sprak-och-motesplatser")
    cases = [
        ({"search": "kaffe"}, {"Språkcafé Haninge"}),
        ({"search": "tumba sfi"}, {"SFI Tumba"}),
        ({"search": "finns inte"}, set()),
        ({"taxonomy_term_id": taxonomy_term_id(sprak)}, {"Språkcafé Haninge"}),
        (
            {"taxonomy_term_id": taxonomy_term_id(sfi.category)},
            {"SFI Tumba", "Avslutad kurs"},
        ),
        ({"taxonomy_term_id": str(uuid.uuid4())}, set()),
        # The organization is the provider, else the owner.
        (
            {"organization_id": str(org_a.translation_key)},
            {"SFI Tumba", "Språkcafé Haninge"},
        ),
        ({"organization_id": str(org_b.translation_key)}, {"Avslutad kurs"}),
        ({"organization_id": "not-a-uuid"}, set()),
        (
            {"search": "svenska", "organization_id": str(org_a.translation_key)},
            {"SFI Tumba", "Språkcafé Haninge"},
        ),
    ]
    for query, expected in cases:
        assert names(client.get(SERVICES, query)) == expected, query
    data = client.get(SERVICES, {"organization_id": str(org_a.translation_key)})
    for item in data.json()["contents"]:
        assert item["organization"]["id"] == str(org_a.translation_key)


def test_modified_after(client, bank):
    moment = timezone.now() - datetime.timedelta(minutes=1)
    InterventionPage.objects.filter(pk=bank["ended"].pk).update(
        last_published_at=moment - datetime.timedelta(days=30)
    )
    everything = {"SFI Tumba", "Språkcafé Haninge", "Avslutad kurs"}
    later = timezone.now() + datetime.timedelta(hours=1)
    assert names(client.get(SERVICES, {"modified_after": moment.isoformat()})) == {
        "SFI Tumba",
        "Språkcafé Haninge",
    }
    assert names(client.get(SERVICES, {"modified_after": later.isoformat()})) == set()
    assert names(client.get(SERVICES, {"modified_after": "2000-01-01"})) == everything
    naive = (moment - datetime.timedelta(days=60)).replace(tzinfo=None)
    assert names(client.get(SERVICES, {"modified_after": naive.isoformat()})) == (
        everything
    )
    assert client.get(SERVICES, {"modified_after": "igår"}).status_code == 400


class TestNothingPrivateLeaks:
    def test_drafts_private_and_restricted_are_absent(
        self, client, bank, org_a, region
    ):
        draft = InterventionPageFactory(parent=org_a, title="Utkast", live=False)
        private = publish(
            InterventionPageFactory(parent=org_a, title="Lösenordsskyddad")
        )
        PageViewRestriction.objects.create(
            page=private, restriction_type="password", password="x"
        )
        closed_org = OrganisationPageFactory(parent=region, title="Stängd förening")
        PageViewRestriction.objects.create(page=closed_org, restriction_type="login")
        hidden = publish(
            InterventionPageFactory(parent=closed_org, title="Under skyddad sida")
        )
        # Provided by a restricted organisation: shown with its owner instead.
        provided = bank["cafe"]
        provided.provider = closed_org
        publish(provided)
        change = bank["sfi"]
        change.title = "Opublicerad ändring"
        change.save_revision()

        cache.clear()
        secrets = (
            "Utkast",
            "Lösenordsskyddad",
            "Under skyddad sida",
            "Opublicerad",
            "Stängd förening",
        )
        urls = [
            SERVICES,
            f"{SERVICES}?search=Utkast",
            f"{SERVICES}?search=skyddad",
            f"{SERVICES}?search=Opublicerad",
            f"{SERVICES}?organization_id={closed_org.translation_key}",
            service_url(provided.uuid),
            ORGANIZATIONS,
            f"{ORGANIZATIONS}?search=Stängd",
        ]
        for url in urls:
            body = client.get(url).content.decode()
            for secret in secrets:
                assert secret not in body, (url, secret)
        for page in (draft, private, hidden):
            assert client.get(service_url(page.uuid)).status_code == 404
        assert client.get(organization_url(closed_org.translation_key)).status_code == (
            404
        )
        assert client.get(service_url("not-a-uuid")).status_code == 404


def test_ids_are_stable(client, bank):
    sfi = bank["sfi"]
    first = client.get(service_url(sfi.uuid)).json()
    cache.clear()
    second = client.get(service_url(sfi.uuid)).json()
    assert first == second
    # A republish keeps the rows, so the nested ids stay the same.
    page = InterventionPage.objects.get(pk=sfi.pk)
    page.summary = "Ny sammanfattning."
    publish(page)
    third = client.get(service_url(sfi.uuid)).json()
    assert third["description"].startswith("Ny sammanfattning.")
    assert sorted(_walk(third)) == sorted(_walk(first))
    assert sorted(_walk(client.get(SERVICES).json())) == sorted(
        _walk(client.get(SERVICES).json())
    )


# Organizations


def test_organizations_validate(client, bank, org_a, org_b):
    data = client.get(ORGANIZATIONS).json()
    validate(data, page_of(ORGANIZATION_LIST_ITEM))
    assert {item["name"] for item in data["contents"]} == {
        "Botkyrka kommun",
        "Haninge kommun",
    }
    assert all("description" in item for item in data["contents"])
    assert names(client.get(ORGANIZATIONS, {"search": "söder"})) == {"Botkyrka kommun"}
    detail = client.get(organization_url(org_a.translation_key)).json()
    validate(detail, ORGANIZATION)
    assert detail["id"] == str(org_a.translation_key)
    assert detail["phones"][0]["number"] == "08-530 610 00"
    assert detail["organization_identifiers"][0]["identifier"] == "212000-2882"
    validate(client.get(organization_url(org_b.translation_key)).json(), ORGANIZATION)
    assert client.get(organization_url(uuid.uuid4())).status_code == 404


# Taxonomy


def test_taxonomy_terms_are_our_categories(client, bank):
    taxonomies = client.get(reverse("api-hsds:taxonomy-list")).json()
    [taxonomy] = taxonomies["contents"]
    validate(taxonomy, {"$ref": f"{SERVICE_URI}#/definitions/taxonomy"})
    detail = reverse("api-hsds:taxonomy-detail", args=(taxonomy["id"],))
    assert client.get(detail).json() == taxonomy

    terms = client.get(reverse("api-hsds:taxonomy-term-list"), {"per_page": 100})
    term_schema = {"$ref": f"{SERVICE_URI}#/definitions/taxonomy_term"}
    validate(terms.json(), page_of(term_schema))
    by_code = {term["code"]: term for term in terms.json()["contents"]}
    assert set(by_code) == set(
        InterventionCategory.objects.values_list("slug", flat=True)
    )
    sfi = by_code["sfi"]
    assert sfi["taxonomy_id"] == taxonomy["id"]
    term_url = reverse("api-hsds:taxonomy-term-detail", args=(sfi["id"],))
    assert client.get(term_url).json() == sfi
    # The ids a partner reads here are the ones the services filter takes.
    assert names(client.get(SERVICES, {"taxonomy_term_id": sfi["id"]})) == {
        "SFI Tumba",
        "Avslutad kurs",
    }
    assert len(names(client.get(SERVICES, {"taxonomy_id": taxonomy["id"]}))) == 3
    assert names(client.get(SERVICES, {"taxonomy_id": str(uuid.uuid4())})) == set()
    missing = reverse("api-hsds:taxonomy-term-detail", args=(str(uuid.uuid4()),))
    assert client.get(missing).status_code == 404


# Performance and caching


@pytest.mark.parametrize("url", [SERVICES, ORGANIZATIONS])
def test_query_count_is_constant(client, region, org_a, url):
    publish(InterventionPageFactory(parent=org_a))
    url += "?per_page=100"
    few = count_queries(client, url)
    for index in range(12):
        organisation = OrganisationPageFactory(parent=region)
        page = InterventionPageFactory(
            parent=organisation,
            provider=org_a if index % 2 else None,
            contact_person=PersonFactory(organisation=organisation),
        )
        page.languages.set(Language.objects.all()[:3])
        page.service_area.set([org_a, organisation])
        page.locations = [
            InterventionLocation(street_address=f"Väg {index}", city="Tumba")
        ]
        publish(page)
    assert count_queries(client, url) == few


def test_detail_query_count_does_not_grow_with_nested_rows(client, bank, org_a):
    small = publish(InterventionPageFactory(parent=org_a))
    assert count_queries(client, service_url(small.uuid)) == count_queries(
        client, service_url(bank["sfi"].uuid)
    )


def test_etag_304_and_cache(client, bank, org_a):
    first = client.get(SERVICES)
    assert first["ETag"] and first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        not_modified = client.get(SERVICES, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and len(queries) == 0
    assert client.get(SERVICES)["X-Cache"] == "hit"
    publish(InterventionPageFactory(parent=org_a, title="Ny"))
    response = client.get(SERVICES, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and "Ny" in names(response)
