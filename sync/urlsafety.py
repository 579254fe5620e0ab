"""Server-side request forgery guard for partner URLs.

A target URL must be https (plain http only for INSECURE_HOSTS) and every
address its host resolves to must be a public one: no loopback, private,
link-local (169.254.169.254, the cloud metadata address), multicast,
reserved or unspecified addresses, IPv4-mapped IPv6 forms of those
(`[::ffff:127.0.0.1]`) nor numeric spellings (`2130706433`, `0x7f.1`) that
resolve to them. The check runs when a target is saved and again when it is
sent to, where the address actually connected to is checked (so a name that
changes to a private address after the save, DNS rebinding, is refused)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from sync.conf import conf


class UnsafeUrl(ValueError):
    pass


def _insecure_allowed(host: str) -> bool:
    return host.lower() in {h.lower() for h in conf("INSECURE_HOSTS")}


def address_is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
    return ip.is_global and not ip.is_multicast


def address_check(*, host: str, address: str) -> None:
    """Raise UnsafeUrl unless `address` (which `host` resolved to) may be
    connected to."""
    if _insecure_allowed(host):
        return
    if not address_is_public(address):
        raise UnsafeUrl(
            _("The address %(address)s of %(host)s is not a public address.")
            % {"address": address, "host": host}
        )


def url_check(url: str, *, resolve: bool = True) -> None:
    """Raise UnsafeUrl if `url` may not be used as a target."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeUrl(_("This is not a valid URL.")) from error
    if not host:
        raise UnsafeUrl(_("The URL has no host."))
    if parts.username or parts.password:
        raise UnsafeUrl(_("Put credentials in the secret field, not in the URL."))
    if parts.scheme != "https" and not (
        parts.scheme == "http" and _insecure_allowed(host)
    ):
        raise UnsafeUrl(_("The URL must start with https://."))
    if not resolve:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeUrl(
            _("The host %(host)s cannot be resolved.") % {"host": host}
        ) from error
    for info in infos:
        address_check(host=host, address=info[4][0])
