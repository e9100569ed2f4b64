"""Feed parsing with feedparser: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom.

feedparser is given bytes we fetched ourselves (it no longer does HTTP well),
so it sees the real encoding declaration and we keep control of the network.
A malformed feed (``bozo``) still yields every entry feedparser could read;
the parse error is returned alongside so the caller can record it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from summitwatch.sources.items import FetchedItem


@dataclass(frozen=True)
class ParsedFeed:
    items: list[FetchedItem]
    error: str | None


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return None


def _entry_html(entry: Any) -> str:
    # Full content (content:encoded, atom:content) beats the summary.
    for content in entry.get("content") or []:
        value = content.get("value")
        if value:
            return str(value)
    return str(entry.get("summary") or "")


def parse_feed(body: bytes, *, base_url: str | None = None, content_type: str | None = None) -> ParsedFeed:
    # Without a Content-Type feedparser flags every feed as bozo; the server's
    # header matters because its charset parameter overrides the XML declaration.
    headers = {"content-location": base_url or "", "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(body, response_headers=headers)
    error = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        error = f"malformed feed: {type(exc).__name__}: {exc}" if exc else "malformed feed"
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        key = entry.get("id") or link or entry.get("title")
        if not key:
            continue  # nothing stable to identify it by; recorded by the found/landed counts
        summary_html = _entry_html(entry)
        items.append(
            FetchedItem(
                item_key=str(key),
                content=summary_html,
                content_type="text/html",
                url=str(link) if link else None,
                title=str(entry.get("title") or "") or None,
                published_at=_entry_time(entry),
                payload={
                    "feed_entry": {
                        "id": entry.get("id"),
                        "link": link,
                        "title": entry.get("title"),
                        "summary": entry.get("summary"),
                        "author": entry.get("author"),
                        "published": entry.get("published") or entry.get("updated"),
                        "tags": [t.get("term") for t in entry.get("tags") or []],
                    }
                },
            )
        )
    return ParsedFeed(items=items, error=error)
