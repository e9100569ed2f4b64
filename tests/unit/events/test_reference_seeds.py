"""Checks on the reference seed files themselves (loading them is tested against PostgreSQL)."""

from __future__ import annotations

import csv

from summitwatch.paths import seeds_dir


def test_offices_are_ordered() -> None:
    with (seeds_dir() / "offices.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert not row["end"] or row["start"] <= row["end"], row
