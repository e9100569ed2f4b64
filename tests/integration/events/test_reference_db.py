"""Reference seeds in real PostgreSQL: every seed row lands once, and loading is idempotent."""

from __future__ import annotations

import csv
from datetime import date

import psycopg2.extensions

from summitwatch.events.reference_db import load_reference
from summitwatch.paths import seeds_dir

# Table -> (seed file, the columns of its natural key: the table's primary key).
SEEDS = {
    "actors": ("actors.csv", ("qid",)),
    "actor_aliases": ("actor_aliases.csv", ("qid", "alias", "lang")),
    "offices": ("offices.csv", ("qid", "office", "jurisdiction", "start")),
    "places": ("places.csv", ("kind", "country", "alias", "lang")),
    "groups": ("groups.csv", ("code", "alias")),
}

# The holder of an office on a day: the newest tenure that covers it (as reference.holder does).
HOLDER = """
    SELECT a.name
    FROM events.offices o JOIN events.actors a USING (qid)
    WHERE o.office = %s AND o.jurisdiction = %s
      AND o.start_date <= %s AND (o.end_date IS NULL OR %s < o.end_date)
    ORDER BY o.start_date DESC
    LIMIT 1
"""


def _seed_keys(file: str, key: tuple[str, ...]) -> set[tuple[str, ...]]:
    with (seeds_dir() / file).open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        # Offices without a start date are not loaded (nor used by the extractor).
        return {tuple(r[k] for k in key) for r in rows if file != "offices.csv" or r["start"]}


def _table_counts(conn: psycopg2.extensions.connection) -> dict[str, int]:
    counts = {}
    with conn.cursor() as cur:
        for table in SEEDS:
            cur.execute(f"SELECT count(*) FROM events.{table}")
            counts[table] = cur.fetchone()[0]
    return counts


def _holder(conn: psycopg2.extensions.connection, office: str, jurisdiction: str, day: date) -> str | None:
    with conn.cursor() as cur:
        cur.execute(HOLDER, (office, jurisdiction, day, day))
        row = cur.fetchone()
    return row[0] if row else None


def test_load_writes_every_seed_row_once(db: psycopg2.extensions.connection) -> None:
    assert set(_table_counts(db).values()) == {0}
    written = load_reference(db)
    db.commit()
    expected = {table: len(_seed_keys(file, key)) for table, (file, key) in SEEDS.items()}
    assert _table_counts(db) == expected
    assert written == expected  # the seeds hold no duplicate keys
    assert all(n > 0 for n in expected.values())


def test_roles_resolve_to_the_holder_on_the_day(db: psycopg2.extensions.connection) -> None:
    load_reference(db)
    db.commit()
    assert _holder(db, "president", "US", date(2018, 7, 16)) == "Donald Trump"
    assert _holder(db, "president", "US", date(2022, 6, 26)) == "Joe Biden"
    # The day a tenure ends belongs to the successor.
    assert _holder(db, "president", "US", date(2021, 1, 20)) == "Joe Biden"
    assert _holder(db, "head_of_government", "DE", date(2018, 3, 16)) == "Angela Merkel"
    assert _holder(db, "head_of_government", "DE", date(2022, 6, 26)) == "Olaf Scholz"


def test_loading_again_changes_no_counts(db: psycopg2.extensions.connection) -> None:
    load_reference(db)
    db.commit()
    before = _table_counts(db)
    with db.cursor() as cur:
        cur.execute("SELECT md5(string_agg(qid || name || country, ',' ORDER BY qid)) FROM events.actors")
        actors_digest = cur.fetchone()[0]
    load_reference(db)
    db.commit()
    assert _table_counts(db) == before
    with db.cursor() as cur:
        cur.execute("SELECT md5(string_agg(qid || name || country, ',' ORDER BY qid)) FROM events.actors")
        assert cur.fetchone()[0] == actors_digest


def test_a_failed_load_leaves_the_tables_as_they_were(db: psycopg2.extensions.connection, tmp_path) -> None:
    """The loader commits nothing itself: a bad seed file rolls back with the caller's transaction."""
    load_reference(db)
    db.commit()
    before = _table_counts(db)
    broken = tmp_path / "seeds"
    broken.mkdir()
    for file, _key in SEEDS.values():
        (broken / file).write_text((seeds_dir() / file).read_text(encoding="utf-8"), encoding="utf-8")
    # An office whose end lies before its start violates offices_dates_ordered.
    with (broken / "offices.csv").open("a", encoding="utf-8") as fh:
        fh.write("Q22686,president,US,2030-01-01,2029-01-01,test\n")
    try:
        load_reference(db, broken)
    except psycopg2.IntegrityError:
        db.rollback()
    else:
        raise AssertionError("the inverted tenure was accepted")
    assert _table_counts(db) == before
