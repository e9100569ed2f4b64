"""Cross-document merging through the real pipeline: folder source -> fetch -> process -> events.

Team-written documents report one gathering on different days (announced, then held),
plus an unrelated call; everything runs against a fresh PostgreSQL database.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import psycopg2.extensions

from summitwatch.pipeline.fetch import fetch_all
from summitwatch.pipeline.process import process_pending
from summitwatch.seeding import load_seeds

ANNOUNCED = """ date 2019-02-10
The Élysée said on Sunday that French President Emmanuel Macron will meet German Chancellor Angela Merkel in Strasbourg later this month to prepare the spring council.
Both governments want to present a joint paper on industrial policy.
"""
HELD = """ date 2019-02-28
Emmanuel Macron and Angela Merkel met in Strasbourg on Wednesday and agreed on a joint paper on industrial policy.
The two leaders spoke for three hours, officials said.
"""
OTHER = """ date 2019-02-28
Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan spoke by phone on Thursday about the situation in northern Syria.
"""
PAIR = ["Angela Merkel", "Emmanuel Macron"]


def _setup(conn: psycopg2.extensions.connection, tmp_path: Path) -> Path:
    drop = tmp_path / "drop"
    drop.mkdir()
    sources = tmp_path / "sources.csv"
    sources.write_text(
        "name,kind,location,language,country,poll_interval_minutes,active,allow_private_network\n"
        f"team-drop,folder,{drop},en,DE,15,true,false\n",
        encoding="utf-8",
    )
    load_seeds(conn, sources)
    conn.commit()
    return drop


def _run(conn: psycopg2.extensions.connection) -> None:
    fetch_all(conn, force=True)
    process_pending(conn)


def _pair_events(conn: psycopg2.extensions.connection) -> list[tuple]:
    with conn.cursor() as cur:
        cur.execute(
            """
            SELECT event_id, kind, status, location, event_date, first_reported_at, last_reported_at
            FROM events.events WHERE participants = %s::text[] ORDER BY event_id
            """,
            (PAIR,),
        )
        return cur.fetchall()


def _count(conn: psycopg2.extensions.connection, sql: str, *args: object) -> int:
    with conn.cursor() as cur:
        cur.execute(sql, args)
        return int(cur.fetchone()[0])


def test_reports_of_one_gathering_merge_into_one_event(
    db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    drop = _setup(db, tmp_path)
    (drop / "announced.txt").write_text(ANNOUNCED, encoding="utf-8")
    (drop / "held.txt").write_text(HELD, encoding="utf-8")
    (drop / "other.txt").write_text(OTHER, encoding="utf-8")
    _run(db)

    assert _count(db, "SELECT count(*) FROM core.articles") == 3
    events = _pair_events(db)
    assert len(events) == 1, events
    event_id, kind, status, location, event_date, first_at, last_at = events[0]
    # Merkel meeting Macron in France travelled to the other side: a visit (SCHEMA).
    assert (kind, status, location) == ("visit", "held", "Strasbourg")
    assert event_date == "2019-02-27"  # the day-precise report wins over "later this month"
    assert first_at == datetime(2019, 2, 10, tzinfo=UTC)
    assert last_at == datetime(2019, 2, 28, tzinfo=UTC)
    assert _count(db, "SELECT count(*) FROM events.mentions WHERE event_id = %s", event_id) == 2

    with db.cursor() as cur:
        cur.execute(
            """
            SELECT h.status, h.first_reported_at, a.doc_id
            FROM events.status_history h JOIN core.articles a ON a.article_id = h.first_article_id
            WHERE h.event_id = %s ORDER BY h.first_reported_at
            """,
            (event_id,),
        )
        history = cur.fetchall()
    assert [(s, at) for s, at, _doc in history] == [
        ("planned", datetime(2019, 2, 10, tzinfo=UTC)),
        ("held", datetime(2019, 2, 28, tzinfo=UTC)),
    ]

    # The other gathering is its own event.
    assert _count(db, "SELECT count(*) FROM events.events") == 2
    assert (
        _count(
            db,
            "SELECT count(*) FROM events.events WHERE kind = 'call' AND participants @> %s::text[]",
            ["Vladimir Putin", "Recep Tayyip Erdoğan"],
        )
        == 1
    )


def test_a_duplicate_report_adds_a_mention_not_an_event(
    db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    drop = _setup(db, tmp_path)
    (drop / "announced.txt").write_text(ANNOUNCED, encoding="utf-8")
    (drop / "held.txt").write_text(HELD, encoding="utf-8")
    _run(db)
    ((event_id, *_rest),) = _pair_events(db)
    assert _count(db, "SELECT count(*) FROM events.mentions WHERE event_id = %s", event_id) == 2

    # The same report again under another name; a changed last line makes it a new item.
    (drop / "held-copy.txt").write_text(HELD + "(Copy from the wire desk.)\n", encoding="utf-8")
    _run(db)
    assert _count(db, "SELECT count(*) FROM raw.items") == 3
    assert _count(db, "SELECT count(*) FROM core.articles") == 3
    assert [e[0] for e in _pair_events(db)] == [event_id]
    assert _count(db, "SELECT count(*) FROM events.events") == 1
    assert _count(db, "SELECT count(*) FROM events.mentions WHERE event_id = %s", event_id) == 3
    (status,) = _pair_events(db)[0][2:3]
    assert status == "held"
    assert _count(db, "SELECT count(*) FROM events.status_history WHERE event_id = %s", event_id) == 2

    # Processing again changes nothing: nothing is pending, and a forced fetch finds no new item.
    _run(db)
    assert _count(db, "SELECT count(*) FROM events.mentions") == 3
    assert _count(db, "SELECT count(*) FROM events.events") == 1


ECHO = """ date 2019-03-05
Weeks after their talks, officials recalled that Emmanuel Macron had planned to meet Angela Merkel in Strasbourg in February.
"""


def test_a_later_echo_of_the_announcement_does_not_demote_a_held_gathering(
    db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    drop = _setup(db, tmp_path)
    for name, text in (("a-announced.txt", ANNOUNCED), ("b-held.txt", HELD), ("c-echo.txt", ECHO)):
        (drop / name).write_text(text, encoding="utf-8")
    _run(db)
    with db.cursor() as cur:
        cur.execute(
            """
            SELECT e.status, array_agg(m.status ORDER BY a.published_at)
            FROM events.events e JOIN events.mentions m USING (event_id) JOIN core.articles a USING (article_id)
            WHERE e.participants = %s::text[] GROUP BY e.event_id
            """,
            (PAIR,),
        )
        rows = cur.fetchall()
    db.commit()
    # The echo must be read as a report of the same gathering for this test to say anything.
    [(status, reported)] = rows
    assert reported[-1] in ("planned", "proposed") and "held" in reported
    assert status == "held"
