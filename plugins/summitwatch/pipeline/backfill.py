"""Backfill: read WARC files into ``raw.items``, resumable and idempotent.

``backfill_file`` reads one file of a ``warc`` source (``sources.warc``) and
lands its kept pages with ``landing.land_items``, in chunks. Each chunk is
one transaction: its new items, its bad records (``raw.warc_bad_records``)
and the file's progress in ``raw.warc_files`` (the offset where the next
unread record starts, and the counts). So a backfill killed at any moment
resumes exactly after the last chunk that committed, and what it read again
lands nothing twice (and items are unique on source, URL and HTML in any
case).

One file is read by one process at a time: a session advisory lock on the
(source, file) pair makes a duplicated DAG run or a retry overlapping the
first attempt wait, and then find the file done. A file that is done is not
read again. Files of one source are independent, so the DAG maps one task
per file and the CLI runs ``--workers`` processes.

The process stage then processes the landed items
like any others (``news_process``, or ``summitwatch backfill`` itself).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2.extensions

from summitwatch.db.connection import transaction
from summitwatch.sources.catalog import Source, SourceConfigError, active_sources, upsert_sources
from summitwatch.sources.items import FetchedItem
from summitwatch.sources.landing import FetchRecord, land_items, log_fetch
from summitwatch.sources.warc import WarcEntry, WarcFilter, read_warc
from summitwatch.sources.warc_files import (
    WarcUnavailable,
    local_copy,
    manifest_locations,
    read_manifest,
    warc_locations,
)

log = logging.getLogger(__name__)

# Advisory lock keys (two-int form): (BACKFILL_LOCK, hashtext(source || location)).
BACKFILL_LOCK = 74018732
CHUNK_RECORDS = 500  # records per transaction at most
CHUNK_SECONDS = 2.0  # and at least one commit this often, so a kill loses little


@dataclass
class FileProgress:
    """One file's counts in this run (``already_done`` when an earlier run finished it)."""

    location: str
    state: str = "reading"
    records: int = 0
    pages: int = 0
    landed: int = 0
    bad: int = 0
    start_offset: int = 0  # where this run began reading
    next_offset: int = 0
    file_bytes: int | None = None
    already_done: bool = False
    error: str | None = None
    skipped: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        return {
            "location": self.location,
            "state": self.state,
            "records": self.records,
            "pages": self.pages,
            "landed": self.landed,
            "bad": self.bad,
            "already_done": self.already_done,
        }


Progress = Callable[[FileProgress], None]


def warc_filter_of(source: Source) -> WarcFilter:
    """A source's filter: its language (or German and English), its host list (or every host)."""
    languages = frozenset({source.language}) if source.language else WarcFilter().languages
    return WarcFilter(languages=languages, hosts=frozenset(h.lower() for h in source.url_hosts))


def chosen_filter(
    source: Source,
    *,
    languages: list[str] | None = None,
    hosts: list[str] | None = None,
    any_language: bool = False,
) -> WarcFilter:
    """The source's filter with the languages and hosts a CLI call or DAG run asked for instead."""
    base = warc_filter_of(source)
    return WarcFilter(
        languages=frozenset() if any_language else frozenset(languages or base.languages),
        hosts=frozenset(h.lower() for h in hosts) if hosts else base.hosts,
    )


def planned_locations(files: list[str], *, manifest: str | None = None, base: str | None = None) -> list[str]:
    """Every WARC file named: files, folders, globs and URLs, then a manifest's paths under ``base``
    (default: the manifest's folder). Raises ``WarcUnavailable`` for a name that finds nothing."""
    locations = [found for location in files for found in warc_locations(location)]
    if manifest:
        locations += manifest_locations(read_manifest(manifest), base or str(Path(manifest).parent))
    return list(dict.fromkeys(locations))


def backfill_source_for(conn: psycopg2.extensions.connection, name: str, location: str) -> Source:
    """The ``warc`` source named ``name``; created (inactive, so ``news_fetch`` leaves it alone)
    with ``location`` when there is none yet. Raises ``SourceConfigError`` for another kind."""
    with transaction(conn) as cur:
        found = active_sources(cur, [name], include_inactive=True)
        if found and found[0].kind != "warc":
            raise SourceConfigError(f"source {name!r} is a {found[0].kind} source, not a warc source")
        if found:
            return found[0]
        source = Source(name=name, kind="warc", location=location, active=False)
        upsert_sources(cur, [source])
        return source


def backfill_source(conn: psycopg2.extensions.connection, source: Source) -> list[FileProgress]:
    """Every file of a ``warc`` source that is not done yet (``summitwatch run``, ``news_fetch``)."""
    try:
        locations = warc_locations(source.location)
    except WarcUnavailable as exc:
        failed = FileProgress(source.location, state="failed", error=str(exc))
        with transaction(conn) as cur:
            log_fetch(cur, _file_record(source, source.location, failed))
        return [failed]
    return [backfill_file(conn, source, location) for location in locations]


