"""The cache with Redis unreachable (cms/infra/redis_cache.py): every operation
is answered as a miss at once instead of raising into the request; and a
content-version bump lost meanwhile is made up for by the next catch-up.
With Redis there: one redis-py client serves every call, across threads."""

import logging
import os
import socket
import threading
import time

import pytest

from django.core.cache import cache

from cms.changes.version import (
    VERSION_KEY,
    content_version,
    content_version_bump,
    content_version_catch_up,
)
from cms.infra.redis_cache import TolerantRedisCache
from tests.factories import InterventionPageFactory, publish


@pytest.fixture
def unreachable_cache():
    """The project's Redis cache pointed at a port where nothing listens."""
    with socket.socket() as probe:  # a free port, closed again
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return TolerantRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2}},
    )


def test_every_operation_is_a_miss_when_redis_is_unreachable(unreachable_cache, caplog):
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="cms.infra.redis_cache"):
        assert unreachable_cache.get("key", "default") == "default"
        assert unreachable_cache.add("key", 1) is False
        assert unreachable_cache.set("key", 1) is None
        assert unreachable_cache.touch("key") is False
        assert unreachable_cache.delete("key") is False
        assert unreachable_cache.get_many(["a", "b"]) == {}
        assert unreachable_cache.has_key("key") is False
        assert unreachable_cache.set_many({"a": 1}) == []
        assert unreachable_cache.delete_many(["a"]) is None
        assert unreachable_cache.clear() is False
        with pytest.raises(ValueError):  # as for a missing key
            unreachable_cache.incr("key")
    assert time.monotonic() - started < 2  # refused at once, no hang
    assert caplog.text.count("Cache (Redis) unreachable") == 11


def test_a_count_is_lost_rather_than_the_request(unreachable_cache, settings):
    from django.core.cache import caches

    from cms.infra.counters import counter_add

    settings.CACHES = {
        "default": {
            "BACKEND": "cms.infra.redis_cache.TolerantRedisCache",
            "LOCATION": unreachable_cache._servers[0],
        }
    }
    assert caches["default"]._cache.get_client(write=True) is not None
    counter_add(prefix="test-reads", day="2026-12-04", field="x")  # no error


def test_other_errors_still_raise(unreachable_cache):
    with pytest.raises(Exception, match="pickle"):
        unreachable_cache.set("key", lambda: None)


def test_a_bump_lost_while_the_cache_was_away_is_made_up_for(db, org_a):
    before = content_version_bump()
    publish(InterventionPageFactory(parent=org_a))
    # The publish's bumps were lost; the old version came back.
    cache.set(VERSION_KEY, before, timeout=None)

    assert content_version_catch_up() is True
    assert content_version()["number"] != before["number"]
    assert content_version_catch_up() is False  # nothing newer since


@pytest.fixture
def redis_cache():
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("SAMVERKAN_REQUIRE_SERVICES"):
            pytest.fail("REDIS_URL is needed (SAMVERKAN_REQUIRE_SERVICES is set)")
        pytest.skip("needs Redis (REDIS_URL)")
    backend = TolerantRedisCache(url, {"KEY_PREFIX": "test-client-reuse"})
    backend.clear()
    yield backend
    backend.clear()


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client(write=True) is client
    assert redis_cache._cache.get_client() is client  # one server: one pool
    assert redis_cache.add("counter", 0, 60)
    assert not redis_cache.add("counter", 5, 60)
    assert redis_cache.incr("counter") == 1
    redis_cache.set("body", {"content": b"\x00bytes"}, 60)
    assert redis_cache.get_many(["counter", "body", "absent"]) == {
        "counter": 1,
        "body": {"content": b"\x00bytes"},
    }
    redis_cache.delete("body")
    assert redis_cache.get("body", "gone") == "gone"


def test_the_shared_client_is_safe_across_threads(redis_cache):
    redis_cache.set("shared", 0, 60)
    errors = []

    def count():
        try:
            for _ in range(200):
                redis_cache.incr("shared")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert redis_cache.get("shared") == 1600
