"""Wagtail's own API v2 stays available for pages, but does not list files."""

import pytest

from django.urls import NoReverseMatch, reverse

from tests.factories import InterventionPageFactory, publish


def test_pages_endpoint_serves_only_live_pages(client, region, org_a):
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(root_page=region)
    publish(InterventionPageFactory(parent=org_a, title="Publicerad"))
    InterventionPageFactory(parent=org_a, title="Utkastet", live=False)
    body = client.get(
        "/api/v2/pages/?type=samverkan_cms.InterventionPage"
    ).content.decode()
    assert "Publicerad" in body
    assert "Utkastet" not in body


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_file_listings_are_not_exposed(client, db, endpoint):
    assert client.get(f"/api/v2/{endpoint}/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse(f"wagtailapi:{endpoint}:listing")
