"""Writing what sources delivered into ``raw``: items and the fetch log.

Every item lands alone (its own savepoint): one item the database cannot
hold - a lone surrogate in its title, a value a constraint refuses - is
refused with its reason and the others land. Fetch-log rows never fail on
their text: NULs and lone surrogates in what a hostile source sent are
written as visible escapes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from typing import Any

import psycopg2
import psycopg2.extensions
from psycopg2.extras import Json

from summitwatch.sources.items import FetchedItem


def _without_nul(value: Any) -> Any:
    # jsonb rejects \u0000, which hostile or broken feeds do contain.
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_nul(v) for v in value]
    return value


def _text(value: str | None) -> str | None:
    return value.replace("\x00", "") if value else value


def loggable(value: str | None) -> str | None:
    """``value`` as text PostgreSQL can always store: NUL and lone surrogates as backslash escapes."""
    if value is None:
        return None
    return value.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def _not_unicode(value: Any, where: str) -> str | None:
    """Why ``value`` (a string, or strings nested in dicts and lists) is no valid Unicode text, or None."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return (
                f"{where} is not valid Unicode text (lone surrogate U+{ord(value[exc.start]):04X} "
                f"at character {exc.start})"
            )
        return None
    if isinstance(value, dict):
        for key, nested in value.items():
            reason = _not_unicode(key, where) or _not_unicode(nested, f"{where}.{key}")
            if reason:
                return reason
    if isinstance(value, list | tuple):
        for nested in value:
            reason = _not_unicode(nested, where)
            if reason:
                return reason
    return None


def item_refusal(item: FetchedItem) -> str | None:
    """Why ``item`` cannot be stored as it is, or None when it can."""
    for where, value in (
        ("item key", item.item_key),
        ("url", item.url),
        ("title", item.title),
        ("content", item.content),
        ("payload", item.payload),
    ):
        reason = _not_unicode(value, where)
        if reason:
            return reason
    return None


def item_location(item: FetchedItem) -> str:
    """Where an item came from, for its fetch-log row: URL, pushed message, file name or key."""
    push_id, file_name = item.payload.get("push_id"), item.payload.get("file_name")
    if push_id:
        return f"push:{push_id}/{file_name}" if file_name else f"push:{push_id}"
    return item.url or (str(file_name) if file_name else f"item:{item.item_key}")


_json = partial(Json, dumps=partial(json.dumps, default=str))


@dataclass(frozen=True)
class FetchRecord:
    """One row of ``raw.fetch_log``: a request (with its retries), a folder scan or a pushed message."""

    source_name: str
    url: str
    outcome: str  # ok, not_modified, unchanged, blocked, refused, unresolved, error
    http_status: int | None = None
    bytes: int = 0
    duration_ms: int = 0
    items_found: int = 0
    items_landed: int = 0
    error: str | None = None
    request_kind: str | None = None  # feed, page, robots, folder, push
    attempts: int = 1
    final_url: str | None = None
    warning: str | None = None


@dataclass(frozen=True)
class RefusedItem:
    item: FetchedItem
    reason: str


@dataclass
class Landing:
    new_ids: list[int]
    refused: list[RefusedItem]


def land_items(cur: psycopg2.extensions.cursor, source_name: str, items: list[FetchedItem]) -> Landing:
    """Insert items not seen before, each alone; the new item ids (a re-fetch lands nothing) and
    the items refused, with their reasons."""
    landing = Landing([], [])
    for item in items:
        reason = item_refusal(item)
        if reason is not None:
            landing.refused.append(RefusedItem(item, reason))
            continue
        cur.execute("SAVEPOINT land_item")
        try:
            row = _insert_item(cur, source_name, item)
        except (psycopg2.DataError, psycopg2.IntegrityError) as exc:
            cur.execute("ROLLBACK TO SAVEPOINT land_item")
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            landing.refused.append(
                RefusedItem(item, f"the database refused it: {type(exc).__name__}: {detail}")
            )
            continue
        cur.execute("RELEASE SAVEPOINT land_item")
        if row is not None:
            landing.new_ids.append(row)
    return landing


def _insert_item(cur: psycopg2.extensions.cursor, source_name: str, item: FetchedItem) -> int | None:
    cur.execute(
        """
            INSERT INTO raw.items (source_name, item_key, content_sha256, url, title, published_at,
                                   content, content_type, payload, page_status)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
            ON CONFLICT (source_name, item_key, content_sha256) DO NOTHING
            RETURNING item_id
            """,
        (
            source_name,
            item.item_key.replace("\x00", ""),
            item.content_sha256,
            _text(item.url),
            _text(item.title),
            item.published_at,
            item.content.replace("\x00", ""),  # PostgreSQL text cannot hold NUL
            item.content_type,
            _json(_without_nul(item.payload)),
            item.page_status,
        ),
    )
    row = cur.fetchone()
    return int(row[0]) if row is not None else None


def known_item_keys(cur: psycopg2.extensions.cursor, source_name: str, keys: list[str]) -> set[str]:
    cur.execute(
        "SELECT DISTINCT item_key FROM raw.items WHERE source_name = %s AND item_key = ANY(%s)",
        (source_name, keys),
    )
    return {row[0] for row in cur.fetchall()}


def log_fetch(cur: psycopg2.extensions.cursor, record: FetchRecord) -> None:
    cur.execute(
        """
        INSERT INTO raw.fetch_log (source_name, url, outcome, http_status, bytes, duration_ms,
                                   items_found, items_landed, error, request_kind, attempts, final_url,
                                   warning)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
        """,
        (
            record.source_name,
            loggable(record.url),
            record.outcome,
            record.http_status,
            record.bytes,
            record.duration_ms,
            record.items_found,
            record.items_landed,
            loggable(record.error),
            record.request_kind,
            record.attempts,
            loggable(record.final_url) if record.final_url != record.url else None,
            loggable(record.warning),
        ),
    )
