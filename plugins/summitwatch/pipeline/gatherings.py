"""``summitwatch gatherings``: documents through the real stages, in a database of their own.

The documents are copied into a temporary drop folder, a scratch database is
created on the configured server (``DATABASE_URL``, else the embedded one),
migrated, given one folder source, and the fetch and process stages run exactly
as ``summitwatch run`` calls them. What comes back is read from the stored
mentions: one JSON object per document in the ``extract`` format
(../shared/eval/SCHEMA.md), each event with ``gathering``, the id of the
canonical event (``events.events``) its mention was merged into. The database
and the folder are dropped afterwards.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg2.extensions

from summitwatch.db.connection import open_connection, scratch_database, transaction
from summitwatch.db.migrations import migrate
from summitwatch.pipeline.fetch import fetch_all
from summitwatch.pipeline.process import ProcessSummary, process_pending
from summitwatch.sources.catalog import Source, upsert_sources
from summitwatch.sources.folder import dropped_document

SOURCE_NAME = "gatherings-drop"


@dataclass
class GatheringsRun:
    """One JSON object per document, and what went wrong on the way."""

    documents: list[dict[str, Any]]
    errors: list[str]
    processed: ProcessSummary


def _drop_folder(paths: Sequence[Path], folder: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """Copy the documents into ``folder``; return (doc id, item key) per readable one and errors."""
    readable, errors = [], []
    seen: set[str] = set()
    for path in paths:
        if path.name in seen:
            errors.append(f"{path}: another document has the file name {path.name!r}; not read")
            continue
        try:
            item = dropped_document(path.name, path.read_bytes())
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            errors.append(f"{path}: {type(exc).__name__}: {exc}")
            continue
        seen.add(path.name)
        shutil.copyfile(path, folder / path.name)
        readable.append((path.stem, item.item_key))
    return readable, errors


def _mentions_by_item(cur: psycopg2.extensions.cursor) -> dict[str, tuple[bool, list[dict[str, Any]]]]:
    """Item key -> (has an article, its mentions in the extract format with ``gathering``)."""
    cur.execute(
        """
        SELECT i.item_key, a.article_id IS NOT NULL,
               coalesce(json_agg(json_build_object(
                   'kind', m.kind, 'status', m.status, 'participants', m.participants,
                   'organizations', m.organizations, 'location', m.location, 'country', m.country,
                   'date', m.event_date, 'evidence', m.evidence,
                   'confidence', round(m.confidence::numeric, 3),
                   'gathering', m.event_id) ORDER BY m.mention_id) FILTER (WHERE m.mention_id IS NOT NULL),
                   '[]')
        FROM raw.items i
        LEFT JOIN core.articles a ON a.item_id = i.item_id
        LEFT JOIN events.mentions m ON m.article_id = a.article_id
        WHERE i.source_name = %s
        GROUP BY i.item_key, a.article_id
        """,
        (SOURCE_NAME,),
    )
    return {key: (has_article, events) for key, has_article, events in cur.fetchall()}


def run_gatherings(admin_url: str, paths: Sequence[Path]) -> GatheringsRun:
    """Fetch and process ``paths`` in a scratch database on the server of ``admin_url``."""
    with tempfile.TemporaryDirectory(prefix="summitwatch-gatherings-") as tmp:
        folder = Path(tmp)
        readable, errors = _drop_folder(paths, folder)
        with scratch_database(admin_url, "summitwatch_gatherings") as url, open_connection(url) as conn:
            migrate(conn)
            with transaction(conn) as cur:
                upsert_sources(cur, [Source(SOURCE_NAME, "folder", str(folder))])
            fetched = fetch_all(conn, names=[SOURCE_NAME], force=True)
            errors.extend(f"fetch: {error}" for error in fetched.errors)
            processed = process_pending(conn)
            with transaction(conn) as cur:
                stored = _mentions_by_item(cur)
                cur.execute(
                    "SELECT item_key, process_error FROM raw.items WHERE process_state = 'failed' "
                    "ORDER BY item_id"
                )
                errors.extend(f"{key}: {error}" for key, error in cur.fetchall())
    documents = []
    for doc_id, item_key in readable:
        has_article, events = stored.get(item_key, (False, []))
        if not has_article:
            errors.append(f"{doc_id}: no article was stored")
        documents.append({"doc_id": doc_id, "summit_related": bool(events), "events": events})
    return GatheringsRun(documents, errors, processed)
