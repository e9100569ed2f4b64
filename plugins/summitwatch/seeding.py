"""Loading ``seeds/`` into the database: sources and reference data."""

from __future__ import annotations

from pathlib import Path

import psycopg2.extensions

from summitwatch.db.connection import transaction
from summitwatch.events.reference_db import load_reference
from summitwatch.paths import seeds_dir
from summitwatch.sources.catalog import read_sources_csv, upsert_sources
from summitwatch.watch.watchlists import read_watchlists_csv, upsert_watches


def load_seeds(
    conn: psycopg2.extensions.connection,
    sources_csv: Path | None = None,
    watchlists_csv: Path | None = None,
) -> dict[str, int]:
    """Upsert sources (from ``sources_csv`` or ``seeds/sources.csv``), watches
    (``watchlists_csv`` or ``seeds/watchlists.csv``) and reference data."""
    sources = read_sources_csv(sources_csv or seeds_dir() / "sources.csv")
    watches = read_watchlists_csv(watchlists_csv or seeds_dir() / "watchlists.csv")
    with transaction(conn) as cur:
        counts = {"sources": upsert_sources(cur, sources), "watches": upsert_watches(cur, watches)}
    # load_reference leaves the transaction to its caller: one for all reference tables.
    with transaction(conn):
        counts.update(load_reference(conn))
    return counts
