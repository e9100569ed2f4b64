"""Which URLs the crawler may request at all.

Only http(s). A host that resolves to a loopback, private, link-local,
reserved or cloud-metadata address is refused unless the source explicitly
allows private networks (local test servers), so a feed cannot make the
crawler read internal services (SSRF).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class UnsafeURL(ValueError):
    """A URL the crawler refuses to request; the message says why."""


def _is_private(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def check_url(url: str, *, allow_private_network: bool = False) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise UnsafeURL(f"{url}: no host")
    if allow_private_network:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise UnsafeURL(f"{url}: host does not resolve ({exc.strerror})") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if _is_private(address):
            raise UnsafeURL(f"{url}: {parts.hostname} resolves to non-public address {address}")
