"""docs/data-dictionary.md is generated from the database comments, and every object has one."""

from __future__ import annotations

import difflib

import psycopg2
import psycopg2.extensions

from summitwatch.paths import project_root
from summitwatch.reporting.data_dictionary import missing_comments, read_catalog, render_markdown

DICTIONARY = project_root() / "docs" / "data-dictionary.md"


def _catalog(database_url: str) -> list:  # type: ignore[type-arg]
    conn = psycopg2.connect(database_url)
    try:
        with conn.cursor() as cur:
            return read_catalog(cur)
    finally:
        conn.close()


def test_data_dictionary_matches_the_migrated_database(database_url: str) -> None:
    generated = render_markdown(_catalog(database_url))
    committed = DICTIONARY.read_text(encoding="utf-8")
    if generated != committed:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    generated.splitlines(keepends=True),
                    "docs/data-dictionary.md",
                    "generated from the migrations",
                )
            )[:60]
        )
        raise AssertionError(f"the data dictionary drifted; run tools/data_dictionary.py\n{diff}")


def test_every_schema_table_view_and_column_has_a_comment(database_url: str) -> None:
    assert missing_comments(_catalog(database_url)) == []


def test_dictionary_describes_the_reporting_views(database_url: str) -> None:
    schemas = {s.name: s for s in _catalog(database_url)}
    views = {r.name: r for r in schemas["reporting"].relations}
    assert {"summit_events", "event_mentions", "status_history", "actor_meetings", "pipeline_health"} <= set(
        views
    )
    # Derived data is views; what analysts write (and its delivery state) are the only tables.
    assert {name for name, r in views.items() if r.kind != "view"} == {
        "corrections",
        "watchlists",
        "watch_notifications",
        "watch_deliveries",
    }
    text = render_markdown(list(schemas.values()))
    assert "### reporting.actor_meetings" in text
    assert (
        "| `times_met` | bigint | yes |  | Events of the pair with status held that were not phone calls. |"
        in text
    )
