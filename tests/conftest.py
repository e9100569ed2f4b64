"""Shared fixtures: a fresh PostgreSQL database per test run, and Airflow settings.

Tests use ``DATABASE_URL`` when set, else PostgreSQL at 127.0.0.1:5432 (user
postgres). Each run creates its own database and drops it afterwards. A
database that cannot be reached is a test *failure*, never a skip.
"""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from summitwatch.airflow_env import sqlalchemy_url
from summitwatch.db.connection import drop_database, with_database

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _admin_url() -> str:
    return os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"


# One database for Summit Watch and one for Airflow's metadata, per test run.
# Their names are fixed here, at import, because Airflow reads its
# configuration once, when first imported, and some test module imports it.
TEST_DATABASE = f"summitwatch_test_{uuid.uuid4().hex[:10]}"
AIRFLOW_DATABASE = f"{TEST_DATABASE}_airflow"
AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="summitwatch-airflow-"))
(AIRFLOW_HOME / "plugins").mkdir()
os.environ.update(
    {
        "AIRFLOW_HOME": str(AIRFLOW_HOME),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(AIRFLOW_HOME / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": sqlalchemy_url(with_database(_admin_url(), AIRFLOW_DATABASE)),
        "AIRFLOW_CONN_SUMMITWATCH_DB": with_database(_admin_url(), TEST_DATABASE),
        "AIRFLOW_CONN_SUMMITWATCH_REDIS": os.environ.get("SUMMITWATCH_REDIS_URL", "redis://127.0.0.1:6379/0"),
    }
)


# The fast tier (`make check`) runs these folders with no service at all.
SERVICE_FREE_TIERS = ("unit", "dags")
SERVICE_FIXTURES = {"database_url", "db"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A unit or DAG test that asks for the database belongs in tests/integration."""
    for item in items:
        tier = Path(str(item.path)).relative_to(REPO / "tests").parts[0]
        wanted = SERVICE_FIXTURES & set(getattr(item, "fixturenames", ()))
        if tier in SERVICE_FREE_TIERS and wanted:
            raise pytest.UsageError(
                f"{item.nodeid} uses {sorted(wanted)}: tests/{tier} runs without services (make check); "
                "move it to tests/integration"
            )


def _create_database(admin_url: str, name: str) -> None:
    try:
        conn = psycopg2.connect(admin_url, connect_timeout=10)
    except psycopg2.OperationalError as exc:
        pytest.fail(f"PostgreSQL is required for these tests and is not reachable at {admin_url}: {exc}")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
        # As the project creates databases (docker/init-databases.sh, db.connection.ensure_database):
        # closed to PUBLIC; migration 0048 lets the Summit Watch roles into theirs.
        cur.execute(f'REVOKE CONNECT, TEMPORARY ON DATABASE "{name}" FROM PUBLIC')
    conn.close()


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    """URL of a freshly created, migrated database, dropped after the run."""
    from summitwatch.db.migrations import migrate

    admin = _admin_url()
    name = TEST_DATABASE
    _create_database(admin, name)
    _create_database(admin, AIRFLOW_DATABASE)
    url = with_database(admin, name)
    try:
        with psycopg2.connect(url) as conn:
            migrate(conn)
        conn.close()
        yield url
    finally:
        # Close Airflow's pooled connections first, or dropping its database
        # breaks them under the interpreter's feet at exit.
        settings = sys.modules.get("airflow.settings")
        if settings is not None:
            settings.dispose_orm()
        drop_database(admin, name)
        drop_database(admin, AIRFLOW_DATABASE)


# Each table of the four schemas with the sequences it owns (serial and identity columns).
_TABLES_AND_SEQUENCES = """
    SELECT format('%I.%I', t.schemaname, t.tablename),
           coalesce(array_agg(format('%I.%I', sn.nspname, s.relname)) FILTER (WHERE s.oid IS NOT NULL), '{}')
    FROM pg_tables t
    JOIN pg_class c ON c.relname = t.tablename
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = t.schemaname
    LEFT JOIN pg_depend d ON d.refobjid = c.oid AND d.refclassid = 'pg_class'::regclass
                         AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    LEFT JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
    LEFT JOIN pg_namespace sn ON sn.oid = s.relnamespace
    WHERE t.schemaname IN ('raw', 'core', 'events', 'reporting')
    GROUP BY t.schemaname, t.tablename
"""


@pytest.fixture
def db(database_url: str) -> Iterator[psycopg2.extensions.connection]:
    """A connection to the test database, every table of raw/core/events/reporting emptied before the test.

    Reference data (actors, places) is emptied too; tests that need it load it; so are
    the analysts' watchlists and corrections.
    """
    conn = psycopg2.connect(database_url)
    with conn.cursor() as cur:
        # A TRUNCATE costs new files for each table, partition and index (the band
        # partitions alone are over a hundred), and most tests touch a few tables. So the
        # tables with rows are emptied with DELETE and the used sequences restarted:
        # afterwards every table is as empty, and every sequence as fresh, as after
        # TRUNCATE ... RESTART IDENTITY of all of them. Foreign keys are not checked while
        # emptying (every table referencing a table with rows has rows itself, or none).
        cur.execute(_TABLES_AND_SEQUENCES)
        probes = [
            probe
            for table, sequences in cur.fetchall()
            for probe in (
                f"SELECT 'DELETE FROM {table}' WHERE EXISTS (SELECT 1 FROM {table})",
                *(
                    f"SELECT 'ALTER SEQUENCE {sequence} RESTART' FROM {sequence} WHERE is_called"
                    for sequence in sequences
                ),
            )
        ]
        cur.execute(" UNION ALL ".join(probes))
        statements = [statement for (statement,) in cur.fetchall()]
        if statements:
            cur.execute("SET LOCAL session_replication_role = replica")
            cur.execute(";\n".join(statements))
    conn.commit()
    try:
        yield conn
    finally:
        conn.rollback()
        conn.close()
