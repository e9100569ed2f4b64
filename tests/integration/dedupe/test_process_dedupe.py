"""Sameness levels through the process stage, against real PostgreSQL."""

from __future__ import annotations

import importlib.util
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg2.extensions

from summitwatch.dedupe.decide import NEAR_DUPLICATE_WINDOW_DAYS
from summitwatch.dedupe.store import BAND_LOOKUP
from summitwatch.pipeline.process import process_pending

_spec = importlib.util.spec_from_file_location(
    "dedupe_texts", Path(__file__).parents[2] / "unit/dedupe/texts.py"
)
assert _spec is not None and _spec.loader is not None
texts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(texts)

PUBLISHED = datetime(2024, 5, 14, 8, 0, tzinfo=UTC)


def _land(
    cur: psycopg2.extensions.cursor,
    source: str,
    key: str,
    url: str | None,
    text: str,
    published: datetime = PUBLISHED,
) -> None:
    cur.execute(
        """
        INSERT INTO raw.items (source_name, item_key, content_sha256, url, published_at, content, content_type)
        VALUES (%s, %s, encode(sha256(convert_to(%s, 'UTF8')), 'hex'), %s, %s, %s, 'text/plain')
        """,
        (source, key, text, url, published, text),
    )


def _articles(cur: psycopg2.extensions.cursor) -> dict[str, tuple]:
    cur.execute(
        """
        SELECT a.doc_id, a.article_id, a.canonical_url, a.exact_duplicate_of, a.near_duplicate_of,
               a.revision_of, a.story_id
        FROM core.articles a ORDER BY a.article_id
        """
    )
    return {row[0]: row[1:] for row in cur.fetchall()}


def _counts(cur: psycopg2.extensions.cursor) -> tuple[int, ...]:
    counts = []
    for table in (
        "core.articles",
        "core.article_bands",
        "core.article_signatures",
        "core.article_story_terms",
        "core.stories",
    ):
        cur.execute(f"SELECT count(*) FROM {table}")
        counts.append(cur.fetchone()[0])
    return tuple(counts)


def test_levels_are_stored_and_a_rerun_changes_nothing(db: psycopg2.extensions.connection) -> None:
    with db.cursor() as cur:
        for name in ("wire", "zeitung", "kurier", "daily"):
            cur.execute("INSERT INTO raw.sources (name, kind, location) VALUES (%s, 'push', 'test')", (name,))
        _land(cur, "wire", "w1", "https://wire.example/de/scholz-paris?utm_source=rss", texts.WIRE_DE)
        _land(cur, "zeitung", "z1", "https://www.zeitung.example/politik/scholz-paris/", texts.WIRE_DE_COPY)
        _land(cur, "kurier", "k1", "https://kurier.example/scholz-macron", texts.REWRITE_DE)
        _land(cur, "wire", "w2", "https://wire.example/en/scholz-paris", texts.WIRE_EN)
        _land(cur, "daily", "d1", "https://daily.example/world/scholz-paris", texts.REWRITE_EN)
        _land(cur, "daily", "d2", "https://daily.example/markets/boj", texts.OTHER_EN)
        # the same page fetched again with new tracking and a corrected body: a revision
        _land(
            cur,
            "wire",
            "w1-again",
            "https://wire.example/de/scholz-paris?fbclid=abc#top",
            texts.WIRE_DE.replace("Donnerstag", "Freitag"),
        )
    db.commit()

    summary = process_pending(db, batch_size=4)
    assert summary.failed == 0
    assert summary.as_dict()["near_duplicates"] == 2
    with db.cursor() as cur:
        articles = _articles(cur)
        counts = _counts(cur)
    wire, copy, rewrite = articles["wire:w1"], articles["zeitung:z1"], articles["kurier:k1"]
    wire_en, rewrite_en, other = articles["wire:w2"], articles["daily:d1"], articles["daily:d2"]
    again = articles["wire:w1-again"]

    assert wire[1] == again[1] == "https://wire.example/de/scholz-paris"
    assert again[4] == wire[0]  # revision_of the first fetch
    assert again[3] == wire[0]  # and a near duplicate of it
    assert copy[3] == wire[0] and copy[2] is None  # near, not exact
    assert rewrite[3] is None and rewrite[5] == wire[5]  # same story, not a duplicate
    # The English version tells the same story (same names, same days) but copies no text.
    assert wire_en[3] is None and wire_en[5] == wire[5]
    assert rewrite_en[3] is None and rewrite_en[5] == wire[5]
    assert other[5] == other[0]  # founds its own story

    with db.cursor() as cur:
        cur.execute("SELECT articles, independent_reports FROM core.stories WHERE story_id = %s", (wire[5],))
        assert cur.fetchone() == (6, 4)
        cur.execute("SELECT count(*) FROM core.article_bands WHERE article_id = %s", (wire[0],))
        assert cur.fetchone()[0] == 32

    # Nothing pending: nothing changes.
    assert process_pending(db).items == 0
    # Everything processed again: the same rows, ids and decisions.
    with db.cursor() as cur:
        cur.execute("UPDATE raw.items SET process_state = 'pending', processed_at = NULL")
    db.commit()
    again_summary = process_pending(db, batch_size=3)
    assert again_summary.items == 7 and again_summary.failed == 0
    with db.cursor() as cur:
        assert _articles(cur) == articles
        assert _counts(cur) == counts


