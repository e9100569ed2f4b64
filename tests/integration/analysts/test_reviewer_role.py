"""The reviewer reads what the analyst reads and writes only corrections and watchlists."""

from __future__ import annotations

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import pytest

from .conftest import World, as_role

REVIEWER = "summitwatch_reviewer"
WRITABLE = {"reporting.corrections", "reporting.watchlists"}


def test_reviewer_exists_without_login_and_reads_as_the_analyst(
    db: psycopg2.extensions.connection, analyst_world: World
) -> None:
    with db.cursor() as cur:
        cur.execute("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = %s", (REVIEWER,))
        assert cur.fetchone() == (False, False)
        cur.execute(
            "SELECT format('%I.%I', schemaname, viewname) FROM pg_views WHERE schemaname = 'reporting'"
        )
        views = sorted(r[0] for r in cur.fetchall())
    db.commit()
    assert {"reporting.corrected_events", "reporting.orphaned_corrections"} <= set(views)
    with as_role(db, REVIEWER) as cur:
        for view in views:
            cur.execute(f"SELECT count(*) FROM {view}")
        cur.execute("SELECT count(*) FROM reporting.summit_events")
        assert cur.fetchone()[0] == len(analyst_world.events)


def test_reviewer_holds_write_privileges_on_corrections_and_watchlists_only(
    db: psycopg2.extensions.connection,
) -> None:
    with db.cursor() as cur:
        cur.execute(
            """
            SELECT c.oid::regclass::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%%'
              AND c.relkind IN ('r', 'p', 'v', 'm')
              AND has_table_privilege(%s, c.oid, 'INSERT, UPDATE, DELETE')
            """,
            (REVIEWER,),
        )
        assert {r[0] for r in cur.fetchall()} == WRITABLE
        cur.execute(
            """
            SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.relkind IN ('r', 'p', 'v', 'm')
              AND has_table_privilege(%s, c.oid, 'TRUNCATE, REFERENCES, TRIGGER')
            """,
            (REVIEWER,),
        )
        assert cur.fetchall() == []
        cur.execute(
            "SELECT nspname FROM pg_namespace WHERE has_schema_privilege(%s, oid, 'CREATE')", (REVIEWER,)
        )
        assert cur.fetchall() == []
    db.commit()


def test_reviewer_writes_a_watch_and_a_correction(db: psycopg2.extensions.connection) -> None:
    with as_role(db, REVIEWER) as cur:
        cur.execute(
            "INSERT INTO reporting.watchlists (name, actors, channel, target) "
            "VALUES ('mine', '{Olaf Scholz}', 'email', 'me@summitwatch.test') RETURNING created_by"
        )
        assert cur.fetchone() == (REVIEWER,)
        cur.execute(
            "UPDATE reporting.watchlists SET statuses = '{cancelled}', created_by = 'someone else' "
            "WHERE name = 'mine' RETURNING created_by, updated_at >= created_at"
        )
        assert cur.fetchone() == (REVIEWER, True)
        cur.execute(
            "INSERT INTO reporting.corrections (action, article, evidence, evidence_sha256, value) "
            "VALUES ('set_kind', 'http://wire-a.example/x', 'Ein Satz.', 'ignored', 'visit') "
            "RETURNING made_by, evidence_sha256 = reporting.evidence_hash('Ein  Satz. ')"
        )
        assert cur.fetchone() == (REVIEWER, True)
        cur.execute("DELETE FROM reporting.corrections")
        cur.execute("DELETE FROM reporting.watchlists WHERE name = 'mine'")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE events.events SET status = 'held'",
        "SELECT * FROM events.mentions LIMIT 1",
        "SELECT * FROM core.articles LIMIT 1",
        "INSERT INTO raw.sources (name, kind, location) VALUES ('sneaky', 'feed', 'http://x.example/')",
        "UPDATE reporting.watch_notifications SET state = 'sent'",
        "DELETE FROM reporting.watch_deliveries",
        "INSERT INTO reporting.watch_deliveries VALUES (1, 1, 'held', 1)",
        "CREATE TABLE reporting.scratch (x int)",
        "CREATE VIEW reporting.mine AS SELECT 1 AS one",
        "TRUNCATE reporting.corrections",
        "ALTER TABLE reporting.corrections DISABLE TRIGGER corrections_stamp",
    ],
)
def test_reviewer_cannot_write_or_read_anything_else(
    db: psycopg2.extensions.connection, statement: str
) -> None:
    with (
        as_role(db, REVIEWER) as cur,
        pytest.raises(psycopg2.errors.InsufficientPrivilege),
    ):
        cur.execute(statement)


def test_the_analyst_cannot_correct_or_watch(db: psycopg2.extensions.connection) -> None:
    with as_role(db, "summitwatch_analyst") as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
        cur.execute(
            "INSERT INTO reporting.watchlists (name, channel, target) VALUES ('x', 'email', 'a@b.test')"
        )
