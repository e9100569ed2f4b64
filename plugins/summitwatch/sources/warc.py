"""WARC files (web archives such as Common Crawl's CC-NEWS): HTML pages as raw items.

Records are read with fastwarc (README, "Libraries": it iterates several
times faster than warcio on the same file, ``bench/backfill.py``). Only
``response`` records are kept, and of those only pages: an ``http(s)``
target URI (on one of ``WarcFilter.hosts`` when that list is set), an HTTP
200 answer with an HTML media type, at most ``MAX_PAGE_BYTES``, in one of
``WarcFilter.languages``. A kept page becomes a ``FetchedItem`` with its
decoded HTML as content and its target URI as key and URL, so the pipeline's
own cleaning, dedupe, extraction and loading process it like a fetched page;
the record's date, file, offset and id go into the payload.

The filter keeps pace with the reader (``bench/backfill.py``): a record whose
WARC headers already rule it out (not a ``response``, not an http(s) URI of a
listed host, too large) is skipped without its block being read into Python;
language is judged on the page's bytes, from its ``<html lang>``, else its
``Content-Language`` header, else py3langid on the text that opens its first
paragraphs; and a kept page is decoded to text only when its ``item`` is asked
for (landing does that), so pages the filter drops are never decoded.

Reading resumes at a byte offset: ``read_warc(path, start=...)`` yields one
``WarcEntry`` per record with the offset of the record and the offset where
the next one starts (compressed offsets in a ``.warc.gz`` of one gzip member
per record, as every crawler writes them). A record is yielded only once the
next one has been read, because a wrong ``Content-Length`` shows only there.

Bad records never end a file. Each is yielded as ``bad`` with its offset and
reason, and reading goes on at the next record start found after it (the next
gzip member that opens with ``WARC/``, or the next ``WARC/1.`` line):

- a truncated gzip member or one that does not inflate: the member is bad;
- a ``Content-Length`` longer than the data: the block comes up short;
- a ``Content-Length`` shorter than the data: the record's own member (or
  plain file) goes on with bytes that are not the next record, so the reader
  fails right after it while a record start found beyond it reads fine;
- a payload that is not an HTTP response (no ``HTTP/`` status line).
"""

from __future__ import annotations

import html as html_entities
import mmap
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO, Literal
from urllib.parse import urlsplit

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from summitwatch.clean.language import detect_language
from summitwatch.sources.catalog import host_listed
from summitwatch.sources.charsets import charset_from_content_type, declared_in_document, decode_text
from summitwatch.sources.items import FetchedItem
from summitwatch.sources.pages import HTML_TYPES
from summitwatch.sources.settings import FetchSettings

WARC_SUFFIXES = (".warc", ".warc.gz")
DEFAULT_LANGUAGES = frozenset({"de", "en"})
MAX_PAGE_BYTES = FetchSettings.max_bytes  # as for fetched pages
_MAX_BLOCK_BYTES = MAX_PAGE_BYTES + 64 * 1024  # the page and its HTTP headers
_GZIP_MAGIC = b"\x1f\x8b\x08"
_SCAN_CHUNK = 1 << 20
_HTML_LANG = re.compile(rb"""<html\b[^>]*?\slang\s*=\s*["']?\s*([A-Za-z]{2,3})\b""", re.IGNORECASE)
# The text that opens a paragraph, up to its first inline tag: enough to tell the language, and
# found in one linear scan (a lazy match up to ``</p>`` rescans megabyte pages).
_PARAGRAPH_OPENING = re.compile(rb"<p(?:\s[^>]*)?>([^<]+)", re.IGNORECASE)
# A page's description and title are prose in its language, near the top of even megabyte pages.
_HEAD_BYTES = 32 * 1024
_TITLE = re.compile(rb"<title\b[^>]*>([^<]+)<", re.IGNORECASE)
_NAMED_DESCRIPTION = rb"""(?:name|property)\s*=\s*["']?(?:og:)?description["'\s>]"""
_CONTENT = rb"""content\s*=\s*(?:"([^"]*)"|'([^']*)')"""
_DESCRIPTION = re.compile(  # either attribute first
    rb"<meta\s(?:[^>]*?"
    + _NAMED_DESCRIPTION
    + rb"[^>]*?"
    + _CONTENT
    + rb"|[^>]*?"
    + _CONTENT
    + rb"[^>]*?"
    + _NAMED_DESCRIPTION
    + rb")",
    re.IGNORECASE,
)
# py3langid tells the supported languages apart on 100 characters of prose (all 55 fixture pages
# with their declarations removed are named right from 60 on; docs/benchmarks.md "Backfill"). Its
# cost grows with every byte: each one is a look-up in a 39 MB table that the pages streaming
# through have pushed out of the cache, so a longer sample costs more than the reading around it.
_LANGUAGE_SAMPLE_CHARS = 100

