"""COPY-staged upserts: exact round trips, per-row refusals, all-or-nothing batches, no-op reruns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import pytest

from summitwatch.db.connection import transaction
from summitwatch.db.copy_text import BulkLoadError
from summitwatch.db.exact_text import restore_nul
from summitwatch.db.upsert import UpsertTarget, upsert_rows
from summitwatch.pipeline.load import ARTICLES, MENTIONS

# Team-written strings that break naive loaders: COPY's own escapes, quoting, line ends.
AWKWARD = [
    "plain text",
    "it's \"quoted\" and 'single-quoted'",
    "back\\slash, double \\\\ and a literal \\N and \\t and \\.",
    "tab\there",
    "line one\nline two\n",
    "windows\r\nline end and a lone \r carriage return",
    "\\.\n\\.",
    "  leading and trailing spaces  ",
    "Gipfel in Genf: Ärger über „Anführungszeichen“ und ß",
    "emoji 🤝 and right-to-left: قمة",
    "comma, {braces}, NULL, and a semicolon;",
    "",
]


def _sources_and_items(conn: psycopg2.extensions.connection, count: int) -> list[int]:
    with transaction(conn) as cur:
        cur.execute(
            "INSERT INTO raw.sources (name, kind, location) VALUES ('bulk', 'feed', 'http://bulk.example/feed')"
        )
        ids = []
        for number in range(count):
            cur.execute(
                "INSERT INTO raw.items (source_name, item_key, content_sha256, content, content_type) "
                "VALUES ('bulk', %s, %s, 'x', 'text/plain') RETURNING item_id",
                (f"item-{number}", f"{number:064x}"),
            )
            ids.append(cur.fetchone()[0])
    return ids


def _article(item_id: int | None, body: str, title: str | None = "A title") -> tuple[Any, ...]:
    # The item id stands in for the article id a write turn would hand out.
    return (
        item_id,
        item_id,
        "bulk",
        f"bulk/{item_id}",
        f"http://bulk.example/{item_id}",
        title,
        body,
        "en",
        datetime(2018, 7, 16, 12, 30, 15, tzinfo=UTC),
        "second",
        f"{item_id or 0:064x}",
    )


def _mention(article_id: int, event_id: int, participants: list[str], evidence: str) -> tuple[Any, ...]:
    return (
        article_id,
        event_id,
        "bulk-1",
        "summit",
        "held",
        participants,
        [],
        "Helsinki",
        "FI",
        "2018-07-16",
        evidence,
        0.75,
    )


def _event(conn: psycopg2.extensions.connection) -> int:
    with transaction(conn) as cur:
        cur.execute(
            "INSERT INTO events.events (event_key, kind, status, participants, confidence) "
            "VALUES ('bulk:event', 'summit', 'held', ARRAY['Donald Trump'], 0.5) RETURNING event_id"
        )
        return int(cur.fetchone()[0])


def _count(conn: psycopg2.extensions.connection, table: str) -> int:
    with conn.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {table}")
        value = int(cur.fetchone()[0])
    conn.commit()
    return value


def test_text_round_trips_exactly(db: psycopg2.extensions.connection) -> None:
    items = _sources_and_items(db, len(AWKWARD))
    # Bodies must hold a visible character; titles may be anything, including '' (which is not NULL).
    rows = [_article(i, f"Body: {text}", title=text) for i, text in zip(items, AWKWARD, strict=True)]
    with transaction(db) as cur:
        result = upsert_rows(cur, ARTICLES, rows)
    assert (result.inserted, result.updated, result.unchanged, result.rejected) == (len(rows), 0, 0, [])
    with db.cursor() as cur:
        cur.execute("SELECT item_id, title, body, published_at FROM core.articles ORDER BY item_id")
        stored = cur.fetchall()
    assert stored == [(r[1], r[5], r[6], r[8]) for r in rows]
    # Every row came back with its surrogate key.
    assert sorted(result.returned) == [(i,) for i in items]


def test_null_and_empty_string_stay_different(db: psycopg2.extensions.connection) -> None:
    items = _sources_and_items(db, 2)
    with transaction(db) as cur:
        upsert_rows(cur, ARTICLES, [_article(items[0], "b", title=None), _article(items[1], "b", title="")])
        cur.execute("SELECT title IS NULL, title FROM core.articles ORDER BY item_id")
        assert cur.fetchall() == [(True, None), (False, "")]


def test_arrays_round_trip_exactly(db: psycopg2.extensions.connection) -> None:
    [item] = _sources_and_items(db, 1)
    event_id = _event(db)
    participants = [
        "Name, with comma",
        'with "quotes"',
        "back\\slash",
        "{braces}",
        "NULL",
        " spaced ",
        "tab\tnew\nline",
    ]
    with transaction(db) as cur:
        article_id = upsert_rows(cur, ARTICLES, [_article(item, "body")]).returned[(item,)][0]
        result = upsert_rows(cur, MENTIONS, [_mention(article_id, event_id, participants, "They met.")])
        assert result.inserted == 1
        cur.execute("SELECT participants, organizations, confidence FROM events.mentions")
        assert cur.fetchall() == [(participants, [], 0.75)]


def _stored_text(conn: psycopg2.extensions.connection) -> list[tuple[Any, ...]]:
    """Titles and bodies read back as the pipeline reads them: with their NULs put back."""
    with conn.cursor() as cur:
        cur.execute(
            "SELECT item_id, title, title_nul_offsets, body, body_nul_offsets FROM core.articles ORDER BY item_id"
        )
        rows = [
            (item, restore_nul(title, title_nuls), restore_nul(body, body_nuls))
            for item, title, title_nuls, body, body_nuls in cur.fetchall()
        ]
    conn.commit()
    return rows


def test_nul_characters_in_article_text_round_trip_exactly(db: psycopg2.extensions.connection) -> None:
    items = _sources_and_items(db, 4)
    rows = [
        _article(items[0], "nul \x00 inside, \x00\x00 twice, and at the end\x00", title="\x00lead"),
        _article(items[1], "\x00\x00 starts with two and has a tab\tand \\ backslash"),
        _article(items[2], "no NUL at all", title=None),
        _article(items[3], "a lone NUL \x00 next to \\N and \\.", title="\x00"),
    ]
    with transaction(db) as cur:
        result = upsert_rows(cur, ARTICLES, rows)
    assert (result.inserted, result.rejected) == (4, [])
    assert _stored_text(db) == [(row[1], row[5], row[6]) for row in rows]
    with db.cursor() as cur:
        # Analysts read the text without the NULs; the offsets say where they were.
        cur.execute("SELECT body, body_nul_offsets FROM core.articles WHERE item_id = %s", (items[0],))
        assert cur.fetchone() == ("nul  inside,  twice, and at the end", [4, 14, 15, 38])
        cur.execute("SELECT count(*) FROM core.articles WHERE body_nul_offsets IS NULL")
        assert cur.fetchone() == (1,)
    db.commit()

    # The same text again is a no-op; the same text with its NULs elsewhere is a change.
    with transaction(db) as cur:
        again = upsert_rows(cur, ARTICLES, rows)
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, 4)
        moved = _article(items[2], "no NUL at all\x00", title=None)
        changed = upsert_rows(cur, ARTICLES, [moved])
        assert (changed.updated, changed.unchanged) == (1, 0)
    assert _stored_text(db)[2] == (items[2], None, "no NUL at all\x00")


def test_nul_outside_article_text_and_broken_unicode_are_refused_per_row(
    db: psycopg2.extensions.connection,
) -> None:
    items = _sources_and_items(db, 3)
    rows = [
        _article(items[0], "fine"),
        _article(items[1], "fine too", title="title with a lone surrogate \udc80"),
        _article(items[2], "also fine"),
    ]
    with transaction(db) as cur:
        result = upsert_rows(cur, ARTICLES, rows)
        assert result.inserted == 2
        assert [(r.index, r.key) for r in result.rejected] == [(1, (items[1],))]
        assert "column title is not valid Unicode" in result.rejected[0].reason
        assert sorted(result.returned) == [(items[0],), (items[2],)]
    event_id = _event(db)
    article_id = result.returned[(items[0],)][0]
    with transaction(db) as cur:
        mentions = upsert_rows(
            cur,
            MENTIONS,
            [
                _mention(article_id, event_id, ["Donald Trump"], "They met.\x00"),
                _mention(article_id, event_id, ["Vladimir Putin"], "They met."),
            ],
        )
    # Both rows have the same key: the second one wins, the first is not even encoded for COPY.
    assert (mentions.superseded, mentions.inserted, mentions.rejected) == (1, 1, [])
    with transaction(db) as cur:
        refused = upsert_rows(cur, MENTIONS, [_mention(article_id, event_id, ["Donald Trump"], "Nul\x00")])
    assert refused.inserted == 0
    assert "column evidence contains a NUL character" in refused.rejected[0].reason
    assert _count(db, "core.articles") == 2


def test_an_article_must_name_the_source_of_its_item(db: psycopg2.extensions.connection) -> None:
    [item] = _sources_and_items(db, 1)
    with transaction(db) as cur:
        cur.execute("INSERT INTO raw.sources (name, kind, location) VALUES ('other', 'push', 'test')")
    wrong = (item, item, "other", *_article(item, "body")[3:])
    with (
        pytest.raises(psycopg2.errors.ForeignKeyViolation, match="articles_item_source_fkey"),
        transaction(db) as cur,
    ):
        upsert_rows(cur, ARTICLES, [wrong])


def test_inserted_keys_and_keys_known_to_be_new(db: psycopg2.extensions.connection) -> None:
    items = _sources_and_items(db, 3)
    with transaction(db) as cur:
        first = upsert_rows(cur, ARTICLES, [_article(items[0], "one")])
        assert first.inserted_keys == {(items[0],)}
        # One existing key (staged, rewritten) and two new ones (copied straight in).
        rows = [_article(items[0], "one, edited"), _article(items[1], "two"), _article(items[2], "three")]
        second = upsert_rows(cur, ARTICLES, rows)
        assert (second.inserted, second.updated) == (2, 1)
        assert second.inserted_keys == {(items[1],), (items[2],)}
        article_id = first.returned[(items[0],)][0]
    event_id = _event(db)
    mention = _mention(article_id, event_id, ["Donald Trump"], "They met.")
    with transaction(db) as cur:
        cur.execute("SAVEPOINT before")
        known = {(article_id, event_id, "bulk-1")}
        assert upsert_rows(cur, MENTIONS, [mention], known_new=known).inserted_keys == known
    # A key wrongly declared new is not looked up: the unique index still refuses the duplicate.
    with pytest.raises(psycopg2.errors.UniqueViolation), transaction(db) as cur:
        upsert_rows(cur, MENTIONS, [mention], known_new=known)
    assert _count(db, "events.mentions") == 1


def test_rerun_is_a_no_op_and_a_change_is_one_update(db: psycopg2.extensions.connection) -> None:
    items = _sources_and_items(db, 3)
    rows = [_article(i, f"body {i}") for i in items]
    with transaction(db) as cur:
        first = upsert_rows(cur, ARTICLES, rows)
    with db.cursor() as cur:
        cur.execute("SELECT item_id, xmin::text, updated_at FROM core.articles ORDER BY item_id")
        before = cur.fetchall()
    db.commit()

    # The same rows again; then as a reprocessed item brings them, with the new ids of
    # its batch's write turn: the stored articles keep their ids. Both change nothing.
    renumbered = [(row[0] + 1000, *row[1:]) for row in rows]
    for rerun in (rows, renumbered):
        with transaction(db) as cur:
            again = upsert_rows(cur, ARTICLES, rerun)
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
        assert again.returned == first.returned
        with db.cursor() as cur:
            cur.execute("SELECT item_id, xmin::text, updated_at FROM core.articles ORDER BY item_id")
            assert cur.fetchall() == before  # not even rewritten: same row versions
        db.commit()

    changed = [rows[0], _article(items[1], "body changed"), rows[2]]
    with transaction(db) as cur:
        third = upsert_rows(cur, ARTICLES, changed)
    assert (third.inserted, third.updated, third.unchanged) == (0, 1, 2)
    with db.cursor() as cur:
        cur.execute(
            "SELECT body, updated_at > %s FROM core.articles WHERE item_id = %s", (before[1][2], items[1])
        )
        assert cur.fetchone() == ("body changed", True)


def test_last_row_of_a_key_wins_within_a_batch(db: psycopg2.extensions.connection) -> None:
    [item] = _sources_and_items(db, 1)
    with transaction(db) as cur:
        result = upsert_rows(cur, ARTICLES, [_article(item, "first"), _article(item, "second")])
        assert (result.inserted, result.superseded) == (1, 1)
        cur.execute("SELECT body FROM core.articles")
        assert cur.fetchall() == [("second",)]


def test_rows_without_a_key_are_refused(db: psycopg2.extensions.connection) -> None:
    [item] = _sources_and_items(db, 1)
    with transaction(db) as cur:
        result = upsert_rows(cur, ARTICLES, [_article(item, "ok"), _article(None, "no key")])
    assert result.inserted == 1
    assert [(r.index, r.reason) for r in result.rejected] == [(1, "a key column is empty")]


def test_a_failing_batch_leaves_nothing_behind(db: psycopg2.extensions.connection) -> None:
    items = _sources_and_items(db, 2)
    with pytest.raises(psycopg2.errors.ForeignKeyViolation), transaction(db) as cur:
        result = upsert_rows(cur, ARTICLES, [_article(i, "body") for i in items])
        article_id = result.returned[(items[0],)][0]
        # The mentions of the same batch point at an event that does not exist.
        upsert_rows(cur, MENTIONS, [_mention(article_id, 987654, ["Donald Trump"], "They met.")])
    assert _count(db, "core.articles") == 0
    assert _count(db, "events.mentions") == 0


def test_a_crash_mid_batch_leaves_nothing_behind(
    db: psycopg2.extensions.connection, database_url: str
) -> None:
    """The loading backend dies after the articles of a batch are written, before the commit."""
    items = _sources_and_items(db, 3)
    loader = psycopg2.connect(database_url)
    try:
        with loader.cursor() as cur:
            assert upsert_rows(cur, ARTICLES, [_article(i, "body") for i in items]).inserted == 3
            cur.execute("SELECT pg_backend_pid()")
            pid = cur.fetchone()[0]
        with db.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(%s)", (pid,))
            assert cur.fetchone() == (True,)
        db.commit()
        with pytest.raises(psycopg2.OperationalError), loader.cursor() as cur:
            cur.execute("SELECT 1")
    finally:
        loader.close()
    assert _count(db, "core.articles") == 0


def test_describing_a_load_wrongly_is_an_error(db: psycopg2.extensions.connection) -> None:
    with pytest.raises(BulkLoadError, match="key columns"):
        UpsertTarget("core.articles", ("body",), ("item_id",))
    [item] = _sources_and_items(db, 1)
    with pytest.raises(BulkLoadError, match="row 0 has 2 values for 11 columns"), transaction(db) as cur:
        upsert_rows(cur, ARTICLES, [(item, "bulk")])


def test_timestamps_keep_their_instant(db: psycopg2.extensions.connection) -> None:
    [item] = _sources_and_items(db, 1)
    instant = datetime(2018, 7, 16, 14, 5, 0, 123456, tzinfo=UTC) + timedelta(hours=3)
    row = list(_article(item, "b"))
    row[8] = instant
    with transaction(db) as cur:
        upsert_rows(cur, ARTICLES, [tuple(row)])
        cur.execute("SELECT published_at FROM core.articles")
        assert cur.fetchone() == (instant,)


def test_a_key_that_appears_meanwhile_sends_the_rows_through_the_upsert(
    db: psycopg2.extensions.connection,
) -> None:
    """New keys are copied straight in; one inserted by someone else in between must not fail the batch."""
    from summitwatch.db import upsert

    items = _sources_and_items(db, 2)
    with transaction(db) as cur:
        upsert_rows(cur, ARTICLES, [_article(items[0], "written meanwhile")])
        # The lookup of existing keys saw neither key: the direct copy hits the unique index.
        rows = [_article(i, "body") for i in items]
        prepared = upsert.prepare_rows(ARTICLES, rows)
        new = list(prepared.by_key.items())
        assert not upsert._insert_new(cur, ARTICLES, new, upsert.UpsertResult(), guarded=True)
        # ... rolled back to its savepoint: the transaction goes on, and the upsert takes over.
        result = upsert_rows(cur, ARTICLES, rows)
        assert (result.inserted, result.updated, result.unchanged) == (1, 1, 0)
        assert sorted(result.returned) == [(i,) for i in items]
        cur.execute("SELECT body FROM core.articles ORDER BY item_id")
        assert cur.fetchall() == [("body",), ("body",)]


def test_copy_data_is_utf8_whatever_the_client_encoding(
    db: psycopg2.extensions.connection, database_url: str
) -> None:
    """A session set to LATIN1 (which has no euro sign) still loads any Unicode exactly."""
    items = _sources_and_items(db, 1)
    text = "Gipfel in Brüssel: 20 € pro Kopf, 🤝 und قمة"
    loader = psycopg2.connect(database_url)
    try:
        loader.set_client_encoding("LATIN1")
        with transaction(loader) as cur:
            result = upsert_rows(cur, ARTICLES, [_article(items[0], text, title="Brüssel €")])
        assert (result.inserted, result.rejected) == (1, [])
    finally:
        loader.close()
    with db.cursor() as cur:
        cur.execute("SELECT title, body FROM core.articles")
        assert cur.fetchall() == [("Brüssel €", text)]
    db.commit()
