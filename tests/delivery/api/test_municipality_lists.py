"""An intervention list narrowed to one municipality (`?municipality=`,
whatever else narrows it) follows the publishes of the interventions in
it, before and after (cms.changes.list_membership): what must and must not
change its ETag. Every other list follows every publish."""

import pytest

from django.core.cache import cache
from django.urls import reverse

from cms.changes.list_membership import SERVED_KEY
from tests.factories import (
    InterventionPageFactory,
    OrganisationPageFactory,
    publish,
    translation_of,
)

INTERVENTIONS = reverse("api-v1:intervention-list")
# HSDS services take no ?municipality=: the parameter narrows nothing there.
SERVICES_ASKED_FOR_HANINGE = reverse("api-hsds:service-list") + "?municipality=haninge"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """publish() and then what waits for the commit (the record of what the
    intervention serves), as a committed publish does."""

    def publish_committed(page):
        with django_capture_on_commit_callbacks(execute=True):
            return publish(page)

    return publish_committed


@pytest.fixture
def towns(region, org_a, org_b):
    org_a.municipality_code = "0127"
    publish(org_a)
    huddinge = publish(
        OrganisationPageFactory(parent=region, title="Huddinge", slug="huddinge")
    )
    return {"botkyrka": org_a, "haninge": org_b, "huddinge": huddinge}


@pytest.fixture
def sfi(towns, committed):
    return committed(
        InterventionPageFactory(
            parent=towns["botkyrka"], title="SFI", service_area=[towns["botkyrka"]]
        )
    )


@pytest.fixture
def cafe(towns, committed):
    return committed(
        InterventionPageFactory(
            parent=towns["haninge"], title="Språkcafé", service_area=[towns["haninge"]]
        )
    )


def of(value: str, **more) -> str:
    query = "&".join(
        f"{name}={item}" for name, item in {"municipality": value, **more}.items()
    )
    return f"{INTERVENTIONS}?{query}"


LISTS = [
    INTERVENTIONS,
    of("botkyrka"),
    of("0127"),
    of("haninge"),
    of("huddinge"),
    of("haninge", page_size=10),
    of("haninge", category="sfi"),  # narrowed more: within Haninge's list
    f"{INTERVENTIONS}?category=sfi",  # not narrowed to one municipality
    f"{INTERVENTIONS}?municipality=haninge&municipality=huddinge",
    SERVICES_ASKED_FOR_HANINGE,
]


def etags(client) -> dict:
    return {url: client.get(url)["ETag"] for url in LISTS}


def changed(client, before) -> set:
    after = etags(client)
    return {url for url in LISTS if after[url] != before[url]}


def titles(client, url) -> list[str]:
    return [item["title"] for item in client.get(url).json()["results"]]


def test_a_publish_moves_the_lists_it_is_in_and_leaves_the_others(
    client, sfi, cafe, committed
):
    before = etags(client)
    sfi.title = "SFI kväll"
    committed(sfi)

    assert changed(client, before) == {
        INTERVENTIONS,
        of("botkyrka"),
        of("0127"),  # the same municipality by its code
        f"{INTERVENTIONS}?category=sfi",
        f"{INTERVENTIONS}?municipality=haninge&municipality=huddinge",
        SERVICES_ASKED_FOR_HANINGE,
    }
    assert titles(client, of("botkyrka")) == ["SFI kväll"]
    assert client.get(of("haninge"))["X-Cache"] == "hit"


def test_a_list_it_leaves_moves_too(client, towns, sfi, cafe, committed):
    before = etags(client)
    sfi.service_area = [towns["huddinge"]]
    committed(sfi)

    assert of("botkyrka") in changed(client, before)
    assert {of("huddinge"), of("0127")} <= changed(client, before)
    assert of("haninge") not in changed(client, before)
    assert titles(client, of("botkyrka")) == []
    assert titles(client, of("huddinge")) == ["SFI"]


def test_an_unpublish_moves_the_lists_it_was_in(client, sfi, cafe):
    before = etags(client)
    sfi.unpublish()

    assert changed(client, before) == {
        INTERVENTIONS,
        of("botkyrka"),
        of("0127"),
        f"{INTERVENTIONS}?category=sfi",
        f"{INTERVENTIONS}?municipality=haninge&municipality=huddinge",
        SERVICES_ASKED_FOR_HANINGE,
    }
    assert titles(client, of("botkyrka")) == []


def test_a_translations_publish_moves_its_sources_lists(client, sfi, cafe, committed):
    arabic = translation_of(sfi, "ar", title="السويدية")
    before = etags(client)
    arabic.title = "السويدية للمهاجرين"
    committed(arabic)

    assert of("botkyrka") in changed(client, before)
    assert of("haninge") not in changed(client, before)


def test_without_a_record_every_municipality_list_moves(client, sfi, cafe):
    cache.delete(SERVED_KEY + str(sfi.uuid))  # evicted, or never written
    before = etags(client)
    publish(sfi)

    assert {of("haninge"), of("huddinge"), of("botkyrka")} <= changed(client, before)


def test_a_change_of_a_municipality_moves_every_list(client, towns, sfi, cafe):
    before = etags(client)
    towns["haninge"].title = "Haninge kommun"
    publish(towns["haninge"])

    assert changed(client, before) == set(LISTS)
