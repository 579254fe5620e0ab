"""A region with its own front end (RegionPage.external_base_url): every
URL Samverkan hands out for its pages points there (page URLs, the API's
and JSON-LD's `url`, feeds, the newsletter), the built-in pages answer 301
there, and the admin's preview leads there with a token the API accepts."""

import json
import re

import pytest

from django.urls import reverse

from cms.content import front_ends
from newsletter.rendering import issue_render
from tests.factories import InterventionPageFactory, NewsPageFactory, publish
from tests.newsletter.factories import IssueFactory

BASE = "https://www.tyreso.se/insatsbanken"
pytestmark = pytest.mark.usefixtures("public_site")


@pytest.fixture
def external(public_site, org_a):
    public_site.external_base_url = BASE + "/"
    publish(public_site)
    return public_site


@pytest.fixture
def intervention(org_a):
    return publish(InterventionPageFactory(parent=org_a, title="SFI i Tyresö"))


@pytest.fixture
def news(org_a):
    return publish(NewsPageFactory(parent=org_a, title="Nytt om SFI"))


def test_page_urls_point_to_the_front_end(external, intervention):
    expected = f"{BASE}/botkyrka/{intervention.slug}/"
    assert intervention.get_full_url() == expected
    assert intervention.url == expected  # absolute although one site
    assert external.get_full_url() == BASE + "/"


def test_built_in_pages_and_listings_answer_301_there(client, external, intervention):
    response = client.get(f"/botkyrka/{intervention.slug}/?utm=x")
    assert response.status_code == 301
    assert response["Location"] == f"{BASE}/botkyrka/{intervention.slug}/?utm=x"
    assert client.get("/")["Location"] == BASE + "/"
    listing = client.get("/insatser/?q=sfi")
    assert listing.status_code == 301
    assert listing["Location"] == BASE + "/insatser/?q=sfi"


def test_api_and_jsonld_url_point_there(client, external, intervention):
    detail = reverse("api-v1:intervention-detail", args=[intervention.uuid])
    data = client.get(detail).json()
    assert data["url"] == f"{BASE}/botkyrka/{intervention.slug}/"
    jsonld = client.get(detail, HTTP_ACCEPT="application/ld+json").json()
    assert f"{BASE}/botkyrka/{intervention.slug}/" in json.dumps(jsonld)


def test_hsds_and_sync_payload_urls_point_there(client, external, intervention):
    from sync.payloads import delivery_api_representation, objects_published

    expected = f"{BASE}/botkyrka/{intervention.slug}/"
    hsds = client.get(f"/api/hsds/services/{intervention.uuid}/").json()
    assert hsds["url"] == expected
    pages = list(
        objects_published(
            object_type="intervention", object_ids=[intervention.uuid]
        ).values()
    )
    payload = delivery_api_representation(object_type="intervention", pages=pages)
    assert payload[intervention.pk]["url"] == expected


@pytest.mark.parametrize("feed", ["feeds:news_rss", "feeds:news_atom"])
def test_feed_links_point_there(client, external, news, feed):
    body = client.get(reverse(feed)).content.decode()
    assert f"{BASE}/botkyrka/{news.slug}/" in body
    assert f"http://testserver/botkyrka/{news.slug}/" not in body


def test_newsletter_links_point_there(external, news, intervention):
    body = [
        {"type": "news", "value": {"heading": "Nyheter", "pages": [news.pk]}},
        {
            "type": "interventions",
            "value": {"heading": "Insatser", "pages": [intervention.pk]},
        },
    ]
    rendered = issue_render(issue=IssueFactory(body=json.dumps(body)))
    links = set(re.findall(r'href="([^"]+)"', rendered.html))
    assert f"{BASE}/botkyrka/{news.slug}/" in links
    assert f"{BASE}/botkyrka/{intervention.slug}/" in links
    assert not any("testserver/botkyrka" in link for link in links)


def test_built_in_region_keeps_built_in_urls(intervention):
    assert intervention.url == f"/botkyrka/{intervention.slug}/"
    assert (
        intervention.get_full_url()
        == f"http://testserver/botkyrka/{intervention.slug}/"
    )


def test_admin_preview_leads_to_the_front_end_with_a_token_the_api_accepts(
    admin_client, external, intervention
):
    intervention.title = "SFI i Tyresö (utkast)"
    intervention.save_revision()
    response = admin_client.get(
        reverse("wagtailadmin_pages:view_draft", args=[intervention.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(
        r'href="(https://www\.tyreso\.se/insatsbanken/preview/\?[^"]+)"', html
    )
    assert match, html
    token = re.search(r"token=([^&\"]+)", match.group(1).replace("&amp;", "&")).group(1)
    api = reverse("api-v1:preview")
    draft = client_json(admin_client, f"{api}?token={token}")
    assert draft["type"] == "intervention"
    assert draft["item"]["title"] == "SFI i Tyresö (utkast)"
    assert admin_client.get(f"{api}?token={token}x").status_code == 404


def client_json(client, url):
    client.logout()  # the front end has no admin session
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return response.json()


def test_preview_token_expires(intervention, external, monkeypatch):
    token = front_ends.preview_token(intervention)
    assert front_ends.preview_page(token).pk == intervention.pk
    monkeypatch.setattr(front_ends, "PREVIEW_TOKEN_SECONDS", -1)
    assert front_ends.preview_page(token) is None


def test_only_administrators_choose_the_front_end(client, admin_client, central_admin):
    from wagtail.models import Page

    region = Page.objects.get(depth=2, slug="sodertorn")
    edit = reverse("wagtailadmin_pages:edit", args=[region.pk])
    assert 'name="external_base_url"' in admin_client.get(edit).content.decode()
    client.force_login(central_admin)
    response = client.get(edit)
    assert response.status_code == 200  # may edit the region,
    html = response.content.decode()
    assert 'name="short_name"' in html
    assert 'name="external_base_url"' not in html  # but not choose its website
