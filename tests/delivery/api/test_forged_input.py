"""Forged input is a 400 (or a 404 for an address that names nothing),
never a 500: every value a client sends that we decode (cursors, page
sizes, filters, ids, slugs, tokens, signed links), on every list and detail,
with garbage, wrong types, out-of-range numbers, NUL bytes and forged but
well-formed cursors."""

import base64
import datetime
from urllib.parse import quote

import pytest

from cms.models import MeetingStatus
from tests.factories import (
    InterventionPageFactory,
    MeetingPageFactory,
    NewsPageFactory,
    publish,
    stockholm,
)


def _cursor(raw: str) -> str:
    return base64.b64encode(raw.encode()).decode()


HOSTILE = [
    "",
    "a\x00b",
    "-1",
    "NaN",
    "9" * 30,
    "2026-13-45T25:99",
    '\' OR "1"=1 --',
    "../😀%00",
    "[]",
]
FORGED_CURSORS = [
    "garbage!",
    _cursor("p=abc"),
    _cursor("p=" + "9" * 30),
    _cursor("p=-" + "9" * 30),
    _cursor("p=\x00"),
    _cursor("p=2026-13-45"),
    _cursor("p=2026-01-01 25:00:00"),
    _cursor("o=-1"),
    _cursor("o=" + "9" * 30),
    _cursor("r=1&o=abc"),
    _cursor("p=1&r=1&o=5000"),
    _cursor("\xff\xfe"),
    base64.b64encode(b"\xff\xfe\x00").decode(),
]
LISTS = {
    "/api/v1/interventions/": [
        "cursor",
        "page_size",
        "organisation",
        "municipality",
        "category",
        "language",
        "age",
        "status",
        "exchange_terms",
        "review_status",
        "updated_since",
        "slug",
        "q",
        "format",
    ],
    "/api/v1/organisations/": ["cursor", "page_size", "kind", "member", "format"],
    "/api/v1/news/": [
        "cursor",
        "page_size",
        "organisation",
        "tag",
        "updated_since",
        "q",
    ],
    "/api/v1/events/": ["cursor", "page_size", "group", "status", "format"],
    "/api/v1/changes/": ["cursor", "limit"],
    "/api/hsds/services/": ["page", "per_page", "taxonomy_term_id", "search"],
    "/api/hsds/organizations/": ["page", "per_page"],
    "/api/hsds/taxonomy_terms/": ["page", "per_page", "taxonomy_id"],
    "/api/v2/pages/": ["type", "fields", "offset", "limit", "child_of", "search"],
    "/feeds/events.ics": ["group"],
    "/api/v1/preview/": ["token", "content_type"],
    "/newsletter/archive/": ["page"],
}
DETAILS = [
    "/api/v1/interventions/{}/",
    "/api/v1/organisations/{}/",
    "/api/v1/news/{}/",
    "/api/v1/events/{}/",
    "/api/hsds/services/{}/",
    "/api/hsds/organizations/{}/",
    "/api/hsds/taxonomies/{}/",
    "/api/hsds/taxonomy_terms/{}/",
    "/api/v2/pages/{}/",
    "/granskning/{}/",
    "/newsletter/confirm/{}/",
    "/newsletter/archive/{}/",
]


@pytest.fixture
def content(region, org_a):
    for n in range(3):
        publish(InterventionPageFactory(parent=org_a, title=f"Insats {n}"))
        publish(NewsPageFactory(parent=org_a, date=datetime.date(2026, 1, n + 1)))
        publish(
            MeetingPageFactory(
                parent=org_a,
                status=MeetingStatus.PLANNED,
                starts_at=stockholm(2031, 1, n + 1, 10, 0),
            )
        )


@pytest.fixture
def client():
    from django.test import Client

    return Client(raise_request_exception=False)


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.SAMVERKAN_API = {"ANONYMOUS_REQUESTS_PER_MINUTE": 10**9}


def _server_errors(client, urls) -> list:
    return [
        (url, status) for url in urls if (status := client.get(url).status_code) >= 500
    ]


def test_every_list_parameter(client, content):
    urls = [
        f"{path}?{name}={quote(value)}"
        for path, names in LISTS.items()
        for name in names
        for value in HOSTILE
    ]
    assert _server_errors(client, urls) == []


def test_forged_cursors_are_400(client, content):
    wrong = []
    for path in [p for p, names in LISTS.items() if "cursor" in names]:
        for cursor in FORGED_CURSORS:
            url = f"{path}?page_size=1&cursor={quote(cursor)}"
            if (status := client.get(url).status_code) != 400:
                wrong.append((url, status))
        # A real cursor still works.
        if path != "/api/v1/changes/":
            following = client.get(f"{path}?page_size=1").json()["next"]
            assert following is None or client.get(following).status_code == 200
    assert wrong == []


def test_every_detail_id(client, content):
    values = [*HOSTILE[1:], "1", "00000000-0000-0000-0000-000000000000"]
    urls = [
        pattern.format(quote(value, safe="")) for pattern in DETAILS for value in values
    ]
    assert _server_errors(client, urls) == []
