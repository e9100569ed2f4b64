"""Stage 1: poll every due source and land new items in ``raw.items``.

Sources are polled in worker threads (``FetchSettings.workers``), so slow
hosts do not hold up the others; the per-host limits in ``HttpClient`` keep
every host's load polite however many workers there are. The workers only
talk to the network; each finished poll is written by this thread in one
transaction: its items, its fetch-log rows, its validators (ETag,
Last-Modified, body hash) and its backoff state. A source that fails records
its error and rests (``catalog.failure_backoff_s``); the others go on.

``fetch_all`` polls feeds, pages, folders and the mailboxes of push sources;
``ingest_pushed`` is the push DAG's entry: push sources only, plus the
messages its trigger delivered.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import psycopg2
import psycopg2.extensions

from summitwatch.db.connection import transaction
from summitwatch.sources.catalog import (
    Source,
    SourceState,
    active_sources,
    mark_polled,
    save_poll_health,
    save_validators,
    source_states,
)
from summitwatch.sources.http import HttpClient
from summitwatch.sources.items import FetchedItem
from summitwatch.sources.landing import FetchRecord, item_location, known_item_keys, land_items, log_fetch
from summitwatch.sources.polling import SourcePoll, poll_feed, poll_folder, poll_page
from summitwatch.sources.push import poll_push
from summitwatch.sources.robots import RobotsCache, load_robots_entries, save_robots_entries
from summitwatch.sources.settings import FetchSettings
from summitwatch.sources.sitemaps import SitemapState, load_sitemap_states, poll_sitemap

log = logging.getLogger(__name__)


@dataclass
class FetchSummary:
    sources_polled: int = 0
    items_landed: int = 0
    requests: int = 0
    not_modified: int = 0
    errors: list[str] = field(default_factory=list)
    new_item_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        # XCom-sized: counts, never bodies or ids.
        return {
            "sources_polled": self.sources_polled,
            "items_landed": self.items_landed,
            "requests": self.requests,
            "not_modified": self.not_modified,
            "errors": len(self.errors),
        }


class _Database:
    """The run's one connection, shared by worker threads (reads) and the main thread (writes).

    psycopg2 connections may be shared between threads, but a transaction may
    not; the lock makes each ``transaction`` block exclusive.
    """

    def __init__(self, conn: psycopg2.extensions.connection) -> None:
        self.conn = conn
        self.lock = threading.Lock()

    def known_keys(self, source_name: str, keys: list[str]) -> set[str]:
        with self.lock, transaction(self.conn) as cur:
            return known_item_keys(cur, source_name, keys)

    def sitemap_states(self, source_name: str) -> dict[str, SitemapState]:
        with self.lock, transaction(self.conn) as cur:
            return load_sitemap_states(cur, source_name)


def fetch_all(
    conn: psycopg2.extensions.connection,
    *,
    names: list[str] | None = None,
    force: bool = False,
    now: datetime | None = None,
    settings: FetchSettings | None = None,
) -> FetchSummary:
    """Poll every active, due source (all active ones with ``force``, backoff included)."""
    now = now or datetime.now(UTC)
    with transaction(conn) as cur:
        sources = active_sources(cur, names)
    return _poll_sources(conn, sources, force=force, now=now, settings=settings or FetchSettings.from_env())


def ingest_pushed(
    conn: psycopg2.extensions.connection,
    messages: Iterable[tuple[str, str]] = (),
    *,
    now: datetime | None = None,
    settings: FetchSettings | None = None,
) -> FetchSummary:
    """Ingest pushed items now: every push source's mailbox, plus ``(channel, message)`` pairs
    delivered by the trigger (messages published without the mailbox)."""
    now = now or datetime.now(UTC)
    by_channel: dict[str, list[str]] = {}
    for channel, message in messages:
        by_channel.setdefault(channel, []).append(message)
    with transaction(conn) as cur:
        sources = [s for s in active_sources(cur) if s.kind == "push"]
    summary = _poll_sources(
        conn, sources, force=True, now=now, settings=settings or FetchSettings.from_env(), pushed=by_channel
    )
    unknown = set(by_channel) - {s.location for s in sources}
    for channel in sorted(unknown):
        summary.errors.append(f"messages on channel {channel!r}, but no active push source listens there")
        log.error("%s", summary.errors[-1])
    return summary


def _poll_sources(
    conn: psycopg2.extensions.connection,
    sources: list[Source],
    *,
    force: bool,
    now: datetime,
    settings: FetchSettings,
    pushed: dict[str, list[str]] | None = None,
) -> FetchSummary:
    summary = FetchSummary()
    with transaction(conn) as cur:
        states = source_states(cur, [s.name for s in sources])
        due = [
            s for s in sources if force or states.get(s.name, SourceState()).due(s.poll_interval_minutes, now)
        ]
        for source in due:
            mark_polled(cur, source.name, now)
        robots_entries = load_robots_entries(cur, now)
    for source in [s for s in due if s.kind == "warc"]:
        _record_backfill(conn, source, summary)
    due = [s for s in due if s.kind != "warc"]
    if not due:
        return summary
    db = _Database(conn)
    with HttpClient(settings) as client:
        robots = RobotsCache(client, robots_entries)

        def poll(source: Source) -> SourcePoll:
            state = states.get(source.name, SourceState())
            if source.kind == "feed":
                return poll_feed(source, state, client, robots, db.known_keys, settings)
            if source.kind == "page":
                return poll_page(source, state, client, robots)
            if source.kind == "folder":
                return poll_folder(source)
            if source.kind == "sitemap":
                sitemaps = db.sitemap_states(source.name)
                return poll_sitemap(source, client, robots, db.known_keys, settings, sitemaps, now)
            return poll_push(
                source, client, robots, db.known_keys, extra_messages=(pushed or {}).get(source.location, [])
            )

        with ThreadPoolExecutor(max_workers=max(1, settings.workers), thread_name_prefix="fetch") as pool:
            futures = {pool.submit(poll, source): source for source in due}
            for future in as_completed(futures):
                source = futures[future]
                try:
                    result = future.result()
                except Exception as exc:
                    # One source's unexpected failure must not cost the other sources their items;
                    # it is logged with its traceback and recorded.
                    log.exception("%s: unexpected error while polling", source.name)
                    result = SourcePoll(
                        source,
                        FetchRecord(
                            source.name,
                            source.location,
                            "error",
                            error=f"internal error: {type(exc).__name__}: {exc}",
                        ),
                        failed=True,
                    )
                with db.lock:
                    _record(conn, result, summary, now, settings)
        with db.lock, transaction(conn) as cur:
            save_robots_entries(cur, robots.fresh_entries())
    return summary


def _record_backfill(conn: psycopg2.extensions.connection, source: Source, summary: FetchSummary) -> None:
    """A ``warc`` source reads its files itself, committing as it goes (``pipeline.backfill``)."""
    from summitwatch.pipeline.backfill import backfill_source

    summary.sources_polled += 1
    try:
        results = backfill_source(conn, source)
    except psycopg2.Error as exc:
        # The database refused a chunk: recorded; the file resumes there next time, other sources go on.
        conn.rollback()
        error = f"could not land: {type(exc).__name__}: {str(exc).strip().splitlines()[0]}"
        with transaction(conn) as cur:
            log_fetch(
                cur, FetchRecord(source.name, source.location, "error", error=error, request_kind="warc")
            )
        summary.errors.append(f"{source.name}: {error}")
        log.error("%s: %s", source.name, error)
        return
    for result in results:
        summary.items_landed += result.landed
        if result.error:
            summary.errors.append(f"{source.name}: {result.location}: {result.error}")
    with transaction(conn) as cur:
        save_poll_health(cur, source, failed=any(r.error for r in results), now=datetime.now(UTC))


def _record(
    conn: psycopg2.extensions.connection,
    poll: SourcePoll,
    summary: FetchSummary,
    now: datetime,
    settings: FetchSettings,
) -> None:
    """Land one poll's items and write its log rows, validators and backoff in one transaction."""
    source = poll.source
    summary.sources_polled += 1
    try:
        with transaction(conn) as cur:
            landing = land_items(cur, source.name, poll.items)
            new_ids = landing.new_ids
            for record in poll.records:
                log_fetch(cur, record)
            for refused in landing.refused:
                log_fetch(cur, _refusal_record(source, poll.main, refused.item, refused.reason))
            log_fetch(cur, replace(poll.main, items_landed=len(new_ids)))
            if poll.save_state is not None:
                poll.save_state(cur)
            if poll.validators is not None and not poll.failed:
                v = poll.validators
                save_validators(cur, source.name, v.etag, v.last_modified, v.body_sha256)
            save_poll_health(
                cur,
                source,
                failed=poll.failed,
                now=now,
                retry_after_s=poll.retry_after_s,
                max_backoff_s=settings.max_failure_backoff_s,
            )
    except (psycopg2.DataError, psycopg2.IntegrityError, ValueError) as exc:
        # Something in this poll's data the database refuses: record it; the other sources go on.
        first_line = (str(exc).strip().splitlines() or [""])[0]
        error = f"could not land: {type(exc).__name__}: {first_line}"
        with transaction(conn) as cur:
            log_fetch(cur, FetchRecord(source.name, source.location, "error", error=error))
        summary.errors.append(f"{source.name}: {error}")
        log.error("%s: %s", source.name, error)
        return
    if poll.after_commit is not None:
        poll.after_commit(landing.refused)
    for refused in landing.refused:
        summary.errors.append(f"{source.name}: {item_location(refused.item)}: {refused.reason}")
        log.error("%s", summary.errors[-1])
    rows = [*poll.records, poll.main]
    summary.requests += sum(1 for r in rows if r.attempts > 0)
    summary.not_modified += sum(1 for r in rows if r.outcome == "not_modified")
    summary.items_landed += len(new_ids)
    summary.new_item_ids.extend(new_ids)
    if poll.failed:
        summary.errors.append(f"{source.name}: {poll.error}")
        log.error("%s: %s", source.name, poll.error)
    else:
        if poll.main.warning:
            log.warning("%s: %s", source.name, poll.main.warning)
        log.info("%s: %d new items", source.name, len(new_ids))


def _refusal_record(source: Source, main: FetchRecord, item: FetchedItem, reason: str) -> FetchRecord:
    """The fetch-log row of one item refused at landing: it failed alone, and this says why."""
    return FetchRecord(
        source.name,
        item_location(item),
        "error",
        error=f"item refused: {reason}",
        request_kind=main.request_kind,
        attempts=0,
    )
