"""/sitemap.xml: every public page of the region and the listings; drafts,
private pages and other regions' pages never."""

import xml.etree.ElementTree as ET

import pytest

from wagtail.models import PageViewRestriction

from tests.factories import (
    CollaborationGroupFactory,
    InterventionPageFactory,
    NewsPageFactory,
)

pytestmark = pytest.mark.usefixtures("public_site")
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {loc.text for loc in root.findall("s:url/s:loc", NS)}


def test_public_pages_and_listings_only(client, public_site, org_a):
    public = InterventionPageFactory(parent=org_a, title="Öppen")
    InterventionPageFactory(parent=org_a, title="Utkast", slug="utkast", live=False)
    private = NewsPageFactory(parent=org_a, slug="privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    InterventionPageFactory(slug="annan-region")
    group = CollaborationGroupFactory(region=public_site)

    found = locations(client)
    base = "http://testserver"
    assert f"{base}/" in found
    assert f"{base}/botkyrka/" in found
    assert f"{base}/botkyrka/{public.slug}/" in found
    assert f"{base}/insatser/" in found
    assert f"{base}/grupper/{group.slug}/" in found
    assert not any("utkast" in url or "privat" in url for url in found)
    assert not any("annan-region" in url for url in found)
