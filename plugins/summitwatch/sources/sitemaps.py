"""Sitemap sources: sitemap indexes, news sitemaps and plain sitemaps (gzip included).

A ``sitemap`` source's location is a sitemap or sitemap-index URL, or a
site's root or ``robots.txt`` URL, whose ``Sitemap:`` lines are then read.
Indexes are followed (at most ``MAX_SITEMAPS_PER_POLL`` sitemaps a poll).
Sitemaps are asked for conditionally (ETag / Last-Modified kept per sitemap
in ``raw.sitemaps``), and a child whose ``<lastmod>`` in its index has not
moved on since it was last read is not fetched at all. Like feeds, sitemaps
are published for machines, so robots.txt is not asked about them; the
pages they list are fetched exactly as feed items' pages (``pages``:
robots.txt, politeness, safety, extraction) and land as items keyed by URL.

- a URL not seen before becomes a page fetch, newest first
  (``news:publication_date``, else ``lastmod``), at most
  ``FetchSettings.max_pages_per_poll`` a poll (the rest wait for the next);
- a known URL is fetched again only when its ``lastmod`` is later than the
  last time its sitemap was read (a revised article);
- ``news:publication_date`` becomes the item's publication time, and
  ``news:title`` its title; ``lastmod`` goes into the payload only (a
  modification is not a publication);
- an optional host list (``url_hosts``) keeps pages of those hosts only.

Parsing runs on top of the project's XML guard (``xml_guard``: no entity
declarations) and defusedxml, on at most 50 MB after decompression (the
protocol's own limit), so neither a billion-laughs sitemap nor a gzip bomb
gets anywhere.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError

import psycopg2.extensions
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from summitwatch.sources.catalog import Source, host_listed
from summitwatch.sources.http import FetchError, HttpClient
from summitwatch.sources.items import FetchedItem
from summitwatch.sources.landing import FetchRecord
from summitwatch.sources.robots import RobotsCache
from summitwatch.sources.safety import UnsafeURL
from summitwatch.sources.settings import FetchSettings
from summitwatch.sources.xml_guard import UnsafeXML, check_xml_entities

if TYPE_CHECKING:
    from summitwatch.sources.polling import SourcePoll

MAX_SITEMAP_BYTES = 50 * 1024 * 1024
MAX_SITEMAPS_PER_POLL = 50
_ACCEPT = "application/xml, text/xml;q=0.9, application/gzip;q=0.8, */*;q=0.1"

KnownKeys = Callable[[str, list[str]], set[str]]


class NotASitemap(ValueError):
    """XML (or bytes) that is not a sitemap or sitemap index."""


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: datetime | None = None
    published: datetime | None = None  # news:publication_date
    title: str | None = None  # news:title
    language: str | None = None  # news:language


@dataclass(frozen=True)
class ParsedSitemap:
    kind: Literal["index", "urlset"]
    entries: list[SitemapEntry]


@dataclass(frozen=True)
class SitemapState:
    """What the last read of one sitemap left behind (a row of ``raw.sitemaps``)."""

    lastmod: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime | None = None


def w3c_datetime(text: str | None) -> datetime | None:
    """A W3C datetime (``2018-07-16``, ``2018-07-16T10:00:00+02:00``, ``...Z``) in UTC, or None."""
    if not text or not text.strip():
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _inflate(body: bytes) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, MAX_SITEMAP_BYTES + 1)
    except zlib.error as exc:
        raise NotASitemap(f"gzip sitemap does not inflate: {exc}") from exc
    if len(data) > MAX_SITEMAP_BYTES:
        raise NotASitemap(f"sitemap larger than {MAX_SITEMAP_BYTES} bytes after decompression")
    return data


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: Element, *path: str) -> str | None:
    node: Element | None = element
    for name in path:
        node = next((c for c in node if _local(c.tag) == name), None) if node is not None else None
    return node.text.strip() if node is not None and node.text else None


def parse_sitemap(body: bytes) -> ParsedSitemap:
    """Entries of a sitemap index or urlset (gzip or not). Raises ``UnsafeXML`` or ``NotASitemap``."""
    if body[:2] == b"\x1f\x8b":
        body = _inflate(body)
    check_xml_entities(body)
    try:
        root = fromstring(body)
    except (ParseError, DefusedXmlException) as exc:
        raise NotASitemap(f"not well-formed XML: {exc}") from exc
    kind = _local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        raise NotASitemap(f"root element <{kind}> is neither <sitemapindex> nor <urlset>")
    entries = []
    for element in root:
        loc = _child_text(element, "loc")
        if not loc or _local(element.tag) not in ("sitemap", "url"):
            continue
        entries.append(
            SitemapEntry(
                loc=loc,
                lastmod=w3c_datetime(_child_text(element, "lastmod")),
                published=w3c_datetime(_child_text(element, "news", "publication_date")),
                title=_child_text(element, "news", "title"),
                language=_child_text(element, "news", "publication", "language"),
            )
        )
    return ParsedSitemap("index" if kind == "sitemapindex" else "urlset", entries)


def _discovers_from_robots(location: str) -> bool:
    return urlsplit(location).path in ("", "/", "/robots.txt")


def poll_sitemap(
    source: Source,
    client: HttpClient,
    robots: RobotsCache,
    known_keys: KnownKeys,
    settings: FetchSettings,
    states: dict[str, SitemapState],
    now: datetime,
) -> SourcePoll:
    """Read the source's sitemaps and fetch the pages of new URLs."""
    from summitwatch.sources.polling import SourcePoll, failed_poll, with_page

    def row(url: str, outcome: str, **kw: Any) -> FetchRecord:
        return FetchRecord(source.name, url, outcome, request_kind="sitemap", **kw)

    records: list[FetchRecord] = []
    roots = [source.location]
    if _discovers_from_robots(source.location):
        try:
            roots, verdict = robots.sitemaps(
                source.location, source_name=source.name, allow_private_network=source.allow_private_network
            )
        except UnsafeURL as exc:
            return failed_poll(source, source.location, exc, kind="sitemap")
        if verdict.record is not None:
            records.append(verdict.record)
        if not roots:
            main = row(source.location, "error", error="robots.txt lists no Sitemap: lines", attempts=0)
            return SourcePoll(source, main, records=records, failed=True)

    queue: list[tuple[str, datetime | None]] = [(url, None) for url in roots]
    seen: set[str] = set()
    new_states: dict[str, SitemapState] = {}
    entries: list[tuple[SitemapEntry, SitemapState | None]] = []
    errors = 0
    while queue and len(seen) < MAX_SITEMAPS_PER_POLL:
        url, index_lastmod = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        prior = states.get(url)
        if prior and index_lastmod and prior.lastmod and index_lastmod <= prior.lastmod:
            records.append(row(url, "unchanged", attempts=0, warning="lastmod in its index has not moved on"))
            continue
        try:
            response = client.get(
                url,
                etag=prior.etag if prior else None,
                last_modified=prior.last_modified if prior else None,
                allow_private_network=source.allow_private_network,
                max_bytes=MAX_SITEMAP_BYTES,
                accept=_ACCEPT,
            )
        except (FetchError, UnsafeURL) as exc:
            errors += 1
            records.append(failed_poll(source, url, exc, kind="sitemap").main)
            continue

        fetched = partial(
            row,
            url,
            http_status=response.status,
            bytes=len(response.body),
            duration_ms=response.duration_ms,
            attempts=response.attempts,
            final_url=response.final_url,
        )

        if response.status == 304 and prior is not None:
            records.append(fetched("not_modified"))
            new_states[url] = replace(prior, lastmod=index_lastmod or prior.lastmod, fetched_at=now)
            continue
        if response.status != 200:
            errors += 1
            records.append(fetched("error", error=f"HTTP {response.status}"))
            continue
        try:
            parsed = parse_sitemap(response.body)
        except (UnsafeXML, NotASitemap) as exc:
            errors += 1
            records.append(fetched("refused" if isinstance(exc, UnsafeXML) else "error", error=str(exc)))
            continue
        records.append(fetched("ok", items_found=len(parsed.entries)))
        new_states[url] = SitemapState(index_lastmod, response.etag, response.last_modified, now)
        if parsed.kind == "index":
            queue.extend(
                (e.loc, e.lastmod) for e in parsed.entries if urlsplit(e.loc).scheme in ("http", "https")
            )
        else:
            entries.extend((e, prior) for e in parsed.entries)
    warnings = []
    if queue:
        warnings.append(f"{len(queue)} sitemaps left for the next poll (limit {MAX_SITEMAPS_PER_POLL})")

    wanted: dict[str, tuple[SitemapEntry, SitemapState | None]] = {}
    for entry, prior in entries:
        if urlsplit(entry.loc).scheme in ("http", "https") and host_listed(
            urlsplit(entry.loc).hostname or "", source.url_hosts
        ):
            wanted.setdefault(entry.loc, (entry, prior))
    known = known_keys(source.name, list(wanted)) if wanted else set()
    due = [
        entry
        for url, (entry, prior) in wanted.items()
        if url not in known
        or (entry.lastmod and prior and prior.fetched_at and entry.lastmod > prior.fetched_at)
    ]
    due.sort(key=lambda e: e.published or e.lastmod or datetime.min.replace(tzinfo=UTC), reverse=True)
    if len(due) > settings.max_pages_per_poll:
        warnings.append(
            f"{len(due) - settings.max_pages_per_poll} new pages deferred to the next poll "
            f"(page limit {settings.max_pages_per_poll})"
        )
        # Their sitemaps are read again in full next time: forget the validators of this poll.
        new_states = {url: replace(state, etag=None, last_modified=None) for url, state in new_states.items()}
    items = []
    for entry in due[: settings.max_pages_per_poll]:
        listed = FetchedItem(
            item_key=entry.loc,
            content=entry.title or "",
            content_type="text/plain",
            url=entry.loc,
            title=entry.title,
            published_at=entry.published,
            payload={
                "sitemap": {
                    "lastmod": entry.lastmod.isoformat() if entry.lastmod else None,
                    "publication_date": entry.published.isoformat() if entry.published else None,
                    "language": entry.language,
                }
            },
        )
        item, page_records = with_page(listed, source, client, robots)
        items.append(item)
        records.extend(page_records)

    def save_state(cur: psycopg2.extensions.cursor) -> None:
        save_sitemap_states(cur, source.name, new_states)

    main = row(
        source.location,
        "ok" if not errors else "error",
        items_found=len(due),
        error=f"{errors} sitemaps could not be read" if errors else None,
        attempts=0,
        warning="; ".join(warnings) or None,
    )
    return SourcePoll(source, main, items, records, failed=bool(errors), save_state=save_state)