# An http(s) URI with a host (what urlsplit would give a hostname), checked in one match.
_HTTP_HOST = re.compile(r"https?://(?:[^/?#@]*@)?(\[[^\]]+\]|[^/?#:\[\]]+)", re.IGNORECASE)

Outcome = Literal["page", "skipped", "bad"]


@dataclass(frozen=True)
class WarcFilter:
    """Which pages of a WARC file are kept: languages (empty: any) and hosts (empty: any).

    A host matches itself and its subdomains: ``tagesschau.de`` keeps
    ``www.tagesschau.de``.
    """

    languages: frozenset[str] = DEFAULT_LANGUAGES
    hosts: frozenset[str] = frozenset()

    def host_allowed(self, host: str) -> bool:
        return host_listed(host, self.hosts)


@dataclass(frozen=True)
class KeptPage:
    """What a kept page's item is made of, still as bytes."""

    uri: str
    body: bytes | memoryview  # a view into the record's block: copied only when decoded
    content_type: str
    language: str | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class WarcEntry:
    """One record of a WARC file: kept as a page, skipped (with why), or bad (with why)."""

    offset: int
    next_offset: int  # where reading resumes after this record
    outcome: Outcome
    page: KeptPage | None = None
    reason: str | None = None

    @cached_property
    def item(self) -> FetchedItem | None:
        """The kept page as a raw item, its HTML decoded to text (once, when first asked for)."""
        page = self.page
        if page is None:
            return None
        decoded = decode_text(bytes(page.body), content_type=page.content_type)
        payload = {**page.payload, "language_hint": page.language, "charset": decoded.charset}
        if decoded.note:
            payload["charset_note"] = decoded.note
        return FetchedItem(
            item_key=page.uri, content=decoded.text, content_type="text/html", url=page.uri, payload=payload
        )


class BadRecord(ValueError):
    """A record that cannot be read as what it claims to be."""


@dataclass(slots=True)
class _Record:
    """What is needed of a fastwarc record, copied out (records are reused and streamed)."""

    offset: int
    declared_length: int
    block: bytes
    target_uri: str | None
    record_id: str | None
    warc_date: str | None  # the WARC-Date header, parsed only for a kept page

    unread: str | None = None  # why the WARC headers alone skip it: its block is consumed, not read
    length_read: int = 0

    @classmethod
    def read(cls, record: WarcRecord, warc_filter: WarcFilter) -> _Record:
        headers = record.headers
        target_uri = headers.get("WARC-Target-URI")
        length = record.content_length
        unread = _skipped_by_headers(record.record_type, length, target_uri, warc_filter)
        if unread is not None:
            block, length_read = b"", record.reader.consume()
        else:
            block = record.reader.read()
            length_read = len(block)
        return cls(
            offset=record.stream_pos,
            declared_length=length,
            block=block,
            target_uri=target_uri,
            record_id=record.record_id,
            warc_date=None if unread is not None else headers.get("WARC-Date"),
            unread=unread,
            length_read=length_read,
        )

    @property
    def date(self) -> datetime | None:
        """The WARC-Date (ISO 8601 in UTC, ``Z``, seconds or their fractions), None when unreadable."""
        if not self.warc_date:
            return None
        try:
            parsed = datetime.fromisoformat(self.warc_date)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)  # WARC dates are UTC

    @property
    def complete(self) -> bool:
        return self.length_read == self.declared_length


