"""Dropped documents: a folder of ``.txt``, ``.html`` and ``.json`` files.

The item key is the SHA-256 of the document's *text* (decoded, BOM dropped,
line endings unified, trailing white space ignored), so the same content
dropped twice, under any name or with Windows line endings, is one item,
and an edited file is a new item.

- ``.txt``: UTF-8 expected; other encodings are detected (``charsets``). A
  first line `` date YYYY-MM`` (or ``YYYY-MM-DD``) is the publication date,
  not body text: it stays in the content and the cleaning stage splits it off
  (``documents.split_date_header``); its value is also noted in the payload.
- ``.html``/``.htm``: decoded by BOM, ``<meta charset>``, detection.
- ``.json``: an object with ``text`` or ``html`` plus optional ``url``,
  ``title`` and ``published`` (ISO date) - the same shape as a pushed
  document (see ``push``).

Only regular files directly in the folder are read; hidden files (``.name``)
and files whose real path leaves the folder (symlinks) are skipped, so a
drop folder cannot be used to read the rest of the disk. Writers should
write under another name (``x.txt.part``) and rename when complete.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from summitwatch.documents import split_date_header
from summitwatch.sources.charsets import decode_text
from summitwatch.sources.items import ContentType, FetchedItem

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".json")
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FolderScan:
    items: list[FetchedItem]
    errors: list[str]


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


def read_dropped_document(path: Path) -> FetchedItem:
    """One file as an item; raises ValueError/OSError with the reason when it cannot be read."""
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise ValueError(f"{size} bytes, more than the {MAX_DOCUMENT_BYTES} a document may have")
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = json.loads(raw.decode("utf-8-sig"))
        if not isinstance(data, dict):
            raise ValueError("a JSON document must be an object")
        return document_item(data, payload={"file_name": path.name})
    decoded = decode_text(raw)
    payload: dict[str, Any] = {"file_name": path.name, "charset": decoded.charset}
    if decoded.note:
        payload["charset_note"] = decoded.note
    content_type: ContentType = "text/html" if suffix in (".html", ".htm") else "text/plain"
    return text_item(decoded.text.lstrip("\ufeff"), content_type, payload=payload)


def scan_folder(folder: Path) -> FolderScan:
    if not folder.is_dir():
        return FolderScan([], [f"{folder}: not a directory"])
    root = folder.resolve()
    items, errors = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() not in DOCUMENT_SUFFIXES:
            continue
        if not path.resolve().is_relative_to(root):
            errors.append(f"{path.name}: points outside the folder; not read")
            continue
        if not path.is_file():
            continue
        try:
            items.append(read_dropped_document(path))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            errors.append(f"{path.name}: {type(exc).__name__}: {exc}")
    return FolderScan(items, errors)
