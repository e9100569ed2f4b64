"""Backfill from WARC files into PostgreSQL: bad records, reruns, a kill half-way, the warc source kind."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psycopg2

from summitwatch.db.connection import transaction
from summitwatch.pipeline.backfill import backfill_file, backfill_source_for
from summitwatch.pipeline.fetch import fetch_all
from summitwatch.pipeline.process import process_pending
from summitwatch.seeding import load_seeds
from summitwatch.sources.catalog import Source, upsert_sources
from summitwatch.sources.warc import write_warc

from ..conftest import count

SUPPORT = Path(__file__).resolve().parents[2] / "support"
sys.path.insert(0, str(SUPPORT))
from warc_samples import broken_warc, demo_pages, numbered_pages  # noqa: E402


def test_pages_land_once_bad_records_are_kept_and_a_rerun_reads_nothing(
    db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    path = tmp_path / "broken.warc.gz"
    where = broken_warc(path)
    source = backfill_source_for(db, "archiv", str(path))
    first = backfill_file(db, source, str(path))
    assert (first.state, first.pages, first.landed, first.bad) == ("done", 5, 5, 3)
    assert count(db, "SELECT count(*) FROM raw.items WHERE source_name = 'archiv'") == 5
    with db.cursor() as cur:
        cur.execute("SELECT record_offset, error FROM raw.warc_bad_records ORDER BY record_offset")
        bad = cur.fetchall()
        cur.execute("SELECT state, next_offset, pages_kept, items_landed, bad_records FROM raw.warc_files")
        progress = cur.fetchone()
        cur.execute("SELECT outcome, request_kind, items_found, items_landed, warning FROM raw.fetch_log")
        logged = cur.fetchall()
    db.commit()
    assert [offset for offset, _ in bad] == sorted(where.values())
    assert progress == ("done", path.stat().st_size, 5, 5, 3)
    assert logged == [("ok", "warc", 5, 5, "3 bad records (raw.warc_bad_records)")]

    again = backfill_file(db, source, str(path))
    assert again.already_done and again.records == 0
    assert count(db, "SELECT count(*) FROM raw.items") == 5


def test_a_backfill_killed_half_way_resumes_where_it_stopped(
    db: psycopg2.extensions.connection, database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "lang.warc.gz"
    pages = numbered_pages(120)
    write_warc(path, pages)
    worker = subprocess.Popen(
        [sys.executable, str(SUPPORT / "backfill_slowly.py"), database_url, "archiv", str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout is not None
    commits = [worker.stdout.readline() for _ in range(3)]
    assert all(line.startswith("committed") for line in commits), commits
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL

    with db.cursor() as cur:
        cur.execute("SELECT state, next_offset, records_read, pages_kept FROM raw.warc_files")
        state, offset, read, kept = cur.fetchone()
    db.commit()
    assert state == "reading" and 0 < offset < path.stat().st_size
    assert 30 <= read < 120 and kept == read
    assert count(db, "SELECT count(*) FROM raw.items") == kept

    source = backfill_source_for(db, "archiv", str(path))
    rest = backfill_file(db, source, str(path))
    assert rest.records == 120 - read  # began exactly after the last committed record
    assert count(db, "SELECT count(*) FROM raw.items") == 120
    assert count(db, "SELECT count(DISTINCT url) FROM raw.items") == 120
    assert count(db, "SELECT pages_kept FROM raw.warc_files") == 120
    assert count(db, "SELECT items_landed FROM raw.warc_files WHERE state = 'done'") == 120


def test_a_warc_source_in_sources_csv_goes_through_run_to_events(
    db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    archive = tmp_path / "archiv"
    archive.mkdir()
    write_warc(archive / "2018-07.warc.gz", demo_pages())
    write_warc(archive / "andere.warc.gz", demo_pages(host="www.anderswo.example"))
    sources = tmp_path / "sources.csv"
    sources.write_text(
        "name,kind,location,language,country,poll_interval_minutes,active,allow_private_network,url_hosts\n"
        "archiv,warc,archiv/*.warc.gz,,,1440,true,false,example.org\n",
        encoding="utf-8",
    )
    load_seeds(db, sources)
    fetched = fetch_all(db, force=True)
    assert fetched.items_landed == 5 and not fetched.errors
    processed = process_pending(db)
    assert processed.articles == 5 and processed.failed == 0
    assert count(db, "SELECT count(*) FROM events.events") > 0
    assert count(db, "SELECT count(*) FROM raw.warc_files WHERE state = 'done'") == 2
    assert fetch_all(db, force=True).items_landed == 0


@contextmanager
def _served(directory: Path) -> Iterator[tuple[str, list[str]]]:
    """``directory`` over HTTP on 127.0.0.1 (free port); yields its URL and the paths asked for."""
    asked: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            asked.append(self.path)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", asked
    finally:
        server.shutdown()
        server.server_close()


def test_a_warc_url_is_downloaded_politely_and_read(
    db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    write_warc(tmp_path / "archiv.warc.gz", demo_pages())
    with _served(tmp_path) as (base, asked):
        url = base + "archiv.warc.gz"
        source = Source("archiv-web", "warc", url, allow_private_network=True)
        with transaction(db) as cur:
            upsert_sources(cur, [source])
        result = backfill_file(db, source, url)
    assert (result.state, result.landed) == ("done", 5)
    assert "/robots.txt" in asked[0] and "/archiv.warc.gz" in asked[-1]
    with db.cursor() as cur:
        cur.execute(
            "SELECT request_kind, outcome, http_status, bytes, items_landed FROM raw.fetch_log ORDER BY fetch_id"
        )
        rows = cur.fetchall()
    db.commit()
    size = (tmp_path / "archiv.warc.gz").stat().st_size
    assert rows == [("warc", "ok", 200, size, 0), ("warc", "ok", None, size, 5)]


def test_a_warc_url_on_a_private_address_is_refused_before_any_request(
    db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    write_warc(tmp_path / "archiv.warc.gz", demo_pages())
    with _served(tmp_path) as (base, asked):
        source = backfill_source_for(db, "archiv-web", base + "archiv.warc.gz")
        assert not source.allow_private_network
        result = backfill_file(db, source, base + "archiv.warc.gz")
    assert result.state == "failed" and "non-public address 127.0.0.1" in (result.error or "")
    assert asked == []
    assert (
        count(
            db, "SELECT count(*) FROM raw.warc_files WHERE state = 'failed' AND error LIKE '%%non-public%%'"
        )
        == 1
    )


def _cli(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summitwatch.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ, DATABASE_URL=database_url),
        timeout=300,
    )


def test_summitwatch_backfill_lands_processes_and_reruns_as_a_no_op(
    db: psycopg2.extensions.connection, database_url: str, tmp_path: Path
) -> None:
    broken_warc(tmp_path / "kaputt.warc.gz")
    load_seeds(db)  # reference data, so the pages' events are found
    first = _cli("backfill", str(tmp_path / "*.warc.gz"), "--source", "archiv", database_url=database_url)
    assert first.returncode == 0, first.stderr
    assert "5 pages kept, 5 new items, 3 bad records" in first.stdout
    assert "'articles': 5" in first.stdout
    # Not a terminal: plain lines, the last one with the totals.
    assert "backfill: 1/1 files, 8 records" in first.stderr
    assert "bad WARC record at" in first.stderr
    assert count(db, "SELECT count(*) FROM events.events") > 0

    again = _cli("backfill", str(tmp_path), "--source", "archiv", database_url=database_url)
    assert again.returncode == 0, again.stderr
    assert "1 files (1 done before), 0 records" in again.stdout
    assert count(db, "SELECT count(*) FROM raw.items") == 5

    missing = _cli("backfill", str(tmp_path / "fehlt.warc.gz"), database_url=database_url)
    assert missing.returncode == 2 and "no such file" in missing.stderr
