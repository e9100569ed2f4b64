"""The embedded PostgreSQL as a newcomer meets it: on 127.0.0.1 at its port, the analyst login, stop.

Runs the real ``summitwatch db`` commands against a server of its own (a
temporary ``SUMMITWATCH_DATA`` and a free port), never the developer's ``.data``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

SUMMITWATCH = str(Path(sys.executable).with_name("summitwatch"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def embedded_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "AIRFLOW_CONN_SUMMITWATCH_DB")}
    env.update(SUMMITWATCH_DATA=str(tmp_path / "data"), SUMMITWATCH_PG_PORT=str(_free_port()))
    try:
        yield env
    finally:
        subprocess.run([SUMMITWATCH, "db", "stop"], env=env, capture_output=True, timeout=120, check=False)


def _summitwatch(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [SUMMITWATCH, *args], env=env, input=stdin, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_db_prints_the_analyst_url_opens_psql_and_stops(embedded_env: dict[str, str]) -> None:
    port = embedded_env["SUMMITWATCH_PG_PORT"]
    url = _summitwatch(embedded_env, "db").strip()
    assert url == f"postgresql://analyst@127.0.0.1:{port}/summitwatch"

    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute("SELECT current_user, count(*) FROM reporting.summit_events")
        assert cur.fetchone() == ("analyst", 0)
        cur.execute("SELECT has_schema_privilege('core', 'USAGE'), current_setting('listen_addresses')")
        assert cur.fetchone() == (False, "127.0.0.1")
    conn.close()

    shell = _summitwatch(embedded_env, "db", "shell", stdin="SELECT 'as ' || current_user AS who;\n")
    assert "as analyst" in shell

    assert "stopped" in _summitwatch(embedded_env, "db", "stop")
    with pytest.raises(psycopg2.OperationalError):
        psycopg2.connect(url, connect_timeout=3)
    assert "was not running" in _summitwatch(embedded_env, "db", "stop")


def test_db_refuses_to_guess_for_a_configured_server(embedded_env: dict[str, str], database_url: str) -> None:
    done = subprocess.run(
        [SUMMITWATCH, "db"],
        env={**embedded_env, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "administrator" in done.stderr and "docs/analyst-guide.md" in done.stderr
