"""Django's Redis cache, with an unreachable Redis treated as a cache miss.

Redis is the cache and the Celery broker. When it restarts or is down, a
request must still be answered: the database holds everything that matters,
and the cache only makes answers faster (the content version, cached API
responses and public pages, rate-limit windows, the sync send slots). So
every operation that fails with a Redis connection or timeout error is
logged and answered as by an empty cache that keeps nothing: `get` gives the
default, `add` and `delete` give False, `set` does nothing, and `incr`
raises ValueError as for a missing key. Consequences while Redis is away:
nothing is served from cache, rate limits do not count (they fail open), a
sync drain finds no free send slot and waits for the sweep. Other errors
(a value that cannot be pickled, a wrong key) still raise.

The connection and read timeouts come from the cache's OPTIONS
(`socket_connect_timeout`, `socket_timeout`; config/settings/base.py sets
them), so a Redis that does not answer costs a request about a second, not
a hang.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)


def redis_unreachable_errors() -> tuple[type[BaseException], ...]:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (RedisConnectionError, RedisTimeoutError)


def _as_miss(fallback):
    """Run the client operation; if Redis is unreachable, log it and return
    `fallback(*args)` instead."""

    def decorate(operation):
        @functools.wraps(operation)
        def tolerant(self, *args, **kwargs):
            try:
                return operation(self, *args, **kwargs)
            except redis_unreachable_errors() as error:
                logger.warning(
                    "Cache (Redis) unreachable in %s, answered as a miss: %s",
                    operation.__name__,
                    error,
                )
                return fallback(*args)

        return tolerant

    return decorate


def _missing_key(key, *args):
    raise ValueError(f"Key {key!r} not found (the cache is unreachable).")


class TolerantRedisCacheClient(RedisCacheClient):
    add = _as_miss(lambda *args: False)(RedisCacheClient.add)
    get = _as_miss(lambda key, default: default)(RedisCacheClient.get)
    set = _as_miss(lambda *args: None)(RedisCacheClient.set)
    touch = _as_miss(lambda *args: False)(RedisCacheClient.touch)
    delete = _as_miss(lambda *args: False)(RedisCacheClient.delete)
    get_many = _as_miss(lambda *args: {})(RedisCacheClient.get_many)
    has_key = _as_miss(lambda *args: False)(RedisCacheClient.has_key)
    incr = _as_miss(_missing_key)(RedisCacheClient.incr)
    set_many = _as_miss(lambda *args: None)(RedisCacheClient.set_many)
    delete_many = _as_miss(lambda *args: None)(RedisCacheClient.delete_many)
    clear = _as_miss(lambda *args: False)(RedisCacheClient.clear)


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient
