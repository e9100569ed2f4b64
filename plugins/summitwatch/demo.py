"""``summitwatch demo``: the whole pipeline on bundled sample sources.

1. resolve the database (embedded PostgreSQL under ``.data/`` by default);
2. apply migrations and load ``seeds/`` with ``seeds/demo/sources.csv``;
3. serve ``seeds/demo/site`` (a team-written feed and pages) on
   http://127.0.0.1:8765/ while the pipeline runs;
4. run ``news_fetch``, ``news_process`` and ``summit_report`` through Airflow
   (``airflow dags test``; the scheduler-driven asset chain is exercised by the
   integration tests and ``airflow standalone``);
5. print the events table, then how to connect as the analyst (a psql
   command and a URL) and where the HTML report is.

Running it twice gives the same table: every write is an upsert on a
natural key, and an unchanged feed lands nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from summitwatch.airflow_env import airflow_environment, run_airflow
from summitwatch.db import embedded
from summitwatch.db.connection import configured_url, open_connection, redact, resolve_url, transaction
from summitwatch.db.migrations import migrate
from summitwatch.local_site import serve_directory
from summitwatch.paths import data_dir, seeds_dir
from summitwatch.pipeline.report import print_event_table
from summitwatch.reporting.report_file import report_path_for_run, reports_dir, write_report
from summitwatch.seeding import load_seeds

DAGS_IN_ORDER = ("news_fetch", "news_process", "summit_report")


def run_demo(*, airflow: bool = True) -> int:
    url = resolve_url()
    with open_connection(url) as conn:
        migrate(conn)
        counts = load_seeds(conn, seeds_dir() / "demo" / "sources.csv")
    print(f"database ready; seeds loaded ({', '.join(f'{k}: {v}' for k, v in counts.items())})", flush=True)
    with serve_directory(seeds_dir() / "demo" / "site") as base_url:
        print(f"serving demo sources at {base_url}", flush=True)
        if airflow:
            env = airflow_environment(url, data_dir() / "airflow")
            print("preparing Airflow metadata database ...", flush=True)
            run_airflow(["db", "migrate"], env)
            for dag_id in DAGS_IN_ORDER:
                print(f"airflow dags test {dag_id} ...", flush=True)
                run_airflow(["dags", "test", dag_id], env)
        else:
            from summitwatch.pipeline.fetch import fetch_all
            from summitwatch.pipeline.process import process_pending

            with open_connection(url) as conn:
                fetch_all(conn, force=True)
                process_pending(conn)
                write_report(conn, report_path_for_run("demo"))
    print()
    with open_connection(url) as conn, transaction(conn) as cur:
        print_event_table(cur, sys.stdout)
        connect_url = redact(url) if configured_url() else embedded.ensure_analyst_login(cur)
    print_where_things_are(connect_url, latest_report())
    return 0


def latest_report() -> Path | None:
    found = sorted(reports_dir().glob("summit_report_*.html"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def print_where_things_are(connect_url: str, report: Path | None) -> None:
    print()
    print(f'Query the data:  psql "{connect_url}"')
    if not configured_url():
        print("  (or .venv/bin/summitwatch db shell; the embedded PostgreSQL keeps running on")
        print(f"   {embedded.HOST}:{embedded.port()} until .venv/bin/summitwatch db stop)")
    print("  views and worked queries: docs/analyst-guide.md")
    print(f"HTML report:     {report if report else '(none written)'}")
