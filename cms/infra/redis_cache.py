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
    """Also keeps one redis-py client per connection pool: Django builds a
    new `redis.Redis` for every cache call, and with redis-py 8 building
    one fills a table of about 170 response callbacks. Profiled on 5
    December: 30 % of the CPU of an API 304 went there (eight cache calls
    a request). A redis-py client is safe to share between threads (each
    command takes a connection from the pool) and its pool starts afresh
    in a forked process."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

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


def cache_round_trip(steps: list[tuple]) -> list:
    """Cache operations in one Redis round trip (a pipeline, not a
    transaction): ("get", key), ("add", key, value, timeout) and ("incr",
    key) of a key that exists. Answers as the cache API would: the value or
    None, True or False, the new number. With another cache backend they run
    one by one; with Redis unreachable each is answered as a miss (None,
    False, None for an incr)."""
    from django.core.cache import caches

    backend = caches["default"]
    client = getattr(backend, "_cache", None)
    if not isinstance(client, RedisCacheClient):
        return [_one_step(backend, *step) for step in steps]
    pipe = client.get_client(write=True).pipeline(transaction=False)
    for operation, key, *rest in steps:
        key = backend.make_and_validate_key(key)
        if operation == "get":
            pipe.get(key)
        elif operation == "add":
            value, timeout = rest
            pipe.set(
                key,
                client._serializer.dumps(value),
                nx=True,
                ex=backend.get_backend_timeout(timeout),
            )
        else:
            pipe.incr(key)
    try:
        replies = pipe.execute()
    except redis_unreachable_errors() as error:
        logger.warning("Cache (Redis) unreachable in a round trip: %s", error)
        return [False if step[0] == "add" else None for step in steps]
    answers = []
    for (operation, *_rest), reply in zip(steps, replies, strict=True):
        if operation == "get":
            answers.append(None if reply is None else client._serializer.loads(reply))
        elif operation == "add":
            answers.append(bool(reply))
        else:
            answers.append(int(reply))
    return answers


def _one_step(backend, operation, key, *rest):
    if operation == "get":
        return backend.get(key)
    if operation == "add":
        return backend.add(key, *rest)
    try:
        return backend.incr(key)
    except ValueError:  # expired meanwhile
        return None
