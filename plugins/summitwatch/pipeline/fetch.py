"""Stage 1: poll every due source and land new items in ``raw.items``.

Each source is handled in its own transaction: a source that fails records
its error in the fetch log and the next source goes on.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psycopg2.extensions

from summitwatch.db.connection import transaction
from summitwatch.sources import http
from summitwatch.sources.catalog import Source, active_sources
from summitwatch.sources.feeds import parse_feed
from summitwatch.sources.folder import scan_folder
from summitwatch.sources.items import FetchedItem
from summitwatch.sources.landing import FetchRecord, known_item_keys, land_items, log_fetch
from summitwatch.sources.safety import UnsafeURL

log = logging.getLogger(__name__)


@dataclass
class FetchSummary:
    sources_polled: int = 0
    items_landed: int = 0
    errors: list[str] = field(default_factory=list)
    new_item_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        # XCom-sized: counts and ids, never bodies.
        return {
            "sources_polled": self.sources_polled,
            "items_landed": self.items_landed,
            "errors": len(self.errors),
        }


def _due(cur: psycopg2.extensions.cursor, source: Source, now: datetime) -> bool:
    cur.execute("SELECT last_polled_at FROM raw.sources WHERE name = %s", (source.name,))
    row = cur.fetchone()
    last = row[0] if row else None
    return last is None or (now - last).total_seconds() >= source.poll_interval_minutes * 60


def _with_pages(
    items: list[FetchedItem], source: Source, client: httpx.Client, records: list[FetchRecord]
) -> list[FetchedItem]:
    """Replace each new feed item's summary by its article page where the page can be had."""
    out = []
    for item in items:
        if not item.url:
            out.append(item)
            continue
        try:
            response = http.fetch(item.url, allow_private_network=source.allow_private_network, client=client)
        except (http.FetchError, UnsafeURL) as exc:
            outcome = "refused" if isinstance(exc, UnsafeURL) else "error"
            records.append(FetchRecord(source.name, item.url, outcome, error=str(exc)))
            out.append(_annotated(item, page_status=outcome, page_error=str(exc)))
            continue
        if response.status in (401, 403, 451):
            records.append(
                FetchRecord(
                    source.name,
                    item.url,
                    "blocked",
                    response.status,
                    len(response.body),
                    response.duration_ms,
                    error=f"HTTP {response.status}",
                )
            )
            out.append(_annotated(item, page_status="blocked"))
            continue
        if response.status != 200 or not response.body.strip():
            records.append(
                FetchRecord(
                    source.name,
                    item.url,
                    "error",
                    response.status,
                    len(response.body),
                    response.duration_ms,
                    error=f"HTTP {response.status}, {len(response.body)} bytes",
                )
            )
            out.append(_annotated(item, page_status="error"))
            continue
        records.append(
            FetchRecord(source.name, item.url, "ok", 200, len(response.body), response.duration_ms, 1, 1)
        )
        page_html = response.body.decode("utf-8", errors="replace")
        payload = dict(item.payload, page_status="ok", feed_summary_html=item.content)
        out.append(
            FetchedItem(
                item.item_key, page_html, "text/html", item.url, item.title, item.published_at, payload
            )
        )
    return out


def _annotated(item: FetchedItem, **facts: str) -> FetchedItem:
    return FetchedItem(
        item.item_key,
        item.content,
        item.content_type,
        item.url,
        item.title,
        item.published_at,
        dict(item.payload, **facts),
    )


