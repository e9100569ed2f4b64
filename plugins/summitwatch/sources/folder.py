"""Dropped documents: a folder of ``.txt``, ``.html`` and ``.json`` files.

The item key is the SHA-256 of the document's *text* (decoded, BOM dropped,
line endings unified, trailing white space ignored), so the same content
dropped twice, under any name or with Windows line endings, is one item,
and an edited file is a new item.

- ``.txt``: UTF-8 expected; other encodings are detected (``charsets``);
  binary content (random bytes, an archive under a text name) is refused. A
  first line `` date YYYY-MM`` (or ``YYYY-MM-DD``) is the publication date,
  not body text: it stays in the content and the cleaning stage splits it off
  (``documents.split_date_header``); its value is also noted in the payload.
- ``.html``/``.htm``: decoded by BOM, ``<meta charset>``, detection; one that
  declares XML entities (billion laughs) is refused (``xml_guard``).
- ``.json``: an object with ``text`` or ``html`` plus optional ``url``,
  ``title`` and ``published`` (ISO date) - the same shape as a pushed
  document (see ``push``).

Only regular files directly in the folder are read, and nothing outside it
ever is: each file is opened relative to the folder's own descriptor
(``openat``) with ``O_NOFOLLOW``, and the descriptor opened - not the path -
is checked with ``fstat`` (a regular file with no other hard link). A
symlink swapped in between listing and reading is refused by the kernel, not
by a check that a rename can outrun. Hidden files (``.name``) are skipped.
Writers should write under a hidden or other name (``.x.txt.part``) and
rename when complete.

Every entry fails alone: a symlink, a loop, a FIFO, a file that vanished,
JSON nested too deeply, undecodable bytes - each is one error naming the
file, and the other files of the folder are read.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from summitwatch.documents import split_date_header
from summitwatch.sources.charsets import decode_document
from summitwatch.sources.items import ContentType, FetchedItem
from summitwatch.sources.xml_guard import check_xml_entities

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".json")
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FolderScan:
    items: list[FetchedItem]
    errors: list[str]
    unreadable: bool = False  # the folder itself could not be opened


def content_key(text: str) -> str:
    """Identity of a document's content: equal for the same text however it was saved."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    normalized = "\n".join(line.rstrip() for line in lines).strip()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def _published(value: Any) -> datetime | None:
    if not value:
        return None
    published = datetime.fromisoformat(str(value))
    return published if published.tzinfo else published.replace(tzinfo=UTC)


def document_item(data: dict[str, Any], *, payload: dict[str, Any], key_prefix: str = "") -> FetchedItem:
    """An item from a JSON document object (``text`` or ``html``, optional url/title/published)."""
    text, html = data.get("text"), data.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise ValueError("a JSON document needs a 'text' or 'html' string")
    content = html if isinstance(html, str) else str(text)
    content_type: ContentType = "text/html" if isinstance(html, str) else "text/plain"
    if content_type == "text/html":
        check_xml_entities(content.encode("utf-8", "surrogatepass"))  # billion laughs in a document
    url, title = data.get("url"), data.get("title")
    return FetchedItem(
        item_key=key_prefix + content_key(content),
        content=content,
        content_type=content_type,
        url=url if isinstance(url, str) and url else None,
        title=title if isinstance(title, str) and title else None,
        published_at=_published(data.get("published")),
        payload=payload,
    )


def text_item(text: str, content_type: ContentType, *, payload: dict[str, Any]) -> FetchedItem:
    if content_type == "text/plain":
        _body, header_date, precision = split_date_header(text)
        if header_date is not None:
            payload = dict(payload, date_header=header_date.isoformat(), date_precision=precision)
    return FetchedItem(content_key(text), text, content_type, payload=payload)


class EntryRefused(ValueError):
    """A folder entry that is not a document we may read (symlink, directory, FIFO, hard link)."""


def _read_entry(dir_fd: int, name: str) -> bytes:
    """The bytes of ``name`` in the folder open as ``dir_fd``, never following a symlink."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC  # O_NONBLOCK: a FIFO cannot hang us
    try:
        fd = os.open(name, flags, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise EntryRefused("a symbolic link; only regular files in the folder are read") from exc
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise EntryRefused("not a regular file; not read")
        if info.st_nlink > 1:
            raise EntryRefused("has other hard links (it may be a file from outside the folder); not read")
        if info.st_size > MAX_DOCUMENT_BYTES:
            raise ValueError(f"{info.st_size} bytes, more than the {MAX_DOCUMENT_BYTES} a document may have")
        chunks, size = [], 0
        while chunk := os.read(fd, 1024 * 1024):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_DOCUMENT_BYTES:  # it grew while we read
                raise ValueError(f"more than the {MAX_DOCUMENT_BYTES} bytes a document may have")
        return b"".join(chunks)
    finally:
        os.close(fd)


def parse_json_document(raw: bytes) -> dict[str, Any]:
    """A ``.json`` document's object; ValueError with the reason when it is none."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except RecursionError as exc:
        raise ValueError("JSON nested too deeply") from exc
    if not isinstance(data, dict):
        raise ValueError("a JSON document must be an object")
    return data


def dropped_document(name: str, raw: bytes) -> FetchedItem:
    """One file's bytes as an item; raises ValueError with the reason when they cannot be used."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return document_item(parse_json_document(raw), payload={"file_name": name})
    if suffix in (".html", ".htm"):
        check_xml_entities(raw)  # an HTML document has no business declaring entities
    decoded = decode_document(raw)
    payload: dict[str, Any] = {"file_name": name, "charset": decoded.charset}
    if decoded.note:
        payload["charset_note"] = decoded.note
    content_type: ContentType = "text/html" if suffix in (".html", ".htm") else "text/plain"
    return text_item(decoded.text, content_type, payload=payload)


def scan_folder(folder: Path) -> FolderScan:
    try:
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        return FolderScan([], [f"{folder}: not a directory we can open ({exc.strerror})"], unreadable=True)
    items, errors = [], []
    try:
        for name in sorted(os.listdir(dir_fd)):
            if name.startswith(".") or Path(name).suffix.lower() not in DOCUMENT_SUFFIXES:
                continue
            try:
                items.append(dropped_document(name, _read_entry(dir_fd, name)))
            except FileNotFoundError:
                continue  # renamed or removed since the listing: the next scan sees its new name
            except EntryRefused as exc:
                errors.append(f"{name}: {exc}")
            except OSError as exc:
                errors.append(f"{name}: cannot read ({exc.strerror or exc})")
            except ValueError as exc:  # UnicodeDecodeError and json.JSONDecodeError included
                errors.append(f"{name}: {type(exc).__name__}: {exc}")
    finally:
        os.close(dir_fd)
    return FolderScan(items, errors)
