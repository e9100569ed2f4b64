"""The DAGs under a real scheduler, dag-processor, triggerer and api-server.

1. Trigger news_fetch once (through the api-server's REST API), and wait
   (bounded) until news_process and summit_report have run on asset events.
2. Push a document with ``summitwatch submit``: the triggerer's AssetWatcher
   hears it on Redis, news_push lands it, news_process turns it into an event.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError

import psycopg2
import pytest
import redis

from summitwatch.airflow_env import (
    ADMIN_USER,
    ensure_admin_password,
    metadata_connection,
    service_log_tails,
    wait_for_dags,
)
from summitwatch.airflow_env import airflow_services as running_services
from summitwatch.sources.push import DEFAULT_CHANNEL, redis_url

from .conftest import count

WAIT_FOR_CHAIN_S = 360
# How often the tests look at the metadata database while they wait.
POLL_S = 0.5
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


class AirflowApi:
    """The api-server's REST API, as the admin: a call takes milliseconds, an ``airflow`` CLI call seconds."""

    def __init__(self, env: dict[str, str], password: str, deadline: float) -> None:
        self.base = f"http://127.0.0.1:{env['AIRFLOW__API__PORT']}"
        self.token = ""
        while True:  # the api-server answers once it has started
            try:
                login = {"username": ADMIN_USER, "password": password}
                self.token = self.call("POST", "/auth/token", login)["access_token"]
                return
            except URLError as exc:
                if isinstance(exc, HTTPError) or time.monotonic() > deadline:
                    raise
            time.sleep(POLL_S)

    def call(self, method: str, path: str, body: dict[str, Any]) -> Any:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(
            self.base + path, data=json.dumps(body).encode(), headers=headers, method=method
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)

    def unpause(self, *dag_ids: str) -> None:
        for dag_id in dag_ids:
            assert self.call("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": False})["is_paused"] is False

    def trigger(self, dag_id: str) -> str:
        return str(self.call("POST", f"/api/v2/dags/{dag_id}/dagRuns", {"logical_date": None})["dag_run_id"])


@pytest.fixture(scope="module")
def airflow_services(
    airflow_db: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """The four services running, every DAG registered, all but news_fetch unpaused.

    news_fetch waits for the test that loads its sources, so it fetches nothing before
    they are there. Yields the services' environment and their REST API.
    """
    log_dir = tmp_path_factory.mktemp("airflow-services")
    password, _ = ensure_admin_password(Path(airflow_db["AIRFLOW_HOME"]))
    try:
        with running_services(airflow_db, log_dir) as env:
            deadline = time.monotonic() + WAIT_FOR_CHAIN_S
            meta = metadata_connection(env)
            wait_for_dags(meta, ALL_DAGS, deadline)
            meta.close()
            api = AirflowApi(env, password, deadline)
            api.unpause(*(d for d in ALL_DAGS if d != "news_fetch"))
            yield env, api
    finally:
        print(service_log_tails(log_dir))


def test_trigger_fetch_runs_the_chain_through_assets(
    demo_sources: psycopg2.extensions.connection, airflow_services: tuple[dict[str, str], AirflowApi]
) -> None:
    env, api = airflow_services
    meta = metadata_connection(env)
    deadline = time.monotonic() + WAIT_FOR_CHAIN_S
    api.unpause("news_fetch")
    api.trigger("news_fetch")

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
        time.sleep(POLL_S)

    assert count(demo_sources, "SELECT count(*) FROM events.events") > 0
    assert count(demo_sources, "SELECT count(*) FROM raw.items WHERE process_state = 'pending'") == 0
    meta.close()


def test_pushed_document_becomes_an_event_through_the_triggerer(
    db: psycopg2.extensions.connection,
    airflow_services: tuple[dict[str, str], AirflowApi],
    tmp_path: Path,
) -> None:
    from summitwatch.sources.catalog import Source, upsert_sources
    from summitwatch.sources.push import submit

    env, _api = airflow_services
    meta = metadata_connection(env)
    deadline = time.monotonic() + WAIT_FOR_CHAIN_S
    with db.cursor() as cur:
        upsert_sources(cur, [Source(name="test-push", kind="push", location="summitwatch.submit")])
    db.commit()
    # The watcher's trigger must be running in the triggerer, subscribed to the channel,
    # before the doorbell rings (no one else listens there: Redis is under the integration lock).
    doorbell = redis.Redis.from_url(redis_url(), socket_timeout=10)
    while True:
        with meta.cursor() as cur:
            cur.execute("SELECT count(*) FROM trigger WHERE triggerer_id IS NOT NULL")
            picked_up = cur.fetchone()[0] > 0
        if picked_up and dict(doorbell.pubsub_numsub(DEFAULT_CHANNEL)).get(DEFAULT_CHANNEL.encode(), 0) > 0:
            break
        assert time.monotonic() < deadline, "the triggerer did not pick up the AssetWatcher's trigger"
        time.sleep(POLL_S)
    doorbell.close()
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
        time.sleep(POLL_S)
    assert count(db, "SELECT count(*) FROM raw.items WHERE source_name = 'test-push'") == 1
    with db.cursor() as cur:
        cur.execute("SELECT participants FROM events.events WHERE location = 'Paris'")
        [participants] = cur.fetchone()
    assert {"Olaf Scholz", "Emmanuel Macron"} <= set(participants)
    meta.close()
