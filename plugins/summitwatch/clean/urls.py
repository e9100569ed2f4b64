"""Canonical URLs: one address per article, however it was linked.

The rules are explicit rather than delegated, so a reader can see why two
links are the same article: lower-case scheme and host, ``http`` becomes
``https``, no ``www.``/``m.``/``mobile.``/``amp.`` host prefix, no default port,
no fragment, no tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ``ref``
...), no AMP path segment or parameter, no trailing slash, and the remaining
query parameters sorted.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that only say how the reader arrived, never which article.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "ref",
        "ref_src",
        "referrer",
        "cmpid",
        "icid",
        "ito",
        "wt_mc",
        "wt.mc_id",
        "xtor",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "at_medium",
        "at_campaign",
        "ocid",
        "share",
        "amp",
        "outputtype",
        "_ga",
        "__twitter_impression",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "ga_", "hsa_")
# Host prefixes of mobile and AMP editions of the same site.
_EDITION_PREFIXES = ("www.", "m.", "mobile.", "amp.", "www-m.")
_AMP_SEGMENT = re.compile(r"(?:^|/)(?:amp|amp\.html)(?=/|$)", re.IGNORECASE)
_AMP_SUFFIX = re.compile(r"[.-]amp(?=\.html?$|$)", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(_TRACKING_PREFIXES)


def _host(hostname: str) -> str:
    host = hostname.lower().rstrip(".")
    stripped = True
    while stripped:
        stripped = False
        for prefix in _EDITION_PREFIXES:
            # Keep at least "name.tld": "m.de" is a site, not a mobile edition.
            if host.startswith(prefix) and host.count(".") >= 2:
                host = host[len(prefix) :]
                stripped = True
    return host


def _path(path: str) -> str:
    path = quote(unquote(path), safe="/:@!$&'()*+,;=-._~%")
    path = _AMP_SEGMENT.sub("", path)
    path = _AMP_SUFFIX.sub("", path)
    path = re.sub(r"/{2,}", "/", path)
    if path.endswith("/index.html") or path.endswith("/index.htm"):
        path = path.rsplit("/", 1)[0]
    return path.rstrip("/")


def canonical_url(url: str | None) -> str | None:
    """The canonical form of ``url``; None for no URL or one that is not http(s)."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = _host(parts.hostname)
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    return urlunsplit(("https", host, _path(parts.path), urlencode(query), ""))
