"""Stage 2: clean, extract, load and de-duplicate every pending raw item, batch by batch.

State lives in PostgreSQL, not in the scheduler: the stage claims batches of
``pending`` rows with ``FOR UPDATE SKIP LOCKED`` until none are left, so a
lost, late or repeated trigger changes nothing, and two workers never take
the same row. Each batch is one transaction, so a crash mid-batch leaves
nothing half-written and the batch's items stay pending.

``process_batch`` reads top to bottom in the order a batch goes, the order the
README's "Data flow of one batch" describes; ``pipeline.load`` does the writing.
An item that fails in Python (cleaning, extraction) is marked ``failed`` with its
reason. If the set-based writes hit bad data (an integrity or data error, a refused row),
the batch rolls back to a savepoint and is written again item by item, each item
under its own savepoint, so one bad item is marked ``failed`` while the rest of
the batch lands.

Several workers may run this stage at once (``news_process`` maps
``DEFAULT_WORKERS`` of them): ``SKIP LOCKED`` gives each its own batches.
Claiming, cleaning, extraction, the MinHash signatures, encoding the COPY data,
the article COPY and the articles' own signature rows run side by side. Everything that compares a batch
with other batches (event merging, sameness, all against earlier article ids)
runs in write turns (``write_turns``): a batch's article ids come with its turn,
and it decides only after every earlier turn has committed, under the write lock
(``write_turns.lock_events``) held to commit. So batches are decided one after the
other, in id order, exactly as one worker would decide them. A worker that finds
nothing pending stops.

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

from summitwatch.clean.article import EmptyArticle, RawItem, clean_item
from summitwatch.db.connection import transaction
from summitwatch.db.upsert import PreparedRows
from summitwatch.dedupe.store import Signed, dedupe_articles, sign, store_signatures
from summitwatch.events import extract_article
from summitwatch.pipeline import load
from summitwatch.pipeline.load import ReadItem, Written
from summitwatch.pipeline.write_turns import WriteTurn, take_write_turn, wait_for_turn

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 200
# Workers news_process runs side by side: the machines it runs on have two cores or more.
DEFAULT_WORKERS = 2

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


def claim(cur: psycopg2.extensions.cursor, batch_size: int) -> list[RawItem]:
    """Up to ``batch_size`` pending raw items, in id order, locked for this transaction."""
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


def read(items: Sequence[RawItem], failures: dict[int, str]) -> list[ReadItem]:
    """Clean, extract and sign each item; an item that fails here is recorded in ``failures``."""
    batch = []
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
        signed = sign(
            article.body, article.content_hash, article.published_at, article.published_precision, events
        )
        batch.append(ReadItem(article, events, signed))
    return batch


def write(
    cur: psycopg2.extensions.cursor,
    turn: WriteTurn,
    batch: Sequence[ReadItem],
    rows: PreparedRows | None = None,
) -> tuple[Written, Signed]:
    """Write the articles of ``batch`` and their signatures side by side with other workers,
    then, in ``turn``, its events and mentions.

    ``rows`` is ``load.article_rows(batch)`` when the caller encoded them already.
    """
    articles = load.write_articles(cur, batch, rows)
    signed = store_signatures(cur, articles.stored)
    # From here on the batch is compared with what earlier batches stored.
    wait_for_turn(cur, turn)
    return load.write_events(cur, articles), signed


def _write_item_by_item(
    cur: psycopg2.extensions.cursor, turn: WriteTurn, batch: Sequence[ReadItem]
) -> tuple[Written, Signed]:
    """The same writes one item at a time, each under a savepoint: a bad item fails alone."""
    written, signed = Written(), Signed()
    for one in batch:
        cur.execute("SAVEPOINT item")
        try:
            item_written, item_signed = write(cur, turn, [one])
        except _ITEM_ERRORS as exc:
            cur.execute("ROLLBACK TO SAVEPOINT item")
            log.warning("item %s (%s) failed: %s", one.article.item_id, one.article.doc_id, exc)
            written.failures[one.article.item_id] = f"{type(exc).__name__}: {exc}"
            continue
        cur.execute("RELEASE SAVEPOINT item")
        written.add(item_written)
        signed.add(item_signed)
    return written, signed


def process_batch(conn: psycopg2.extensions.connection, batch_size: int, summary: ProcessSummary) -> int:
    """Claim and process one batch in one transaction; return how many items it held."""
    with transaction(conn) as cur:
        # Safe to lose on a server crash: the raw items are kept and simply stay pending.
        cur.execute("SET LOCAL synchronous_commit = off")
        items = claim(cur, batch_size)
        if not items:
            return 0
        failures: dict[int, str] = {}
        batch = read(items, failures)
        # Taken once the batch is ready to write, so a slow batch does not hold up the
        # ones behind it; outside the savepoint below, so it lasts to commit even when
        # the batch falls back to writing item by item.
        turn = take_write_turn(cur, len(batch))
        batch = [dataclasses.replace(r, article_id=i) for r, i in zip(batch, turn.article_ids, strict=True)]
        rows = load.article_rows(batch)
        cur.execute("SAVEPOINT batch")
        try:
            written, signed = write(cur, turn, batch, rows)
        except _ITEM_ERRORS as exc:
            cur.execute("ROLLBACK TO SAVEPOINT batch")
            log.warning(
                "batch of %s items: %s: %s; writing it item by item", len(items), type(exc).__name__, exc
            )
            written, signed = _write_item_by_item(cur, turn, batch)
        else:
            cur.execute("RELEASE SAVEPOINT batch")
        failures.update(written.failures)
        # Sameness is decided for the batch as a whole: one index lookup for all its articles.
        sameness = dedupe_articles(cur, written.stored, signed)
        load.mark_items(cur, items, failures)
        summary.items += len(items)
        summary.articles += len(written.stored)
        summary.failed += len(failures)
        summary.mentions += written.mentions
        summary.event_ids |= written.event_ids
        summary.exact_duplicates += sameness.exact_duplicates
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
