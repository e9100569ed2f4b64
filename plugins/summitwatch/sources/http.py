"""HTTP fetching: one polite, bounded request.

Every request has a timeout, a cap on the body size (counted after gzip
decoding, so a gzip bomb stops at the cap), a redirect limit and an
identifying User-Agent. Conditional GET headers are sent when the caller has
an ETag or Last-Modified from the previous poll.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from summitwatch import __version__
from summitwatch.sources.safety import UnsafeURL, check_url

USER_AGENT = f"SummitWatch/{__version__} (+https://github.com/summitwatch/summitwatch; news research crawler)"
DEFAULT_TIMEOUT_S = 15.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5


class FetchError(RuntimeError):
    """A request that produced no usable response; the message says why."""


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str | None
    duration_ms: int


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_private_network: bool = False,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    max_bytes: int = DEFAULT_MAX_BYTES,
    client: httpx.Client | None = None,
) -> Response:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    started = time.monotonic()
    own_client = client is None
    http = client or httpx.Client(timeout=timeout_s, follow_redirects=False)
    try:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private_network=allow_private_network)
            with http.stream("GET", current, headers=headers, timeout=timeout_s) as response:
                if response.is_redirect and "location" in response.headers:
                    current = str(response.url.join(response.headers["location"]))
                    continue
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise FetchError(f"response larger than {max_bytes} bytes")
                return Response(
                    url=current,
                    status=response.status_code,
                    body=bytes(body),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    content_type=response.headers.get("content-type"),
                    duration_ms=int((time.monotonic() - started) * 1000),
                )
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")
    except UnsafeURL:
        raise
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {timeout_s:g}s ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        if own_client:
            http.close()