def test_band_lookup_reads_only_the_partitions_of_its_window(db: psycopg2.extensions.connection) -> None:
    """A batch of 14 May 2024 looks for copies from 15 February to 12 August: three quarters' indexes."""
    day, near = PUBLISHED.date(), timedelta(days=NEAR_DUPLICATE_WINDOW_DAYS)
    params = {
        "band": [1, 2],
        "hash": [5, 6],
        "band_lo": [day - near] * 2,
        "band_hi": [day + near] * 2,
        "all_lo": day - near,
        "all_hi": day + near,
        "first": 10,
    }
    with db.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("EXPLAIN " + BAND_LOOKUP, params)
        plan = "\n".join(row[0] for row in cur.fetchall())
    scanned = set(re.findall(r"Index (?:Only )?Scan using (\w+) on (\w+)", plan))
    assert {table for _, table in scanned} == {
        "article_bands_2024q1",
        "article_bands_2024q2",
        "article_bands_2024q3",
    }
    assert all(index.endswith("_pkey") for index, _ in scanned)


def test_stories_follow_what_is_reported_about_the_gathering(db: psycopg2.extensions.connection) -> None:
    """Announced, then called off the next day, and a speech without any gathering: three stories,
    decided across batches against the profiles stored in PostgreSQL."""
    next_day = PUBLISHED + timedelta(days=1)
    with db.cursor() as cur:
        for name in ("wire", "daily"):
            cur.execute("INSERT INTO raw.sources (name, kind, location) VALUES (%s, 'push', 'test')", (name,))
        _land(cur, "wire", "announced", "https://wire.example/de/scholz-paris", texts.WIRE_DE)
        _land(cur, "daily", "announced-en", "https://daily.example/scholz-paris", texts.WIRE_EN)
        _land(cur, "wire", "off", "https://wire.example/de/absage", texts.CANCELLED_DE, next_day)
        _land(cur, "daily", "off-en", "https://daily.example/called-off", texts.CANCELLED_EN, next_day)
        _land(cur, "wire", "speech", "https://wire.example/de/rente", texts.SPEECH_DE, next_day)
    db.commit()

    summary = process_pending(db, batch_size=2)
    assert summary.failed == 0
    with db.cursor() as cur:
        story = {doc_id: row[5] for doc_id, row in _articles(cur).items()}
        cur.execute("SELECT article_id FROM core.articles WHERE doc_id = 'wire:off'")
        (called_off,) = cur.fetchone()
    assert story["daily:announced-en"] == story["wire:announced"]
    assert story["wire:off"] == called_off != story["wire:announced"]
    assert story["daily:off-en"] == called_off
    assert story["wire:speech"] not in (story["wire:announced"], called_off)
