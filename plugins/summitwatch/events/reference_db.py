"""Load the reference seeds into PostgreSQL (tables of sql/0010_reference_data.sql).

Idempotent upserts with bind parameters only; natural keys decide conflicts. The
extractor itself never needs the database: it reads ``seeds/`` directly.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from psycopg2.extras import execute_values

from summitwatch.paths import seeds_dir

# Rows per INSERT statement: one round trip for a thousand rows instead of one per row
# (row by row, the 11,000 reference rows took 1.4 s; most of it waiting on the server).
_PAGE_SIZE = 1000


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        yield from csv.DictReader(line for line in fh if not line.startswith("#"))


def _none(value: str) -> str | None:
    return value or None


def _upsert(cur: Any, statement: str, rows: list[tuple[Any, ...]], key: tuple[int, ...]) -> None:
    """``statement`` (``INSERT ... VALUES %s ON CONFLICT ...``) for ``rows``, a page per statement.

    One statement may not update a row twice, so of rows with the same natural key
    (the values at the positions ``key``) the last one is kept: what upserting them one
    by one leaves.
    """
    last = {tuple(row[i] for i in key): row for row in rows}
    execute_values(cur, statement, list(last.values()), page_size=_PAGE_SIZE)


def load_reference(conn: Any, seeds: Path | None = None) -> dict[str, int]:
    """Upsert actors, aliases, offices, places and groups; return rows written per table.

    ``conn`` is a psycopg2 connection; the caller owns the transaction (this function
    commits nothing, so a failure leaves the tables as they were).
    """
    seeds = seeds or seeds_dir()
    counts: dict[str, int] = {}
    with conn.cursor() as cur:
        actors = list(_rows(seeds / "actors.csv"))
        _upsert(
            cur,
            """INSERT INTO events.actors (qid, name, country, family_name_first, source)
               VALUES %s
               ON CONFLICT (qid) DO UPDATE SET name = EXCLUDED.name, country = EXCLUDED.country,
                   family_name_first = EXCLUDED.family_name_first, source = EXCLUDED.source""",
            [(r["qid"], r["name"], r["country"], r["family_name_first"] == "1", r["source"]) for r in actors],
            key=(0,),
        )
        counts["actors"] = len(actors)
        aliases = list(_rows(seeds / "actor_aliases.csv"))
        _upsert(
            cur,
            """INSERT INTO events.actor_aliases (qid, alias, lang, kind) VALUES %s
               ON CONFLICT (qid, alias, lang) DO UPDATE SET kind = EXCLUDED.kind""",
            [(r["qid"], r["alias"], r["lang"], r["kind"]) for r in aliases],
            key=(0, 1, 2),
        )
        counts["actor_aliases"] = len(aliases)
        offices = [r for r in _rows(seeds / "offices.csv") if r["start"]]
        _upsert(
            cur,
            """INSERT INTO events.offices (qid, office, jurisdiction, start_date, end_date, source)
               VALUES %s
               ON CONFLICT (qid, office, jurisdiction, start_date) DO UPDATE SET end_date = EXCLUDED.end_date,
                   source = EXCLUDED.source""",
            [
                (r["qid"], r["office"], r["jurisdiction"], _date(r["start"]), _date(r["end"]), r["source"])
                for r in offices
            ],
            key=(0, 1, 2, 3),
        )
        counts["offices"] = len(offices)
        places = list(_rows(seeds / "places.csv"))
        _upsert(
            cur,
            """INSERT INTO events.places (kind, name, country, alias, lang, leader_office)
               VALUES %s
               ON CONFLICT (kind, country, alias, lang) DO UPDATE SET name = EXCLUDED.name,
                   leader_office = EXCLUDED.leader_office""",
            [
                (r["kind"], r["name"], r["country"], r["alias"], r["lang"], _none(r["leader_office"]))
                for r in places
            ],
            key=(0, 2, 3, 4),
        )
        counts["places"] = len(places)
        groups = list(_rows(seeds / "groups.csv"))
        _upsert(
            cur,
            """INSERT INTO events.groups (code, name, alias, lang) VALUES %s
               ON CONFLICT (code, alias) DO UPDATE SET name = EXCLUDED.name, lang = EXCLUDED.lang""",
            [(r["code"], r["name"], r["alias"], r["lang"]) for r in groups],
            key=(0, 2),
        )
        counts["groups"] = len(groups)
    return counts


def _date(value: str) -> str | None:
    """Reference dates may be YYYY or YYYY-MM; the table stores the first day they allow."""
    if not value:
        return None
    parts = value.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts)
