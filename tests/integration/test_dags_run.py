"""Each DAG run for real with ``dag.test()`` against PostgreSQL, asserting the rows it wrote."""

from __future__ import annotations

from typing import Any

import psycopg2

from .conftest import count, mapped_states, task_states

ROW_COUNTS = {
    "items": "SELECT count(*) FROM raw.items",
    "articles": "SELECT count(*) FROM core.articles",
    "events": "SELECT count(*) FROM events.events",
    "mentions": "SELECT count(*) FROM events.mentions",
    "history": "SELECT count(*) FROM events.status_history",
}


def _counts(conn: psycopg2.extensions.connection) -> dict[str, int]:
    return {name: count(conn, sql) for name, sql in ROW_COUNTS.items()}


def _helsinki(conn: psycopg2.extensions.connection) -> list[tuple[Any, ...]]:
    with conn.cursor() as cur:
        cur.execute(
            """
            SELECT kind, status, participants, location, country, event_date, articles
            FROM reporting.summit_events WHERE location = 'Helsinki'
            """
        )
        rows = cur.fetchall()
    conn.commit()
    return rows


def test_three_dags_in_order_and_rerun_is_a_no_op(
    demo_sources: psycopg2.extensions.connection, dagbag: Any, airflow_db: dict[str, str]
) -> None:
    conn = demo_sources

    fetch_run = dagbag.dags["news_fetch"].test()
    states = task_states(airflow_db, "news_fetch", fetch_run.run_id)
    assert states == {"fetch_sources": "success", "announce_raw_items": "success"}
    # five feed items (each with its page) and the seed article from the drop folder
    assert count(conn, "SELECT count(*) FROM raw.items") == 6
    assert count(conn, "SELECT count(*) FROM raw.items WHERE content_type = 'text/html'") == 5
    assert count(conn, "SELECT count(*) FROM raw.fetch_log WHERE outcome = 'ok'") >= 7

    process_run = dagbag.dags["news_process"].test()
    states = task_states(airflow_db, "news_process", process_run.run_id)
    assert states == {"process_pending_items": "success", "announce_summit_events": "success"}
    # Two mapped workers ran (dag.test() runs them one after the other: the first finds the work).
    assert mapped_states(airflow_db, "news_process", process_run.run_id, "process_pending_items") == [
        (0, "success"),
        (1, "success"),
    ]
    assert count(conn, "SELECT count(*) FROM raw.items WHERE process_state = 'pending'") == 0
    assert count(conn, "SELECT count(*) FROM core.articles") >= 5
    [(kind, status, participants, _loc, country, date, articles)] = _helsinki(conn)
    assert (kind, status, country, date) == ("summit", "held", "FI", "2018-07-16")
    assert {"Donald Trump", "Vladimir Putin"} <= set(participants)
    assert articles >= 2  # the demo feed's Helsinki reports and the seed article

    # The same wire report printed twice (own boilerplate each): two mentions, one independent report.
    with conn.cursor() as cur:
        cur.execute(
            "SELECT articles, independent_reports FROM reporting.summit_events "
            "WHERE 'Emmanuel Macron' = ANY(participants)"
        )
        assert cur.fetchall() == [(2, 1)]
    conn.commit()

    report_run = dagbag.dags["summit_report"].test()
    assert task_states(airflow_db, "summit_report", report_run.run_id)["run_data_checks"] == "success"

    before = _counts(conn)
    # Make every source due again: the feed is asked conditionally and answers 304.
    with conn.cursor() as cur:
        cur.execute("UPDATE raw.sources SET last_polled_at = NULL")
    conn.commit()
    rerun = dagbag.dags["news_fetch"].test()
    # Nothing new landed: the asset is not emitted, so news_process is not triggered.
    assert task_states(airflow_db, "news_fetch", rerun.run_id)["announce_raw_items"] == "skipped"
    reprocess = dagbag.dags["news_process"].test()
    assert task_states(airflow_db, "news_process", reprocess.run_id)["announce_summit_events"] == "skipped"
    assert _counts(conn) == before
    assert count(conn, "SELECT count(*) FROM raw.fetch_log WHERE outcome = 'not_modified'") == 1
