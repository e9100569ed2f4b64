"""The one way DAG tasks reach the Summit Watch database: the ``summitwatch_db`` connection.

The connection is resolved by Airflow (environment variable
``AIRFLOW_CONN_SUMMITWATCH_DB``, the metadata DB or a secrets backend), but
opened with the package's own psycopg2 helper: PostgresHook hands out
psycopg 3 connections when that driver is installed, and the package is
written against psycopg2.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CONN_ID = "summitwatch_db"

DEFAULT_ARGS: dict[str, Any] = {
    "owner": "summitwatch",
    "retries": 2,
}


@contextmanager
def summitwatch_connection() -> Iterator[Any]:
    from airflow.sdk import Connection

    from summitwatch.db.connection import open_connection

    with open_connection(Connection.get(CONN_ID).get_uri()) as conn:
        yield conn
