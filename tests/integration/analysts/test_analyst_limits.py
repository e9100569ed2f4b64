"""Issue 13, defect 6: what a login of the analyst role can no longer do to the pipeline.

An analyst holding one of the pipeline's advisory locks makes the pipeline fail after
``SUMMITWATCH_LOCK_WAIT_S`` with an error naming that session, instead of hanging; the role
cannot create large objects; it cannot connect to the other databases the project creates."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import pytest

from summitwatch.db.lock_waits import LockWaitTimeout
from summitwatch.db.migrations import MigrationError, migrate
from summitwatch.pipeline.fetch import fetch_all
from summitwatch.pipeline.process import process_pending
from summitwatch.seeding import load_seeds

from ...conftest import AIRFLOW_DATABASE


def _as_user(url: str, user: str, database: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = f"{user}@{parts.hostname}:{parts.port or 5432}"
    return urlunsplit(parts._replace(netloc=netloc, path=f"/{database}" if database else parts.path))


@pytest.fixture
def analyst_login(db: psycopg2.extensions.connection) -> Iterator[str]:
    """A login role that is a member of summitwatch_analyst, as an analyst's account is."""
    name = f"sw_rob_analyst_{uuid.uuid4().hex[:8]}"
    with db.cursor() as cur:
        cur.execute(f"CREATE ROLE {name} LOGIN IN ROLE summitwatch_analyst")
    db.commit()
    yield name
    with db.cursor() as cur:
        cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (name,))
        cur.execute(f"DROP ROLE {name}")
    db.commit()


@pytest.fixture
def analyst(database_url: str, analyst_login: str) -> Iterator[psycopg2.extensions.connection]:
    conn = psycopg2.connect(_as_user(database_url, analyst_login), application_name="analyst-psql")
    conn.autocommit = True
    yield conn
    conn.close()


def test_an_analyst_holding_the_migration_lock_gets_named_not_waited_for(
    db: psycopg2.extensions.connection,
    analyst: psycopg2.extensions.connection,
    analyst_login: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUMMITWATCH_LOCK_WAIT_S", "0.5")
    with analyst.cursor() as cur:
        cur.execute("SELECT pg_advisory_lock(7401873112), pg_backend_pid()")
        pid = cur.fetchone()[1]
    with pytest.raises(MigrationError) as raised:
        migrate(db)
    message = str(raised.value)
    assert "advisory lock 7401873112" in message
    assert f"pid {pid} (role {analyst_login}, application analyst-psql" in message
    with analyst.cursor() as cur:
        cur.execute("SELECT pg_advisory_unlock(7401873112)")
    assert migrate(db) == []  # and with the lock let go, it runs


def test_an_analyst_holding_the_write_turn_lock_fails_the_batch_with_its_name(
    db: psycopg2.extensions.connection,
    analyst: psycopg2.extensions.connection,
    analyst_login: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.txt").write_text(" date 2019-02\nAngela Merkel traf Emmanuel Macron in Aachen.\n", "utf-8")
    sources = tmp_path / "sources.csv"
    sources.write_text(
        "name,kind,location,language,country,poll_interval_minutes,active\n"
        f"team-drop,folder,{drop},de,DE,15,true\n",
        encoding="utf-8",
    )
    load_seeds(db, sources)
    assert fetch_all(db, force=True).items_landed == 1
    monkeypatch.setenv("SUMMITWATCH_LOCK_WAIT_S", "0.5")
    with analyst.cursor() as cur:
        cur.execute("SELECT pg_advisory_lock(74018731, 0)")
    with pytest.raises(
        LockWaitTimeout, match=rf"taking a write turn: .* held by pid \d+ \(role {analyst_login}"
    ):
        process_pending(db)
    with db.cursor() as cur:
        cur.execute("SELECT process_state FROM raw.items")
        assert cur.fetchall() == [("pending",)]  # nothing lost: the next run takes it
    db.rollback()
    with analyst.cursor() as cur:
        cur.execute("SELECT pg_advisory_unlock(74018731, 0)")
    assert process_pending(db).as_dict()["failed"] == 0


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT lo_from_bytea(0, 'stored by an analyst')",
        "SELECT lo_create(0)",
        "SELECT lo_creat(-1)",
    ],
)
def test_the_analyst_cannot_create_large_objects(
    analyst: psycopg2.extensions.connection, statement: str
) -> None:
    with analyst.cursor() as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
        cur.execute(statement)


def test_the_analyst_connects_to_the_summitwatch_database_only(
    database_url: str, analyst: psycopg2.extensions.connection, analyst_login: str
) -> None:
    with analyst.cursor() as cur:
        cur.execute("SELECT count(*) >= 0 FROM reporting.summit_events")
        assert cur.fetchone() == (True,)
    with pytest.raises(psycopg2.OperationalError, match="permission denied for database"):
        psycopg2.connect(_as_user(database_url, analyst_login, AIRFLOW_DATABASE)).close()
