"""Feed parsing with feedparser: RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom.

feedparser is given bytes we fetched ourselves (it no longer does HTTP well),
so it sees the real encoding declaration and we keep control of the network.
A malformed feed (``bozo``) still yields every entry feedparser could read;
the parse error is returned alongside so the caller can record it.

Before feedparser sees the bytes, ``xml_guard`` refuses any feed that declares
XML entities (billion laughs, external entities), and ``charsets`` corrects a
single-byte charset declaration on bytes that are really UTF-8.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from summitwatch.sources.charsets import feed_content_type
from summitwatch.sources.items import FetchedItem
from summitwatch.sources.xml_guard import check_xml_entities


@dataclass(frozen=True)
class ParsedFeed:
    items: list[FetchedItem]
    error: str | None  # the bozo exception of a malformed feed whose readable entries were kept
    version: str = ""  # feedparser's dialect: rss090, rss091u, rss10, rss20, atom10, ...
    encoding: str | None = None
    charset_note: str | None = None
    language: str | None = None


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
    """Entries of a feed. Raises ``UnsafeXML`` for a feed that declares entities.

    ``body`` must be bytes: given a str, feedparser would treat it as a URL or
    a file name and open it itself.
    """
    if not isinstance(body, bytes):
        raise TypeError("parse_feed takes the feed's bytes")
    check_xml_entities(body)
    # Without a Content-Type feedparser flags every feed as bozo; the server's
    # header matters because its charset parameter overrides the XML declaration.
    effective_type, charset_note = feed_content_type(body, content_type)
    headers = {"content-location": base_url or "", "content-type": effective_type}
    parsed = feedparser.parse(body, response_headers=headers)
    error = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        if isinstance(exc, feedparser.CharacterEncodingOverride):
            # Not malformed: feedparser found the declared charset wrong and decoded the bytes anyway.
            charset_note = f"{exc}"
        else:
            error = f"malformed feed: {type(exc).__name__}: {exc}" if exc else "malformed feed"
    feed_language = str(parsed.feed.get("language") or "") or None
    items = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link")
        key = str(entry.get("id") or link or entry.get("title") or "").strip()
        if not key or key in seen:
            continue  # nothing stable to identify it by, or a repeated entry; the counts show it
        seen.add(key)
        summary_html = _entry_html(entry)
        items.append(
            FetchedItem(
                item_key=key,
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
                        "language": entry.get("language") or feed_language,
                        "published": entry.get("published") or entry.get("updated"),
                        "tags": [t.get("term") for t in entry.get("tags") or []],
                    }
                },
            )
        )
    return ParsedFeed(
        items=items,
        error=error,
        version=str(parsed.get("version") or ""),
        encoding=parsed.get("encoding"),
        charset_note=charset_note,
        language=feed_language,
    )
