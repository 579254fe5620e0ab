"""The one client address of the project. Every view, limiter and log that
needs to know who is asking reads it here, never the socket address itself.

Behind `SAMVERKAN_TRUSTED_PROXY_COUNT` reverse proxies that append to
X-Forwarded-For (docs/operations/configuration.md), the client is the entry
the outermost trusted proxy added: the n-th from the right. Entries to its
left are whatever the client sent, so forging them changes nothing. With no
trusted proxy (the default) only the socket address counts."""

import hashlib
import ipaddress

from cms.conf import cms_setting


def trusted_proxy_count() -> int:
    return int(cms_setting("SAMVERKAN_TRUSTED_PROXY_COUNT") or 0)


def client_ip(request) -> str:
    """The client's address as the trusted proxies saw it ("" if unknown).
    Also django-axes' AXES_CLIENT_IP_CALLABLE."""
    proxies = trusted_proxy_count()
    if proxies:
        forwarded = [
            part.strip()
            for part in request.headers.get("X-Forwarded-For", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_network(request) -> str:
    """What a limit counts: the client's IPv4 address, or the /64 network of
    an IPv6 one (one connection usually holds a whole /64 and can change
    addresses within it at will); "unknown" if the address is not one."""
    try:
        address = ipaddress.ip_address(client_ip(request) or "")
    except ValueError:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def client_bucket(request, *, scope: str = "") -> str:
    """A rate-limit bucket for the client (and `scope`, e.g. one protected
    page), hashed so that the cache holds no one's address."""
    raw = f"{client_network(request)}|{scope}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]
