"""The DAGs under a real scheduler, dag-processor, triggerer and api-server.

1. Trigger news_fetch once, and wait (bounded) until news_process and
   summit_report have run on asset events.
2. Push a document with ``summitwatch submit``: the triggerer's AssetWatcher
   hears it on Redis, news_push lands it, news_process turns it into an event.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from summitwatch.airflow_env import airflow_services as running_services
from summitwatch.airflow_env import metadata_connection, run_airflow, service_log_tails, wait_for_dags

from .conftest import count

WAIT_FOR_CHAIN_S = 360
ALL_DAGS = ("news_fetch", "news_process", "summit_report", "news_push")
PUSHED_TEXT = (
    " date 2023-01-23\nBundeskanzler Olaf Scholz und der französische Präsident Emmanuel Macron "
    "sind am Sonntag in Paris zu Regierungskonsultationen zusammengekommen.\n"
    "Beide Regierungen wollen ihre Zusammenarbeit in der Energiepolitik vertiefen.\n"
)


def _runs(meta: psycopg2.extensions.connection) -> dict[str, list[tuple[str, str]]]:
    with meta.cursor() as cur:
        cur.execute("SELECT dag_id, state, run_type FROM dag_run ORDER BY id")
        runs: dict[str, list[tuple[str, str]]] = {}
        for dag_id, state, run_type in cur.fetchall():
            runs.setdefault(dag_id, []).append((str(state), str(run_type)))
    return runs


@pytest.fixture(scope="module")
def airflow_services(
    airflow_db: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    log_dir = tmp_path_factory.mktemp("airflow-services")
    try:
        with running_services(airflow_db, log_dir) as env:
            yield env
    finally:
        print(service_log_tails(log_dir))


def test_trigger_fetch_runs_the_chain_through_assets(
    demo_sources: psycopg2.extensions.connection, airflow_services: dict[str, str]
) -> None:
    env = airflow_services
    meta = metadata_connection(env)
    deadline = time.monotonic() + WAIT_FOR_CHAIN_S
    wait_for_dags(meta, ALL_DAGS, deadline)
    for dag_id in ("news_process", "summit_report", "news_fetch"):
        run_airflow(["dags", "unpause", dag_id], env)
    run_airflow(["dags", "trigger", "news_fetch"], env)

    while True:
        runs = _runs(meta)
        # Earlier tests may have left manual (dag.test) runs in the metadata DB:
        # only runs the scheduler created on an asset event count here.
        done = {
            d: any(r == ("success", "asset_triggered") for r in runs.get(d, []))
            for d in ("news_process", "summit_report")
        }
        failed = [(d, r) for d, rs in runs.items() for r in rs if r[0] == "failed"]
        assert not failed, f"a DAG run failed: {failed}"
        if all(done.values()):
            break
        assert time.monotonic() < deadline, f"chain did not complete in {WAIT_FOR_CHAIN_S}s: {runs}"
        time.sleep(3)

    assert count(demo_sources, "SELECT count(*) FROM events.events") > 0
    assert count(demo_sources, "SELECT count(*) FROM raw.items WHERE process_state = 'pending'") == 0
    meta.close()


def test_pushed_document_becomes_an_event_through_the_triggerer(
    db: psycopg2.extensions.connection, airflow_services: dict[str, str], tmp_path: Path
) -> None:
    from summitwatch.sources.catalog import Source, upsert_sources
    from summitwatch.sources.push import submit

    env = airflow_services
    meta = metadata_connection(env)
    deadline = time.monotonic() + WAIT_FOR_CHAIN_S
    with db.cursor() as cur:
        upsert_sources(cur, [Source(name="test-push", kind="push", location="summitwatch.submit")])
    db.commit()
    wait_for_dags(meta, ALL_DAGS, deadline)
    for dag_id in ("news_process", "summit_report", "news_push"):
        run_airflow(["dags", "unpause", dag_id], env)
    # The watcher's trigger must be running in the triggerer before the doorbell rings.
    while True:
        with meta.cursor() as cur:
            cur.execute("SELECT count(*) FROM trigger WHERE triggerer_id IS NOT NULL")
            if cur.fetchone()[0] > 0:
                break
        assert time.monotonic() < deadline, "the triggerer did not pick up the AssetWatcher's trigger"
        time.sleep(2)
    time.sleep(3)  # subscription to the channel happens right after the trigger starts
    document = tmp_path / "scholz-macron-paris.txt"
    document.write_text(PUSHED_TEXT, encoding="utf-8")
    submit(str(document))

    while True:
        runs = _runs(meta)
        pushed = [r for r in runs.get("news_push", []) if r == ("success", "asset_triggered")]
        if pushed and count(db, "SELECT count(*) FROM events.events WHERE location = 'Paris'") > 0:
            break
        failed = [(d, r) for d, rs in runs.items() for r in rs if r[0] == "failed"]
        assert not failed, f"a DAG run failed: {failed}"
        assert time.monotonic() < deadline, f"pushed document did not become an event in time: {runs}"
        time.sleep(3)
    assert count(db, "SELECT count(*) FROM raw.items WHERE source_name = 'test-push'") == 1
    with db.cursor() as cur:
        cur.execute("SELECT participants FROM events.events WHERE location = 'Paris'")
        [participants] = cur.fetchone()
    assert {"Olaf Scholz", "Emmanuel Macron"} <= set(participants)
    meta.close()
