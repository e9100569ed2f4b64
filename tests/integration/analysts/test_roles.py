"""The analyst role reads reporting and nothing else; the pipeline role owns the data."""

from __future__ import annotations

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import pytest

from summitwatch.paths import sql_dir

from .conftest import World, as_role

ANALYST = "summitwatch_analyst"
PIPELINE = "summitwatch_pipeline"
DATA_SCHEMAS = ("raw", "core", "events", "reporting")


def _reporting_views(conn: psycopg2.extensions.connection) -> list[str]:
    with conn.cursor() as cur:
        cur.execute(
            "SELECT format('%I.%I', schemaname, viewname) FROM pg_views WHERE schemaname = 'reporting'"
        )
        views = sorted(r[0] for r in cur.fetchall())
    conn.commit()
    return views


def test_both_roles_exist_without_login(db: psycopg2.extensions.connection) -> None:
    with db.cursor() as cur:
        cur.execute(
            "SELECT rolname, rolcanlogin, rolsuper FROM pg_roles WHERE rolname = ANY(%s) ORDER BY rolname",
            ([ANALYST, PIPELINE],),
        )
        assert cur.fetchall() == [(ANALYST, False, False), (PIPELINE, False, False)]


def test_analyst_reads_every_reporting_view(db: psycopg2.extensions.connection, wider_world: World) -> None:
    views = _reporting_views(db)
    assert {
        "reporting.summit_events",
        "reporting.event_mentions",
        "reporting.status_history",
        "reporting.gathering_participants",
        "reporting.actors",
        "reporting.actor_meetings",
        "reporting.pipeline_health",
    } <= set(views)
    with db.cursor() as cur:  # one correction that applies and one whose anchor is gone
        for evidence in ("Trump and Putin met in Helsinki on Monday.", "A sentence nobody wrote."):
            cur.execute(
                "INSERT INTO reporting.corrections (action, article, evidence, evidence_sha256, value) "
                "VALUES ('set_kind', 'http://wire-a.example/2018/helsinki-held', %s, '', 'summit')",
                (evidence,),
            )
    db.commit()
    with as_role(db, ANALYST) as cur:
        for view in views:
            cur.execute(f"SELECT count(*) FROM {view}")
            assert cur.fetchone()[0] > 0, view


@pytest.mark.parametrize(
    "table",
    ["raw.items", "raw.sources", "raw.fetch_log", "core.articles", "events.events", "events.mentions"],
)
def test_analyst_cannot_read_the_tables_behind_the_views(
    db: psycopg2.extensions.connection, table: str
) -> None:
    with (
        as_role(db, ANALYST) as cur,
        pytest.raises(psycopg2.errors.InsufficientPrivilege, match="permission denied"),
    ):
        cur.execute(f"SELECT * FROM {table} LIMIT 1")


def test_analyst_cannot_read_migration_bookkeeping(db: psycopg2.extensions.connection) -> None:
    with as_role(db, ANALYST) as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
        cur.execute("SELECT * FROM public.schema_migrations")


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO raw.sources (name, kind, location) VALUES ('sneaky', 'feed', 'http://x.example/')",
        "UPDATE raw.items SET process_state = 'pending'",
        "DELETE FROM core.articles",
        "UPDATE events.events SET status = 'held'",
        "INSERT INTO events.status_history (event_id, status, first_reported_at, first_article_id) "
        "VALUES (1, 'held', now(), 1)",
        "TRUNCATE events.mentions",
        "CREATE TABLE reporting.scratch (x int)",
        "CREATE TABLE public.scratch (x int)",
        "CREATE VIEW reporting.mine AS SELECT 1 AS one",
        "ALTER VIEW reporting.summit_events RENAME TO renamed",
    ],
)
def test_analyst_cannot_write_anywhere(
    db: psycopg2.extensions.connection, analyst_world: World, statement: str
) -> None:
    with as_role(db, ANALYST) as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
        cur.execute(statement)


def test_analyst_holds_no_write_privilege_on_any_relation(db: psycopg2.extensions.connection) -> None:
    """Views refuse writes for being views before privileges are checked; ask the catalog instead."""
    with db.cursor() as cur:
        cur.execute(
            """
            SELECT c.oid::regclass::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%%'
              AND c.relkind IN ('r', 'p', 'v', 'm')
              AND has_table_privilege(%s, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
            """,
            (ANALYST,),
        )
        assert cur.fetchall() == []
        cur.execute(
            "SELECT nspname FROM pg_namespace WHERE has_schema_privilege(%s, oid, 'CREATE')", (ANALYST,)
        )
        assert cur.fetchall() == []


def test_views_added_later_are_readable_by_the_analyst(db: psycopg2.extensions.connection) -> None:
    """Default privileges: a reporting view created by a later migration needs no extra GRANT."""
    with db.cursor() as cur:
        cur.execute("CREATE VIEW reporting.later_view AS SELECT 42 AS answer")
        cur.execute(f"SET ROLE {ANALYST}")
        cur.execute("SELECT answer FROM reporting.later_view")
        assert cur.fetchone() == (42,)
    db.rollback()


def test_pipeline_role_owns_every_object_of_the_data_schemas(db: psycopg2.extensions.connection) -> None:
    with db.cursor() as cur:
        cur.execute(
            """
            SELECT n.nspname, pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE n.nspname = ANY(%s)
            """,
            (list(DATA_SCHEMAS),),
        )
        assert {owner for _, owner in cur.fetchall()} == {PIPELINE}
        cur.execute(
            """
            SELECT c.oid::regclass::text, pg_get_userbyid(c.relowner)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
              AND pg_get_userbyid(c.relowner) <> %s
            """,
            (list(DATA_SCHEMAS), PIPELINE),
        )
        assert cur.fetchall() == []


def test_pipeline_role_writes_and_reads(db: psycopg2.extensions.connection) -> None:
    with as_role(db, PIPELINE) as cur:
        cur.execute(
            "INSERT INTO raw.sources (name, kind, location) VALUES ('owned', 'feed', 'http://x.example/')"
        )
        cur.execute("SELECT count(*) FROM reporting.pipeline_health WHERE source_name = 'owned'")
        assert cur.fetchone() == (1,)


def test_roles_migration_runs_again_cleanly(db: psycopg2.extensions.connection) -> None:
    """Roles belong to the cluster: the file must also pass where they already exist."""
    [roles_sql] = sql_dir().glob("004*_roles.sql")
    with db.cursor() as cur:
        cur.execute(roles_sql.read_text(encoding="utf-8"))
        cur.execute("SELECT has_schema_privilege(%s, 'raw', 'USAGE')", (ANALYST,))
        assert cur.fetchone() == (False,)
        cur.execute("SELECT has_table_privilege(%s, 'reporting.summit_events', 'SELECT')", (ANALYST,))
        assert cur.fetchone() == (True,)
    db.rollback()
