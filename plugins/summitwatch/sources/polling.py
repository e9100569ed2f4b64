"""Polling one source: the network half of a fetch, with no database writes.

``poll_feed``, ``poll_page`` and ``poll_folder`` return a ``SourcePoll``: the
items to land, the fetch-log rows in request order, the validators to keep
for the next conditional request, and whether the poll failed. The caller
(``pipeline.fetch``) runs polls of different sources in worker threads and
writes each result in one transaction from the main thread.

The only read they need - which items are already known, so that their pages
are not fetched again - comes in as a function.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import psycopg2.extensions

from summitwatch.sources.catalog import Source, SourceState
from summitwatch.sources.feeds import parse_feed
from summitwatch.sources.folder import scan_folder
from summitwatch.sources.http import FetchError, HttpClient
from summitwatch.sources.items import FetchedItem
from summitwatch.sources.landing import FetchRecord, RefusedItem
from summitwatch.sources.pages import fetch_page
from summitwatch.sources.robots import RobotsCache
from summitwatch.sources.safety import UnsafeURL, refusal_outcome
from summitwatch.sources.settings import FetchSettings
from summitwatch.sources.xml_guard import UnsafeXML

KnownKeys = Callable[[str, list[str]], set[str]]


@dataclass(frozen=True)
class Validators:
    etag: str | None
    last_modified: str | None
    body_sha256: str


@dataclass
class SourcePoll:
    source: Source
    main: FetchRecord  # the source's own row; items_landed is filled in when landing
    items: list[FetchedItem] = field(default_factory=list)
    records: list[FetchRecord] = field(default_factory=list)  # robots.txt, pages, bad files
    validators: Validators | None = None  # kept for the next poll only when every item was handled
    failed: bool = False
    retry_after_s: float | None = None
    # Called with the items refused at landing once the rest is committed (push: acknowledge, dead-letter).
    after_commit: Callable[[list[RefusedItem]], None] | None = None
    # Further state to write in the poll's own transaction (a sitemap source's per-sitemap state).
    save_state: Callable[[psycopg2.extensions.cursor], None] | None = None

    @property
    def error(self) -> str | None:
        return self.main.error if self.failed else None


def failed_poll(source: Source, url: str, exc: Exception, *, kind: str) -> SourcePoll:
    """The poll of a source whose own request (feed, page, scan) did not work out."""
    if isinstance(exc, FetchError):
        record = FetchRecord(
            source.name,
            url,
            "error",
            exc.status,
            exc.bytes_read,
            exc.duration_ms,
            error=str(exc),
            request_kind=kind,
            attempts=exc.attempts,
        )
        return SourcePoll(source, record, failed=True, retry_after_s=exc.retry_after_s)
    outcome: str
    if isinstance(exc, UnsafeURL):
        outcome = refusal_outcome(exc)
    else:
        outcome = "refused" if isinstance(exc, UnsafeXML) else "error"
    attempts = 0 if isinstance(exc, UnsafeURL) else 1
    record = FetchRecord(source.name, url, outcome, error=str(exc), request_kind=kind, attempts=attempts)
    return SourcePoll(source, record, failed=True)


def summary_text(item: FetchedItem) -> str:
    """The feed's own summary as plain text: the stand-in when the page cannot be used."""
    from summitwatch.clean.html import fragment_text

    return fragment_text(item.content) if item.content.strip() else ""


def with_page(
    item: FetchedItem, source: Source, client: HttpClient, robots: RobotsCache | None
) -> tuple[FetchedItem, list[FetchRecord]]:
    """The item with its article page as content, or with its cleaned summary and the page's status."""
    assert item.url is not None
    page = fetch_page(
        item.url,
        source_name=source.name,
        allow_private_network=source.allow_private_network,
        client=client,
        robots=robots,
    )
    payload = dict(item.payload, page=page.facts)
    if page.status == "ok" and page.html is not None:
        payload["feed_summary_html"] = item.content
        title = item.title or page.facts.get("title")
        return replace(
            item, content=page.html, content_type="text/html", title=title, payload=payload, page_status="ok"
        ), page.records
    return replace(
        item, content=summary_text(item), content_type="text/plain", payload=payload, page_status=page.status
    ), page.records