def _skipped_by_headers(
    record_type: WarcRecordType, length: int, target_uri: str | None, warc_filter: WarcFilter
) -> str | None:
    """Why a record is skipped before its block is read, or None when the block is needed."""
    if record_type != WarcRecordType.response:
        return f"{record_type} record"  # "warcinfo record", "request record"
    if length > _MAX_BLOCK_BYTES:
        return f"larger than {MAX_PAGE_BYTES} bytes"
    if target_uri is None:
        return None  # a response without its URI is bad; judged once the block is read
    match = _HTTP_HOST.match(target_uri)
    if match is None:
        return "not an http(s) target URI"
    if warc_filter.hosts and not warc_filter.host_allowed(urlsplit(target_uri).hostname or match.group(1)):
        return "host not listed"
    return None


def is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == _GZIP_MAGIC[:2]


class _RecordStarts:
    """Finds where the next record starts at or after a position, to read on after a bad one."""

    def __init__(self, handle: BinaryIO, gzipped: bool) -> None:
        self.gzipped = gzipped
        self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if _size(handle) else None

    def close(self) -> None:
        if self._map is not None:
            self._map.close()

    def next_start(self, position: int) -> int | None:
        data = self._map
        if data is None:
            return None
        while True:
            if self.gzipped:
                found = data.find(_GZIP_MAGIC, position)
                if found < 0:
                    return None
                if _inflates_to_warc(data[found : found + 4096]):
                    return found
            else:
                found = data.find(b"WARC/1.", position)
                if found < 0:
                    return None
                if found == 0 or data[found - 1 : found] == b"\n":
                    return found
            position = found + 1

    def record_end(self, record: _Record) -> int | None:
        """Where ``record`` ends when its Content-Length ends it exactly (``\r\n\r\n`` after the
        block, and for a gzip member, the member's end); None when it does not."""
        data = self._map
        if data is None:
            return None
        if not self.gzipped:
            block_start = data.find(b"\r\n\r\n", record.offset) + 4
            block_end = block_start + record.declared_length
            return block_end + 4 if data[block_end : block_end + 4] == b"\r\n\r\n" else None
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        member = bytearray()
        position = record.offset
        try:
            while not inflater.eof and position < len(data):
                chunk = data[position : position + _SCAN_CHUNK]
                member += inflater.decompress(chunk)
                position += len(chunk)
        except zlib.error:
            return None
        if not inflater.eof:
            return None
        block_start = member.find(b"\r\n\r\n") + 4
        if len(member) != block_start + record.declared_length + 4 or not member.endswith(b"\r\n\r\n"):
            return None
        return position - len(inflater.unused_data)


def _size(handle: BinaryIO) -> int:
    position = handle.tell()
    size = handle.seek(0, 2)
    handle.seek(position)
    return size


def _inflates_to_warc(head: bytes) -> bool:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 8).startswith(b"WARC/")
    except zlib.error:
        return False


def _records(handle: BinaryIO, position: int, warc_filter: WarcFilter) -> Iterator[_Record]:
    handle.seek(position)
    # Every record type, not only responses: a bad record is found only where it is read.
    for record in ArchiveIterator(handle, parse_http=False):
        yield _Record.read(record, warc_filter)


def read_warc(path: Path, *, start: int = 0, warc_filter: WarcFilter | None = None) -> Iterator[WarcEntry]:
    """Every response record of ``path`` from byte ``start`` on, judged by ``warc_filter``.

    Raises ``OSError`` only when the file itself cannot be opened.
    """
    warc_filter = warc_filter or WarcFilter()
    with path.open("rb") as handle:
        size = _size(handle)
        starts = _RecordStarts(handle, is_gzip(path))
        try:
            yield from _read_from(handle, starts, size, start, warc_filter, path.name)
        finally:
            starts.close()


