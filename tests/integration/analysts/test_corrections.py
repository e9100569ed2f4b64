"""Corrections through the reviewer role: applied and marked by the views, reported when orphaned,
and still applied after a reprocess with a newer extractor (a real pipeline run through the CLI)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg2.extensions

from summitwatch.events import EXTRACTOR_VERSION
from summitwatch.reporting.corrections import Anchor, event_anchor, mention_anchor, record_correction
from summitwatch.reporting.gold_export import gold_rows

from ..test_cli import _cli, _folder_source_with_the_seed
from .conftest import World

REVIEWER = "summitwatch_reviewer"


@contextmanager
def as_reviewer(conn: psycopg2.extensions.connection) -> Iterator[psycopg2.extensions.cursor]:
    """A cursor acting as the reviewer, committed at the end (unlike ``as_role``)."""
    with conn.cursor() as cur:
        cur.execute(f"SET ROLE {REVIEWER}")
        try:
            yield cur
            conn.commit()
        finally:
            conn.rollback()
            cur.execute("RESET ROLE")
            conn.commit()


def _summit_events(conn: psycopg2.extensions.connection) -> dict[int, dict[str, Any]]:
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM reporting.summit_events ORDER BY event_id")
        names = [d[0] for d in cur.description]
        rows = {row[0]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}
    conn.commit()
    return rows


def test_corrections_are_applied_marked_and_signed(
    db: psycopg2.extensions.connection, analyst_world: World
) -> None:
    events = analyst_world.events
    before = _summit_events(db)
    assert not any(row["corrected"] for row in before.values())
    with as_reviewer(db) as cur:
        record_correction(
            cur, "set_status", event_anchor(cur, events["buenos-aires"], latest=True), value="postponed"
        )
        record_correction(cur, "set_place", event_anchor(cur, events["osaka"]), value="Kobe", country="JP")
        record_correction(cur, "set_date", event_anchor(cur, events["osaka"]), value="2019-06")
        record_correction(cur, "not_an_event", event_anchor(cur, events["moscow"]), note="a rumour")
        record_correction(
            cur, "remove_participant", event_anchor(cur, events["meseberg"]), value="Emmanuel Macron"
        )
        # The German report of Helsinki belongs to Buenos Aires (for the sake of the test).
        cur.execute(
            "SELECT mention_id FROM reporting.event_mentions WHERE event_id = %s AND evidence LIKE 'Trump und%%'",
            (events["helsinki"],),
        )
        german = cur.fetchone()[0]
        record_correction(
            cur,
            "move_mention",
            mention_anchor(cur, german),
            other=event_anchor(cur, events["buenos-aires"]),
        )
        # Writing who and when yourself does not stick.
        cur.execute(
            "UPDATE reporting.corrections SET made_by = 'someone else', made_at = '2000-01-01' "
            "WHERE action = 'set_date'"
        )
        cur.execute("SELECT DISTINCT made_by, made_at > now() - interval '1 hour' FROM reporting.corrections")
        assert cur.fetchall() == [(REVIEWER, True)]

    after = _summit_events(db)
    assert events["moscow"] not in after  # not an event
    assert after[events["buenos-aires"]]["status"] == "postponed"
    assert after[events["buenos-aires"]]["corrected_fields"] == ["status", "mentions"]
    assert after[events["buenos-aires"]]["articles"] == before[events["buenos-aires"]]["articles"] + 1
    assert after[events["helsinki"]]["articles"] == before[events["helsinki"]]["articles"] - 1
    osaka = after[events["osaka"]]
    assert (osaka["location"], osaka["country"], osaka["event_date"], osaka["date_precision"]) == (
        "Kobe",
        "JP",
        "2019-06",
        "month",
    )
    assert str(osaka["date_to"]) == "2019-06-30" and osaka["corrected_fields"] == ["event_date", "location"]
    assert after[events["meseberg"]]["participants"] == ["Angela Merkel"]
    # A corrected value changes only what it corrects; counts and load times stay as computed.
    corrected_now = {"location", "country", "event_date", "date_precision", "date_from", "date_to"}
    unchanged = set(osaka) - corrected_now - {"corrected", "corrected_fields"}
    assert {k: osaka[k] for k in unchanged} == {k: before[events["osaka"]][k] for k in unchanged}
    assert {"outlets", "first_loaded_at", "last_loaded_at"} <= unchanged
    with db.cursor() as cur:
        cur.execute(
            "SELECT rejected, extracted->>'status', corrected_fields FROM reporting.corrected_events "
            "WHERE event_id = %s",
            (events["moscow"],),
        )
        assert cur.fetchone() == (True, "invited", ["not_an_event"])
        cur.execute("SELECT count(*) FROM reporting.orphaned_corrections")
        assert cur.fetchone() == (0,)

        # The same corrections as gold rows (the dev.jsonl format) for the next extractor.
        rows = {row["doc_id"]: row for row in gold_rows(cur)}
    db.commit()
    assert set(rows["paper-b/buenos-aires-cancelled"]) == {
        "doc_id",
        "url",
        "lang",
        "published",
        "text",
        "summit_related",
        "events",
    }
    [called_off] = rows["paper-b/buenos-aires-cancelled"]["events"]
    assert (
        called_off["status"] == "postponed"
        and called_off["note"] == "corrected by analysts: mentions, status"
    )
    assert called_off["gathering"] == "test:buenos-aires"
    assert called_off["evidence"] == "Trump called off the planned meeting with Putin."
    [announced] = rows["wire-a/buenos-aires-planned"]["events"]
    assert announced["status"] == "planned"  # each document keeps the status it states
    assert rows["wire-a/osaka-held"]["events"][0]["location"] == "Kobe"
    assert rows["wire-a/meseberg-held"]["events"][0]["participants"] == ["Angela Merkel"]
    german = rows["dropbox/moscow-invitation"]
    assert german["published"] == "2018-07" and german["summit_related"] is True
    # Moscow is not an event; the Helsinki report in the same article now counts for Buenos Aires.
    assert [e["gathering"] for e in german["events"]] == ["test:buenos-aires"]


def test_two_events_become_one_gathering(db: psycopg2.extensions.connection, analyst_world: World) -> None:
    events = analyst_world.events
    before = _summit_events(db)
    with as_reviewer(db) as cur:
        record_correction(
            cur,
            "same_gathering",
            event_anchor(cur, events["osaka"]),
            other=event_anchor(cur, events["buenos-aires"]),
        )
    after = _summit_events(db)
    merged_id = min(events["osaka"], events["buenos-aires"])
    gone_id = max(events["osaka"], events["buenos-aires"])
    assert gone_id not in after
    merged = after[merged_id]
    assert (
        merged["articles"] == before[events["osaka"]]["articles"] + before[events["buenos-aires"]]["articles"]
    )
    assert merged["status"] == "held"  # Osaka is the later report
    assert merged["corrected"] and merged["corrected_fields"] == ["mentions"]
    pair = [events["osaka"], events["buenos-aires"]]
    assert merged["first_loaded_at"] == min(before[e]["first_loaded_at"] for e in pair)
    assert merged["last_loaded_at"] == max(before[e]["last_loaded_at"] for e in pair)
    with db.cursor() as cur:
        cur.execute(
            "SELECT count(DISTINCT outlet) FROM reporting.event_mentions WHERE event_id = ANY(%s)", (pair,)
        )
        assert merged["outlets"] == cur.fetchone()[0] >= max(before[e]["outlets"] for e in pair)
    with db.cursor() as cur:
        cur.execute(
            "SELECT member_event_ids FROM reporting.corrected_events WHERE event_id = %s", (merged_id,)
        )
        assert cur.fetchone() == (sorted([events["osaka"], events["buenos-aires"]]),)
    db.commit()


def test_a_correction_whose_target_vanished_is_reported(
    db: psycopg2.extensions.connection, analyst_world: World
) -> None:
    with as_reviewer(db) as cur:
        record_correction(
            cur,
            "set_status",
            Anchor("http://wire-a.example/2018/helsinki-held", "A sentence no extractor ever wrote."),
            value="cancelled",
        )
        record_correction(
            cur,
            "remove_participant",
            event_anchor(cur, analyst_world.events["meseberg"]),
            value="Boris Johnson",
        )
    with db.cursor() as cur:
        cur.execute("SELECT action, reason FROM reporting.orphaned_corrections ORDER BY correction_id")
        assert cur.fetchall() == [
            ("set_status", "no mention of the article has this evidence sentence any more"),
            ("remove_participant", "the gathering no longer names Boris Johnson"),
        ]
    db.commit()
    assert _summit_events(db)[analyst_world.events["helsinki"]]["status"] == "held"


def _event_id(conn: psycopg2.extensions.connection, location: str) -> int:
    with conn.cursor() as cur:
        cur.execute("SELECT event_id FROM reporting.summit_events WHERE location = %s", (location,))
        [(event_id,)] = cur.fetchall()
    conn.commit()
    return int(event_id)


def test_corrections_survive_a_reprocess_with_a_newer_extractor(
    database_url: str, db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    sources = _folder_source_with_the_seed(tmp_path)
    env = dict(os.environ, DATABASE_URL=database_url)
    assert _cli("run", "--sources", str(sources), env=env).returncode == 0

    moscow, washington, helsinki = (_event_id(db, p) for p in ("Moscow", "Washington", "Helsinki"))
    as_reviewer_cli = ("correct", "--role", REVIEWER)
    for args in (
        ("status", str(moscow), "cancelled"),
        ("not-event", str(washington)),
        ("not-participant", str(helsinki), "Vladimir Putin"),
        ("place", str(helsinki), "Espoo", "--country", "FI"),
    ):
        result = _cli(*as_reviewer_cli, "--note", "checked against the wire", *args, env=env)
        assert result.returncode == 0, result.stderr
        assert f"recorded by {REVIEWER}, anchored on " in result.stdout
    bad = _cli(*as_reviewer_cli, "status", str(moscow), "maybe", env=env)
    assert bad.returncode == 2 and "not a valid status correction" in bad.stderr
    missing = _cli(*as_reviewer_cli, "status", "999999", "held", env=env)
    assert missing.returncode == 2 and "no event 999999" in missing.stderr

    def corrected() -> list[tuple[Any, ...]]:
        with db.cursor() as cur:
            cur.execute(
                "SELECT kind, status, participants, location, country, corrected_fields "
                "FROM reporting.summit_events WHERE corrected ORDER BY location"
            )
            rows = cur.fetchall()
            cur.execute("SELECT count(*) FROM reporting.summit_events WHERE location = 'Washington'")
            assert cur.fetchone() == (0,)
        db.commit()
        return rows

    expected = [
        ("summit", "held", ["Donald Trump"], "Espoo", "FI", ["location", "participants"]),
        ("visit", "cancelled", ["Donald Trump", "Vladimir Putin"], "Moscow", "RU", ["status"]),
    ]
    assert corrected() == expected

    # An extractor upgrade: every mention is rewritten (new mention ids), the corrections hold.
    with db.cursor() as cur:
        cur.execute("SELECT array_agg(mention_id ORDER BY mention_id) FROM events.mentions")
        old_mentions = cur.fetchone()[0]
        cur.execute("UPDATE events.mentions SET extractor_version = 'rules-0'")
    db.commit()
    result = _cli("reprocess", env=env)
    assert result.returncode == 0, result.stderr
    with db.cursor() as cur:
        cur.execute(
            "SELECT array_agg(mention_id ORDER BY mention_id), array_agg(DISTINCT extractor_version) "
            "FROM events.mentions"
        )
        new_mentions, versions = cur.fetchone()
    db.commit()
    assert versions == [EXTRACTOR_VERSION] and not set(new_mentions) & set(old_mentions)
    assert corrected() == expected
    orphans = _cli("correct", "orphans", env=env)
    assert orphans.returncode == 0 and "(0 orphaned corrections)" in orphans.stdout