def backfill_file(
    conn: psycopg2.extensions.connection,
    source: Source,
    location: str,
    *,
    warc_filter: WarcFilter | None = None,
    progress: Progress | None = None,
    chunk_records: int = CHUNK_RECORDS,
    chunk_seconds: float = CHUNK_SECONDS,
) -> FileProgress:
    """Read one WARC file of ``source`` from where earlier runs stopped; land its pages."""
    warc_filter = warc_filter or warc_filter_of(source)
    result = FileProgress(location)
    with transaction(conn) as cur:
        cur.execute(
            "SELECT pg_advisory_lock(%s, hashtext(%s || chr(10) || %s))",
            (BACKFILL_LOCK, source.name, location),
        )
    try:
        with transaction(conn) as cur:
            cur.execute(
                """
                INSERT INTO raw.warc_files (source_name, location) VALUES (%s, %s)
                ON CONFLICT (source_name, location) DO NOTHING
                """,
                (source.name, location),
            )
            cur.execute(
                "SELECT state, next_offset FROM raw.warc_files WHERE source_name = %s AND location = %s",
                (source.name, location),
            )
            state, next_offset = cur.fetchone()  # type: ignore[misc]
        result.start_offset = result.next_offset = int(next_offset)
        if state == "done":
            result.state, result.already_done = "done", True
            return result
        try:
            with local_copy(location, source=source) as (path, download):
                if download is not None:
                    with transaction(conn) as cur:
                        log_fetch(cur, download)
                _read_file(
                    conn, source, location, path, warc_filter, result, progress, chunk_records, chunk_seconds
                )
        except (OSError, WarcUnavailable) as exc:
            result.state, result.error = "failed", f"{type(exc).__name__}: {exc}"
            log.error("%s: %s: %s", source.name, location, result.error)
            with transaction(conn) as cur:
                cur.execute(
                    """
                    UPDATE raw.warc_files SET state = 'failed', error = %s, finished_at = now(),
                                              updated_at = now()
                    WHERE source_name = %s AND location = %s
                    """,
                    (result.error, source.name, location),
                )
                log_fetch(cur, _file_record(source, location, result))
        return result
    finally:
        with transaction(conn) as cur:
            cur.execute(
                "SELECT pg_advisory_unlock(%s, hashtext(%s || chr(10) || %s))",
                (BACKFILL_LOCK, source.name, location),
            )


def _read_file(
    conn: psycopg2.extensions.connection,
    source: Source,
    location: str,
    path: Path,
    warc_filter: WarcFilter,
    result: FileProgress,
    progress: Progress | None,
    chunk_records: int,
    chunk_seconds: float,
) -> None:
    result.file_bytes = path.stat().st_size
    items: list[FetchedItem] = []
    bad: list[WarcEntry] = []
    records = 0
    committed_at = time.monotonic()
    offset = result.next_offset
    for entry in read_warc(path, start=result.next_offset, warc_filter=warc_filter):
        records += 1
        offset = entry.next_offset
        if entry.outcome == "page" and entry.item is not None:
            items.append(entry.item)
        elif entry.outcome == "bad":
            bad.append(entry)
            log.warning(
                "%s: bad WARC record at %s offset %d: %s", source.name, location, entry.offset, entry.reason
            )
        elif entry.reason:
            result.skipped[entry.reason] += 1
        if records >= chunk_records or time.monotonic() - committed_at >= chunk_seconds:
            _commit_chunk(conn, source, location, items, bad, records, offset, result, done=False)
            if progress is not None:
                progress(result)
            items, bad, records, committed_at = [], [], 0, time.monotonic()
    _commit_chunk(conn, source, location, items, bad, records, offset, result, done=True)
    if progress is not None:
        progress(result)


def _commit_chunk(
    conn: psycopg2.extensions.connection,
    source: Source,
    location: str,
    items: list[FetchedItem],
    bad: list[WarcEntry],
    records: int,
    next_offset: int,
    result: FileProgress,
    *,
    done: bool,
) -> None:
    """The chunk's items, bad records and the file's new offset, in one transaction."""
    with transaction(conn) as cur:
        landing = land_items(cur, source.name, items)
        for refused in landing.refused:  # an item the database cannot hold: counted with the bad records
            log.warning("%s: %s refused: %s", location, refused.item.item_key, refused.reason)
        for entry in bad:
            cur.execute(
                """
                INSERT INTO raw.warc_bad_records (source_name, location, record_offset, error)
                VALUES (%s, %s, %s, %s)
                ON CONFLICT (source_name, location, record_offset) DO NOTHING
                """,
                (source.name, location, entry.offset, entry.reason),
            )
        cur.execute(
            """
            UPDATE raw.warc_files
            SET next_offset = %(next_offset)s, records_read = records_read + %(records)s,
                pages_kept = pages_kept + %(pages)s, items_landed = items_landed + %(landed)s,
                bad_records = bad_records + %(bad)s, file_bytes = %(file_bytes)s, updated_at = now(),
                state = CASE WHEN %(done)s THEN 'done' ELSE 'reading' END, error = NULL,
                finished_at = CASE WHEN %(done)s THEN now() END
            WHERE source_name = %(source)s AND location = %(location)s
            """,
            {
                "next_offset": next_offset,
                "records": records,
                "pages": len(items),
                "landed": len(landing.new_ids),
                "bad": len(bad) + len(landing.refused),
                "file_bytes": result.file_bytes,
                "done": done,
                "source": source.name,
                "location": location,
            },
        )
        result.records += records
        result.pages += len(items)
        result.landed += len(landing.new_ids)
        result.bad += len(bad) + len(landing.refused)
        result.next_offset = next_offset
        if done:
            result.state = "done"
            log_fetch(cur, _file_record(source, location, result))


def _file_record(source: Source, location: str, result: FileProgress) -> FetchRecord:
    """The file's row in ``raw.fetch_log``: how many pages it gave (in this run) and its bad records."""
    warning = f"{result.bad} bad records (raw.warc_bad_records)" if result.bad else None
    return FetchRecord(
        source.name,
        location,
        "error" if result.state == "failed" else "ok",
        bytes=result.file_bytes or 0,
        items_found=result.pages,
        items_landed=result.landed,
        error=result.error,
        request_kind="warc",
        attempts=0,
        warning=warning,
    )
