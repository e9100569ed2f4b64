"""``summit_backfill`` for real with ``dag.test()``: one mapped task per file, a duplicated run lands nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import psycopg2

from summitwatch.sources.warc import write_warc

from .conftest import count, mapped_states, task_states

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from warc_samples import broken_warc, demo_pages

STATE = "SELECT location, state, next_offset, records_read, pages_kept, items_landed, bad_records FROM raw.warc_files ORDER BY location"


def _rows(conn: psycopg2.extensions.connection, sql: str) -> list[tuple[Any, ...]]:
    with conn.cursor() as cur:
        cur.execute(sql)
        rows = cur.fetchall()
    conn.commit()
    return rows


def test_one_task_per_file_and_a_duplicated_run_lands_nothing_twice(
    db: psycopg2.extensions.connection, dagbag: Any, airflow_db: dict[str, str], tmp_path: Path
) -> None:
    broken_warc(tmp_path / "a-kaputt.warc.gz")
    write_warc(tmp_path / "b-anderswo.warc.gz", demo_pages(host="www.anderswo.example"))
    conf = {"files": [str(tmp_path / "*.warc.gz")], "source": "archiv"}
    dag = dagbag.dags["summit_backfill"]

    first = dag.test(run_conf=conf)
    assert task_states(airflow_db, "summit_backfill", first.run_id) == {
        "list_files": "success",
        "backfill_one": "success",
        "announce_raw_items": "success",
    }
    assert mapped_states(airflow_db, "summit_backfill", first.run_id, "backfill_one") == [
        (0, "success"),
        (1, "success"),
    ]
    assert count(db, "SELECT count(*) FROM raw.items WHERE source_name = 'archiv'") == 10
    state = _rows(db, STATE)
    assert [(r[1], r[5], r[6]) for r in state] == [("done", 5, 3), ("done", 5, 0)]
    logged = count(db, "SELECT count(*) FROM raw.fetch_log")

    # The same run again (a duplicate trigger), with one file named twice for good measure.
    again = dag.test(run_conf={**conf, "files": [*conf["files"], str(tmp_path / "b-anderswo.warc.gz")]})
    states = task_states(airflow_db, "summit_backfill", again.run_id)
    assert states["backfill_one"] == "success" and states["announce_raw_items"] == "skipped"
    assert count(db, "SELECT count(*) FROM raw.items") == 10
    assert _rows(db, STATE) == state
    assert count(db, "SELECT count(*) FROM raw.warc_bad_records") == 3
    assert count(db, "SELECT count(*) FROM raw.fetch_log") == logged
