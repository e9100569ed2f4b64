"""Bounded waits for the pipeline's advisory locks, with the holder named when they run out.

Advisory locks are open to every role that can connect to the database: an
analyst's ``SELECT pg_advisory_lock(7401873112), pg_sleep(600)`` would hold up
``summitwatch migrate`` for ten minutes, and ``pg_advisory_lock(74018731, 0)``
every process batch, without a word. PostgreSQL cannot keep other roles off an
advisory key, so the pipeline bounds its waits instead: every advisory-lock
wait (migration runner, write turns, the event write lock) runs under
``lock_timeout`` = ``SUMMITWATCH_LOCK_WAIT_S`` (default 300 s, far longer than
any batch holds them) and, when it runs out, fails with ``LockWaitTimeout``
naming the sessions that hold the key (``pg_locks`` joined with
``pg_stat_activity``: pid, role, application, client, since when, query).

The pipeline's keys (``docs/sources.md``, "What the analyst role can still do"):
``7401873112`` migrations, ``7401873113`` event writes, ``(74018731, N)`` write
turns (``sql/0047_write_turns.sql``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import psycopg2
import psycopg2.errors
import psycopg2.extensions

DEFAULT_LOCK_WAIT_S = 300.0
LOCK_WAIT_ENV = "SUMMITWATCH_LOCK_WAIT_S"


class LockWaitTimeout(RuntimeError):
    """The pipeline waited too long for one of its advisory locks; the message names the holders."""


@dataclass(frozen=True)
class AdvisoryKeys:
    """Which ``pg_locks`` rows are the lock waited for: one bigint key, or a two-int key family."""

    label: str
    classid: int
    objid: int | None  # None: every second key of the family
    objsubid: int  # 1: bigint key, 2: two-int key

    @classmethod
    def bigint(cls, key: int) -> AdvisoryKeys:
        return cls(str(key), key >> 32, key & 0xFFFFFFFF, 1)

    @classmethod
    def family(cls, first: int) -> AdvisoryKeys:
        return cls(f"({first}, *)", first, None, 2)


def lock_wait_s() -> float:
    raw = os.environ.get(LOCK_WAIT_ENV, "")
    try:
        return float(raw) if raw.strip() else DEFAULT_LOCK_WAIT_S
    except ValueError as exc:
        raise ValueError(f"{LOCK_WAIT_ENV}={raw!r}: not a number of seconds") from exc


def holders(cur: psycopg2.extensions.cursor, keys: AdvisoryKeys) -> list[str]:
    """The other sessions holding ``keys``, described for an operator."""
    cur.execute(
        """
        SELECT DISTINCT a.pid, a.usename, a.application_name, a.client_addr::text, a.state,
               extract(epoch FROM now() - coalesce(a.xact_start, a.backend_start))::int, left(a.query, 120)
        FROM pg_locks l JOIN pg_stat_activity a USING (pid)
        WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid::bigint = %(classid)s AND l.objsubid = %(objsubid)s
          AND (%(objid)s::bigint IS NULL OR l.objid::bigint = %(objid)s::bigint)
        ORDER BY a.pid
        """,
        {"classid": keys.classid, "objid": keys.objid, "objsubid": keys.objsubid},
    )
    return [
        f"pid {pid} (role {user}, application {app or '-'}, client {client or 'local'}, {state}, "
        f"for {seconds} s: {query!r})"
        for pid, user, app, client, state, seconds, query in cur.fetchall()
    ]


def bounded_lock_wait(
    cur: psycopg2.extensions.cursor,
    sql: str,
    params: Any,
    *,
    what: str,
    keys: AdvisoryKeys,
    timeout_s: float | None = None,
) -> list[tuple[Any, ...]]:
    """Run ``sql`` (which waits for an advisory lock) with a bounded wait; return its rows.

    Must run inside a transaction. On timeout the transaction is back where it was
    before the call and ``LockWaitTimeout`` says who holds the lock.
    """
    timeout = lock_wait_s() if timeout_s is None else timeout_s
    cur.execute("SAVEPOINT bounded_lock_wait")
    cur.execute("SELECT current_setting('lock_timeout')")
    previous = cur.fetchone()[0]  # type: ignore[index]
    cur.execute("SELECT set_config('lock_timeout', %s, true)", (f"{max(1, round(timeout * 1000))}ms",))
    try:
        cur.execute(sql, params)
    except psycopg2.errors.LockNotAvailable:
        cur.execute("ROLLBACK TO SAVEPOINT bounded_lock_wait")
        held_by = holders(cur, keys)
        raise LockWaitTimeout(
            f"{what}: gave up after {timeout:g} s waiting for advisory lock {keys.label}, held by "
            + ("; ".join(held_by) if held_by else "a session that let go of it meanwhile")
            + ". A session outside the pipeline (an analyst's pg_advisory_lock?) stalls it: end that "
            f"session (SELECT pg_terminate_backend(pid)) and run again; {LOCK_WAIT_ENV} sets the wait."
        ) from None
    rows = cur.fetchall() if cur.description else []
    cur.execute("SELECT set_config('lock_timeout', %s, true)", (previous,))
    cur.execute("RELEASE SAVEPOINT bounded_lock_wait")
    return rows


def advisory_lock(cur: psycopg2.extensions.cursor, key: int, *, what: str, session: bool = False) -> None:
    """Take the bigint advisory lock ``key`` (for the transaction, or the session) with a bounded wait."""
    function = "pg_advisory_lock" if session else "pg_advisory_xact_lock"
    bounded_lock_wait(cur, f"SELECT {function}(%s)", (key,), what=what, keys=AdvisoryKeys.bigint(key))
