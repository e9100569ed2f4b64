"""Team-written WARC files for tests: the demo site's pages, written with fastwarc's writer,
and the ways real archives break (a truncated gzip member, a wrong Content-Length, a payload
that is not HTTP)."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

from fastwarc.stream_io import GzipWriter
from fastwarc.warc import WarcRecord, WarcRecordType

from summitwatch.paths import seeds_dir
from summitwatch.sources.warc import ArchivedPage, http_response_block, write_warc

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


def crawl_warc(path: Path) -> None:
    """The demo pages as a crawler writes them, with fastwarc's writer: a ``warcinfo`` record
    first, then for each page its ``request`` and ``response`` records and a ``metadata`` one."""

    def record(kind: WarcRecordType, block: bytes, content_type: str, uri: str | None = None) -> WarcRecord:
        made = WarcRecord()
        made.init_headers(kind)
        made.headers["WARC-Date"] = CRAWLED.strftime("%Y-%m-%dT%H:%M:%SZ")
        made.headers["Content-Type"] = content_type
        if uri is not None:
            made.headers["WARC-Target-URI"] = uri
        made.set_bytes_content(block)
        return made

    records = [
        record(WarcRecordType.warcinfo, b"software: Summit Watch tests\r\n", "application/warc-fields")
    ]
    for page in demo_pages():
        request = f"GET {page.uri.split('/', 3)[3]} HTTP/1.1\r\nHost: www.example.org\r\n\r\n".encode()
        records.append(record(WarcRecordType.request, request, "application/http; msgtype=request", page.uri))
        records.append(
            record(
                WarcRecordType.response,
                http_response_block(page),
                "application/http; msgtype=response",
                page.uri,
            )
        )
        records.append(
            record(WarcRecordType.metadata, b"fetchTimeMs: 120\r\n", "application/warc-fields", page.uri)
        )
    with path.open("wb") as handle:
        for made in records:
            member = GzipWriter(handle)
            made.write(member, checksum_data=True)
            member.close()
