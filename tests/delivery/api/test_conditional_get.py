"""Conditional GET as HTTP defines it (RFC 9110), on every cached endpoint:
weak validators (nginx turns our strong ETag into W/"…" when it gzips) and
`*` answer 304, and If-Modified-Since is honoured, since Last-Modified is
sent."""

import datetime

import pytest
import time_machine

from django.utils import timezone
from django.utils.http import http_date

from tests.factories import InterventionPageFactory, publish

ENDPOINTS = [
    "/api/v1/interventions/",  # an hourly time bucket as well
    "/api/v1/organisations/",
    "/api/v1/changes/",
    "/api/hsds/services/",
    "/feeds/news.rss",
]


@pytest.fixture
def content(org_a):
    publish(InterventionPageFactory(parent=org_a))


@pytest.mark.parametrize("url", ENDPOINTS)
def test_validators(client, content, url):
    first = client.get(url)
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]

    for header in (etag, f"W/{etag}", f'"other", W/{etag}', "*"):
        response = client.get(url, HTTP_IF_NONE_MATCH=header)
        assert response.status_code == 304, header
        assert response["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='W/"other"').status_code == 200

    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110, 13.1.3).
    assert (
        client.get(
            url, HTTP_IF_NONE_MATCH='"other"', HTTP_IF_MODIFIED_SINCE=last_modified
        ).status_code
        == 200
    )


def test_a_publish_ends_the_304(client, content, org_a):
    first = client.get("/api/v1/interventions/")
    # Last-Modified has a resolution of one second: the publish comes later
    # (the clock moved on, not waited for).
    later = timezone.now() + datetime.timedelta(seconds=2)
    with time_machine.travel(later, tick=True):
        publish(InterventionPageFactory(parent=org_a))
        for headers in (
            {"HTTP_IF_NONE_MATCH": f"W/{first['ETag']}"},
            {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]},
        ):
            response = client.get("/api/v1/interventions/", **headers)
            assert response.status_code == 200
