"""HSDS services: full and sparse services validate, status mapping,
pagination, filters, modified_after and stable ids."""

import datetime
import uuid

from django.core.cache import cache
from django.utils import timezone

from wagtail.models import PageViewRestriction

from cms.models import (
    InterventionCategory,
    InterventionPage,
    Language,
)
from delivery.hsds import taxonomy_term_id
from tests.delivery.hsds.helpers import (
    ORGANIZATIONS,
    SERVICES,
    names,
    organization_url,
    service_url,
)
from tests.delivery.hsds.hsds_validation import (
    SERVICE,
    SERVICE_LIST_ITEM,
    page_of,
    validate,
)
from tests.factories import (
    InterventionPageFactory,
    OrganisationPageFactory,
    publish,
)


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
