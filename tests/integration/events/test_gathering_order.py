"""Order must not matter: the same documents give the same canonical events and stories
in one batch, one by one, in reverse order and with two workers (issue 12).

Team-written reports of one meeting planned for 27 February, postponed, then held on
15 May (the postponement alone bridges the two dates), a meeting of the same two
leaders half a year later, an unrelated call, a G7 summit reported in German and in
English, a copy of one report, and two meetings of two other leaders in Berlin and a week
later in Paris with a report of their next meeting that names no place (it matches both;
the three are days apart, so each is a story of its own in any order).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import psycopg2
import psycopg2.extensions
import pytest

from summitwatch.pipeline.process import process_pending

PLANNED = (
    "German Chancellor Friedrich Merz and France's President Emmanuel Macron will meet in Strasbourg on "
    "27 February, the chancellery announced on Wednesday.\nThe two leaders plan to discuss energy prices."
)
POSTPONED = (
    "Bundeskanzler Friedrich Merz und der französische Präsident Emmanuel Macron haben ihr Treffen in "
    "Straßburg verschoben.\nDas Treffen soll nun am 15. Mai stattfinden, teilte ein Regierungssprecher mit."
)
HELD = (
    "Friedrich Merz and Emmanuel Macron met in Strasbourg on Saturday, 15 May, for talks on energy prices.\n"
    "The two leaders agreed on a joint paper."
)
LATER = (
    "Friedrich Merz and Emmanuel Macron met in Strasbourg on Monday, 15 November, and spoke about the "
    "budget.\nIt was their second meeting there this year."
)
CALL = (
    "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan spoke by phone on "
    "Thursday about the situation in northern Syria."
)
G7_DE = "Der G7-Gipfel findet am 11. Juni in Elmau statt.\nBundeskanzler Friedrich Merz ist Gastgeber des Treffens."
G7_EN = (
    "The G7 leaders will hold their summit in Elmau on 11 June, hosted by German Chancellor Friedrich Merz.\n"
    "The agenda covers energy and trade."
)

IN_BERLIN = (
    "Italian Prime Minister Giorgia Meloni and Spanish Prime Minister Pedro Sánchez met in Berlin on "
    "2 March to discuss migration."
)
SOON = "Giorgia Meloni und Pedro Sánchez wollen sich in Kürze erneut treffen, hieß es aus Regierungskreisen."
IN_PARIS = "Giorgia Meloni and Pedro Sánchez will meet in Paris on 16 March, officials said."

# (item key, text, publication time), in publication order.
REPORTS = [
    ("planned", PLANNED, datetime(2027, 1, 20, 9, tzinfo=UTC)),
    ("postponed", POSTPONED, datetime(2027, 2, 20, 9, tzinfo=UTC)),
    ("in-berlin", IN_BERLIN, datetime(2027, 3, 2, 18, tzinfo=UTC)),
    ("soon", SOON, datetime(2027, 3, 6, 19, tzinfo=UTC)),
    ("in-paris", IN_PARIS, datetime(2027, 3, 10, 20, tzinfo=UTC)),
    ("g7-de", G7_DE, datetime(2027, 6, 1, 8, tzinfo=UTC)),
    ("g7-en", G7_EN, datetime(2027, 6, 1, 11, tzinfo=UTC)),
    ("held", HELD, datetime(2027, 5, 15, 18, tzinfo=UTC)),
    (
        "held-copy",
        HELD + "\nThis report was first published by the chancellery.",
        datetime(2027, 5, 15, 19, tzinfo=UTC),
    ),
    ("call", CALL, datetime(2027, 5, 20, 9, tzinfo=UTC)),
    ("later", LATER, datetime(2027, 11, 15, 18, tzinfo=UTC)),
]


def _land(conn: psycopg2.extensions.connection, reports: list[tuple[str, str, datetime]]) -> None:
    with conn.cursor() as cur:
        cur.execute("INSERT INTO raw.sources (name, kind, location) VALUES ('desk', 'push', 'test')")
        for key, text, published in reports:
            cur.execute(
                """
                INSERT INTO raw.items (source_name, item_key, content_sha256, url, published_at, content,
                                       content_type, payload)
                VALUES ('desk', %s, encode(sha256(convert_to(%s, 'UTF8')), 'hex'), %s, %s, %s, 'text/plain',
                        %s)
                """,
                (key, text, f"https://desk.example/{key}", published, text, json.dumps({})),
            )
    conn.commit()


def _outcome(conn: psycopg2.extensions.connection) -> dict[str, object]:
    """Canonical events and stories as sets of documents: what must not depend on order."""
    with conn.cursor() as cur:
        cur.execute(
            """
            SELECT e.kind, e.status, e.participants, e.organizations, e.location, e.event_date,
                   array_agg(DISTINCT a.doc_id ORDER BY a.doc_id),
                   (SELECT array_agg(h.status ORDER BY h.first_reported_at, h.status)
                    FROM events.status_history h WHERE h.event_id = e.event_id)
            FROM events.events e JOIN events.mentions m USING (event_id) JOIN core.articles a USING (article_id)
            GROUP BY e.event_id ORDER BY 7
            """
        )
        events = [tuple(row) for row in cur.fetchall()]
        cur.execute(
            "SELECT array_agg(doc_id ORDER BY doc_id) FROM core.articles GROUP BY story_id ORDER BY 1"
        )
        stories = [row[0] for row in cur.fetchall()]
        cur.execute("SELECT count(*) FROM reporting.summit_events")
        rows = cur.fetchone()[0]
    conn.commit()
    return {"events": events, "stories": stories, "summit_events_rows": rows}


def _empty(conn: psycopg2.extensions.connection) -> None:
    with conn.cursor() as cur:
        cur.execute(
            """
            SELECT string_agg(format('%I.%I', schemaname, tablename), ', ')
            FROM pg_tables WHERE schemaname IN ('raw', 'core', 'events')
            """
        )
        cur.execute(f"TRUNCATE {cur.fetchone()[0]} RESTART IDENTITY CASCADE")
    conn.commit()


def _two_workers(database_url: str) -> None:
    def worker() -> None:
        conn = psycopg2.connect(database_url)
        try:
            process_pending(conn, batch_size=1)
        finally:
            conn.close()

    with ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(worker) for _ in range(2)]:
            done.result()


@pytest.fixture
def one_by_one(db: psycopg2.extensions.connection) -> dict[str, object]:
    _land(db, REPORTS)
    process_pending(db, batch_size=1)
    return _outcome(db)


def test_the_postponed_meeting_is_one_gathering(one_by_one: dict[str, object]) -> None:
    events = {
        tuple(docs): (kind, status, location, date, history)
        for kind, status, _, _, location, date, docs, history in one_by_one["events"]
    }  # type: ignore[misc]
    assert events[("desk:held", "desk:held-copy", "desk:planned", "desk:postponed")] == (
        "visit",  # the chancellor in France: his visit (SCHEMA)
        "held",
        "Strasbourg",
        "2027-05-15",
        ["planned", "postponed", "held"],
    )
    # One summit told in German and in English.
    assert events[("desk:g7-de", "desk:g7-en")][:4] == ("summit", "planned", "Elmau", "2027-06-11")
    # Same leaders, same place, half a year later: another gathering.
    assert events[("desk:later",)][1:4] == ("held", "Strasbourg", "2027-11-15")
    assert one_by_one["summit_events_rows"] == len(one_by_one["events"])


def test_a_report_without_a_place_does_not_bridge_two_cities(one_by_one: dict[str, object]) -> None:
    """ "Soon" matches the meeting in Berlin and the one in Paris; they stay two gatherings."""
    located = {
        location: docs
        for _, _, participants, _, location, _, docs, _ in one_by_one["events"]  # type: ignore[union-attr]
        if "Giorgia Meloni" in participants
    }
    assert set(located) == {"Berlin", "Paris"}
    assert sorted(doc for docs in located.values() for doc in docs) == [
        "desk:in-berlin",
        "desk:in-paris",
        "desk:soon",
    ]


@pytest.mark.parametrize("order", ["one batch", "reverse order", "two workers"])
def test_order_does_not_matter(
    db: psycopg2.extensions.connection, database_url: str, one_by_one: dict[str, object], order: str
) -> None:
    _empty(db)
    if order == "one batch":
        _land(db, REPORTS)
        process_pending(db, batch_size=len(REPORTS))
    elif order == "reverse order":
        _land(db, REPORTS[::-1])
        process_pending(db, batch_size=1)
    else:
        _land(db, REPORTS)
        _two_workers(database_url)
    assert _outcome(db) == one_by_one


def _snapshot(conn: psycopg2.extensions.connection) -> list[list[tuple]]:
    snapshot = []
    with conn.cursor() as cur:
        for query in (
            "SELECT event_id, event_key, status, participants, location, event_date, updated_at, xmin::text "
            "FROM events.events ORDER BY event_id",
            "SELECT mention_id, article_id, event_id, xmin::text FROM events.mentions ORDER BY mention_id",
            "SELECT * FROM events.status_history ORDER BY event_id, status",
            "SELECT article_id, story_id FROM core.articles ORDER BY article_id",
        ):
            cur.execute(query)
            snapshot.append(cur.fetchall())
    conn.commit()
    return snapshot


def test_reprocessing_converges_to_the_same_rows(
    db: psycopg2.extensions.connection, one_by_one: dict[str, object]
) -> None:
    before = _snapshot(db)
    with db.cursor() as cur:
        cur.execute("UPDATE raw.items SET process_state = 'pending', processed_at = NULL")
    db.commit()
    process_pending(db, batch_size=3)
    for table_before, table_after in zip(before, _snapshot(db), strict=True):
        assert table_after == table_before


def test_a_changed_mention_splits_and_merges_back(
    db: psycopg2.extensions.connection, one_by_one: dict[str, object]
) -> None:
    """The postponement report changes (now about a call): the bridge is gone and the event splits;
    restored, the one event comes back."""
    with db.cursor() as cur:
        cur.execute(
            "UPDATE raw.items SET content = %s, process_state = 'pending' WHERE item_key = 'postponed'",
            (CALL,),
        )
    db.commit()
    process_pending(db)
    split = _outcome(db)
    docs = [event[6] for event in split["events"]]  # type: ignore[union-attr]
    assert ["desk:held", "desk:held-copy"] in docs and ["desk:planned"] in docs
    with db.cursor() as cur:
        cur.execute(
            "UPDATE raw.items SET content = %s, process_state = 'pending' WHERE item_key = 'postponed'",
            (POSTPONED,),
        )
    db.commit()
    process_pending(db)
    assert _outcome(db)["events"] == one_by_one["events"]
