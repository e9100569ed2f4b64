"""Fixtures for tests that run the pipeline and Airflow for real."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg2
import pytest

from summitwatch.airflow_env import metadata_connection, run_airflow
from summitwatch.local_site import serve_directory
from summitwatch.paths import seeds_dir
from summitwatch.seeding import load_seeds

DAGS = Path(__file__).resolve().parents[2] / "dags"

# How long a test waits for another connection to reach a state before it fails.
PATIENCE_SECONDS = 30


@pytest.fixture
def wait_until_blocked(db: psycopg2.extensions.connection) -> Callable[..., None]:
    """``wait_until_blocked(pid, unless=...)``: return once backend ``pid`` waits for an advisory lock.

    A state read from pg_locks, not a timing guess. ``unless`` (a callable) ends the wait
    early when it turns true; the test fails after PATIENCE_SECONDS.
    """

    def wait(pid: int, *, unless: Callable[[], bool] = lambda: False) -> None:
        deadline = time.monotonic() + PATIENCE_SECONDS
        while not unless():
            with db.cursor() as cur:
                cur.execute(
                    "SELECT count(*) FROM pg_locks WHERE pid = %s AND locktype = 'advisory' AND NOT granted",
                    (pid,),
                )
                waiting = cur.fetchone()[0] > 0
            db.commit()
            if waiting:
                return
            if time.monotonic() > deadline:
                pytest.fail(f"backend {pid} never waited for a lock")
            time.sleep(0.01)

    return wait


@pytest.fixture(scope="session")
def airflow_db(database_url: str) -> dict[str, str]:
    """Airflow's metadata database, migrated once per run (``airflow db migrate``)."""
    run_airflow(["db", "migrate"], dict(os.environ))
    return dict(os.environ)


@pytest.fixture(scope="session")
def dagbag(airflow_db: dict[str, str]) -> Any:
    # Airflow's dag processor puts the bundle (dags/) on sys.path; do the same.
    if str(DAGS) not in sys.path:
        sys.path.append(str(DAGS))
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS))
    assert bag.import_errors == {}
    return bag


@pytest.fixture
def demo_sources(db: psycopg2.extensions.connection) -> Iterator[psycopg2.extensions.connection]:
    """The demo's sources loaded and its site served on 127.0.0.1:8765."""
    load_seeds(db, seeds_dir() / "demo" / "sources.csv")
    with serve_directory(seeds_dir() / "demo" / "site"):
        yield db


def _task_instances(
    airflow_env: dict[str, str], query: str, params: tuple[str, ...]
) -> list[tuple[Any, ...]]:
    """Rows of Airflow's task_instance table, read from its metadata database."""
    conn = metadata_connection(airflow_env)
    try:
        with conn.cursor() as cur:
            cur.execute(query, params)
            return list(cur.fetchall())
    finally:
        conn.close()


def mapped_states(
    airflow_env: dict[str, str], dag_id: str, run_id: str, task_id: str
) -> list[tuple[int, str]]:
    """(map index, state) of each instance of one task in one run."""
    return _task_instances(
        airflow_env,
        "SELECT map_index, state FROM task_instance WHERE dag_id = %s AND run_id = %s AND task_id = %s "
        "ORDER BY map_index",
        (dag_id, run_id, task_id),
    )


def task_states(airflow_env: dict[str, str], dag_id: str, run_id: str) -> dict[str, str]:
    """Final task states of one run (a mapped task's instances share one entry)."""
    return dict(
        _task_instances(
            airflow_env,
            "SELECT task_id, state FROM task_instance WHERE dag_id = %s AND run_id = %s",
            (dag_id, run_id),
        )
    )


def count(conn: psycopg2.extensions.connection, sql: str, *params: object) -> int:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        value = cur.fetchone()[0]
    conn.commit()
    return int(value)
