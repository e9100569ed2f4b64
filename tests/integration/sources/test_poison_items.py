"""Defect 1 of issue 13: one poisoned item (NUL in a pushed id, a lone surrogate in a title) fails
alone. It is recorded in raw.fetch_log (and a pushed one in the dead-letter list), the good items
of the same run land, and a rerun lands nothing new."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from summitwatch.pipeline.fetch import fetch_all, ingest_pushed
from summitwatch.sources import push
from summitwatch.sources.settings import FetchSettings

from .conftest import AddSources, rows

GOOD_TEXT = "Die Außenminister trafen sich am Dienstag in Wien zu Gesprächen über den Gipfel.\n"


@pytest.fixture
def channel() -> Iterator[str]:
    name = f"summitwatch.test.{uuid.uuid4().hex[:8]}"
    yield name
    client = push._redis(push.redis_url())
    client.delete(push.mailbox_key(name), push.dead_letter_key(name))


def _message(**fields: object) -> str:
    message = {"version": 1, "id": str(uuid.uuid4()), "submitted_at": "2026-03-02T08:00:00Z"}
    message.update(fields)
    # ensure_ascii keeps NUL and lone surrogates as \u escapes, as a hostile sender writes them.
    return json.dumps(message)


def test_poisoned_push_messages_fail_alone_and_go_to_the_dead_letter_list(
    db: psycopg2.extensions.connection, add_sources: AddSources, settings: FetchSettings, channel: str
) -> None:
    add_sources(kind="push", pushed=channel)
    client = push._redis(push.redis_url())
    nul_id = _message(kind="document", name="a.txt", text="Erster Text über ein Treffen.")
    nul_id = nul_id.replace('"id": "', '"id": "a\\u0000b', 1)
    surrogate_title = _message(kind="document", name="b.txt", text="Zweiter Text.", title="\ud800")
    good = _message(kind="document", name="good.txt", text=GOOD_TEXT)
    client.rpush(push.mailbox_key(channel), nul_id, surrogate_title, good)

    summary = ingest_pushed(db, settings=settings)

    assert summary.items_landed == 1
    assert rows(db, "SELECT payload->>'file_name' FROM raw.items") == [("good.txt",)]
    errors = [str(e) for (e,) in rows(db, "SELECT error FROM raw.fetch_log WHERE outcome = 'error'")]
    assert len(errors) == 2, errors
    assert any("NUL" in e for e in errors) and any("surrogate" in e for e in errors)
    assert push.read_mailbox(channel) == []
    dead = [json.loads(raw) for raw in client.lrange(push.dead_letter_key(channel), 0, -1)]
    assert len(dead) == 2 and all(entry["error"] for entry in dead)
    assert {entry["message"] for entry in dead} == {nul_id, surrogate_title}

    again = ingest_pushed(db, settings=settings)
    assert again.items_landed == 0 and not again.errors
    assert client.llen(push.dead_letter_key(channel)) == 2


def test_dropped_json_with_a_lone_surrogate_fails_alone(
    db: psycopg2.extensions.connection, add_sources: AddSources, settings: FetchSettings, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "bad.json").write_text('{"text": "Ein Text.", "title": "\\ud800"}', encoding="utf-8")
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    add_sources(kind="folder", dropped=str(folder))

    summary = fetch_all(db, names=["dropped"], force=True, settings=settings)

    assert summary.items_landed == 1
    assert rows(db, "SELECT payload->>'file_name' FROM raw.items") == [("good.txt",)]
    [(url, error)] = rows(db, "SELECT url, error FROM raw.fetch_log WHERE outcome = 'error'")
    assert "bad.json" in str(url) + str(error) and "surrogate" in str(error)
    assert fetch_all(db, names=["dropped"], force=True, settings=settings).items_landed == 0


def test_a_deeply_nested_push_message_is_dead_lettered_and_the_rest_lands(
    db: psycopg2.extensions.connection, add_sources: AddSources, settings: FetchSettings, channel: str
) -> None:
    """Defect 5: one message the parser cannot take must not block the mailbox for good."""
    add_sources(kind="push", pushed=channel)
    client = push._redis(push.redis_url())
    deep = "[" * 100_000 + "]" * 100_000
    not_utf8 = b'{"version": 1, "id": "x", "kind": "document", "text": "\xff\xfe"}'
    client.rpush(push.mailbox_key(channel), deep, not_utf8, _message(kind="document", text=GOOD_TEXT))

    summary = ingest_pushed(db, settings=settings)

    assert summary.items_landed == 1
    assert push.read_mailbox(channel) == []  # nothing left behind to block the next run
    dead = [json.loads(raw) for raw in client.lrange(push.dead_letter_key(channel), 0, -1)]
    assert [entry["error"] for entry in dead] == [
        "unusable message: JSON nested too deeply",
        "unusable message: not UTF-8 (invalid start byte at byte 55)",
    ]
    assert dead[0]["message"] == deep and "message_base64" in dead[1]
    assert ingest_pushed(db, settings=settings).items_landed == 0
