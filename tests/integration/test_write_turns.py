"""Write turns against real PostgreSQL: ids in turn order, and no batch decides before an earlier one ends."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import pytest

from summitwatch.pipeline.write_turns import WriteTurn, take_write_turn, wait_for_turn

# How long a waiting connection is waited for before the test fails.
PATIENCE_SECONDS = 30


@contextmanager
def _connection(url: str) -> Iterator[psycopg2.extensions.connection]:
    conn = psycopg2.connect(url)
    try:
        yield conn
    finally:
        conn.rollback()
        conn.close()


def _pid(conn: psycopg2.extensions.connection) -> int:
    return int(conn.get_backend_pid())


class _Waiter(threading.Thread):
    """``wait_for_turn`` on its own connection, in the background."""

    def __init__(self, conn: psycopg2.extensions.connection, turn: WriteTurn) -> None:
        super().__init__(daemon=True)
        self.conn, self.turn = conn, turn
        self.error: psycopg2.Error | None = None

    def run(self) -> None:
        try:
            with self.conn.cursor() as cur:
                wait_for_turn(cur, self.turn)
        except psycopg2.Error as exc:  # handed to the test thread, which re-raises it
            self.error = exc

    def finished(self) -> bool:
        self.join(PATIENCE_SECONDS)
        if self.error is not None:
            raise self.error
        return not self.is_alive()


def test_ids_follow_turns(db: psycopg2.extensions.connection, database_url: str) -> None:
    with _connection(database_url) as other:
        first = take_write_turn(db.cursor(), 3)
        second = take_write_turn(other.cursor(), 2)
        assert second.number > first.number
        assert len(first.article_ids) == 3 and len(second.article_ids) == 2
        assert list(first.article_ids) == sorted(first.article_ids)
        assert max(first.article_ids) < min(second.article_ids)
        assert take_write_turn(other.cursor(), 0).article_ids == ()
    with pytest.raises(psycopg2.errors.RaiseException, match="articles must be 0 or more"):
        take_write_turn(db.cursor(), -1)


@pytest.mark.parametrize("ending", ["commit", "rollback"])
def test_a_later_turn_waits_until_the_earlier_one_ends(
    db: psycopg2.extensions.connection,
    database_url: str,
    wait_until_blocked: Callable[..., None],
    ending: str,
) -> None:
    with _connection(database_url) as earlier, _connection(database_url) as later:
        take_write_turn(earlier.cursor(), 1)
        waiter = _Waiter(later, take_write_turn(later.cursor(), 1))
        waiter.start()
        wait_until_blocked(_pid(later))
        assert waiter.is_alive()
        getattr(earlier, ending)()
        assert waiter.finished()
        # The later turn now holds the write lock until it ends.
        with db.cursor() as cur:
            cur.execute(
                "SELECT count(*) FROM pg_locks WHERE pid = %s AND locktype = 'advisory' AND granted",
                (_pid(later),),
            )
            assert cur.fetchone()[0] >= 2  # its own turn and the write lock
        db.commit()


def test_a_turn_rolled_back_in_between_does_not_let_a_later_one_pass_an_earlier_one(
    database_url: str, wait_until_blocked: Callable[..., None]
) -> None:
    with (
        _connection(database_url) as first,
        _connection(database_url) as second,
        _connection(database_url) as third,
    ):
        take_write_turn(first.cursor(), 1)
        take_write_turn(second.cursor(), 1)
        second.rollback()  # turn 2 ends early, turn 1 still runs
        waiter = _Waiter(third, take_write_turn(third.cursor(), 1))
        waiter.start()
        wait_until_blocked(_pid(third))
        assert waiter.is_alive()
        first.commit()
        assert waiter.finished()


def test_turns_of_an_earlier_transaction_on_the_same_connection_are_over(
    db: psycopg2.extensions.connection,
) -> None:
    with db.cursor() as cur:
        take_write_turn(cur, 1)
    db.commit()
    with db.cursor() as cur:
        wait_for_turn(cur, take_write_turn(cur, 1))  # returns at once: nothing earlier runs
    db.commit()


def test_the_analyst_role_cannot_take_turns(db: psycopg2.extensions.connection) -> None:
    with db.cursor() as cur:
        cur.execute("SET ROLE summitwatch_analyst")
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            take_write_turn(cur, 1)
    db.rollback()
