"""Central administrators manage partner API keys (the key is shown once)
and read the usage report; organisation editors can do neither."""

import datetime
import re

import pytest

from django.urls import reverse
from django.utils import timezone

from delivery.models import ApiUsageDay, PartnerApiKey

KEYS = "/admin/partner_api_keys/"
API = reverse("api-v1:intervention-list")


@pytest.fixture
def central_client(client, central_admin):
    client.force_login(central_admin)
    return client


def test_creating_a_key_shows_it_once_and_it_works(central_client, client, region):
    response = central_client.post(
        f"{KEYS}new/",
        {
            "name": "Informationsverige",
            "region": region.pk,
            "contact_email": "api@example.org",
        },
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    secret = re.search(r"data-api-key[^>]*>(svk_[^<]+)<", html).group(1)
    key = PartnerApiKey.objects.get(name="Informationsverige")
    assert key.region == region
    assert key.key_hash not in html
    # Nowhere else: not in the listing nor the edit form.
    for page in (KEYS, f"{KEYS}edit/{key.pk}/"):
        assert secret not in central_client.get(page).content.decode()
    assert client.get(API, HTTP_X_API_KEY=secret).status_code == 200


def test_revoking_in_the_admin_refuses_the_key_at_once(central_client, region):
    from delivery.access.keys import api_key_create

    key, secret = api_key_create(name="Gammal partner", region=region)
    assert central_client.get(API, HTTP_X_API_KEY=secret).status_code == 200

    response = central_client.post(
        f"{KEYS}edit/{key.pk}/",
        {
            "name": key.name,
            "region": region.pk,
            "contact_email": "",
            "requests_per_minute": "",
            "revoked": "on",
        },
    )

    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert central_client.get(API, HTTP_X_API_KEY=secret).status_code == 401


def test_editors_cannot_see_keys_or_usage(client, editor_a):
    client.force_login(editor_a)
    assert client.get(KEYS).status_code in (302, 403)
    assert client.get(f"{KEYS}new/").status_code in (302, 403)
    assert client.get(reverse("samverkan_api_usage")).status_code in (302, 403)


def test_usage_report_shows_the_counted_figures(central_client, region):
    today = timezone.localdate()
    ApiUsageDay.objects.create(
        day=today,
        client="key:Informationsverige",
        endpoint="api-v1:intervention-list",
        region=region,
        requests=1234,
        not_modified=1000,
    )
    ApiUsageDay.objects.create(
        day=today - datetime.timedelta(days=3),
        client="anonymous",
        endpoint="feeds:news_rss",
        region=region,
        requests=56,
        throttled=7,
    )
    ApiUsageDay.objects.create(
        day=today - datetime.timedelta(days=40),  # outside the report
        client="key:Gammal",
        endpoint="feeds:news_rss",
        region=region,
        requests=99999,
    )

    response = central_client.get(reverse("samverkan_api_usage"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Informationsverige" in html and "1234" in html and "1290" in html
    assert "99999" not in html and "Gammal" not in html
    assert html.count("<rect") == 30
    # Chart coordinates are not localised ("3,333" is no SVG number).
    for value in re.findall(r'<rect x="([^"]+)" y="([^"]+)" width="([^"]+)"', html):
        for number in value:
            assert re.fullmatch(r"\d+(\.\d+)?", number), value


def test_keys_and_usage_of_another_region_are_out_of_sight(client, region):
    """A central administrator of region B sees neither region A's keys nor
    their usage, cannot open or revoke them, and makes keys of B only; an
    installation-wide key (no region) is a superuser's."""
    from delivery.access.keys import api_key_create
    from tests.factories import RegionPageFactory, central_admin_of

    other = RegionPageFactory(title="Norrort", slug="norrort", short_name="Norrort")
    key_a, _secret = api_key_create(name="Södertörns portal", region=region)
    api_key_create(name="Nationell nyckel")
    ApiUsageDay.objects.create(
        day=timezone.localdate(),
        client="key:Södertörns portal",
        endpoint="api-v1:news-list",
        region=region,
        requests=4321,
    )
    client.force_login(central_admin_of(other, username="norrort_admin"))

    listing = client.get(KEYS).content.decode()
    assert "Södertörns portal" not in listing and "Nationell nyckel" not in listing
    refused = (302, 403)  # Wagtail sends a refused user to the dashboard
    assert client.get(f"{KEYS}edit/{key_a.pk}/").status_code in refused
    assert client.post(f"{KEYS}delete/{key_a.pk}/").status_code in refused
    assert PartnerApiKey.objects.filter(pk=key_a.pk).exists()
    form = client.get(f"{KEYS}new/").content.decode()
    assert "Norrort" in form and "Södertörn" not in form
    refused = client.post(f"{KEYS}new/", {"name": "Smuggel", "region": region.pk})
    assert refused.status_code == 200
    assert not PartnerApiKey.objects.filter(name="Smuggel").exists()
    usage = client.get(reverse("samverkan_api_usage")).content.decode()
    assert "4321" not in usage and "Södertörns portal" not in usage
    client.post(f"{KEYS}new/", {"name": "Norrorts webb", "region": other.pk})
    assert PartnerApiKey.objects.get(name="Norrorts webb").region == other
