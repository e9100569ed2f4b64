"""The five reporting views against the hand-made world, value by value."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import psycopg2.extensions

from .conftest import World


def _rows(conn: psycopg2.extensions.connection, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    conn.commit()
    return rows


def test_summit_events_one_row_per_event_with_counts_and_period(
    db: psycopg2.extensions.connection, analyst_world: World
) -> None:
    rows = _rows(
        db,
        """
        SELECT event_id, kind, status, participants, organizations, location, country, event_date,
               date_precision, date_from, date_to, first_reported_at, last_reported_at, articles, sources,
               independent_reports, confidence
        FROM reporting.summit_events ORDER BY event_id
        """,
    )
    assert len(rows) == len(analyst_world.events)
    by_id = {r[0]: r for r in rows}
    helsinki = by_id[analyst_world.events["helsinki"]]
    assert helsinki[1:11] == (
        "summit",
        "held",
        ["Donald Trump", "Vladimir Putin"],
        [],
        "Helsinki",
        "FI",
        "2018-07-16",
        "day",
        date(2018, 7, 16),
        date(2018, 7, 16),
    )
    assert helsinki[11] == datetime(2018, 6, 28, 9, 0, tzinfo=UTC)
    assert helsinki[12] == datetime(2018, 7, 16, 18, 0, tzinfo=UTC)
    # four articles from three outlets
    assert helsinki[13:16] == (4, 3, 4)
    assert abs(helsinki[16] - 0.9) < 1e-6
    moscow = by_id[analyst_world.events["moscow"]]
    assert (moscow[7], moscow[8], moscow[9], moscow[10]) == (
        "2018",
        "year",
        date(2018, 1, 1),
        date(2018, 12, 31),
    )
    assert by_id[analyst_world.events["buenos-aires"]][2] == "cancelled"


def test_event_mentions_carry_evidence_outlet_url_and_time(
    db: psycopg2.extensions.connection, analyst_world: World
) -> None:
    rows = _rows(
        db,
        """
        SELECT outlet, url, title, published_at, published_precision, status, evidence, outlet_country
        FROM reporting.event_mentions WHERE event_id = %s ORDER BY published_at, article_id
        """,
        analyst_world.events["helsinki"],
    )
    assert rows == [
        (
            "wire-a",
            "http://wire-a.example/2018/helsinki-announced",
            "Trump and Putin agree on Helsinki summit",
            datetime(2018, 6, 28, 9, 0, tzinfo=UTC),
            "second",
            "planned",
            "Trump and Putin will hold a summit in Helsinki on July 16.",
            "DE",
        ),
        (
            "paper-b",
            "http://paper-b.example/helsinki",
            "Helsinki to host first Trump-Putin summit",
            datetime(2018, 6, 28, 15, 0, tzinfo=UTC),
            "second",
            "planned",
            "The two presidents are to meet in Helsinki in July.",
            "GB",
        ),
        (
            "dropbox",
            None,
            "Putin lädt Trump nach Moskau ein",
            datetime(2018, 7, 1, tzinfo=UTC),
            "month",
            "held",
            "Trump und Putin waren am 16. Juli in Helsinki zusammengekommen.",
            "DE",
        ),
        (
            "wire-a",
            "http://wire-a.example/2018/helsinki-held",
            "Trump and Putin meet in Helsinki",
            datetime(2018, 7, 16, 18, 0, tzinfo=UTC),
            "second",
            "held",
            "Trump and Putin met in Helsinki on Monday.",
            "DE",
        ),
    ]


def test_status_history_orders_changes_with_first_report(
    db: psycopg2.extensions.connection, analyst_world: World
) -> None:
    rows = _rows(
        db,
        """
        SELECT step, status, previous_status, first_reported_at, outlet, title, is_current
        FROM reporting.status_history WHERE event_id = %s ORDER BY step
        """,
        analyst_world.events["buenos-aires"],
    )
    assert rows == [
        (
            1,
            "planned",
            None,
            datetime(2018, 11, 20, 8, 0, tzinfo=UTC),
            "wire-a",
            "Trump and Putin to meet at G20",
            False,
        ),
        (
            2,
            "cancelled",
            "planned",
            datetime(2018, 11, 29, 17, 30, tzinfo=UTC),
            "paper-b",
            "Trump calls off meeting with Putin",
            True,
        ),
    ]
    assert _rows(db, "SELECT count(*) FROM reporting.status_history") == [(7,)]


def test_actor_meetings_counts_held_meetings_and_places(
    db: psycopg2.extensions.connection, analyst_world: World
) -> None:
    rows = _rows(
        db,
        """
        SELECT actor_a, actor_b, times_met, places, first_met, last_met, calls, pending_events,
               cancelled_events, events, cardinality(event_ids)
        FROM reporting.actor_meetings ORDER BY actor_a, actor_b
        """,
    )
    assert rows == [
        ("Angela Merkel", "Emmanuel Macron", 1, ["Meseberg"], "2018-06-19", "2018-06-19", 0, 0, 0, 1, 1),
        (
            "Donald Trump",
            "Vladimir Putin",
            2,
            ["Helsinki", "Osaka"],
            "2018-07-16",
            "2019-06-28",
            0,
            1,  # the Moscow invitation
            1,  # Buenos Aires
            4,
            4,
        ),
    ]


def test_pipeline_health_per_source(db: psycopg2.extensions.connection, analyst_world: World) -> None:
    rows = _rows(
        db,
        """
        SELECT source_name, last_success_at IS NOT NULL, last_error, errors_24h, errors_7d, errors_total,
               items_total, items_7d, items_per_day_7d, items_pending, items_failed, mentions_30d,
               median_lag > interval '365 days', max_lag >= median_lag
        FROM reporting.pipeline_health ORDER BY source_name
        """,
    )
    assert rows == [
        ("dropbox", True, None, 0, 0, 0, 1, 1, Decimal("0.14"), 0, 0, 2, True, True),
        ("paper-b", True, "HTTP 403", 0, 1, 1, 3, 3, Decimal("0.43"), 0, 1, 2, True, True),
        (
            "wire-a",
            True,
            "HTTP 503 from http://wire-a.example/feed.xml",
            1,
            1,
            1,
            6,
            6,
            Decimal("0.86"),
            1,
            0,
            5,
            True,
            True,
        ),
    ]
    [(last_success,)] = _rows(
        db, "SELECT last_success_at FROM reporting.pipeline_health WHERE source_name = 'wire-a'"
    )
    assert datetime.now(UTC) - last_success < timedelta(hours=1, minutes=5)
