"""Which URLs the crawler may request at all (SSRF protection).

Only http(s). A host that resolves to a loopback, private, link-local,
reserved, multicast or otherwise non-global address is refused, so a feed
cannot make the crawler read internal services.

A source may set ``allow_private_network`` (local test servers, an intranet
feed): that opens loopback and private ranges (RFC 1918, ULA) for it, but
never link-local addresses or the cloud metadata endpoints
(169.254.169.254 and friends). No news source lives there, and they are the
prize of every SSRF attack, so not even configuration can open them.

The check runs before every request and on every redirect hop; the HTTP
client also checks the address it actually connected to, so a DNS answer
that changes between the check and the connection (DNS rebinding) is caught.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Literal
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata services that are not already link-local.
_METADATA_ADDRESSES = {
    ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    ipaddress.ip_address("fd00:ec2::254"),  # AWS IMDS over IPv6
}


class UnsafeURL(ValueError):
    """A URL the crawler refuses to request; the message says why."""


_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the IPv4 address is the last 32 bits
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: site-chosen, never public
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d (:: and ::1 aside)


class UnresolvableHost(UnsafeURL):
    """The URL's host name does not resolve, so nothing was sent.

    Not a safety refusal (fetch outcome ``unresolved``, not ``refused``): a dead
    link in a feed item says nothing about the feed. It is an ``UnsafeURL`` so
    every caller that stops before sending stops here too.
    """


def refusal_outcome(exc: UnsafeURL) -> Literal["unresolved", "refused"]:
    """The fetch-log outcome of a request stopped before sending."""
    return "unresolved" if isinstance(exc, UnresolvableHost) else "refused"


def _plain(address: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 form carries (mapped, compatible, NAT64, 6to4), else the address.

    ``::ffff:127.0.0.1``, ``::127.0.0.1`` and ``64:ff9b::7f00:1`` all reach
    127.0.0.1 one way or another (the kernel, a translator); judge them as such.
    """
    if not isinstance(address, ipaddress.IPv6Address):
        return address
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _NAT64_LOCAL:
        return ipaddress.IPv4Address("10.0.0.0")  # whatever it embeds, it is a private translator
    if address.sixtofour is not None:
        return address.sixtofour
    return address


def never_allowed(address: IPAddress) -> bool:
    """Link-local and metadata addresses: refused whatever the source's configuration."""
    address = _plain(address)
    return address.is_link_local or address in _METADATA_ADDRESSES or address.is_multicast


def is_public(address: IPAddress) -> bool:
    address = _plain(address)
    return address.is_global and not never_allowed(address)


def address_refusal(address: IPAddress, *, allow_private_network: bool) -> str | None:
    """Why the crawler may not talk to ``address``, or None when it may."""
    if never_allowed(address):
        return f"non-public address {address} (link-local or cloud metadata: never fetched)"
    if is_public(address):
        return None
    plain = _plain(address)
    if allow_private_network and (plain.is_loopback or plain.is_private) and not plain.is_unspecified:
        return None
    return f"non-public address {address}"


def check_url(url: str, *, allow_private_network: bool = False) -> None:
    """Raise UnsafeURL unless ``url`` is http(s) and its host resolves only to allowed addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise UnsafeURL(f"{url}: no host")
    if parts.username or parts.password:
        raise UnsafeURL(f"{url}: credentials in URLs are not sent")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeURL(f"{url}: bad port") from exc
    try:
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise UnresolvableHost(f"{url}: host does not resolve ({exc.strerror})") from exc
    except UnicodeError as exc:
        raise UnsafeURL(f"{url}: host name cannot be encoded ({exc})") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        reason = address_refusal(address, allow_private_network=allow_private_network)
        if reason:
            raise UnsafeURL(f"{url}: {parts.hostname} resolves to {reason}")


def check_peer(url: str, peer_ip: str, *, allow_private_network: bool) -> None:
    """The address the connection really went to must pass the same test (DNS rebinding)."""
    address = ipaddress.ip_address(peer_ip.split("%", 1)[0])
    reason = address_refusal(address, allow_private_network=allow_private_network)
    if reason:
        raise UnsafeURL(f"{url}: connected to {reason}")
