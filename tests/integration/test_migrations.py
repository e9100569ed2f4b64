"""The migrations runner against real PostgreSQL."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from summitwatch.db.connection import scratch_database
from summitwatch.db.migrations import MigrationError, migrate
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
    assert applied == sorted(p.name for p in sql_dir().glob("*.sql"))
    assert migrate(scratch_db) == []
    with scratch_db.cursor() as cur:
        cur.execute("SELECT count(*) FROM public.schema_migrations WHERE length(checksum) = 64")
        assert cur.fetchone() == (len(applied),)
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
