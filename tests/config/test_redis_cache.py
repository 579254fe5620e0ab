"""config.redis_cache: Django's Redis cache with one client per pool, on a
real Redis (REDIS_URL; skipped without it unless SAMVERKAN_REQUIRE_SERVICES
is set)."""

import os
import threading

import pytest

from config.redis_cache import RedisCache


@pytest.fixture
def redis_cache():
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("SAMVERKAN_REQUIRE_SERVICES"):
            pytest.fail("REDIS_URL is needed (SAMVERKAN_REQUIRE_SERVICES is set)")
        pytest.skip("needs Redis (REDIS_URL)")
    backend = RedisCache(url, {"KEY_PREFIX": "test-redis-cache"})
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
    assert redis_cache.get("body") == {"content": b"\x00bytes"}
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
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert redis_cache.get("shared") == 1600
