"""The embedded PostgreSQL under ``.data/pg``: what ``make demo`` runs on when nothing is configured.

The ``pgserver`` wheel ships the server binaries and creates the cluster (trust
authentication, superuser ``postgres``); on its own it listens on a Unix socket
only. Analysts' tools want a host and a port, so the server is (re)started to
listen on ``127.0.0.1`` at a fixed port, ``SUMMITWATCH_PG_PORT`` (default
5433, beside a system PostgreSQL on 5432), and nowhere else. It keeps running
after the command that started it, so the next command, psql or a notebook
finds it; ``summitwatch db stop`` stops it.

The cluster also gets a login role ``analyst``, a member of
``summitwatch_analyst`` (sql/0042_roles.sql): what an analyst connects as.
Without a password, which is safe only because the server is reachable from
this machine alone.
"""

from __future__ import annotations

import logging
import os
import socket
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg2.extensions

from summitwatch.paths import data_dir

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
DEFAULT_PORT = 5433
DATABASE = "summitwatch"
ANALYST_LOGIN = "analyst"
_ADMIN = "postgres"


class EmbeddedServerError(RuntimeError):
    """The embedded server cannot be started as configured; the message says why."""


def port() -> int:
    raw = os.environ.get("SUMMITWATCH_PG_PORT", str(DEFAULT_PORT))
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise EmbeddedServerError(f"SUMMITWATCH_PG_PORT must be a TCP port number, got {raw!r}")
    return int(raw)


def pgdata() -> Path:
    return data_dir() / "pg"


def url(user: str = _ADMIN, database: str = DATABASE) -> str:
    return f"postgresql://{user}@{HOST}:{port()}/{database}"


@dataclass(frozen=True)
class ServerState:
    running: bool
    host: str | None = None
    port: int | None = None
    pid: int | None = None


def _quiet() -> None:
    # platformdirs (used by pgserver) warns on every call when XDG_RUNTIME_DIR
    # is unset, as on most servers; the fallback it takes is fine.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")


def state() -> ServerState:
    """What ``postmaster.pid`` says, without starting anything."""
    _quiet()
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata()) if pgdata().exists() else None
    if info is None or not info.is_running():
        return ServerState(False)
    return ServerState(True, info.hostname, info.port, info.pid)


def _pg_ctl(args: list[str], *, user: str | None) -> None:
    from pgserver import pg_ctl  # type: ignore[attr-defined]  # generated per binary at import

    kwargs: dict[str, Any] = {"user": user} if user else {}
    pg_ctl(args, pgdata=pgdata(), timeout=60, **kwargs)


def _port_is_free(number: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, number))
        except OSError:
            return False
    return True


def start() -> str:
    """Start (or reuse) the server listening on 127.0.0.1:port; return the pipeline's URL."""
    _quiet()
    import pgserver  # heavy import, only when the embedded server is wanted

    wanted = port()
    pgdata().parent.mkdir(parents=True, exist_ok=True)
    # Creates the cluster on first use and starts it on its socket if it is down.
    server = pgserver.get_server(str(pgdata()), cleanup_mode=None)
    info = server.get_postmaster_info()
    if (info.hostname, info.port) != (HOST, wanted):
        if not _port_is_free(wanted):
            raise EmbeddedServerError(
                f"port {HOST}:{wanted} is taken by another program; "
                "set SUMMITWATCH_PG_PORT to a free port for the embedded PostgreSQL"
            )
        log.info("restarting the embedded PostgreSQL on %s:%s", HOST, wanted)
        _pg_ctl(["-w", "-m", "fast", "stop"], user=server.system_user)
        _pg_ctl(
            [
                "-w",
                "-o",
                f"-h {HOST}",
                "-o",
                f"-p {wanted}",
                "-o",
                f"-k {info.socket_dir}",
                "-l",
                str(pgdata() / "log"),
                "start",
            ],
            user=server.system_user,
        )
    from summitwatch.db.connection import ensure_database

    ensure_database(url(database="postgres"), DATABASE)
    return url()


def stop() -> bool:
    """Stop the server if it runs; return whether it was running."""
    if not state().running:
        return False
    import pgserver

    server = pgserver.get_server(str(pgdata()), cleanup_mode=None)
    _pg_ctl(["-w", "-m", "fast", "stop"], user=server.system_user)
    return True


def ensure_analyst_login(cur: psycopg2.extensions.cursor) -> str:
    """Create the ``analyst`` login (member of summitwatch_analyst) unless it exists; return its URL.

    Needs the migrations applied (they create summitwatch_analyst).
    """
    cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (ANALYST_LOGIN,))
    if cur.fetchone() is None:
        cur.execute(f"CREATE ROLE {ANALYST_LOGIN} LOGIN IN ROLE summitwatch_analyst")
        comment = "Summit Watch: the embedded server's analyst login."
        cur.execute(f"COMMENT ON ROLE {ANALYST_LOGIN} IS %s", (comment,))
    cur.execute(f"ALTER ROLE {ANALYST_LOGIN} SET search_path = reporting, public")
    return url(ANALYST_LOGIN)
