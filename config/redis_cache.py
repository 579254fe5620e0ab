"""Django's Redis cache backend, with one redis-py client per connection
pool instead of a new one for every cache call.

Django's RedisCacheClient.get_client() builds a `redis.Redis` for each get,
set, add or incr. With redis-py 8 that construction fills a table of about
170 response callbacks, which cost more CPU than the Redis round trip
itself: an API request makes about seven cache calls (key lookup, rate
limit, usage counters, content version, response cache), so it spent about
1.5 ms making clients. A redis-py client is safe to share between threads
(connections come from its pool), so one per pool is enough."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
