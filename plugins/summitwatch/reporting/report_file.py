"""Writing the HTML report to a file: where a run's report goes, and writing it whole."""

from __future__ import annotations

import os
import re
from pathlib import Path

import psycopg2.extensions

from summitwatch.db.connection import transaction
from summitwatch.paths import data_dir
from summitwatch.reporting.html_report import render_html
from summitwatch.reporting.report_data import read_report_data


def reports_dir() -> Path:
    """``$SUMMITWATCH_REPORTS_DIR``, else ``.data/reports`` of the project."""
    override = os.environ.get("SUMMITWATCH_REPORTS_DIR")
    return Path(override) if override else data_dir() / "reports"


def report_path_for_run(run_id: str, directory: Path | None = None) -> Path:
    """``summit_report_<run_id>.html``, the run id reduced to characters safe in file names."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", run_id).strip("._") or "run"
    return (directory or reports_dir()) / f"summit_report_{safe}.html"


def write_report(conn: psycopg2.extensions.connection, path: Path, *, run_id: str | None = None) -> Path:
    """Render the report from the database and write it; a reader never sees half a file."""
    with transaction(conn) as cur:
        page = render_html(read_report_data(cur, run_id=run_id))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(page, encoding="utf-8")
    partial.replace(path)
    return path
