"""The public page cache (web/caching.py): anonymous visitors get stored
pages without a query, ETags and 304s, no cookies; a publish shows on the
next request; editors, private and password pages never touch the cache."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from tests.factories import InterventionPageFactory, editor_of, publish
from web.signals import public_page_served

pytestmark = pytest.mark.usefixtures("public_site", "page_cache")


@pytest.fixture
def intervention(org_a):
    return publish(InterventionPageFactory(parent=org_a, title="SFI i Tumba"))


def test_second_visit_comes_from_the_cache_without_a_query(client, intervention):
    url = intervention.url
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.status_code == 200
    assert second["X-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert "SFI i Tumba" in second.content.decode()
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("hit", [False, True])
def test_no_cookies_and_no_vary_cookie_for_anonymous_visitors(
    client, intervention, hit
):
    if hit:
        client.get(intervention.url)
    response = client.get(intervention.url)
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "cookie" not in response.get("Vary", "").lower()
    assert "public" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert response["Last-Modified"]


def test_conditional_get_answers_304(client, intervention):
    etag = client.get(intervention.url)["ETag"]
    response = client.get(intervention.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response.content == b""


def test_a_publish_shows_on_the_next_request(client, intervention):
    client.get(intervention.url)
    old_etag = client.get(intervention.url)["ETag"]
    intervention.title = "SFI i Tumba centrum"
    publish(intervention)
    response = client.get(intervention.url, HTTP_IF_NONE_MATCH=old_etag)
    assert response.status_code == 200
    assert response["X-Cache"] == "miss"
    assert "SFI i Tumba centrum" in response.content.decode()


def test_listings_are_cached_per_query_string(client, intervention):
    assert client.get("/insatser/")["X-Cache"] == "miss"
    assert client.get("/insatser/")["X-Cache"] == "hit"
    assert client.get("/insatser/?q=sfi")["X-Cache"] == "miss"


def test_editors_neither_get_nor_fill_the_cache(client, intervention, org_a):
    client.force_login(editor_of(org_a, username="editor_cache"))
    response = client.get(intervention.url)
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert client.get(intervention.url)["X-Cache"] == "miss"  # not filled


def test_an_editor_never_gets_a_stored_page(client, intervention, org_a):
    client.get(intervention.url)  # stored for visitors
    client.force_login(editor_of(org_a, username="editor_cache2"))
    response = client.get(intervention.url)
    assert "X-Cache" not in response


@pytest.mark.parametrize("restriction", ["login", "password"])
def test_private_and_password_pages_are_never_cached(client, intervention, restriction):
    PageViewRestriction.objects.create(
        page=intervention, restriction_type=restriction, password="hemligt"
    )
    for _ in range(2):
        response = client.get(intervention.url)
        assert response.status_code in (200, 302)
        assert "X-Cache" not in response
        assert (
            "SFI i Tumba" not in response.content.decode() or restriction == "password"
        )
        assert "ETag" not in response


def test_usage_seam_is_told_of_hits_and_misses(client, intervention):
    seen = []

    def receiver(sender, request, page_id, status_code, from_cache, **kwargs):
        seen.append((page_id, status_code, from_cache))

    public_page_served.connect(receiver, dispatch_uid="test-usage-seam")
    try:
        etag = client.get(intervention.url)["ETag"]
        client.get(intervention.url)
        client.get(intervention.url, HTTP_IF_NONE_MATCH=etag)
        client.get("/insatser/")
    finally:
        public_page_served.disconnect(dispatch_uid="test-usage-seam")
    assert seen == [
        (intervention.pk, 200, False),
        (intervention.pk, 200, True),
        (intervention.pk, 304, True),
        (None, 200, False),
    ]
