"""Where the Summit Watch database is, and how to open it.

Resolution order (first match wins):

1. ``DATABASE_URL`` — a libpq URI, the usual twelve-factor setting;
2. ``AIRFLOW_CONN_SUMMITWATCH_DB`` — the same database as Airflow tasks see it
   through the ``summitwatch_db`` connection (URI form ``postgres://...``);
3. nothing set — an embedded PostgreSQL under ``.data/pg`` listening on
   127.0.0.1 (``db/embedded.py``), so a newcomer needs no setup at all.
   Only the CLI starts it; library functions always receive a connection.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import psycopg2.errors
import psycopg2.extensions

log = logging.getLogger(__name__)


class DatabaseUnavailable(RuntimeError):
    """The configured database cannot be reached; the message says which one."""


def configured_url() -> str | None:
    """The database URL from the environment, or None when none is set."""
    url = os.environ.get("DATABASE_URL") or os.environ.get("AIRFLOW_CONN_SUMMITWATCH_DB")
    if not url:
        return None
    # Airflow writes connection URIs as postgres:// and may add extras libpq
    # does not know; psycopg2 accepts postgresql:// and postgres:// alike.
    return url


def redact(url: str) -> str:
    """The URL with its password replaced, safe to print in errors and logs."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def embedded_url() -> str:
    """Start (or reuse) the embedded server (``db/embedded.py``) and return a URL of its database."""
    from summitwatch.db import embedded

    return embedded.start()


def ensure_database(admin_url: str, name: str) -> None:
    """Create database ``name`` on the server of ``admin_url`` unless it exists."""
    with open_connection(admin_url, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cur.fetchone() is None:
            # Another process may create it between our check and here: fine.
            with contextlib.suppress(psycopg2.errors.DuplicateDatabase):
                cur.execute(f'CREATE DATABASE "{name}"')
                # Closed to PUBLIC: its owner gets in, and migration 0048 lets the Summit Watch roles in.
                cur.execute(f'REVOKE CONNECT, TEMPORARY ON DATABASE "{name}" FROM PUBLIC')


def with_database(url: str, name: str) -> str:
    """``url`` with another database name: the same server, user and options."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def drop_database(admin_url: str, name: str) -> None:
    """Drop database ``name`` if it exists, closing whatever is still connected to it."""
    with open_connection(admin_url, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_database(admin_url: str, prefix: str) -> Iterator[str]:
    """A new, empty database on the server of ``admin_url``, dropped on exit; yields its URL.

    For benchmarks, tools and tests that need a database of their own.
    """
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with open_connection(admin_url, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(admin_url, name)
    finally:
        drop_database(admin_url, name)


def resolve_url(*, allow_embedded: bool = True) -> str:
    url = configured_url()
    if url:
        return url
    if not allow_embedded:
        raise DatabaseUnavailable("no database configured: set DATABASE_URL or AIRFLOW_CONN_SUMMITWATCH_DB")
    return embedded_url()


def connect(url: str) -> psycopg2.extensions.connection:
    """Open a connection, turning libpq's errors into one clear message."""
    try:
        conn = psycopg2.connect(url, connect_timeout=10, application_name="summitwatch")
    except psycopg2.OperationalError as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatabaseUnavailable(f"cannot connect to {redact(url)}: {detail}") from exc
    return conn


@contextmanager
def open_connection(url: str, *, autocommit: bool = False) -> Iterator[psycopg2.extensions.connection]:
    """A connection that is closed on exit (psycopg2's own ``with conn`` does not close)."""
    conn = connect(url)
    conn.autocommit = autocommit
    try:
        yield conn
    finally:
        conn.close()


@contextmanager
def transaction(conn: psycopg2.extensions.connection) -> Iterator[psycopg2.extensions.cursor]:
    """A cursor inside one transaction: committed on success, rolled back on error."""
    try:
        with conn.cursor() as cur:
            yield cur
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
