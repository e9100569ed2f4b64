"""What applying corrections costs analysts' queries: summit_events now vs as it was before #16.

Fills a scratch database with generated events, articles and mentions (SQL
``generate_series``, no text worth reading), then times the same queries against

- ``reporting.summit_events`` as ``sql/views/`` defines it (corrections applied
  through ``reporting.corrected_events``), with 0, ``--corrections``/10 and
  ``--corrections`` corrections recorded, and
- the view without corrections: the branch of ``corrected_events`` for events no
  correction touches, without that filter, read from
  ``sql/views/reporting.corrected_events.sql`` at run time and created side by side as
  ``bench_before.summit_events``,

interleaved, ``--rounds`` times each; the table shows medians (and spread) and the
ratio to the old view. No pass/fail: the figure to watch is the ratio for the full
table and for one event.

    flock /tmp/summitwatch-bench.lock .venv/bin/python bench/corrections.py \
        [--events N] [--mentions-per-event N] [--corrections N] [--rounds N]

``DATABASE_URL`` (else postgres@127.0.0.1:5432) is used to create and drop the
scratch database.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time

import psycopg2

from summitwatch.db.connection import scratch_database
from summitwatch.db.migrations import migrate
from summitwatch.paths import sql_dir

QUERIES = {
    "full table": "SELECT count(*) FROM (SELECT * FROM {view}) t",
    "one actor's events": "SELECT count(*) FROM {view} WHERE 'Person 7' = ANY(participants)",
    "one event": "SELECT * FROM {view} WHERE event_id = 4242",
}


def fill(cur: psycopg2.extensions.cursor, events: int, per_event: int) -> None:
    articles = events * per_event
    cur.execute(
        "INSERT INTO raw.sources (name, kind, location) VALUES ('bench', 'feed', 'http://bench.example/')"
    )
    cur.execute(
        """
        INSERT INTO raw.items (source_name, item_key, content_sha256, content, content_type, process_state,
                               processed_at)
        SELECT 'bench', 'item-' || i, encode(sha256(i::text::bytea), 'hex'), 'x', 'text/plain', 'done', now()
        FROM generate_series(1, %(n)s) i
        """,
        {"n": articles},
    )
    cur.execute(
        """
        INSERT INTO core.articles (item_id, source_name, doc_id, canonical_url, title, body, language,
                                   published_at, published_precision, content_hash)
        SELECT item_id, 'bench', 'bench/' || item_key, 'http://bench.example/' || item_key, item_key,
               'Body of ' || item_key, 'en', timestamptz '2018-01-01' + item_id * interval '7 minutes',
               'second', content_sha256
        FROM raw.items ORDER BY item_id
        """
    )
    cur.execute(
        """
        INSERT INTO events.events (event_key, kind, status, participants, location, country, event_date,
                                   confidence, first_reported_at, last_reported_at)
        SELECT 'bench:' || e, 'meeting', 'planned',
               ARRAY['Person ' || (e %% 97), 'Person ' || (e %% 89 + 100)],
               'City ' || (e %% 50), 'DE', to_char(date '2018-01-01' + e, 'YYYY-MM-DD'), 0.8, now(), now()
        FROM generate_series(1, %(n)s) e
        """,
        {"n": events},
    )
    cur.execute(
        """
        INSERT INTO events.mentions (article_id, event_id, extractor_version, kind, status, participants,
                                     location, country, event_date, evidence, confidence)
        SELECT a.article_id, e.event_id, 'bench', e.kind,
               CASE WHEN a.article_id %% 3 = 0 THEN 'held' ELSE 'planned' END,
               e.participants, e.location, e.country, e.event_date,
               'Sentence ' || a.article_id || ' about gathering ' || e.event_id || '.', 0.8
        FROM core.articles a JOIN events.events e ON e.event_id = (a.article_id - 1) %% %(events)s + 1
        """,
        {"events": events},
    )
    cur.execute(
        """
        INSERT INTO events.status_history (event_id, status, first_reported_at, first_article_id)
        SELECT DISTINCT ON (m.event_id, m.status) m.event_id, m.status, a.published_at, a.article_id
        FROM events.mentions m JOIN core.articles a USING (article_id)
        ORDER BY m.event_id, m.status, a.published_at, a.article_id
        """
    )
    cur.execute("ANALYZE")


def add_corrections(cur: psycopg2.extensions.cursor, total: int) -> None:
    """Bring the corrections up to ``total``: a mix of every action, anchored on real reports."""
    cur.execute("SELECT count(*) FROM reporting.corrections")
    have = cur.fetchone()[0]
    actions = [
        ("set_status", "'postponed'"),
        ("remove_participant", "e.participants[1]"),
        ("set_place", "'Bonn'"),
        ("not_an_event", "NULL"),
        ("same_gathering", "NULL"),
        ("move_mention", "NULL"),
    ]
    for number in range(have, total):
        action, value = actions[number % len(actions)]
        event_id = number * 7 + 1
        other = (
            "a2.canonical_url, m2.evidence" if action in ("same_gathering", "move_mention") else "NULL, NULL"
        )
        cur.execute(
            f"""
            INSERT INTO reporting.corrections (action, article, evidence, evidence_sha256, other_article,
                                               other_evidence, value)
            SELECT %(action)s, a.canonical_url, m.evidence, '', {other}, {value}
            FROM events.mentions m JOIN core.articles a USING (article_id)
            JOIN events.events e USING (event_id)
            JOIN events.mentions m2 ON m2.event_id = e.event_id + 1
            JOIN core.articles a2 ON a2.article_id = m2.article_id
            WHERE m.event_id = %(event)s
            LIMIT 1
            ON CONFLICT DO NOTHING
            """,
            {"action": action, "event": event_id},
        )
    cur.execute("ANALYZE reporting.corrections")


def old_view_sql() -> str:
    """summit_events before corrections: the second branch of corrected_events, every event."""
    text = (sql_dir() / "views" / "reporting.corrected_events.sql").read_text(encoding="utf-8")
    branch = re.search(r"\nUNION ALL\n(SELECT e\.event_id,.*?);", text, re.S)
    assert branch, "reporting.corrected_events.sql no longer ends in the untouched events' branch"
    everything, untouched_only = re.subn(
        r"\nWHERE e\.event_id NOT IN \(.*?\)\n(?=GROUP BY)", "\n", branch.group(1), flags=re.S
    )
    assert untouched_only == 1, "the untouched events' branch no longer filters on correction_targets"
    return "CREATE VIEW bench_before.summit_events AS " + everything


def timed(cur: psycopg2.extensions.cursor, sql: str) -> float:
    started = time.perf_counter()
    cur.execute(sql)
    cur.fetchall()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--mentions-per-event", type=int, default=20)
    parser.add_argument("--corrections", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    admin = os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"
    with scratch_database(admin, "summitwatch_bench_corrections") as url:
        conn = psycopg2.connect(url)
        migrate(conn)
        with conn.cursor() as cur:
            fill(cur, args.events, args.mentions_per_event)
            cur.execute("CREATE SCHEMA bench_before")
            cur.execute(old_view_sql())
        conn.commit()
        print(
            f"{args.events} events, {args.events * args.mentions_per_event} articles and mentions; "
            f"median of {args.rounds} rounds, seconds (min-max)\n"
        )
        print("| query | corrections | before #16 | summit_events now | x before |")
        print("|---|---:|---:|---:|---:|")
        for corrections in (0, args.corrections // 10, args.corrections):
            with conn.cursor() as cur:
                add_corrections(cur, corrections)
                cur.execute("SELECT count(*) FROM reporting.corrections")
                recorded = cur.fetchone()[0]
            conn.commit()
            for name, query in QUERIES.items():
                before, now = [], []
                with conn.cursor() as cur:
                    for _round in range(args.rounds):
                        before.append(timed(cur, query.format(view="bench_before.summit_events")))
                        now.append(timed(cur, query.format(view="reporting.summit_events")))
                conn.commit()
                b, n = statistics.median(before), statistics.median(now)
                print(
                    f"| {name} | {recorded} | {b:.3f} ({min(before):.3f}-{max(before):.3f}) "
                    f"| {n:.3f} ({min(now):.3f}-{max(now):.3f}) | {n / b:.2f} |"
                )
        conn.close()


if __name__ == "__main__":
    main()
