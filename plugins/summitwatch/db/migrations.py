"""A small forward-only migrations runner for ``sql/NNNN_name.sql``.

Each pending file runs in its own transaction together with the row that
records it, so a failing migration leaves nothing behind. Applied files are
recorded with a SHA-256 of their text; if an applied file was edited, or
applied files are missing or out of order, the runner refuses to continue:
the database and the repository disagree, and guessing would be worse.

Views are different: each lives in one file, ``sql/views/<schema.view>.sql``,
holding its current definition and comments, so its text is read in one place
instead of being whichever migration redefined it last. After the migrations,
the runner compares every view file's SHA-256 with the one it recorded in
``public.schema_views``; when any differs (or a view was added, removed or is
missing from the database) it drops all the file-managed views and creates them
again from their files, in one transaction. A file may name views it selects
from in ``-- requires: schema.view`` lines; those are created first. A
migration that changes a column a view reads may simply ``DROP VIEW`` it: the
runner recreates it from its file afterwards.

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
_VIEW_NAME = re.compile(r"^([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)\.sql$")
_REQUIRES = re.compile(r"^--\s*requires:\s*(\S+)\s*$", re.MULTILINE)
VIEWS_SUBDIR = "views"
# The role that owns the data and the one that reads reporting (sql/0042_roles.sql).
_OWNER_ROLE, _READER_ROLE, _READ_SCHEMA = "summitwatch_pipeline", "summitwatch_analyst", "reporting"
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
CREATE TABLE IF NOT EXISTS public.schema_views (
    name        text PRIMARY KEY,
    checksum    text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE public.schema_views IS
    'Views from sql/views/ as last created in this database, with the SHA-256 of each file.';
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


@dataclass(frozen=True)
class ViewFile(Migration):
    """One ``sql/views/<schema.view>.sql`` file: the view's whole current definition (name: schema.view)."""

    @property
    def requires(self) -> list[str]:
        return _REQUIRES.findall(self.sql)


def discover_views(directory: Path | None = None) -> list[ViewFile]:
    """The view files in creation order: what a view requires comes before it."""
    folder = (directory or sql_dir()) / VIEWS_SUBDIR
    if not folder.is_dir():
        return []
    by_name: dict[str, ViewFile] = {}
    for path in sorted(folder.glob("*.sql")):
        match = _VIEW_NAME.match(path.name)
        if not match:
            raise MigrationError(f"views/{path.name}: view files are named schema.view.sql")
        by_name[match.group(1)] = ViewFile(match.group(1), path.read_text(encoding="utf-8"))
    ordered: list[ViewFile] = []
    visiting: set[str] = set()

    def visit(view: ViewFile) -> None:
        if view in ordered:
            return
        if view.name in visiting:
            raise MigrationError(f"views/{view.name}.sql: its requires lines form a cycle")
        visiting.add(view.name)
        for needed in view.requires:
            if needed not in by_name:
                raise MigrationError(f"views/{view.name}.sql requires {needed}, which has no file in views/")
            visit(by_name[needed])
        ordered.append(view)

    for view in by_name.values():
        visit(view)
    return ordered


def apply_views(conn: psycopg2.extensions.connection, directory: Path | None = None) -> list[str]:
    """Recreate the file-managed views if any file changed; return the view names (empty if none)."""
    views = discover_views(directory)
    with conn.cursor() as cur:
        cur.execute("SELECT name, checksum FROM public.schema_views")
        recorded = dict(cur.fetchall())
        cur.execute(
            "SELECT v.name FROM unnest(%s::text[]) AS v(name) WHERE to_regclass(v.name) IS NULL",
            ([v.name for v in views],),
        )
        missing = cur.fetchall()
    if not missing and recorded == {v.name: v.checksum for v in views}:
        return []
    try:
        with conn.cursor() as cur:
            # Dependents first: the reverse of creation order, then views whose file is gone.
            gone = sorted(set(recorded) - {v.name for v in views})
            for name in [v.name for v in reversed(views)] + gone:
                cur.execute(f"DROP VIEW IF EXISTS {_quoted(name)}")
            for view in views:
                log.info("creating view %s", view.name)
                cur.execute(view.sql)
                _hand_over(cur, view.name)
            cur.execute("DELETE FROM public.schema_views")
            cur.executemany(
                "INSERT INTO public.schema_views (name, checksum) VALUES (%s, %s)",
                [(v.name, v.checksum) for v in views],
            )
        conn.commit()
    except psycopg2.Error as exc:
        conn.rollback()
        raise MigrationError(f"views could not be recreated: {str(exc).strip()}") from exc
    return [v.name for v in views]


def _quoted(name: str) -> str:
    schema, view = name.split(".")
    return f'"{schema}"."{view}"'


def _hand_over(cur: psycopg2.extensions.cursor, name: str) -> None:
    """Same owner and readers as every other object of the schema (sql/0042_roles.sql)."""
    cur.execute("SELECT rolname FROM pg_roles WHERE rolname IN (%s, %s)", (_OWNER_ROLE, _READER_ROLE))
    roles = {r[0] for r in cur.fetchall()}
    if _OWNER_ROLE in roles:
        cur.execute(f"ALTER VIEW {_quoted(name)} OWNER TO {_OWNER_ROLE}")
    if _READER_ROLE in roles and name.split(".")[0] == _READ_SCHEMA:
        cur.execute(f"GRANT SELECT ON {_quoted(name)} TO {_READER_ROLE}")


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
    """Apply every pending migration, then recreate the views if their files changed.

    Returns what was applied: migration file names, then ``views/<schema.view>.sql``
    for each view recreated (empty when everything is up to date).
    """
    migrations = discover(directory)
    discover_views(directory)  # a bad view file stops the run before any migration
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
        views = apply_views(conn, directory)
        return [m.name for m in todo] + [f"{VIEWS_SUBDIR}/{name}.sql" for name in views]
    finally:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_ID,))
        conn.commit()