def poll_feed(
    source: Source,
    state: SourceState,
    client: HttpClient,
    robots: RobotsCache | None,
    known_keys: KnownKeys,
    settings: FetchSettings,
) -> SourcePoll:
    url = source.location
    try:
        response = client.get(
            url,
            etag=state.etag,
            last_modified=state.last_modified,
            allow_private_network=source.allow_private_network,
            accept="application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, "
            "text/xml;q=0.8, */*;q=0.1",
        )
    except (FetchError, UnsafeURL) as exc:
        return failed_poll(source, url, exc, kind="feed")

    def row(outcome: str, **kw: object) -> FetchRecord:
        return FetchRecord(
            source.name,
            url,
            outcome,
            response.status,
            len(response.body),
            response.duration_ms,
            request_kind="feed",
            attempts=response.attempts,
            final_url=response.final_url,
            **kw,  # type: ignore[arg-type]
        )

    if response.status == 304:
        return SourcePoll(source, row("not_modified"))
    if response.status != 200:
        error = f"HTTP {response.status}"
        if response.attempts > 1:
            error += f" after {response.attempts} attempts"
        outcome = "blocked" if response.status in (401, 403, 451) else "error"
        return SourcePoll(
            source, row(outcome, error=error), failed=True, retry_after_s=response.retry_after_s
        )
    digest = hashlib.sha256(response.body).hexdigest()
    validators = Validators(response.etag, response.last_modified, digest)
    if digest == state.body_sha256:
        return SourcePoll(source, row("unchanged"), validators=validators)
    try:
        parsed = parse_feed(response.body, base_url=response.final_url, content_type=response.content_type)
    except UnsafeXML as exc:
        poll = SourcePoll(source, replace(row("refused", error=str(exc))), failed=True)
        return poll
    warnings = []
    if parsed.error:
        if not parsed.items:
            return SourcePoll(source, row("error", error=f"{parsed.error}; no readable entries"), failed=True)
        warnings.append(f"{parsed.error} (kept {len(parsed.items)} readable entries)")
    if parsed.charset_note:
        warnings.append(f"charset: {parsed.charset_note}")

    known = known_keys(source.name, [i.item_key for i in parsed.items]) if parsed.items else set()
    fresh = [i for i in parsed.items if i.item_key not in known]
    records: list[FetchRecord] = []
    items: list[FetchedItem] = []
    deferred = 0
    pages_fetched = 0
    for item in fresh:
        if not (settings.fetch_pages and item.url):
            items.append(item)
            continue
        if pages_fetched >= settings.max_pages_per_poll:
            deferred += 1  # not landed: still new next time, when its page is fetched
            continue
        pages_fetched += 1
        with_article, page_records = with_page(item, source, client, robots)
        items.append(with_article)
        records.extend(page_records)
    if deferred:
        warnings.append(
            f"{deferred} new items deferred to the next poll (page limit {settings.max_pages_per_poll})"
        )
    main = row("ok", items_found=len(parsed.items), warning="; ".join(warnings) or None)
    # With items deferred the validators are not kept, so the next poll sees the feed again in full.
    return SourcePoll(source, main, items, records, validators=None if deferred else validators)


def poll_page(
    source: Source,
    state: SourceState,
    client: HttpClient,
    robots: RobotsCache | None,
) -> SourcePoll:
    """A ``page`` source: one article URL, landed again only when its main text changed."""
    url = source.location
    page = fetch_page(
        url,
        source_name=source.name,
        allow_private_network=source.allow_private_network,
        client=client,
        robots=robots,
    )
    *earlier, main = page.records
    if page.status != "ok" or page.html is None:
        return SourcePoll(source, main, records=earlier, failed=True)
    text_digest = str(page.facts.get("text_sha256") or hashlib.sha256(page.html.encode()).hexdigest())
    validators = Validators(None, None, text_digest)
    if text_digest == state.body_sha256:
        return SourcePoll(source, replace(main, outcome="unchanged"), records=earlier, validators=validators)
    item = FetchedItem(
        url,
        page.html,
        "text/html",
        url=url,
        title=page.facts.get("title"),
        payload={"page": page.facts},
        page_status="ok",
    )
    return SourcePoll(source, replace(main, items_found=1), [item], earlier, validators=validators)


def poll_folder(source: Source) -> SourcePoll:
    scan = scan_folder(Path(source.location))
    records = [
        FetchRecord(source.name, source.location, "error", error=error, request_kind="folder", attempts=0)
        for error in scan.errors
    ]
    if scan.unreadable:
        return SourcePoll(source, records[0], failed=True)
    main = FetchRecord(
        source.name, source.location, "ok", items_found=len(scan.items), request_kind="folder", attempts=0
    )
    return SourcePoll(source, main, scan.items, records)
