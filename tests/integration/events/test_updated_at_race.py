"""Issue 13, defect 2: a batch whose transaction began before another worker created an event may
still update that event; ``updated_at`` must never come out earlier than the row's ``created_at``
(CHECK events_updated_after_created). ``now()`` is the transaction's start, so it could."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import psycopg2
import psycopg2.extensions

from summitwatch.events import EXTRACTOR_VERSION
from summitwatch.events.model import Event
from summitwatch.pipeline.event_store import mention_row, refresh_events, resolve_event, store_mentions
from summitwatch.pipeline.fetch import fetch_all
from summitwatch.pipeline.process import process_pending
from summitwatch.seeding import load_seeds

REPORT = """ date 2019-02-28
Emmanuel Macron and Angela Merkel met in Strasbourg on Wednesday and agreed on a joint paper.
"""
LATER_EVENT = Event(
    kind="meeting",
    status="planned",
    participants=("Olaf Scholz", "Pedro Sánchez"),
    organizations=(),
    location="Madrid",
    country="ES",
    date="2023-05",
    evidence="Olaf Scholz will meet Pedro Sánchez in Madrid in May.",
)


def test_an_event_created_after_the_updating_transaction_began_is_updated_cleanly(
    db: psycopg2.extensions.connection, database_url: str, tmp_path: Path
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "report.txt").write_text(REPORT, encoding="utf-8")
    sources = tmp_path / "sources.csv"
    sources.write_text(
        "name,kind,location,language,country,poll_interval_minutes,active\n"
        f"team-drop,folder,{drop},en,DE,15,true\n",
        encoding="utf-8",
    )
    load_seeds(db, sources)
    fetch_all(db, force=True)
    process_pending(db)
    with db.cursor() as cur:
        cur.execute("SELECT article_id FROM core.articles")
        [(article_id,)] = cur.fetchall()
    db.commit()

    # This worker's transaction begins: now() is fixed here.
    early = db.cursor()
    early.execute("SELECT now()")
    # Another worker creates an event and commits, later.
    other = psycopg2.connect(database_url)
    try:
        with other, other.cursor() as cur:
            event_id = resolve_event(cur, LATER_EVENT, datetime(2023, 5, 2, tzinfo=UTC))
    finally:
        other.close()
    # The early transaction now decides its article reports that event, and refreshes it.
    touched = store_mentions(
        early,
        [article_id],
        [mention_row(article_id, event_id, LATER_EVENT, EXTRACTOR_VERSION)],
        EXTRACTOR_VERSION,
    )
    refresh_events(early, sorted(touched))
    early.execute(
        "SELECT updated_at >= created_at, status FROM events.events WHERE event_id = %s", (event_id,)
    )
    assert early.fetchone() == (True, "planned")
    db.commit()
