"""The asset chain under a real scheduler: trigger news_fetch once, and wait
(bounded) until news_process and summit_report have run on asset events."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from summitwatch.airflow_env import airflow_command, run_airflow

from .conftest import count

WAIT_FOR_CHAIN_S = 360


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _metadata(env: dict[str, str]) -> psycopg2.extensions.connection:
    url = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].replace("postgresql+psycopg2://", "postgresql://")
    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


def _runs(meta: psycopg2.extensions.connection) -> dict[str, list[tuple[str, str]]]:
    with meta.cursor() as cur:
        cur.execute("SELECT dag_id, state, run_type FROM dag_run ORDER BY id")
        runs: dict[str, list[tuple[str, str]]] = {}
        for dag_id, state, run_type in cur.fetchall():
            runs.setdefault(dag_id, []).append((str(state), str(run_type)))
    return runs


@pytest.fixture
def airflow_services(airflow_db: dict[str, str], tmp_path: Path) -> Iterator[dict[str, str]]:
    port = _free_port()
    env = dict(airflow_db)
    env.update(
        {
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
            "AIRFLOW__API_AUTH__JWT_SECRET": "summitwatch-scheduler-test-secret",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
            "AIRFLOW__CORE__PARALLELISM": "4",
        }
    )
    logs = {
        name: (tmp_path / f"{name}.log").open("w") for name in ("api-server", "scheduler", "dag-processor")
    }
    commands = {
        "api-server": ["api-server", "--port", str(port), "--host", "127.0.0.1"],
        "scheduler": ["scheduler"],
        "dag-processor": ["dag-processor"],
    }
    processes = [
        subprocess.Popen(airflow_command() + args, env=env, stdout=logs[name], stderr=subprocess.STDOUT)
        for name, args in commands.items()
    ]
    try:
        yield env
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for name, handle in logs.items():
            handle.close()
            text = (tmp_path / f"{name}.log").read_text(errors="replace").splitlines()
            print(f"---- {name} (last 40 lines) ----", *text[-40:], sep="\n")


def test_trigger_fetch_runs_the_chain_through_assets(
    demo_sources: psycopg2.extensions.connection, airflow_services: dict[str, str]
) -> None:
    env = airflow_services
    meta = _metadata(env)
    deadline = time.monotonic() + WAIT_FOR_CHAIN_S
    # The dag processor has to parse and serialise the DAGs before they can be unpaused.
    while True:
        with meta.cursor() as cur:
            cur.execute(
                "SELECT count(*) FROM dag WHERE dag_id IN ('news_fetch', 'news_process', 'summit_report')"
            )
            if cur.fetchone()[0] == 3:
                break
        assert time.monotonic() < deadline, "dag-processor did not register the DAGs in time"
        time.sleep(2)
    for dag_id in ("news_process", "summit_report", "news_fetch"):
        run_airflow(["dags", "unpause", dag_id], env)
    run_airflow(["dags", "trigger", "news_fetch"], env)

    while True:
        runs = _runs(meta)
        done = {
            d: any(state == "success" for state, _ in runs.get(d, []))
            for d in ("news_process", "summit_report")
        }
        failed = [(d, r) for d, rs in runs.items() for r in rs if r[0] == "failed"]
        assert not failed, f"a DAG run failed: {failed}"
        if all(done.values()):
            break
        assert time.monotonic() < deadline, f"chain did not complete in {WAIT_FOR_CHAIN_S}s: {runs}"
        time.sleep(3)

    runs = _runs(meta)
    assert all(run_type == "asset_triggered" for _, run_type in runs["news_process"])
    assert all(run_type == "asset_triggered" for _, run_type in runs["summit_report"])
    assert count(demo_sources, "SELECT count(*) FROM events.events") > 0
    assert count(demo_sources, "SELECT count(*) FROM raw.items WHERE process_state = 'pending'") == 0
    meta.close()
