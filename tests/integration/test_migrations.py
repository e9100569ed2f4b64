"""The migrations runner against real PostgreSQL."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from summitwatch.db.connection import scratch_database
from summitwatch.db.migrations import MigrationError, discover_views, migrate
from summitwatch.paths import sql_dir


@pytest.fixture
def scratch_db(database_url: str) -> Iterator[psycopg2.extensions.connection]:
    """An empty database of its own, so migrations can be applied from scratch."""
    with scratch_database(database_url, "summitwatch_mig") as url:
        conn = psycopg2.connect(url)
        try:
            yield conn
        finally:
            conn.close()


def test_applies_every_file_once_then_nothing(scratch_db: psycopg2.extensions.connection) -> None:
    applied = migrate(scratch_db)
    migrations = sorted(p.name for p in sql_dir().glob("*.sql"))
    assert applied[: len(migrations)] == migrations
    assert sorted(applied[len(migrations) :]) == sorted(
        f"views/{p.name}" for p in (sql_dir() / "views").glob("*.sql")
    )
    assert migrate(scratch_db) == []
    with scratch_db.cursor() as cur:
        cur.execute("SELECT count(*) FROM public.schema_migrations WHERE length(checksum) = 64")
        assert cur.fetchone() == (len(migrations),)
        cur.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname IN ('raw', 'core', 'events', 'reporting')"
        )
        assert {r[0] for r in cur.fetchall()} == {"raw", "core", "events", "reporting"}


def test_refuses_when_an_applied_file_was_edited(
    scratch_db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    copy = tmp_path / "sql"
    shutil.copytree(sql_dir(), copy)
    migrate(scratch_db, copy)
    first = sorted(copy.glob("*.sql"))[0]
    first.write_text(first.read_text() + "\n-- edited after the fact\n")
    with pytest.raises(MigrationError, match=rf"{first.name} was edited after it was applied"):
        migrate(scratch_db, copy)


def test_failing_migration_leaves_nothing_behind(
    scratch_db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    copy = tmp_path / "sql"
    shutil.copytree(sql_dir(), copy)
    (copy / "9998_half_done.sql").write_text("CREATE TABLE core.half_done (x int);\nSELECT 1/0;\n")
    with pytest.raises(MigrationError, match="9998_half_done.sql failed: division by zero"):
        migrate(scratch_db, copy)
    with scratch_db.cursor() as cur:
        cur.execute(
            "SELECT to_regclass('core.half_done'), "
            "(SELECT count(*) FROM public.schema_migrations WHERE name = '9998_half_done.sql')"
        )
        assert cur.fetchone() == (None, 0)


def test_refuses_applied_migration_missing_from_disk(
    scratch_db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    copy = tmp_path / "sql"
    shutil.copytree(sql_dir(), copy)
    migrate(scratch_db, copy)
    last = sorted(copy.glob("*.sql"))[-1]
    last.unlink()
    with pytest.raises(MigrationError, match=f"{last.name} is applied to the database but missing"):
        migrate(scratch_db, copy)


def _view_definitions(cur: psycopg2.extensions.cursor) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Each reporting view's definition as PostgreSQL stores it, with its column comments."""
    cur.execute(
        """
        SELECT c.oid::regclass::text, pg_get_viewdef(c.oid),
               coalesce(array_agg(ARRAY[a.attname::text, coalesce(col_description(c.oid, a.attnum), '')]
                                  ORDER BY a.attnum) FILTER (WHERE a.attnum > 0), '{}')
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped
        WHERE c.relkind = 'v' AND n.nspname = 'reporting'
        GROUP BY c.oid
        """
    )
    return {
        name: (definition, [tuple(pair) for pair in columns]) for name, definition, columns in cur.fetchall()
    }


def test_applied_views_equal_their_files(database_url: str) -> None:
    """The test database's views are exactly what their files define, comments included.

    Each file is run again inside a transaction that is rolled back: if the
    definition PostgreSQL then stores differs from the applied one, the
    database and the file disagree.
    """
    views = discover_views()
    conn = psycopg2.connect(database_url)
    try:
        with conn.cursor() as cur:
            applied = _view_definitions(cur)
            assert set(applied) == {v.name for v in views}, "every reporting view has its file in sql/views/"
            for view in reversed(views):
                cur.execute(f"DROP VIEW {view.name}")
            for view in views:
                cur.execute(view.sql)
            from_files = _view_definitions(cur)
        for name in applied:
            assert applied[name] == from_files[name], f"{name} differs from sql/views/{name}.sql"
            assert all(comment for _, comment in applied[name][1]), f"{name}: every column has a comment"
    finally:
        conn.rollback()
        conn.close()


def test_a_changed_view_file_is_reapplied_and_only_then(
    scratch_db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    copy = tmp_path / "sql"
    shutil.copytree(sql_dir(), copy)
    migrate(scratch_db, copy)
    assert migrate(scratch_db, copy) == []
    health = copy / "views" / "reporting.pipeline_health.sql"
    health.write_text(
        health.read_text().replace("s.active,", "s.active,\n       s.location,", 1)
        + "COMMENT ON COLUMN reporting.pipeline_health.location IS 'Where the source is read from.';\n"
    )
    applied = migrate(scratch_db, copy)
    assert applied == [f"views/{v.name}.sql" for v in discover_views(copy)]
    with scratch_db.cursor() as cur:
        cur.execute("SELECT location FROM reporting.pipeline_health")
        cur.execute(
            "SELECT has_table_privilege('summitwatch_analyst', 'reporting.pipeline_health', 'SELECT')"
        )
        assert cur.fetchone() == (True,)
        cur.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'reporting.pipeline_health'::regclass"
        )
        assert cur.fetchone() == ("summitwatch_pipeline",)
    scratch_db.commit()
    assert migrate(scratch_db, copy) == []


def test_a_view_dropped_by_hand_comes_back(scratch_db: psycopg2.extensions.connection) -> None:
    migrate(scratch_db)
    with scratch_db.cursor() as cur:
        cur.execute("DROP VIEW reporting.actor_meetings")
    scratch_db.commit()
    assert migrate(scratch_db) == [f"views/{v.name}.sql" for v in discover_views()]
    with scratch_db.cursor() as cur:
        cur.execute("SELECT to_regclass('reporting.actor_meetings') IS NOT NULL")
        assert cur.fetchone() == (True,)


def test_a_broken_view_file_leaves_the_old_views(
    scratch_db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    copy = tmp_path / "sql"
    shutil.copytree(sql_dir(), copy)
    migrate(scratch_db, copy)
    (copy / "views" / "reporting.zz_broken.sql").write_text(
        "CREATE VIEW reporting.zz_broken AS SELECT 1/0 AS x FROM nowhere;\n"
    )
    with pytest.raises(MigrationError, match="views could not be recreated: .*nowhere"):
        migrate(scratch_db, copy)
    with scratch_db.cursor() as cur:
        cur.execute("SELECT count(*) FROM reporting.summit_events")
        cur.execute("SELECT count(*) FROM public.schema_views WHERE name = 'reporting.zz_broken'")
        assert cur.fetchone() == (0,)
