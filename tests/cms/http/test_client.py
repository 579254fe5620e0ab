"""One client address for the whole project (cms.http.client.client_ip):
behind the documented proxy (SAMVERKAN_TRUSTED_PROXY_COUNT=1, a reverse
proxy that appends the address it saw to X-Forwarded-For) every limited
form and the partner API count each visitor on their own, and nothing
outside cms/http reads the socket address itself."""

import datetime
import pathlib
import time

import pytest

from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from wagtail.models import PageViewRestriction, Site

from cms.http.client import client_bucket, client_ip, client_network
from cms.models import OrganisationPage
from cms.scoping import page_password
from cms.suggestions import views as suggestion_views
from tests.factories import NewsPageFactory, publish
from tests.newsletter.factories import AudienceFactory

PROXY = "10.0.0.2"  # the reverse proxy, the only socket address the app sees
VISITOR_A = "198.51.100.7"
VISITOR_B = "198.51.100.8"
ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _request(remote_addr="192.0.2.1", forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "192.0.2.1"),  # no proxy trusted: the socket
        (1, None, "192.0.2.1"),  # a direct request past the proxy
        (1, "forged, 198.51.100.7", "198.51.100.7"),
        (2, "forged, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "198.51.100.7", "192.0.2.1"),  # fewer entries than proxies
    ],
)
def test_client_ip_believes_only_the_trusted_proxies(
    settings, proxies, forwarded, expected
):
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = proxies
    assert client_ip(_request(forwarded=forwarded)) == expected


def test_buckets_hash_the_address_and_group_ipv6_by_64(settings):
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 1
    one = _request(forwarded="2001:db8:1:2::1")
    same_64 = _request(forwarded="2001:db8:1:2::99")
    other_64 = _request(forwarded="2001:db8:1:3::1")

    assert client_network(one) == "2001:db8:1:2::/64"
    assert client_bucket(one) == client_bucket(same_64) != client_bucket(other_64)
    assert "2001" not in client_bucket(one)
    assert client_bucket(one, scope="7") != client_bucket(one, scope="8")
    assert client_network(_request(forwarded="not an address")) == "unknown"


# Each limited form, posted once by a visitor behind the proxy; every limit
# is set to one hit per window, so a visitor's second post is refused.


def _suggestion(client, monkeypatch, org_a, settings):
    OrganisationPage.objects.filter(pk=org_a.pk).update(
        member_since=datetime.date(2016, 1, 1)
    )
    monkeypatch.setattr(suggestion_views, "RATE_LIMIT", 1)

    def post(forwarded):
        return client.post(
            "/forslag/",
            {
                "organisation": org_a.pk,
                "title": "Språkcafé",
                "summary": "Samtal på svenska.",
                "eligibility": "Föräldrar.",
                "description": "Varje tisdag.",
                "suggested_by_name": "Anna Andersson",
                "suggested_by_email": "anna@example.se",
                "consent": "on",
                "website": "",
                "started": suggestion_views.form_token(now=time.time() - 10),
            },
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    return post


def _subscribe(client, monkeypatch, org_a, settings):
    settings.SAMVERKAN_NEWSLETTER = {"SUBSCRIBE_RATE": 1}
    audience = AudienceFactory()

    def post(forwarded):
        return client.post(
            "/newsletter/subscribe/",
            {
                "email": f"{forwarded.replace(', ', '-')}@example.org",
                "language": "sv",
                "audiences": [audience.pk],
                "consent": "on",
            },
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    return post


def _page_password(client, monkeypatch, org_a, settings):
    monkeypatch.setattr(page_password, "ATTEMPTS", 1)
    Site.objects.filter(is_default_site=True).update(root_page=org_a.get_parent())
    page = publish(NewsPageFactory(parent=org_a, title="Skyddad"))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="rätt-lösen"
    )
    url = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
    )

    def post(forwarded):
        return client.post(
            url,
            {"password": "fel", "return_url": "/"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    return post


def _api(client, monkeypatch, org_a, settings):
    settings.SAMVERKAN_API = {
        **settings.SAMVERKAN_API,
        "ANONYMOUS_REQUESTS_PER_MINUTE": 1,
    }

    def get(forwarded):
        return client.get(
            reverse("api-v1:intervention-list"),
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    return get


@pytest.mark.parametrize(
    "form", [_suggestion, _subscribe, _page_password, _api], ids=lambda f: f.__name__
)
def test_behind_the_proxy_each_visitor_has_a_bucket_of_their_own(
    client, monkeypatch, org_a, settings, form
):
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 1
    send = form(client, monkeypatch, org_a, settings)

    first = send(VISITOR_A)
    assert first.status_code != 429
    # A forged entry to the left of the proxy's changes nothing.
    refused = send(f"203.0.113.9, {VISITOR_A}")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert send(VISITOR_B).status_code == first.status_code


SOURCE_DIRS = ("cms", "newsletter", "web", "sync")


def _socket_address_readers(root=ROOT):
    for directory in SOURCE_DIRS:
        for path in sorted((root / directory).rglob("*")):
            if path.suffix not in {".py", ".html", ".txt"}:
                continue
            if path.is_relative_to(root / "cms" / "http"):
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if "REMOTE_ADDR" in line:
                    yield f"{path.relative_to(root)}:{number}"


def test_nothing_outside_cms_http_reads_the_socket_address(tmp_path):
    """The socket address is the proxy's behind the documented proxy: code
    that reads it directly puts every visitor in one bucket. Read
    cms.http.client.client_ip instead."""
    assert list(_socket_address_readers()) == []

    # The check finds one that is added (and is blind to cms/http only).
    (tmp_path / "web").mkdir()
    (tmp_path / "cms" / "http").mkdir(parents=True)
    (tmp_path / "web" / "views.py").write_text('ip = request.META["REMOTE_ADDR"]\n')
    (tmp_path / "cms" / "http" / "client.py").write_text("REMOTE_ADDR\n")
    assert list(_socket_address_readers(tmp_path)) == ["web/views.py:1"]