def load_sitemap_states(cur: psycopg2.extensions.cursor, source_name: str) -> dict[str, SitemapState]:
    cur.execute(
        "SELECT sitemap_url, lastmod, http_etag, http_last_modified, fetched_at FROM raw.sitemaps "
        "WHERE source_name = %s",
        (source_name,),
    )
    return {
        url: SitemapState(lastmod=lastmod, etag=etag, last_modified=modified, fetched_at=fetched)
        for url, lastmod, etag, modified, fetched in cur.fetchall()
    }


def save_sitemap_states(
    cur: psycopg2.extensions.cursor, source_name: str, states: dict[str, SitemapState]
) -> None:
    for url, state in states.items():
        cur.execute(
            """
            INSERT INTO raw.sitemaps (source_name, sitemap_url, lastmod, http_etag, http_last_modified,
                                      fetched_at)
            VALUES (%s, %s, %s, %s, %s, %s)
            ON CONFLICT (source_name, sitemap_url) DO UPDATE SET
                lastmod = EXCLUDED.lastmod, http_etag = EXCLUDED.http_etag,
                http_last_modified = EXCLUDED.http_last_modified, fetched_at = EXCLUDED.fetched_at
            """,
            (source_name, url, state.lastmod, state.etag, state.last_modified, state.fetched_at),
        )
