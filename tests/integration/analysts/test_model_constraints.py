"""Bad rows are impossible: every rule of the model refuses a row that breaks it."""

from __future__ import annotations

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import pytest

from .conftest import World

# A valid mention to vary: each case changes one thing.
MENTION = {
    "article_id": "%(article)s",
    "event_id": "%(event)s",
    "extractor_version": "'test-2'",
    "kind": "'summit'",
    "status": "'held'",
    "participants": "ARRAY['Donald Trump', 'Vladimir Putin']",
    "organizations": "'{}'::text[]",
    "location": "'Helsinki'",
    "country": "'FI'",
    "event_date": "'2018-07-16'",
    "evidence": "'They met.'",
    "confidence": "0.5",
}
EVENT = {
    "event_key": "'test:new'",
    "kind": "'summit'",
    "status": "'planned'",
    "participants": "ARRAY['Angela Merkel']",
    "location": "'Berlin'",
    "country": "'DE'",
    "event_date": "'2018-10'",
    "confidence": "0.5",
    "first_reported_at": "'2018-09-01T00:00Z'",
    "last_reported_at": "'2018-09-02T00:00Z'",
}


def _insert(table: str, values: dict[str, str]) -> str:
    return f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join(values.values())})"


def _attempt(conn: psycopg2.extensions.connection, world: World, statement: str) -> None:
    with conn.cursor() as cur:
        cur.execute(statement, {"article": world.articles["osaka-held"], "event": world.events["helsinki"]})


GOOD = [
    ("mention", _insert("events.mentions", MENTION)),
    ("event", _insert("events.events", EVENT)),
    (
        "event without place or date",
        _insert("events.events", {**EVENT, "location": "NULL", "event_date": "NULL"}),
    ),
    (
        "mention without place or date",
        _insert("events.mentions", {**MENTION, "location": "NULL", "event_date": "NULL"}),
    ),
]