def _read_from(
    handle: BinaryIO, starts: _RecordStarts, size: int, position: int, warc_filter: WarcFilter, file_name: str
) -> Iterator[WarcEntry]:
    while position < size:
        pending: _Record | None = None
        resume: int | None = None
        try:
            for record in _records(handle, position, warc_filter):
                if pending is not None:
                    yield _judge(pending, record.offset, warc_filter, file_name)
                    pending = None
                if not record.complete:
                    # Content-Length runs past the data (a truncated member, or a wrong length):
                    # the reader has swallowed whatever followed, so read on from the next start.
                    resume = starts.next_start(record.offset + 1)
                    yield _bad(
                        record.offset,
                        resume,
                        size,
                        f"Content-Length {record.declared_length} but only {record.length_read} bytes "
                        "of record data",
                    )
                    break
                pending = record
            else:
                if pending is not None:
                    yield _judge(pending, size, warc_filter, file_name)
                return
        except OSError as exc:
            reason = f"unreadable: {exc}"
            if pending is None:
                # The record at ``position`` itself cannot be read.
                resume = starts.next_start(position + 1)
                yield _bad(position, resume, size, reason)
            else:
                end = starts.record_end(pending)
                if end is None:
                    # The record's framing is broken: its Content-Length does not end it.
                    resume = starts.next_start(pending.offset + 1)
                    yield _bad(
                        pending.offset,
                        resume,
                        size,
                        f"Content-Length {pending.declared_length} does not end the record ({reason})",
                    )
                else:
                    # The record is whole; what follows it is not a record.
                    yield _judge(pending, end, warc_filter, file_name)
                    resume = starts.next_start(end + 1)
                    yield _bad(end, resume, size, reason)
        if resume is None:
            return
        position = resume


def _bad(offset: int, resume: int | None, size: int, reason: str) -> WarcEntry:
    return WarcEntry(offset, resume if resume is not None else size, "bad", reason=reason)


def _judge(record: _Record, next_offset: int, warc_filter: WarcFilter, file_name: str) -> WarcEntry:
    def skipped(reason: str) -> WarcEntry:
        return WarcEntry(record.offset, next_offset, "skipped", reason=reason)

    if record.unread is not None:
        return skipped(record.unread)
    if record.target_uri is None or not record.block:
        return WarcEntry(
            record.offset,
            next_offset,
            "bad",
            reason="response record without target URI or content (cut short?)",
        )
    uri = record.target_uri
    try:
        status, headers, body = parse_http_response(record.block)
    except BadRecord as exc:
        return WarcEntry(record.offset, next_offset, "bad", reason=str(exc))
    if status != 200:
        return skipped(f"HTTP {status}")
    content_type = headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return skipped("not HTML")
    if len(body) > MAX_PAGE_BYTES:
        return skipped(f"larger than {MAX_PAGE_BYTES} bytes")
    language: str | None = None  # not judged when any language is kept: nothing downstream reads it
    if warc_filter.languages:
        language = page_language(body, headers.get("content-language"), content_type=content_type)
        if language not in warc_filter.languages:
            return skipped("language not wanted")
    date = record.date
    payload: dict[str, Any] = {
        "warc": {
            "file": file_name,
            "offset": record.offset,
            "record_id": record.record_id,
            "date": date.isoformat() if date else None,
        },
    }
    page = KeptPage(uri=uri, body=body, content_type=content_type, language=language, payload=payload)
    return WarcEntry(record.offset, next_offset, "page", page=page)


