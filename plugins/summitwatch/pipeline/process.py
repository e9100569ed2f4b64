"""Stage 2: clean, de-duplicate, extract and load every pending raw item.

State lives in PostgreSQL, not in the scheduler: the stage claims batches of
``pending`` rows with ``FOR UPDATE SKIP LOCKED`` until none are left, so a
lost, late or repeated trigger changes nothing, and two workers never take
the same row. Each batch is one transaction; each item inside it runs under
a savepoint, so one bad item is marked ``failed`` with its reason while the
rest of the batch lands.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import psycopg2
import psycopg2.extensions

from summitwatch.clean.article import Article, EmptyArticle, RawItem, clean_item
from summitwatch.db.connection import transaction
from summitwatch.dedupe.store import StoredArticle, dedupe_articles
from summitwatch.events import EXTRACTOR_VERSION, extract_document
from summitwatch.pipeline.event_store import store_events

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 200


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
               payload->>'file_name'
        FROM raw.items
        WHERE process_state = 'pending'
        ORDER BY item_id
        LIMIT %s
        FOR UPDATE SKIP LOCKED
        """,
        (batch_size,),
    )
    return [RawItem(*row) for row in cur.fetchall()]


def _upsert_article(cur: psycopg2.extensions.cursor, article: Article) -> tuple[int, int | None]:
    cur.execute(
        """
        INSERT INTO core.articles (item_id, source_name, doc_id, canonical_url, title, body, language,
                                   published_at, published_precision, content_hash)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
        ON CONFLICT (item_id) DO UPDATE SET
            doc_id = EXCLUDED.doc_id, canonical_url = EXCLUDED.canonical_url, title = EXCLUDED.title,
            body = EXCLUDED.body, language = EXCLUDED.language, published_at = EXCLUDED.published_at,
            published_precision = EXCLUDED.published_precision, content_hash = EXCLUDED.content_hash,
            updated_at = now()
        RETURNING article_id
        """,
        (
            article.item_id,
            article.source_name,
            article.doc_id,
            article.canonical_url,
            article.title,
            article.body,
            article.language,
            article.published_at,
            article.published_precision,
            article.content_hash,
        ),
    )
    article_id = int(cur.fetchone()[0])  # type: ignore[index]
    cur.execute(
        "SELECT min(article_id) FROM core.articles WHERE content_hash = %s AND article_id < %s",
        (article.content_hash, article_id),
    )
    original = cur.fetchone()[0]  # type: ignore[index]
    cur.execute(
        "UPDATE core.articles SET exact_duplicate_of = %s WHERE article_id = %s "
        "AND exact_duplicate_of IS DISTINCT FROM %s",
        (original, article_id, original),
    )
    return article_id, original


def _process_item(cur: psycopg2.extensions.cursor, item: RawItem, summary: ProcessSummary) -> StoredArticle:
    article = clean_item(item)
    article_id, original = _upsert_article(cur, article)
    summary.articles += 1
    if original is not None:
        summary.exact_duplicates += 1
    # A duplicate still reports: its mentions count as reports of the same events.
    extracted = extract_document(article.as_document())
    event_ids = store_events(cur, article_id, article.published_at, list(extracted.events), EXTRACTOR_VERSION)
    summary.mentions += len(event_ids)
    summary.event_ids.update(event_ids)
    return StoredArticle(
        article_id,
        article.body,
        article.content_hash,
        article.canonical_url,
        article.published_at,
        article.published_precision,
    )


def _mark(cur: psycopg2.extensions.cursor, item_id: int, error: str | None) -> None:
    cur.execute(
        """
        UPDATE raw.items SET process_state = %s, process_error = %s, processed_at = now()
        WHERE item_id = %s
        """,
        ("failed" if error else "done", error, item_id),
    )


def process_batch(conn: psycopg2.extensions.connection, batch_size: int, summary: ProcessSummary) -> int:
    """Claim and process one batch in one transaction; return how many items it held."""
    with transaction(conn) as cur:
        items = _claim(cur, batch_size)
        stored: list[StoredArticle] = []
        for item in items:
            cur.execute("SAVEPOINT item")
            try:
                stored.append(_process_item(cur, item, summary))
            except EmptyArticle as exc:
                cur.execute("ROLLBACK TO SAVEPOINT item")
                _mark(cur, item.item_id, f"empty: {exc}")
                summary.failed += 1
                continue
            except (ValueError, LookupError, psycopg2.DataError, psycopg2.IntegrityError) as exc:
                # Bad input for this item: record why, keep the batch going.
                cur.execute("ROLLBACK TO SAVEPOINT item")
                log.warning("item %s (%s) failed: %s", item.item_id, item.item_key, exc)
                _mark(cur, item.item_id, f"{type(exc).__name__}: {exc}")
                summary.failed += 1
                continue
            cur.execute("RELEASE SAVEPOINT item")
            _mark(cur, item.item_id, None)
        # Sameness is decided for the batch as a whole: one index lookup for all its articles.
        sameness = dedupe_articles(cur, stored)
        summary.near_duplicates += sameness.near_duplicates
        summary.revisions += sameness.revisions
        summary.new_stories += sameness.new_stories
        summary.items += len(items)
    return len(items)


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
