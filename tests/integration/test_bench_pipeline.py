"""bench/pipeline.py still runs against the process stage it measures (no figures are checked)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "pipeline.py"


def test_the_end_to_end_benchmark_prints_its_table(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, str(BENCH), "--docs", "40", "--rounds", "1", "--latency-runs", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    labels = [row.split(" | ")[0].removeprefix("| ") for row in rows[1:]]
    assert labels[0].startswith("clean alone") and "as deployed" in labels[-1], rows
    assert sum(label.endswith("alone (`dedupe_articles`)") for label in labels) == 1, rows
