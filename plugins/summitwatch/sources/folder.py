"""Dropped documents: a folder of ``.txt``, ``.html`` and ``.json`` files.

The item key is the SHA-256 of the file's bytes, so the same content dropped
twice (under any name) is one item, and an edited file is a new item.
``.json`` documents carry ``text`` or ``html`` plus optional ``url``,
``title`` and ``published`` (ISO date).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from summitwatch.sources.items import FetchedItem

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".json")


@dataclass(frozen=True)
class FolderScan:
    items: list[FetchedItem]
    errors: list[str]


def _read_json_document(path: Path, raw: bytes) -> FetchedItem:
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("a JSON document must be an object")
    text, html = data.get("text"), data.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise ValueError("a JSON document needs a 'text' or 'html' string")
    published = None
    if data.get("published"):
        published = datetime.fromisoformat(str(data["published"]))
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
    return FetchedItem(
        item_key=hashlib.sha256(raw).hexdigest(),
        content=html if isinstance(html, str) else str(text),
        content_type="text/html" if isinstance(html, str) else "text/plain",
        url=data.get("url"),
        title=data.get("title"),
        published_at=published,
        payload={"file_name": path.name},
    )


def read_dropped_document(path: Path) -> FetchedItem:
    """One file as an item; raises ValueError/OSError with the reason when it cannot be read."""
    raw = path.read_bytes()
    if path.suffix.lower() == ".json":
        return _read_json_document(path, raw)
    text = raw.decode("utf-8")
    return FetchedItem(
        item_key=hashlib.sha256(raw).hexdigest(),
        content=text,
        content_type="text/html" if path.suffix.lower() in (".html", ".htm") else "text/plain",
        payload={"file_name": path.name},
    )


def scan_folder(folder: Path) -> FolderScan:
    if not folder.is_dir():
        return FolderScan([], [f"{folder}: not a directory"])
    items, errors = [], []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in DOCUMENT_SUFFIXES:
            continue
        try:
            items.append(read_dropped_document(path))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            errors.append(f"{path.name}: {type(exc).__name__}: {exc}")
    return FolderScan(items, errors)
