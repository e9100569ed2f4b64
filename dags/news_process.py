"""
### news_process

Runs on the **raw_items** asset. `PROCESS_WORKERS` mapped task instances
claim *all* pending rows of `raw.items` between them, in batches
(`FOR UPDATE SKIP LOCKED`), one transaction per batch, in this order:
clean + extract + sign (MinHash) per item, take a write turn, article upsert
and signature rows, wait for the turn, events and mentions, sameness (exact and near duplicates,
revisions, stories), item states. The steps up to the article upsert run side
by side; the rest take turns. Details: README, "Data flow of one batch"
(`summitwatch.pipeline.process`).

State lives in PostgreSQL, not in the asset event: a lost or duplicated event
changes nothing, the next run catches up, a rerun is a no-op. Emits
**summit_events** when it processed anything.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import dag, task

from summitwatch_airflow.assets import RAW_ITEMS, SUMMIT_EVENTS
from summitwatch_airflow.db import DEFAULT_ARGS, summitwatch_connection

# Parallel process workers; equal to summitwatch.pipeline.process.DEFAULT_WORKERS
# (a test holds them together; the package is not imported at parse time).
PROCESS_WORKERS = 2


@dag(
    schedule=[RAW_ITEMS],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=2),
    default_args={**DEFAULT_ARGS, "retry_delay": timedelta(minutes=2)},
    doc_md=__doc__,
    tags=["summitwatch", "process"],
)
def news_process() -> None:
    @task
    def process_pending_items(worker: int) -> dict[str, int]:
        from summitwatch.pipeline.process import process_pending

        with summitwatch_connection() as conn:
            return process_pending(conn).as_dict()

    @task(outlets=[SUMMIT_EVENTS])
    def announce_summit_events(summaries: list[dict[str, int]], *, outlet_events=None) -> None:  # type: ignore[no-untyped-def]
        from airflow.sdk.exceptions import AirflowSkipException

        from summitwatch.pipeline.process import combined_counts

        summary = combined_counts(summaries)
        if not summary["items"]:
            raise AirflowSkipException("no pending items; summit_events not emitted")
        outlet_events[SUMMIT_EVENTS].extra = {k: summary[k] for k in ("items", "mentions", "events_touched")}

    announce_summit_events(process_pending_items.expand(worker=list(range(PROCESS_WORKERS))))


news_process()
