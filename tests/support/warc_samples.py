"""Team-written WARC files for tests: the demo site's pages, written with fastwarc's writer,
and the ways real archives break (a truncated gzip member, a wrong Content-Length, a payload
that is not HTTP)."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

from summitwatch.paths import seeds_dir
from summitwatch.sources.warc import ArchivedPage, write_warc

CRAWLED = datetime(2018, 7, 17, 6, 30, tzinfo=UTC)
_NOT_HTTP_BLOCK = b"Dies ist keine HTTP-Antwort, sondern ein Zettel."
NOT_HTTP = (
    b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://www.example.org/nicht-http\r\n"
    b"WARC-Date: 2018-07-17T06:30:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
    b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n"
    % (len(_NOT_HTTP_BLOCK), _NOT_HTTP_BLOCK)
)


def demo_pages(host: str = "www.example.org") -> list[ArchivedPage]:
    """The demo site's five article pages (four German, one English), as a crawler archived them."""
    articles = sorted((seeds_dir() / "demo" / "site" / "articles").glob("*.html"))
    return [ArchivedPage(f"https://{host}/politik/{p.name}", p.read_bytes(), CRAWLED) for p in articles]


def numbered_pages(count: int) -> list[ArchivedPage]:
    """``count`` distinct pages (each demo page under many URLs), for reads long enough to kill."""
    pages = demo_pages()
    return [
        ArchivedPage(f"{pages[i % len(pages)].uri}?seite={i}", pages[i % len(pages)].body, CRAWLED)
        for i in range(count)
    ]


def with_wrong_length(member: bytes, length: int) -> bytes:
    """A gzip member whose record declares ``length`` instead of its real Content-Length."""
    record = gzip.decompress(member)
    start = record.index(b"Content-Length: ")
    end = record.index(b"\r\n", start)
    return gzip.compress(record[:start] + b"Content-Length: " + str(length).encode() + record[end:])


def broken_warc(path: Path) -> dict[str, int]:
    """The five demo pages with three bad records between them; returns where each bad one starts.

    Layout: page 0, a truncated member, page 1, a non-HTTP record, page 2, a record whose
    Content-Length is too short (its own page is lost), page 3, page 4.
    """
    pages = demo_pages()
    extra = [ArchivedPage(pages[0].uri.replace(".html", "-verloren.html"), pages[0].body, CRAWLED)]
    scratch = path.with_suffix(".parts")
    offsets = write_warc(scratch, [*pages, *extra])
    data = scratch.read_bytes()
    scratch.unlink()
    bounds = [*offsets, len(data)]
    members = [data[bounds[i] : bounds[i + 1]] for i in range(len(offsets))]
    truncated = members[1][: len(members[1]) // 2]
    parts = [
        ("page", members[0]),
        ("truncated", truncated),
        ("page", members[1]),
        ("not_http", gzip.compress(NOT_HTTP)),
        ("page", members[2]),
        ("short_length", with_wrong_length(members[5], 300)),
        ("page", members[3]),
        ("page", members[4]),
    ]
    where: dict[str, int] = {}
    with path.open("wb") as handle:
        for name, blob in parts:
            if name != "page":
                where[name] = handle.tell()
            handle.write(blob)
    return where
