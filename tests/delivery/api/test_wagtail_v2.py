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


def test_intervention_fields_for_wagtail_native_consumers(client, region, org_a):
    from wagtail.models import Site

    from cms.models import InterventionLocation, Language

    Site.objects.filter(is_default_site=True).update(root_page=region)
    page = InterventionPageFactory(parent=org_a, title="SFI", summary="Kort.")
    page.languages.set(Language.objects.filter(code__in=["ar", "sv"]))
    page.locations = [InterventionLocation(street_address="Storgatan 1", city="Tumba")]
    publish(page)

    body = client.get(
        "/api/v2/pages/?type=samverkan_cms.InterventionPage&fields=*"
    ).json()

    (item,) = body["items"]
    assert item["uuid"] == str(page.uuid)
    assert item["summary"] == "Kort."
    assert item["languages"] == ["ar", "sv"]
    assert item["category"]["slug"] == page.category.slug
    assert item["locations"][0]["street_address"] == "Storgatan 1"
    assert "service_area" not in item  # page relations would not hide drafts
