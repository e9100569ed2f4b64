"""The one way DAG tasks reach the Summit Watch database: the ``summitwatch_db`` connection.

Going through PostgresHook means the connection can come from an environment
variable (``AIRFLOW_CONN_SUMMITWATCH_DB``), the metadata DB or a secrets
backend, exactly as operators expect.
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
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    conn = PostgresHook(postgres_conn_id=CONN_ID).get_conn()
    try:
        yield conn
    finally:
        conn.close()
