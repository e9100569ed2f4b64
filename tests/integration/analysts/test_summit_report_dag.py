"""summit_report writes the HTML report of each run, through Airflow for real (dag.test())."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg2.extensions
import pytest

from ..conftest import task_states
from .conftest import World


def test_each_run_writes_its_report(
    db: psycopg2.extensions.connection,
    analyst_world: World,
    dagbag: Any,
    airflow_db: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUMMITWATCH_REPORTS_DIR", str(tmp_path))
    dag = dagbag.dags["summit_report"]
    assert {t.task_id for t in dag.tasks} >= {"run_data_checks", "write_html_report"}

    run = dag.test()
    states = task_states(airflow_db, "summit_report", run.run_id)
    assert states["write_html_report"] == "success"
    [report] = tmp_path.glob("summit_report_*.html")
    assert report.name.startswith("summit_report_manual__")
    text = report.read_text(encoding="utf-8")
    assert f'data-event-id="{analyst_world.events["helsinki"]}"' in text
    assert "run manual__" in text
