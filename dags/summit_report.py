"""
### summit_report

Runs on the **summit_events** asset: runs the data checks on the loaded
events (each check is a query that must return no rows) and fails loudly,
naming the offending keys, when one does not hold.

Each run also writes the analysts' HTML report (timeline of summits by status,
most active actors, source health, data checks) to
`$SUMMITWATCH_REPORTS_DIR/summit_report_<run_id>.html` (default
`<project>/.data/reports/`). It does not wait for the checks: a page that shows a
failing check is more useful than no page.

And it tells the watchers: each active watch of `reporting.watchlists` gets one
notification (e-mail through the SMTP connection `summitwatch_smtp`, or a JSON
webhook) with the status changes and new gatherings it matches that no run has
sent it before. A receiver that fails is retried with backoff and recorded in
`reporting.watch_notifications`; it never fails the run. See
`summitwatch.watch.delivery` and docs/analyst-guide.md#watchlists.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import dag, task

from summitwatch_airflow.assets import SUMMIT_EVENTS
from summitwatch_airflow.db import DEFAULT_ARGS, summitwatch_connection


@dag(
    schedule=[SUMMIT_EVENTS],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=30),
    default_args={**DEFAULT_ARGS, "retry_delay": timedelta(minutes=1)},
    doc_md=__doc__,
    tags=["summitwatch", "report"],
)
def summit_report() -> None:
    @task
    def run_data_checks() -> dict[str, int]:
        from summitwatch.db.connection import transaction
        from summitwatch.pipeline.report import run_data_checks as checks

        with summitwatch_connection() as conn, transaction(conn) as cur:
            results = checks(cur)
        failed = [r for r in results if not r.passed]
        if failed:
            detail = "; ".join(r.describe() for r in failed)
            raise ValueError(f"data checks failed: {detail}")
        return {r.name: r.failures for r in results}

    @task
    def write_html_report(**context: Any) -> str:
        from summitwatch.reporting.report_file import report_path_for_run, write_report

        with summitwatch_connection() as conn:
            path = write_report(conn, report_path_for_run(context["run_id"]), run_id=context["run_id"])
        return str(path)

    @task
    def notify_watchers(**context: Any) -> dict[str, int]:
        from summitwatch.watch.delivery import NotifySettings
        from summitwatch.watch.delivery import notify_watchers as notify
        from summitwatch_airflow.notifiers import send_notification

        settings = NotifySettings.from_env()
        with summitwatch_connection() as conn:
            return notify(
                conn, context["run_id"], lambda n: send_notification(n, settings, context), settings
            )

    run_data_checks()
    write_html_report()
    notify_watchers()


summit_report()