BAD = [
    # (what, statement, the error PostgreSQL raises)
    (
        "event status outside the six",
        _insert("events.events", {**EVENT, "status": "'rumoured'"}),
        psycopg2.errors.CheckViolation,
    ),
    (
        "mention status outside the six",
        _insert("events.mentions", {**MENTION, "status": "'done'"}),
        psycopg2.errors.CheckViolation,
    ),
    (
        "history status outside the six",
        "INSERT INTO events.status_history VALUES (%(event)s, 'maybe', now(), %(article)s)",
        psycopg2.errors.CheckViolation,
    ),
    (
        "mention without an article",
        _insert("events.mentions", {**MENTION, "article_id": "NULL"}),
        psycopg2.errors.NotNullViolation,
    ),
    (
        "mention of an article that does not exist",
        _insert("events.mentions", {**MENTION, "article_id": "987654"}),
        psycopg2.errors.ForeignKeyViolation,
    ),
    (
        "mention of an event that does not exist",
        _insert("events.mentions", {**MENTION, "event_id": "987654"}),
        psycopg2.errors.ForeignKeyViolation,
    ),
    (
        "reporting range backwards",
        _insert("events.events", {**EVENT, "last_reported_at": "'2018-08-01T00:00Z'"}),
        psycopg2.errors.CheckViolation,
    ),
    (
        "impossible event date",
        _insert("events.events", {**EVENT, "event_date": "'2018-02-30'"}),
        psycopg2.DataError,
    ),
    (
        "month thirteen",
        _insert("events.mentions", {**MENTION, "event_date": "'2018-13'"}),
        psycopg2.DataError,
    ),
    (
        "date in another format",
        _insert("events.events", {**EVENT, "event_date": "'16.07.2018'"}),
        psycopg2.errors.CheckViolation,
    ),
    (
        "blank evidence",
        _insert("events.mentions", {**MENTION, "evidence": "E' \\n\\t '"}),
        psycopg2.errors.CheckViolation,
    ),
    (
        "empty participant name",
        _insert("events.events", {**EVENT, "participants": "ARRAY['Angela Merkel', '']"}),
        psycopg2.errors.CheckViolation,
    ),
    (
        "NULL participant name",
        _insert("events.mentions", {**MENTION, "participants": "ARRAY['Donald Trump', NULL]"}),
        psycopg2.errors.CheckViolation,
    ),
    (
        "mention naming nobody",
        _insert("events.mentions", {**MENTION, "participants": "'{}'::text[]"}),
        psycopg2.errors.CheckViolation,
    ),
    (
        "event naming nobody",
        _insert("events.events", {**EVENT, "participants": "'{}'::text[]"}),
        psycopg2.errors.CheckViolation,
    ),
    ("unknown kind", _insert("events.events", {**EVENT, "kind": "'party'"}), psycopg2.errors.CheckViolation),
    (
        "confidence above one",
        _insert("events.mentions", {**MENTION, "confidence": "1.5"}),
        psycopg2.errors.CheckViolation,
    ),
    (
        "country not ISO",
        _insert("events.events", {**EVENT, "country": "'Germany'"}),
        psycopg2.errors.CheckViolation,
    ),
    (
        "status history without time",
        "INSERT INTO events.status_history VALUES (%(event)s, 'postponed', NULL, %(article)s)",
        psycopg2.errors.NotNullViolation,
    ),
    (
        "blank article body",
        "UPDATE core.articles SET body = E'\\n \\t' WHERE article_id = %(article)s",
        psycopg2.errors.CheckViolation,
    ),
    (
        "content hash not hex",
        "UPDATE core.articles SET content_hash = repeat('G', 64) WHERE article_id = %(article)s",
        psycopg2.errors.CheckViolation,
    ),
    (
        "content hash too short",
        "UPDATE core.articles SET content_hash = repeat('a', 63) WHERE article_id = %(article)s",
        psycopg2.errors.CheckViolation,
    ),
    (
        "article updated before it was created",
        "UPDATE core.articles SET updated_at = created_at - interval '1 day' WHERE article_id = %(article)s",
        psycopg2.errors.CheckViolation,
    ),
    (
        "item with a blank key",
        "INSERT INTO raw.items (source_name, item_key, content_sha256, content, content_type) "
        "VALUES ('wire-a', ' ', repeat('c', 64), 'x', 'text/plain')",
        psycopg2.errors.CheckViolation,
    ),
    (
        "item of an unknown source",
        "INSERT INTO raw.items (source_name, item_key, content_sha256, content, content_type) "
        "VALUES ('nobody', 'k', repeat('c', 64), 'x', 'text/plain')",
        psycopg2.errors.ForeignKeyViolation,
    ),
    (
        "HTTP status that is none",
        "INSERT INTO raw.fetch_log (source_name, url, outcome, http_status) VALUES ('wire-a', 'u', 'ok', 42)",
        psycopg2.errors.CheckViolation,
    ),
    (
        "more items landed than found",
        "INSERT INTO raw.fetch_log (source_name, url, outcome, items_found, items_landed) "
        "VALUES ('wire-a', 'u', 'ok', 1, 2)",
        psycopg2.errors.CheckViolation,
    ),
    (
        "deleting an article that has mentions",
        "DELETE FROM core.articles WHERE article_id = %(article)s",
        psycopg2.errors.ForeignKeyViolation,
    ),
]


@pytest.mark.parametrize(("what", "statement"), GOOD, ids=[g[0] for g in GOOD])
def test_the_valid_rows_the_cases_vary_are_accepted(
    db: psycopg2.extensions.connection, analyst_world: World, what: str, statement: str
) -> None:
    _attempt(db, analyst_world, statement)
    db.rollback()


@pytest.mark.parametrize(("what", "statement", "error"), BAD, ids=[b[0] for b in BAD])
def test_bad_row_is_refused(
    db: psycopg2.extensions.connection,
    analyst_world: World,
    what: str,
    statement: str,
    error: type[psycopg2.Error],
) -> None:
    with pytest.raises(error):
        _attempt(db, analyst_world, statement)
    db.rollback()
