"""
### news_push

Immediate ingestion of what other systems push: a URL to fetch, or a
document. `summitwatch submit URL|FILE` (or any Redis client) publishes a JSON
message on the Redis pub/sub channel `summitwatch.submit` and keeps a copy in
the list `summitwatch.submit:pending` (message format: docs/sources.md).

Scheduled on the **summitwatch_submissions** asset, whose `AssetWatcher` runs a
`MessageQueueTrigger` (scheme `redis+pubsub`, Airflow connection
`summitwatch_redis`) in the triggerer: every published message starts a run.
The task lands the triggering messages and everything waiting in the mailbox
of every push source, then emits **raw_items** so `news_process` turns them
into events. A lost trigger event loses nothing: the mailbox is also read by
every `news_fetch` run, and landing is idempotent.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.providers.common.messaging.triggers.msg_queue import MessageQueueTrigger
from airflow.sdk import Asset, AssetWatcher, dag, task

from summitwatch_airflow.assets import RAW_ITEMS
from summitwatch_airflow.db import DEFAULT_ARGS, summitwatch_connection

PUSH_CHANNEL = "summitwatch.submit"

SUBMISSIONS = Asset(
    name="summitwatch_submissions",
    uri="summitwatch://push/submissions",
    watchers=[
        AssetWatcher(
            name="summitwatch_submit_watcher",
            trigger=MessageQueueTrigger(
                scheme="redis+pubsub",
                channels=[PUSH_CHANNEL],
                redis_conn_id="summitwatch_redis",
                poll_interval=1,
            ),
        )
    ],
)


@dag(
    schedule=[SUBMISSIONS],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=15),
    default_args={**DEFAULT_ARGS, "retry_delay": timedelta(seconds=30)},
    doc_md=__doc__,
    tags=["summitwatch", "ingest", "push"],
)
def news_push() -> None:
    @task(outlets=[RAW_ITEMS])
    def ingest_submissions(*, triggering_asset_events=None, outlet_events=None) -> dict[str, object]:  # type: ignore[no-untyped-def]
        from airflow.sdk.exceptions import AirflowSkipException

        from summitwatch.pipeline.fetch import ingest_pushed

        # The trigger's event carries the pub/sub message: {"channel": ..., "data": ...}.
        delivered = []
        for events in (triggering_asset_events or {}).values():
            for event in events:
                payload = (event.extra or {}).get("payload") or {}
                if isinstance(payload, dict) and isinstance(payload.get("data"), str):
                    delivered.append((str(payload.get("channel") or PUSH_CHANNEL), payload["data"]))
        with summitwatch_connection() as conn:
            summary = ingest_pushed(conn, delivered).as_dict()
        if not summary["items_landed"]:
            raise AirflowSkipException("nothing new landed; raw_items not emitted")
        outlet_events[RAW_ITEMS].extra = {"items_landed": summary["items_landed"]}
        return summary

    ingest_submissions()


news_push()
