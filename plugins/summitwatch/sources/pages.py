"""Article pages: fetch politely, decode honestly, and decide whether there is an article.

For a feed item with a link the page is fetched under the same rules as
feeds (``HttpClient``), after robots.txt allowed it. The HTML is decoded with
``charsets.decode_text`` and its main text and metadata (title, author, date,
language) are extracted with trafilatura through ``clean.html.extract_page``,
the same function the processing stage uses, so "there is an article" means
the same thing here and there.

Only a page with main text becomes the item's content. Everything else is
recorded with a status and the feed's own summary (cleaned with
beautifulsoup4) stands in; a paywall teaser or an error page never becomes
article text:

==========  =======================================================
ok          main text found; the page HTML is stored as content
blocked     HTTP 401, 403 or 451
paywalled   only a teaser (at most 1500 characters) on a page marked
            ``isAccessibleForFree: false`` or with a subscription prompt
empty       no main text (under 80 characters), or not HTML at all
disallowed  robots.txt says no (or could not be read: 5xx, down)
refused     unsafe URL (``safety``)
unresolved  the page's host name does not resolve (a dead link, not the feed's fault)
error       network failure, timeout, too large, 404, 5xx, ...
==========  =======================================================
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from summitwatch.sources.binary import binary_kind
from summitwatch.sources.charsets import decode_text
from summitwatch.sources.http import FetchError, HttpClient
from summitwatch.sources.items import PageStatus
from summitwatch.sources.landing import FetchRecord
from summitwatch.sources.robots import RobotsCache
from summitwatch.sources.safety import UnsafeURL, check_url, refusal_outcome

BLOCKED_STATUSES = frozenset({401, 403, 451})
HTML_TYPES = ("text/html", "application/xhtml+xml")
# A paywall teaser is short. A long text is an article even on a page marked not free: metered
# paywalls (NYT, Telegraph) serve the full text to a first visitor, and that is what we received.
PAYWALL_MAX_CHARS = 1500
_NOT_FREE = re.compile(r""""isAccessibleForFree"\s*:\s*"?(false|False|FALSE)"?""")
_PAYWALL_PROMPT = re.compile(
    r"(paywall|jetzt\s+abonnieren|abo\s+abschlie|weiterlesen\s+mit|f[üu]r\s+abonnenten|plus[- ]artikel|"
    r"subscribe\s+(now|to\s+(continue|read))|subscription\s+required|already\s+a\s+subscriber)",
    re.IGNORECASE,
)
_OUTCOME = {
    "ok": "ok",
    "blocked": "blocked",
    "paywalled": "blocked",
    "disallowed": "blocked",
    "refused": "refused",
    "unresolved": "unresolved",
    "empty": "error",
    "error": "error",
}


@dataclass(frozen=True)
class PageResult:
    status: PageStatus
    html: str | None  # decoded page, only when status is ok
    facts: dict[str, Any]  # stored in the item's payload under "page"
    records: list[FetchRecord] = field(default_factory=list)  # robots.txt and page requests


def classify_html(html: str) -> tuple[PageStatus, dict[str, Any]]:
    """Status and extracted metadata of a decoded page."""
    from summitwatch.clean.html import extract_page  # trafilatura is heavy; only load it for pages

    page = extract_page(html)
    found = page.method == "trafilatura"
    facts: dict[str, Any] = {
        "title": page.title,
        "author": getattr(page, "author", None),
        "date": page.date,
        "language": getattr(page, "language", None),
        "text_chars": len(page.text) if found else 0,
        "text_sha256": hashlib.sha256(page.text.encode("utf-8")).hexdigest() if found else None,
        "extractor": page.method,
    }
    short = len(page.text) <= PAYWALL_MAX_CHARS if found else True
    if short and _NOT_FREE.search(html):
        facts["reason"] = "schema.org isAccessibleForFree is false and only a teaser was served"
        return "paywalled", facts
    if found and short and _PAYWALL_PROMPT.search(html):
        facts["reason"] = "short text next to a subscription prompt"
        return "paywalled", facts
    if not found:
        facts["reason"] = "no main text found"
        return "empty", facts
    return "ok", facts


def fetch_page(
    url: str,
    *,
    source_name: str,
    allow_private_network: bool,
    client: HttpClient,
    robots: RobotsCache | None,
) -> PageResult:
    """Fetch and judge one article page; never raises for anything the web can do."""
    records: list[FetchRecord] = []
    try:
        # Refuse unsafe URLs before robots.txt, so not even that is asked of an internal host.
        check_url(url, allow_private_network=allow_private_network)
        if robots is not None:
            verdict = robots.check(url, source_name=source_name, allow_private_network=allow_private_network)
            if verdict.record is not None:
                records.append(verdict.record)
            if not verdict.allowed:
                reason = "disallowed by robots.txt"
                records.append(_record(source_name, url, "disallowed", error=reason, attempts=0))
                return PageResult("disallowed", None, {"reason": reason}, records)
        response = client.get(
            url, allow_private_network=allow_private_network, accept="text/html,application/xhtml+xml"
        )
    except UnsafeURL as exc:
        outcome = refusal_outcome(exc)
        records.append(_record(source_name, url, outcome, error=str(exc), attempts=0))
        return PageResult(outcome, None, {"reason": str(exc)}, records)
    except FetchError as exc:
        records.append(
            _record(
                source_name,
                url,
                "error",
                http_status=exc.status,
                bytes_read=exc.bytes_read,
                duration_ms=exc.duration_ms,
                error=str(exc),
                attempts=exc.attempts,
            )
        )
        return PageResult("error", None, {"reason": str(exc), "http_status": exc.status}, records)

    facts: dict[str, Any] = {"http_status": response.status, "final_url": response.final_url}
    status: PageStatus
    error: str | None = None
    html: str | None = None
    media_type = (response.content_type or "text/html").split(";")[0].strip().lower()
    if response.status in BLOCKED_STATUSES:
        status, error = "blocked", f"HTTP {response.status}"
    elif response.status != 200:
        status, error = "error", f"HTTP {response.status}"
        if response.attempts > 1:
            error += f" after {response.attempts} attempts"
    elif media_type not in HTML_TYPES:
        status, error = "empty", f"not an HTML page ({media_type})"
    elif not response.body.strip():
        status, error = "empty", "empty body"
    elif (binary := binary_kind(response.body)) is not None:
        status, error = "empty", f"binary content ({binary}), not an HTML page"
    else:
        decoded = decode_text(response.body, content_type=response.content_type)
        facts["charset"] = decoded.charset
        if decoded.note:
            facts["charset_note"] = decoded.note
        status, extracted = classify_html(decoded.text)
        facts.update(extracted)
        if status == "ok":
            html = decoded.text
        else:
            error = f"{status}: {extracted.get('reason')}"
    if error and "reason" not in facts:
        facts["reason"] = error
    records.append(
        _record(
            source_name,
            url,
            status,
            http_status=response.status,
            bytes_read=len(response.body),
            duration_ms=response.duration_ms,
            error=error,
            attempts=response.attempts,
            final_url=response.final_url,
            warning=facts.get("charset_note"),
        )
    )
    return PageResult(status, html, facts, records)


def _record(
    source_name: str,
    url: str,
    status: PageStatus,
    *,
    http_status: int | None = None,
    bytes_read: int = 0,
    duration_ms: int = 0,
    error: str | None = None,
    attempts: int = 1,
    final_url: str | None = None,
    warning: str | None = None,
) -> FetchRecord:
    outcome = _OUTCOME[status]
    return FetchRecord(
        source_name,
        url,
        outcome,
        http_status,
        bytes_read,
        duration_ms,
        # The item counts are on the feed's row; a page row is one request.
        error=error if outcome != "ok" else None,
        request_kind="page",
        attempts=attempts,
        final_url=final_url,
        warning=warning,
    )