def _poll_feed(cur: psycopg2.extensions.cursor, source: Source, client: httpx.Client) -> list[int]:
    cur.execute(
        "SELECT http_etag, http_last_modified, body_sha256 FROM raw.sources WHERE name = %s", (source.name,)
    )
    etag, last_modified, body_sha = cur.fetchone() or (None, None, None)
    records: list[FetchRecord] = []
    response = http.fetch(
        source.location,
        etag=etag,
        last_modified=last_modified,
        allow_private_network=source.allow_private_network,
        client=client,
    )
    if response.status == 304:
        log_fetch(
            cur, FetchRecord(source.name, source.location, "not_modified", 304, 0, response.duration_ms)
        )
        return []
    if response.status != 200:
        raise http.FetchError(f"HTTP {response.status} from {source.location}")
    digest = hashlib.sha256(response.body).hexdigest()
    if digest == body_sha:
        log_fetch(
            cur,
            FetchRecord(
                source.name, source.location, "unchanged", 200, len(response.body), response.duration_ms
            ),
        )
        return []
    parsed = parse_feed(response.body, base_url=response.url, content_type=response.content_type)
    seen = known_item_keys(cur, source.name, [i.item_key for i in parsed.items])
    fresh = [i for i in parsed.items if i.item_key not in seen]
    fresh = _with_pages(fresh, source, client, records)
    new_ids = land_items(cur, source.name, fresh)
    log_fetch(
        cur,
        FetchRecord(
            source.name,
            source.location,
            "ok",
            200,
            len(response.body),
            response.duration_ms,
            len(parsed.items),
            len(new_ids),
            error=None,
        ),
    )
    if parsed.error:
        log.warning("%s: %s (kept %d readable entries)", source.name, parsed.error, len(parsed.items))
    for record in records:
        log_fetch(cur, record)
    cur.execute(
        "UPDATE raw.sources SET http_etag = %s, http_last_modified = %s, body_sha256 = %s WHERE name = %s",
        (response.etag, response.last_modified, digest, source.name),
    )
    return new_ids


def _poll_folder(cur: psycopg2.extensions.cursor, source: Source) -> list[int]:
    scan = scan_folder(Path(source.location))
    new_ids = land_items(cur, source.name, scan.items)
    for error in scan.errors:
        log.warning("%s: %s", source.name, error)
        log_fetch(cur, FetchRecord(source.name, source.location, "error", error=error))
    log_fetch(cur, FetchRecord(source.name, source.location, "ok", None, 0, 0, len(scan.items), len(new_ids)))
    return new_ids


def _poll_page(cur: psycopg2.extensions.cursor, source: Source, client: httpx.Client) -> list[int]:
    records: list[FetchRecord] = []
    page = FetchedItem(source.location, "", "text/html", url=source.location)
    [item] = _with_pages([page], source, client, records)
    for record in records:
        log_fetch(cur, record)
    if item.payload.get("page_status") != "ok":
        raise http.FetchError(records[-1].error or "page not fetched")
    return land_items(cur, source.name, [item])


def fetch_all(
    conn: psycopg2.extensions.connection,
    *,
    names: list[str] | None = None,
    force: bool = False,
    now: datetime | None = None,
) -> FetchSummary:
    """Poll every active, due source (all active ones with ``force``)."""
    now = now or datetime.now(UTC)
    summary = FetchSummary()
    with transaction(conn) as cur:
        sources = active_sources(cur, names)
    with httpx.Client(follow_redirects=False, timeout=http.DEFAULT_TIMEOUT_S) as client:
        for source in sources:
            if source.kind == "push":
                continue  # pushed items arrive through summitwatch.sources.push
            with transaction(conn) as cur:
                if not force and not _due(cur, source, now):
                    continue
                cur.execute("UPDATE raw.sources SET last_polled_at = %s WHERE name = %s", (now, source.name))
            summary.sources_polled += 1
            try:
                with transaction(conn) as cur:
                    if source.kind == "feed":
                        new_ids = _poll_feed(cur, source, client)
                    elif source.kind == "folder":
                        new_ids = _poll_folder(cur, source)
                    else:
                        new_ids = _poll_page(cur, source, client)
            except (http.FetchError, UnsafeURL) as exc:
                # The failed transaction rolled back its log rows; record the failure on its own.
                with transaction(conn) as cur:
                    log_fetch(
                        cur,
                        FetchRecord(
                            source.name,
                            source.location,
                            "refused" if isinstance(exc, UnsafeURL) else "error",
                            error=str(exc),
                        ),
                    )
                summary.errors.append(f"{source.name}: {exc}")
                log.error("%s: %s", source.name, exc)
                continue
            summary.items_landed += len(new_ids)
            summary.new_item_ids.extend(new_ids)
            log.info("%s: %d new items", source.name, len(new_ids))
    return summary
