"""The HTTP session every adapter sends with: no redirects followed, no
proxies from the environment, a timeout on every request, and the address
actually connected to checked against the SSRF rules (sync.urlsafety)."""

import requests
from requests.adapters import HTTPAdapter
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


class CheckedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _CheckedHTTPPool,
            "https": _CheckedHTTPSPool,
        }
        self.poolmanager.key_fn_by_scheme = dict(self.poolmanager.key_fn_by_scheme)


def session_new(*, pool_size: int = 4) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxies or .netrc from the environment
    adapter = CheckedAdapter(pool_connections=4, pool_maxsize=pool_size, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def timeouts() -> tuple[float, float]:
    return (conf("CONNECT_TIMEOUT"), conf("READ_TIMEOUT"))
