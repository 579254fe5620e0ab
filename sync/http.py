"""The HTTP client every adapter sends with: a urllib3 pool manager (kept
for a whole drain, so connections are reused) that follows no redirects,
reads no proxies from the environment, puts a timeout on every request, and
checks the address it actually connected to against the SSRF rules
(sync.urlsafety) on every new connection. So no name is looked up per
delivery, and a name that resolves inward later (DNS rebinding) is refused
on the next connection.

urllib3 rather than requests: requests costs about three times the CPU per
request for nothing we use (cookies, hooks, environment settings)."""

import certifi
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from sync.conf import conf
from sync.urlsafety import address_check


class _CheckedConnectionMixin:
    def _new_conn(self):
        sock = super()._new_conn()
        try:
            address_check(host=self.host, address=sock.getpeername()[0])
        except Exception:
            sock.close()
            raise
        return sock


class _CheckedHTTPConnection(_CheckedConnectionMixin, HTTPConnection):
    pass


class _CheckedHTTPSConnection(_CheckedConnectionMixin, HTTPSConnection):
    pass


class _CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


class CheckedPoolManager(urllib3.PoolManager):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.pool_classes_by_scheme = {
            "http": _CheckedHTTPPool,
            "https": _CheckedHTTPSPool,
        }


_clients: dict[tuple, CheckedPoolManager] = {}


def client_for(target_id: int, *, pool_size: int = 2) -> CheckedPoolManager:
    """The client of a target in this worker process, kept from one drain to
    the next, so its keep-alive connections are reused (no new TCP and TLS
    handshake per drain, which a single publish pays otherwise). urllib3
    drops a connection the partner has closed meanwhile before reusing it."""
    key = (target_id, pool_size, conf("CONNECT_TIMEOUT"), conf("READ_TIMEOUT"))
    if key not in _clients:
        _clients[key] = client_new(pool_size=pool_size)
    return _clients[key]


def client_forget(target_id: int) -> None:
    """Close and drop the kept clients of a target (disabled, or failing)."""
    for key in [key for key in _clients if key[0] == target_id]:
        _clients.pop(key).clear()


def clients_clear() -> None:
    """Drop every kept client (tests, between cases)."""
    for target_id in {key[0] for key in _clients}:
        client_forget(target_id)


def client_new(*, pool_size: int = 2) -> CheckedPoolManager:
    """A client for one drain. Its requests raise urllib3 errors, or
    UnsafeUrl when the address connected to is not allowed."""
    return CheckedPoolManager(
        num_pools=4,
        maxsize=pool_size,
        retries=False,
        timeout=timeouts(),
        ca_certs=certifi.where(),
    )


def timeouts() -> urllib3.Timeout:
    return urllib3.Timeout(connect=conf("CONNECT_TIMEOUT"), read=conf("READ_TIMEOUT"))
