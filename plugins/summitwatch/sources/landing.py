"""Writing what sources delivered into ``raw``: items and the fetch log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from typing import Any

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


def land_items(cur: psycopg2.extensions.cursor, source_name: str, items: list[FetchedItem]) -> list[int]:
    """Insert items not seen before; return the new item ids (a re-fetch lands nothing)."""
    new_ids = []
    for item in items:
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
        if row is not None:
            new_ids.append(int(row[0]))
    return new_ids


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
            record.url,
            record.outcome,
            record.http_status,
            record.bytes,
            record.duration_ms,
            record.items_found,
            record.items_landed,
            record.error,
            record.request_kind,
            record.attempts,
            record.final_url if record.final_url != record.url else None,
            record.warning,
        ),
    )
