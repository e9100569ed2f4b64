"""
### summit_backfill

Backfills history from web archives: reads a list of WARC files (CC-NEWS or
any crawl) into `raw.items`, **one mapped task per file**, so on a
CeleryExecutor deployment every worker reads files at once. Trigger it with
params:

- `files`: WARC files, folders, globs or http(s) URLs;
- `manifest` (+ `base`): a list of paths such as CC-NEWS's `warc.paths.gz`,
  relative to `base` (e.g. `https://data.commoncrawl.org/`);
- `source`: the `warc` source the pages land as (created when missing);
  `languages`, `hosts`: filters (default: the source's own).

Progress lives in PostgreSQL (`raw.warc_files`, per file and offset), so a
retry resumes where the attempt stopped, and a duplicated run, or a file
listed twice, lands nothing twice. Emits **raw_items** when pages landed;
`news_process` then cleans and extracts them. See docs/sources.md#warc.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import Param, dag, task

from summitwatch_airflow.assets import RAW_ITEMS
from summitwatch_airflow.db import DEFAULT_ARGS, summitwatch_connection


@dag(
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=4,
    dagrun_timeout=timedelta(hours=48),
    default_args={**DEFAULT_ARGS, "retry_delay": timedelta(minutes=2)},
    params={
        "files": Param([], type="array", description="WARC files, folders, globs or http(s) URLs"),
        "manifest": Param(None, type=["null", "string"], description="file or URL listing WARC paths"),
        "base": Param(None, type=["null", "string"], description="URL or folder the manifest is relative to"),
        "source": Param("backfill", type="string", description="the warc source the pages land as"),
        "languages": Param([], type="array", description="keep these languages (default: the source's)"),
        "hosts": Param([], type="array", description="keep only these hosts (default: the source's)"),
    },
    doc_md=__doc__,
    tags=["summitwatch", "ingest", "backfill"],
)
def summit_backfill() -> None:
    @task
    def list_files(*, params: dict[str, Any] | None = None) -> list[str]:
        from summitwatch.pipeline.backfill import backfill_source_for, planned_locations

        assert params is not None
        locations = planned_locations(params["files"], manifest=params["manifest"], base=params["base"])
        if locations:
            with summitwatch_connection() as conn:
                backfill_source_for(conn, params["source"], locations[0])
        return locations

    @task(retries=3)
    def backfill_one(location: str, *, params: dict[str, Any] | None = None) -> dict[str, object]:
        from summitwatch.pipeline.backfill import backfill_file, backfill_source_for, chosen_filter

        assert params is not None
        with summitwatch_connection() as conn:
            source = backfill_source_for(conn, params["source"], location)
            warc_filter = chosen_filter(source, languages=params["languages"], hosts=params["hosts"])
            result = backfill_file(conn, source, location, warc_filter=warc_filter)
        if result.error:
            raise RuntimeError(f"{location}: {result.error}")  # retried; the file resumes
        return result.as_dict()

    @task(outlets=[RAW_ITEMS])
    def announce_raw_items(results: list[dict[str, object]], *, outlet_events=None) -> None:  # type: ignore[no-untyped-def]
        from airflow.sdk.exceptions import AirflowSkipException

        landed = sum(int(r["landed"]) for r in results)  # type: ignore[call-overload]
        if not landed:
            raise AirflowSkipException("no new pages landed; raw_items not emitted")
        outlet_events[RAW_ITEMS].extra = {"items_landed": landed, "files": len(results)}

    announce_raw_items(backfill_one.expand(location=list_files()))


summit_backfill()
