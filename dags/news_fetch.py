"""
### news_fetch

Polls every active, due source in `raw.sources` (feeds, pages, dropped-document
folders) and lands new items in `raw.items`, one fetch-log row per request.

Emits the **raw_items** asset only when something new landed; `news_process`
runs on it. Rerunning is safe: items are unique on (source, item key, content
hash), so a re-fetch lands nothing.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import dag, task

from summitwatch_airflow.assets import RAW_ITEMS
from summitwatch_airflow.db import DEFAULT_ARGS, summitwatch_connection


@dag(
    schedule="*/15 * * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=30),
    default_args={**DEFAULT_ARGS, "retry_delay": timedelta(minutes=1)},
    doc_md=__doc__,
    tags=["summitwatch", "ingest"],
)
def news_fetch() -> None:
    @task
    def fetch_sources() -> dict[str, object]:
        from summitwatch.pipeline.fetch import fetch_all

        with summitwatch_connection() as conn:
            return fetch_all(conn).as_dict()

    @task(outlets=[RAW_ITEMS])
    def announce_raw_items(summary: dict[str, object], *, outlet_events=None) -> None:  # type: ignore[no-untyped-def]
        from airflow.sdk.exceptions import AirflowSkipException

        if not summary["items_landed"]:
            raise AirflowSkipException("nothing new landed; raw_items not emitted")
        outlet_events[RAW_ITEMS].extra = {"items_landed": summary["items_landed"]}

    announce_raw_items(fetch_sources())


news_fetch()
