"""The seed loader issues parameterised upserts (checked against a recording cursor)."""

from __future__ import annotations

import csv

from summitwatch.events.reference_db import load_reference
from summitwatch.paths import seeds_dir


class RecordingCursor:
    def __init__(self) -> None:
        self.calls: list[tuple[str, list[tuple]]] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def executemany(self, sql: str, rows) -> None:
        self.calls.append((sql, list(rows)))


class RecordingConnection:
    def __init__(self) -> None:
        self.cursor_obj = RecordingCursor()

    def cursor(self) -> RecordingCursor:
        return self.cursor_obj


def test_load_reference_upserts_every_seed_row() -> None:
    conn = RecordingConnection()
    counts = load_reference(conn)
    with (seeds_dir() / "actors.csv").open(encoding="utf-8") as fh:
        assert counts["actors"] == sum(1 for _ in csv.DictReader(fh))
    assert set(counts) == {"actors", "actor_aliases", "offices", "places", "groups"}
    for sql, rows in conn.cursor_obj.calls:
        assert "ON CONFLICT" in sql and "%s" in sql
        assert rows and all(isinstance(r, tuple) for r in rows)


def test_offices_are_ordered() -> None:
    with (seeds_dir() / "offices.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert not row["end"] or row["start"] <= row["end"], row
