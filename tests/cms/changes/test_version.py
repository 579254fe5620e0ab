"""Versions kept in the cache (cms.changes.version): those named by what a
request asked for are forgotten after a while, the content and shared
versions are kept."""

import uuid

import pytest

from django.core.cache import cache, caches

from cms.changes.list_membership import municipality_list
from cms.changes.version import (
    OBJECT_VERSION_SECONDS,
    SHARED_KEY,
    VERSION_KEY,
    list_version_key,
    object_version_key,
    versions_read,
)


def _seconds_left(key: str) -> int:
    backend = caches["default"]
    client = backend._cache.get_client(write=False)
    return client.ttl(backend.make_and_validate_key(key))


@pytest.fixture(autouse=True)
def _redis():
    if "Redis" not in type(caches["default"]).__name__:
        pytest.skip("needs the Redis cache (REDIS_URL)")


def test_versions_asked_for_by_a_request_are_forgotten_after_a_while():
    """`?municipality=` of any value and a detail of any id read a version:
    requests for values that do not exist must not pile keys up forever."""
    asked = [
        list_version_key(municipality_list(f"no-such-place-{uuid.uuid4()}")),
        object_version_key(uuid.uuid4()),
    ]
    cache.delete_many(asked)

    versions_read(asked)

    for key in asked:
        assert 0 < _seconds_left(key) <= OBJECT_VERSION_SECONDS, key
    cache.delete_many(asked)


def test_the_content_and_shared_versions_are_kept():
    cache.delete_many([VERSION_KEY, SHARED_KEY])

    versions_read([VERSION_KEY, SHARED_KEY])

    assert _seconds_left(VERSION_KEY) == -1  # no expiry
    assert _seconds_left(SHARED_KEY) == -1


def test_versions_read_by_the_caller_are_taken_as_found():
    found = {VERSION_KEY: {"number": 7, "changed_at": 1.0}}

    assert versions_read([VERSION_KEY], found=found) == found
