"""A public page's JSON-LD comes from the API's stored representation of
its object (delivery.api.page_data): the same graph the API serves, built
once between the page and the API, and built again after a publish."""

import json
import re

import pytest

from django.core.cache import cache
from django.urls import reverse

from tests.delivery.api.helpers import interventions_serialised
from tests.factories import InterventionPageFactory, publish, translation_of

pytestmark = pytest.mark.usefixtures("public_site")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def serialised(monkeypatch) -> list:
    """The interventions the API serializer turns into JSON."""
    return interventions_serialised(monkeypatch)


def titles(pages) -> list:
    return [page.title for page in pages]


@pytest.fixture
def sfi(org_a):
    return publish(InterventionPageFactory(parent=org_a, title="SFI i Tumba"))


def page_jsonld(client, page) -> dict:
    html = client.get(page.url).content.decode()
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
    )
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def api_jsonld(client, page, language: str = "sv") -> dict:
    detail = reverse("api-v1:intervention-detail", args=[page.uuid])
    response = client.get(
        detail, {"locale": language}, HTTP_ACCEPT="application/ld+json"
    )
    assert response.status_code == 200
    return response.json()


def test_the_page_shows_the_graph_the_api_serves(client, sfi):
    graph = page_jsonld(client, sfi)

    assert graph["@type"] == "GovernmentService"
    assert graph["name"] == "SFI i Tumba"
    assert graph == api_jsonld(client, sfi)


def test_the_page_and_the_api_build_the_representation_once(client, sfi, serialised):
    page_jsonld(client, sfi)
    page_jsonld(client, sfi)
    api_jsonld(client, sfi)

    assert titles(serialised) == ["SFI i Tumba"]


def test_what_the_api_built_is_what_the_page_shows(client, sfi, serialised):
    api_jsonld(client, sfi)
    graph = page_jsonld(client, sfi)

    assert titles(serialised) == ["SFI i Tumba"]
    assert graph["name"] == "SFI i Tumba"


def test_a_publish_is_shown_at_once(client, sfi, serialised):
    page_jsonld(client, sfi)
    sfi.title = "SFI i Tumba centrum"
    publish(sfi)

    assert page_jsonld(client, sfi)["name"] == "SFI i Tumba centrum"
    assert titles(serialised) == ["SFI i Tumba", "SFI i Tumba centrum"]


def test_a_translation_has_its_own_graph_under_the_objects_id(client, sfi):
    arabic = translation_of(sfi, "ar", title="اللغة السويدية")

    swedish, translated = page_jsonld(client, sfi), page_jsonld(client, arabic)

    assert translated["name"] == "اللغة السويدية"
    assert "/ar/" in translated["url"]
    assert swedish["name"] == "SFI i Tumba"
    assert translated == api_jsonld(client, sfi, "ar")


def test_an_unpublished_page_has_no_stored_graph_to_show(client, sfi):
    page_jsonld(client, sfi)  # stored
    sfi.unpublish()

    assert client.get(sfi.url).status_code == 404
