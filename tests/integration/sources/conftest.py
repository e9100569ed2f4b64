"""Fixtures for fetching against the local fault server with a real PostgreSQL."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg2
import pytest

from summitwatch.db.connection import transaction
from summitwatch.sources.catalog import Source, upsert_sources
from summitwatch.sources.settings import FetchSettings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))

from fault_server import FaultServer, fault_server

# Short limits so the faults fail fast; no politeness interval against our own server.
FAST = FetchSettings(
    connect_timeout_s=2.0,
    timeout_s=0.5,
    deadline_s=5.0,
    max_bytes=1_000_000,
    backoff_base_s=0.01,
    backoff_max_s=0.05,
    max_retry_after_s=2.0,
    per_host_concurrency=8,
    per_host_interval_s=0.0,
    workers=8,
)


@pytest.fixture
def fault() -> Iterator[FaultServer]:
    with fault_server() as server:
        yield server


@pytest.fixture
def settings() -> FetchSettings:
    return FAST


AddSources = Callable[..., list[Source]]


@pytest.fixture
def add_sources(db: psycopg2.extensions.connection) -> AddSources:
    """Register sources (name -> location) allowed to reach the local server."""

    def add(kind: str = "feed", private: bool = True, **locations: str) -> list[Source]:
        sources = [
            Source(name.replace("_", "-"), kind, location, "de", "DE", 15, True, private)
            for name, location in locations.items()
        ]
        with transaction(db) as cur:
            upsert_sources(cur, sources)
        return sources

    return add


def rows(conn: psycopg2.extensions.connection, sql: str, *args: object) -> list[tuple[object, ...]]:
    with conn.cursor() as cur:
        cur.execute(sql, args or None)
        result = cur.fetchall()
    conn.commit()
    return result
