"""Stage 2: clean, de-duplicate, extract and load every pending raw item.

State lives in PostgreSQL, not in the scheduler: the stage claims batches of
``pending`` rows with ``FOR UPDATE SKIP LOCKED`` until none are left, so a
lost, late or repeated trigger changes nothing, and two workers never take
the same row. Each batch is one transaction, so a crash mid-batch leaves
nothing half-written and the batch's items stay pending.

Inside a batch, cleaning and extraction run per item in Python (an item that
fails there is marked ``failed`` with its reason). The writes are set-based:
one COPY-staged upsert for the batch's articles (``load.ARTICLES``), one
statement marking exact duplicates, one upsert for all their mentions
(``load.MENTIONS``), one statement removing stale mentions, one refresh of
every touched event and one UPDATE marking the items. Only the decision which
canonical event a mention reports is taken per mention (``event_store``). If
the set-based writes hit bad data (an integrity or data error, a refused row),
the batch rolls back to a savepoint and is written again item by item, each
item under its own savepoint, so one bad item is marked ``failed`` while the
rest of the batch lands.

Several workers may run this stage at once (``news_process`` maps
``DEFAULT_WORKERS`` of them): ``SKIP LOCKED`` gives each its own batches.
Claiming, cleaning, extraction, encoding the COPY data and the article COPY
itself run side by side. Everything that compares a batch with other batches
(exact duplicates, event merging, sameness, all against earlier article ids)
runs in write turns (``write_turns``): a batch's article ids come with its
turn, and it decides only after every earlier turn has committed, under the
write lock (``event_store.lock_events``) held to commit. So batches are decided
one after the other, in id order, exactly as one worker would decide them. A
worker that finds nothing pending stops.

Load transactions commit with ``synchronous_commit = off``: a server crash may
lose the last fraction of a second of acknowledged batches, never part of one.
Nothing is lost with them: the raw items they processed were committed by the
fetch stage and go back to ``pending`` with the lost transaction, so the next
run processes them again.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import psycopg2
import psycopg2.extensions

from summitwatch.clean.article import Article, EmptyArticle, RawItem, clean_item
from summitwatch.db.connection import transaction
from summitwatch.db.upsert import PreparedRows, prepare_rows, upsert_prepared
from summitwatch.dedupe.store import StoredArticle, dedupe_articles
from summitwatch.events import EXTRACTOR_VERSION, Event, extract_article
from summitwatch.events.status import STATUS_RANK
from summitwatch.pipeline.event_store import (
    NewMention,
    decide_events,
    mention_row,
    refresh_events,
    split_events,
    store_mentions,
)
from summitwatch.pipeline.load import ARTICLES, ArticleRow
from summitwatch.pipeline.write_turns import WriteTurn, take_write_turn, wait_for_turn

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 200
# Workers news_process runs side by side: the machines it runs on have two cores or more.
DEFAULT_WORKERS = 2


def _stage(mention: NewMention) -> tuple[int, float]:
    """How far along a mention reports its gathering: status rank, then confidence."""
    return STATUS_RANK.get(mention.event.status, -1), mention.event.confidence


# Bad data for one item: recorded on the item, never fatal for the batch.
_ITEM_ERRORS = (ValueError, LookupError, psycopg2.DataError, psycopg2.IntegrityError)


@dataclass
class ProcessSummary:
    batches: int = 0
    items: int = 0
    articles: int = 0
    failed: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    revisions: int = 0
    new_stories: int = 0
    mentions: int = 0
    event_ids: set[int] = field(default_factory=set)

    def as_dict(self) -> dict[str, int]:
        return {
            "batches": self.batches,
            "items": self.items,
            "articles": self.articles,
            "failed": self.failed,
            "exact_duplicates": self.exact_duplicates,
            "near_duplicates": self.near_duplicates,
            "revisions": self.revisions,
            "new_stories": self.new_stories,
            "mentions": self.mentions,
            "events_touched": len(self.event_ids),
        }


def _claim(cur: psycopg2.extensions.cursor, batch_size: int) -> list[RawItem]:
    cur.execute(
        """
        SELECT item_id, source_name, item_key, url, title, published_at, content, content_type,
               payload->>'file_name', (payload->'warc'->>'date')::timestamptz
        FROM raw.items
        WHERE process_state = 'pending'
        ORDER BY item_id
        LIMIT %s
        FOR UPDATE SKIP LOCKED
        """,
        (batch_size,),
    )
    return [RawItem(*row) for row in cur.fetchall()]


@dataclass(frozen=True)
class _Prepared:
    """An item cleaned and read in Python, ready to be written."""

    article: Article
    events: tuple[Event, ...]
    # Handed out with the batch's write turn (None until then); a reprocessed item's
    # article keeps the id it has.
    article_id: int | None = None


@dataclass
class _Written:
    stored: list[StoredArticle] = field(default_factory=list)
    failures: dict[int, str] = field(default_factory=dict)  # item id -> reason
    exact_duplicates: int = 0
    mentions: int = 0
    event_ids: set[int] = field(default_factory=set)

    def add(self, other: _Written) -> None:
        self.stored.extend(other.stored)
        self.failures.update(other.failures)
        self.exact_duplicates += other.exact_duplicates
        self.mentions += other.mentions
        self.event_ids |= other.event_ids


def _prepare(items: Sequence[RawItem], failures: dict[int, str]) -> list[_Prepared]:
    """Clean and extract each item; an item that fails here is recorded in ``failures``."""
    prepared = []
    for item in items:
        try:
            article = clean_item(item)
            # A duplicate still reports: its mentions count as reports of the same events.
            events = extract_article(article.as_document()).events
        except EmptyArticle as exc:
            failures[item.item_id] = f"empty: {exc}"
            continue
        except (ValueError, LookupError) as exc:
            log.warning("item %s (%s) failed: %s", item.item_id, item.item_key, exc)
            failures[item.item_id] = f"{type(exc).__name__}: {exc}"
            continue
        prepared.append(_Prepared(article, events))
    return prepared


def _article_row(article_id: int | None, article: Article) -> ArticleRow:
    return ArticleRow(
        article_id=article_id,
        item_id=article.item_id,
        source_name=article.source_name,
        doc_id=article.doc_id,
        canonical_url=article.canonical_url,
        title=article.title,
        body=article.body,
        language=article.language,
        published_at=article.published_at,
        published_precision=article.published_precision,
        content_hash=article.content_hash,
    )


def _mark_exact_duplicates(cur: psycopg2.extensions.cursor, article_ids: list[int]) -> int:
    """Point each article at the earliest one with its content hash; return how many have one."""
    cur.execute(
        """
        WITH batch AS (
            SELECT a.article_id,
                   (SELECT min(o.article_id) FROM core.articles o
                    WHERE o.content_hash = a.content_hash AND o.article_id < a.article_id) AS original
            FROM core.articles a
            WHERE a.article_id = ANY(%s)
        ), marked AS (
            UPDATE core.articles a SET exact_duplicate_of = b.original
            FROM batch b
            WHERE a.article_id = b.article_id AND a.exact_duplicate_of IS DISTINCT FROM b.original
        )
        SELECT count(original) FROM batch
        """,
        (article_ids,),
    )
    return int(cur.fetchone()[0])  # type: ignore[index]


def _article_rows(prepared: Sequence[_Prepared]) -> PreparedRows:
    return prepare_rows(ARTICLES, [_article_row(p.article_id, p.article) for p in prepared])


def _write(
    cur: psycopg2.extensions.cursor,
    turn: WriteTurn,
    prepared: Sequence[_Prepared],
    article_rows: PreparedRows | None = None,
) -> _Written:
    """Write the articles, duplicate marks, mentions and events of ``prepared``, set-based.

    The articles go in first, side by side with other workers; the rest waits for
    ``turn``. ``article_rows`` is ``_article_rows(prepared)`` when the caller prepared
    them already.
    """
    written = _Written()
    loaded = upsert_prepared(cur, _article_rows(prepared) if article_rows is None else article_rows)
    # From here on the batch is compared with what earlier batches stored.
    wait_for_turn(cur, turn)
    for refused in loaded.rejected:
        written.failures[prepared[refused.index].article.item_id] = f"refused: {refused.reason}"
    kept = [
        (p, int(loaded.returned[(p.article.item_id,)][0]))
        for p in prepared
        if (p.article.item_id,) in loaded.returned
    ]
    if not kept:
        return written
    article_ids = [article_id for _, article_id in kept]
    written.exact_duplicates = _mark_exact_duplicates(cur, article_ids)

    cur.execute(
        "SELECT article_id, coalesce(published_at, created_at) FROM core.articles WHERE article_id = ANY(%s)",
        (article_ids,),
    )
    reported_at = dict(cur.fetchall())
    new_mentions = [
        NewMention(article_id, position, event, reported_at[article_id])
        for p, article_id in kept
        for position, event in enumerate(p.events)
    ]
    event_ids, to_check = decide_events(cur, new_mentions, EXTRACTOR_VERSION)
    # An article reports a gathering once: of two of its mentions in one event, the one at the
    # latest stage stays (as within a document, SCHEMA "one event ... carrying the latest
    # status"; a present-tense headline over a report that they met is no "planned" report),
    # then the more confident one, then the first.
    reported: dict[tuple[int, int], NewMention] = {}
    for mention, event_id in zip(new_mentions, event_ids, strict=True):
        key = (mention.article_id, event_id)
        if key not in reported or _stage(mention) > _stage(reported[key]):
            reported[key] = mention
    mentions = [
        mention_row(article_id, event_id, mention.event, EXTRACTOR_VERSION)
        for (article_id, event_id), mention in reported.items()
    ]
    new_ids = {int(loaded.returned[key][0]) for key in loaded.inserted_keys}
    touched = store_mentions(cur, article_ids, mentions, EXTRACTOR_VERSION, new_article_ids=new_ids)
    refresh_events(cur, sorted(touched | split_events(cur, to_check)))
    written.mentions = len(mentions)
    written.event_ids = {int(m[1]) for m in mentions}
    written.stored = [
        StoredArticle(
            article_id,
            p.article.body,
            p.article.content_hash,
            p.article.canonical_url,
            p.article.published_at,
            p.article.published_precision,
            fetched_at=reported_at[article_id],
            events=p.events,
        )
        for p, article_id in kept
    ]
    return written


def _write_item_by_item(
    cur: psycopg2.extensions.cursor, turn: WriteTurn, prepared: Sequence[_Prepared]
) -> _Written:
    """The same writes one item at a time, each under a savepoint: a bad item fails alone."""
    written = _Written()
    for p in prepared:
        cur.execute("SAVEPOINT item")
        try:
            written.add(_write(cur, turn, [p]))
        except _ITEM_ERRORS as exc:
            cur.execute("ROLLBACK TO SAVEPOINT item")
            log.warning("item %s (%s) failed: %s", p.article.item_id, p.article.doc_id, exc)
            written.failures[p.article.item_id] = f"{type(exc).__name__}: {exc}"
            continue
        cur.execute("RELEASE SAVEPOINT item")
    return written


def _mark(cur: psycopg2.extensions.cursor, items: Sequence[RawItem], failures: dict[int, str]) -> None:
    ids = [item.item_id for item in items]
    cur.execute(
        """
        UPDATE raw.items i SET
            process_state = CASE WHEN u.error IS NULL THEN 'done' ELSE 'failed' END,
            process_error = u.error, processed_at = now()
        FROM unnest(%s::bigint[], %s::text[]) AS u(item_id, error)
        WHERE i.item_id = u.item_id
        """,
        (ids, [failures.get(i) for i in ids]),
    )


def process_batch(conn: psycopg2.extensions.connection, batch_size: int, summary: ProcessSummary) -> int:
    """Claim and process one batch in one transaction; return how many items it held."""
    with transaction(conn) as cur:
        # Safe to lose on a server crash: the raw items are kept and simply stay pending.
        cur.execute("SET LOCAL synchronous_commit = off")
        items = _claim(cur, batch_size)
        if not items:
            return 0
        failures: dict[int, str] = {}
        cleaned = _prepare(items, failures)
        # Taken once the batch is ready to write, so a slow batch does not hold up the
        # ones behind it; outside the savepoint below, so it lasts to commit even when
        # the batch falls back to writing item by item.
        turn = take_write_turn(cur, len(cleaned))
        prepared = [
            dataclasses.replace(p, article_id=article_id)
            for p, article_id in zip(cleaned, turn.article_ids, strict=True)
        ]
        article_rows = _article_rows(prepared)
        cur.execute("SAVEPOINT batch")
        try:
            written = _write(cur, turn, prepared, article_rows)
        except _ITEM_ERRORS as exc:
            cur.execute("ROLLBACK TO SAVEPOINT batch")
            log.warning(
                "batch of %s items: %s: %s; writing it item by item", len(items), type(exc).__name__, exc
            )
            written = _write_item_by_item(cur, turn, prepared)
        else:
            cur.execute("RELEASE SAVEPOINT batch")
        failures.update(written.failures)
        # Sameness is decided for the batch as a whole: one index lookup for all its articles.
        sameness = dedupe_articles(cur, written.stored)
        _mark(cur, items, failures)
        summary.items += len(items)
        summary.articles += len(written.stored)
        summary.failed += len(failures)
        summary.exact_duplicates += written.exact_duplicates
        summary.mentions += written.mentions
        summary.event_ids |= written.event_ids
        summary.near_duplicates += sameness.near_duplicates
        summary.revisions += sameness.revisions
        summary.new_stories += sameness.new_stories
    return len(items)


def combined_counts(summaries: Sequence[dict[str, int]]) -> dict[str, int]:
    """The counts of several workers' ``ProcessSummary.as_dict()`` added up.

    ``events_touched`` is a sum too: an event two workers touched counts twice.
    """
    total: dict[str, int] = {}
    for summary in summaries:
        for name, value in summary.items():
            total[name] = total.get(name, 0) + value
    return total


def process_pending(
    conn: psycopg2.extensions.connection,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_batches: int | None = None,
) -> ProcessSummary:
    """Process every pending raw item, batch by batch, until none is left."""
    summary = ProcessSummary()
    while max_batches is None or summary.batches < max_batches:
        if process_batch(conn, batch_size, summary) == 0:
            break
        summary.batches += 1
    log.info("processed %s", summary.as_dict())
    return summary
