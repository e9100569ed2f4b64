"""A small forward-only migrations runner for ``sql/NNNN_name.sql``.

Each pending file runs in its own transaction together with the row that
records it, so a failing migration leaves nothing behind. Applied files are
recorded with a SHA-256 of their text; if an applied file was edited, or
applied files are missing or out of order, the runner refuses to continue:
the database and the repository disagree, and guessing would be worse.

Concurrent runners (two Airflow workers starting at once) serialise on an
advisory lock, waited for at most ``SUMMITWATCH_LOCK_WAIT_S`` (``lock_waits``).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg2.extensions

from summitwatch.db.lock_waits import LockWaitTimeout, advisory_lock
from summitwatch.paths import sql_dir

log = logging.getLogger(__name__)

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# Arbitrary constant: the advisory-lock id all migration runners agree on.
_LOCK_ID = 7_401_873_112

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS public.schema_migrations (
    name        text PRIMARY KEY,
    checksum    text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE public.schema_migrations IS
    'Migrations from sql/ applied to this database, with the SHA-256 of each file as applied.';
"""


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def discover(directory: Path | None = None) -> list[Migration]:
    directory = directory or sql_dir()
    found = []
    for path in sorted(directory.glob("*.sql")):
        if not _NAME.match(path.name):
            raise MigrationError(f"{path.name}: migration files are named NNNN_lower_case.sql")
        found.append(Migration(path.name, path.read_text(encoding="utf-8")))
    numbers = [m.name[:4] for m in found]
    if len(set(numbers)) != len(numbers):
        raise MigrationError(f"two migrations share a number in {directory}")
    return found


def applied(conn: psycopg2.extensions.connection) -> dict[str, str]:
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('public.schema_migrations')")
        row = cur.fetchone()
        if row is None or row[0] is None:
            return {}
        cur.execute("SELECT name, checksum FROM public.schema_migrations ORDER BY name")
        return dict(cur.fetchall())


def pending(conn: psycopg2.extensions.connection, migrations: list[Migration]) -> list[Migration]:
    """Check applied files against the repository and return what is left to apply."""
    done = applied(conn)
    by_name = {m.name: m for m in migrations}
    for name, checksum in done.items():
        if name not in by_name:
            raise MigrationError(f"{name} is applied to the database but missing from sql/")
        if by_name[name].checksum != checksum:
            raise MigrationError(
                f"{name} was edited after it was applied (checksum differs); "
                "migrations are forward-only: add a new file instead"
            )
    todo = [m for m in migrations if m.name not in done]
    if done and todo and todo[0].name < max(done):
        raise MigrationError(f"{todo[0].name} sorts before already applied {max(done)}; renumber it")
    return todo


def migrate(conn: psycopg2.extensions.connection, directory: Path | None = None) -> list[str]:
    """Apply every pending migration; return the names applied (empty when up to date)."""
    migrations = discover(directory)
    conn.autocommit = False
    with conn.cursor() as cur:
        try:
            advisory_lock(cur, _LOCK_ID, what="migrate", session=True)
        except LockWaitTimeout as exc:
            conn.rollback()
            raise MigrationError(str(exc)) from exc
        cur.execute(_BOOKKEEPING)
    conn.commit()
    try:
        todo = pending(conn, migrations)
        for migration in todo:
            log.info("applying %s", migration.name)
            try:
                with conn.cursor() as cur:
                    cur.execute(migration.sql)
                    cur.execute(
                        "INSERT INTO public.schema_migrations (name, checksum) VALUES (%s, %s)",
                        (migration.name, migration.checksum),
                    )
                conn.commit()
            except psycopg2.Error as exc:
                conn.rollback()
                raise MigrationError(f"{migration.name} failed: {str(exc).strip()}") from exc
        return [m.name for m in todo]
    finally:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_ID,))
        conn.commit()