def parse_http_response(block: bytes) -> tuple[int, dict[str, str], bytes | memoryview]:
    """Status, headers (lower-case names) and decoded body of an HTTP response message (a view
    into ``block`` when the body needs no decoding)."""
    if not block.startswith(b"HTTP/"):
        raise BadRecord("non-HTTP payload (no HTTP status line)")
    end, gap = block.find(b"\r\n\r\n"), 4
    if end < 0:
        end, gap = block.find(b"\n\n"), 2
    if end < 0:
        raise BadRecord("HTTP headers without an end")
    lines = block[:end].decode("latin-1").split("\n")  # one decode for all the header lines
    status_line = lines[0].split(None, 2)
    if len(status_line) < 2 or not (status_line[1].isascii() and status_line[1].isdigit()):
        raise BadRecord(f"bad HTTP status line {lines[0][:80].encode('latin-1')!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    body: bytes | memoryview = memoryview(block)[end + gap :]
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(block[end + gap :])
    encoding = headers.get("content-encoding", "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflater = zlib.decompressobj((16 if encoding != "deflate" else 32) + zlib.MAX_WBITS)
        try:
            body = inflater.decompress(body, MAX_PAGE_BYTES + 1)
        except zlib.error as exc:
            raise BadRecord(f"HTTP body does not inflate ({exc})") from exc
    elif encoding not in ("", "identity"):
        raise BadRecord(f"unsupported HTTP Content-Encoding {encoding!r}")
    return int(status_line[1]), headers, body


def _dechunk(body: bytes) -> bytes:
    out, position = bytearray(), 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            raise BadRecord("chunked HTTP body cut short")
        try:
            length = int(body[position:line_end].split(b";")[0], 16)
        except ValueError as exc:
            raise BadRecord("bad chunk size in chunked HTTP body") from exc
        if length == 0:
            return bytes(out)
        out += body[line_end + 2 : line_end + 2 + length]
        position = line_end + 2 + length + 2


def page_language(
    html: bytes | memoryview, content_language: str | None = None, *, content_type: str | None = None
) -> str | None:
    """The language of a page's bytes, cheaply: ``<html lang>``, ``Content-Language``, else
    py3langid on its description and title, with the openings of its paragraphs when those are
    short (decoded with the declared charset, UTF-8 when none is)."""
    declared = _HTML_LANG.search(html, 0, 4096)
    if declared:
        return declared.group(1).decode("ascii").lower()[:2]
    if content_language:
        return content_language.split(",")[0].strip().lower()[:2] or None
    head_end = min(len(html), _HEAD_BYTES)
    description = _DESCRIPTION.search(html, 0, head_end)
    title = _TITLE.search(html, 0, head_end)
    openings = [text.strip() for text in (description.groups() if description else ()) if text]
    openings += [title.group(1).strip()] if title else []
    length = sum(map(len, openings))
    if length < _LANGUAGE_SAMPLE_CHARS:  # a description and title this long decide alone
        for match in _PARAGRAPH_OPENING.finditer(html):
            opening = match.group(1).strip()
            if opening:
                openings.append(opening)
                length += len(opening)
                if length >= _LANGUAGE_SAMPLE_CHARS:
                    break
    charset = charset_from_content_type(content_type) or declared_in_document(bytes(html[:4096])) or "utf-8"
    try:
        text = b" ".join(openings).decode(charset, errors="replace")
    except LookupError:  # an unknown charset label
        text = b" ".join(openings).decode("utf-8", errors="replace")
    return detect_language(html_entities.unescape(text), sample_chars=_LANGUAGE_SAMPLE_CHARS)


@dataclass(frozen=True)
class ArchivedPage:
    """A page to write into a WARC file (tests and benchmarks build their archives with it)."""

    uri: str
    body: bytes
    date: datetime
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()  # further HTTP headers, e.g. Content-Language


def http_response_block(page: ArchivedPage) -> bytes:
    further = "".join(f"{name}: {value}\r\n" for name, value in page.headers)
    head = (
        f"HTTP/1.1 {page.status} {'OK' if page.status == 200 else 'Status'}\r\n"
        f"Content-Type: {page.content_type}\r\n{further}Content-Length: {len(page.body)}\r\n\r\n"
    )
    return head.encode("latin-1") + page.body


def write_warc(path: Path, pages: list[ArchivedPage], *, gzipped: bool = True) -> list[int]:
    """Write one ``response`` record per page with fastwarc's writer (one gzip member each when
    ``gzipped``); return the offset of every record."""
    from fastwarc.stream_io import GzipWriter

    offsets = []
    with path.open("wb") as handle:
        for page in pages:
            offsets.append(handle.tell())
            record = WarcRecord()
            record.init_headers(WarcRecordType.response)
            record.headers["WARC-Target-URI"] = page.uri
            record.headers["WARC-Date"] = page.date.strftime("%Y-%m-%dT%H:%M:%SZ")
            record.headers["Content-Type"] = "application/http; msgtype=response"
            record.set_bytes_content(http_response_block(page))
            if gzipped:
                member = GzipWriter(handle)
                record.write(member, checksum_data=True)
                member.close()
            else:
                record.write(handle, checksum_data=True)
    return offsets
