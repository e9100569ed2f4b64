"""Write turns: batches copy their articles side by side and decide one after another.

The sameness decisions (exact and near duplicate, revision, story) compare an
article with the articles before it in article-id order, and event merging must
see every batch written before it. With several process workers, article ids
must therefore follow the order in which batches write those decisions.

A batch takes a turn (``take_write_turn``): a turn number and the ids of its new
articles, handed out together by ``core.take_write_turn`` (``sql/0047``). It
encodes and COPYs its articles with those ids while other workers copy or decide,
then ``wait_for_turn`` blocks until every earlier turn has ended (committed or
rolled back) and takes the write lock; only then does it compare the batch with
what is stored. The turn lasts until the transaction ends, so a later turn
waits for this one's commit: batches are decided in id order, as if one worker
had written them, while the article COPY, the heaviest part of a batch, runs in
parallel (``bench/load.py`` measures it).

Deadlock-free by construction: a turn only ever waits for earlier turns, and the
work before the wait touches nothing but the batch's own claimed items and its
own articles.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg2.extensions

from summitwatch.db.lock_waits import AdvisoryKeys, advisory_lock, bounded_lock_wait

# The advisory keys of sql/0047: (74018731, 0) for the hand-out, (74018731, N) for turn N.
TURN_KEYS = AdvisoryKeys.family(74018731)
# The write lock, shared by every writer of events (docs/sources.md lists the pipeline's keys).
_EVENT_LOCK_ID = 7_401_873_113


@dataclass(frozen=True)
class WriteTurn:
    number: int
    # Ascending, all above the ids of every earlier turn.
    article_ids: tuple[int, ...]


def take_write_turn(cur: psycopg2.extensions.cursor, articles: int) -> WriteTurn:
    """The next turn, with ids for ``articles`` new articles; it lasts until the transaction ends."""
    [(number, ids)] = bounded_lock_wait(
        cur,
        "SELECT turn, article_ids FROM core.take_write_turn(%s)",
        (articles,),
        what="taking a write turn",
        keys=TURN_KEYS,
    )
    return WriteTurn(int(number), tuple(int(i) for i in ids))


def wait_for_turn(cur: psycopg2.extensions.cursor, turn: WriteTurn) -> None:
    """Block until every earlier turn has ended, then take the write lock (``lock_events``).

    The write lock serialises this batch with writers that take no turn; among
    batches that do, the wait alone already orders them.
    """
    bounded_lock_wait(
        cur,
        "SELECT core.wait_for_earlier_turns(%s)",
        (turn.number,),
        what=f"write turn {turn.number} waiting for earlier turns",
        keys=TURN_KEYS,
    )
    lock_events(cur)


def lock_events(cur: psycopg2.extensions.cursor) -> None:
    """Serialise event writes until the transaction ends: two workers must not found one event twice."""
    advisory_lock(cur, _EVENT_LOCK_ID, what="taking the event write lock")
