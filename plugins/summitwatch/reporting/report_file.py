"""Writing the HTML report to a file: where a run's report goes, and writing it whole."""

from __future__ import annotations

import os
import re
from pathlib import Path

import psycopg2.extensions

from summitwatch.db.connection import transaction
from summitwatch.paths import data_dir
from summitwatch.reporting.html_report import render_html
from summitwatch.reporting.report_data import previous_report_at, read_report_data, record_report


def reports_dir() -> Path:
    """``$SUMMITWATCH_REPORTS_DIR``, else ``.data/reports`` of the project."""
    override = os.environ.get("SUMMITWATCH_REPORTS_DIR")
    return Path(override) if override else data_dir() / "reports"


def report_path_for_run(run_id: str, directory: Path | None = None) -> Path:
    """``summit_report_<run_id>.html``, the run id reduced to characters safe in file names."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", run_id).strip("._") or "run"
    return (directory or reports_dir()) / f"summit_report_{safe}.html"


def write_report(conn: psycopg2.extensions.connection, path: Path, *, run_id: str | None = None) -> Path:
    """Render the report from the database and write it; a reader never sees half a file.

    The report shows what reached the database since the previous report was read
    (``core.reports``), and is recorded there itself once the file is in place.
    """
    key = str(path.resolve())
    with transaction(conn) as cur:
        data = read_report_data(cur, run_id=run_id, since=previous_report_at(cur, key))
        page = render_html(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_text(page, encoding="utf-8")
        partial.replace(path)
        record_report(cur, key, run_id, data.generated_at, len(data.events))
    return path
