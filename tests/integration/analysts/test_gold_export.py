"""What analysts fix becomes a test of the extractor: corrections exported as gold rows score with
../shared/eval/score.py (read from ../shared at run time, as the shared tier does)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2.extensions
import pytest

from summitwatch.paths import project_root

from ..test_cli import _cli, _folder_source_with_the_seed

pytestmark = pytest.mark.shared

SCORE = project_root().parent / "shared" / "eval" / "score.py"


def _event_id(conn: psycopg2.extensions.connection, location: str) -> int:
    with conn.cursor() as cur:
        cur.execute("SELECT event_id FROM reporting.summit_events WHERE location = %s", (location,))
        [(event_id,)] = cur.fetchall()
    conn.commit()
    return int(event_id)


def test_exported_corrections_score_the_extractor(
    database_url: str, db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    assert SCORE.is_file(), f"{SCORE} is missing: the shared tier needs ../shared beside the project"
    sources = _folder_source_with_the_seed(tmp_path)
    env = dict(os.environ, DATABASE_URL=database_url)
    assert _cli("run", "--sources", str(sources), env=env).returncode == 0
    helsinki, moscow = _event_id(db, "Helsinki"), _event_id(db, "Moscow")
    for args in (("place", str(helsinki), "Espoo", "--country", "FI"), ("status", str(moscow), "cancelled")):
        assert _cli("correct", *args, env=env).returncode == 0

    gold = tmp_path / "gold.jsonl"
    export = subprocess.run(
        [sys.executable, str(project_root() / "tools" / "export_corrections.py"), "--out", str(gold)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert export.returncode == 0, export.stderr
    [row] = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert row["doc_id"] == "seed" and row["summit_related"] is True
    assert "Wladimir Putin hat seinen US-Kollegen Donald Trump" in row["text"]
    espoo = [e for e in row["events"] if e["location"] == "Espoo"]
    assert [(e["country"], e["note"]) for e in espoo] == [("FI", "corrected by analysts: location")]

    predicted = tmp_path / "predicted.jsonl"
    extracted = _cli("extract", str(tmp_path / "drop" / "seed.txt"), env=env)
    assert extracted.returncode == 0, extracted.stderr
    predicted.write_text(extracted.stdout, encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(SCORE), str(gold), str(predicted), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    figures = json.loads(scored.stdout)
    # Every gathering is found; the two the analysts corrected are where the extractor is wrong.
    assert figures["documents"] == 1 and figures["event_f1"] == 1.0
    assert figures["location_accuracy"] < 1.0 and figures["status_accuracy"] < 1.0
    assert figures["kind_accuracy"] == 1.0 and figures["date_accuracy"] == 1.0
    errors = subprocess.run(
        [sys.executable, str(SCORE), str(gold), str(predicted), "--show-errors"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert "gold='Espoo' pred='Helsinki'" in errors and "gold='cancelled' pred='invited'" in errors
