"""The hostile-input corpus (issue 13) through the folder source, push and ``summitwatch extract``.

Per input: a recorded error naming it (``raw.fetch_log``, the push dead-letter list, extract's
stderr), the good inputs of the same run landed, and a rerun lands nothing new.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from summitwatch.pipeline.fetch import fetch_all, ingest_pushed
from summitwatch.pipeline.process import process_pending
from summitwatch.sources import push
from summitwatch.sources.settings import FetchSettings

from .conftest import AddSources, rows

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))

from hostile_inputs import GOOD_TEXTS, good_messages, hostile_files, hostile_links, hostile_messages


def _drop_folder(tmp_path: Path) -> tuple[Path, dict[str, str | None]]:
    """A drop folder holding every hostile file and link, and the good texts; name -> error words."""
    folder = tmp_path / "drop"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the drop folder\n", encoding="utf-8")
    expected: dict[str, str | None] = {}
    for hostile in hostile_files():
        (folder / hostile.name).write_bytes(hostile.data)
        expected[hostile.name] = hostile.error
    expected.update(hostile_links(folder, secret))
    for name, text in GOOD_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        expected[name] = None
    return folder, expected


def test_the_corpus_through_the_folder_source(
    db: psycopg2.extensions.connection, add_sources: AddSources, settings: FetchSettings, tmp_path: Path
) -> None:
    folder, expected = _drop_folder(tmp_path)
    add_sources(kind="folder", dropped=str(folder))

    summary = fetch_all(db, names=["dropped"], force=True, settings=settings)

    landed = {name for (name,) in rows(db, "SELECT payload->>'file_name' FROM raw.items")}
    assert landed == {name for name, error in expected.items() if error is None}
    logged = rows(db, "SELECT url, error FROM raw.fetch_log WHERE outcome = 'error'")
    for name, words in expected.items():
        if words is None:
            continue
        matching = [str(error) for url, error in logged if name in f"{url} {error}"]
        assert len(matching) == 1, (name, logged)
        assert words in matching[0], (name, matching[0])
    assert summary.items_landed == len(landed)
    # The process stage takes what landed; NULs and UTF-16 come out as plain text.
    process_pending(db)
    bodies = dict(
        rows(
            db, "SELECT i.payload->>'file_name', a.body FROM core.articles a JOIN raw.items i USING (item_id)"
        )
    )
    assert "Helsinki" in str(bodies["nul.txt"]) and "Brüssel" in str(bodies["utf16.txt"])

    again = fetch_all(db, names=["dropped"], force=True, settings=settings)
    assert again.items_landed == 0
    assert rows(db, "SELECT count(*) FROM raw.items") == [(len(landed),)]


@pytest.fixture
def channel() -> Iterator[str]:
    name = f"summitwatch.test.{uuid.uuid4().hex[:8]}"
    yield name
    push._redis(push.redis_url()).delete(push.mailbox_key(name), push.dead_letter_key(name))


def test_the_corpus_through_push(
    db: psycopg2.extensions.connection, add_sources: AddSources, settings: FetchSettings, channel: str
) -> None:
    add_sources(kind="push", pushed=channel)
    client = push._redis(push.redis_url())
    hostile = hostile_messages()
    good = good_messages()
    # The good ones behind the bad ones: nothing may block them.
    client.rpush(push.mailbox_key(channel), *[m.raw for m in hostile], *good)

    summary = ingest_pushed(db, settings=settings)

    assert summary.items_landed == len(good)
    assert push.read_mailbox(channel) == []
    dead = [json.loads(raw) for raw in client.lrange(push.dead_letter_key(channel), 0, -1)]
    assert len(dead) == len(hostile)
    for message in hostile:
        [entry] = [
            d
            for d in dead
            if d.get("message", "").encode("utf-8", "surrogatepass") == message.raw
            or ("message_base64" in d and message.label == "not utf-8")
        ]
        assert message.error in entry["error"], (message.label, entry["error"])
    errors = rows(db, "SELECT count(*) FROM raw.fetch_log WHERE outcome = 'error'")
    assert errors == [(len(hostile),)]

    client.rpush(push.mailbox_key(channel), *good)  # delivered again
    assert ingest_pushed(db, settings=settings).items_landed == 0
    assert rows(db, "SELECT count(*) FROM raw.items") == [(len(good),)]


def test_the_corpus_through_extract(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    files = [h for h in hostile_files() if h.extract]
    for hostile in files:
        (folder / hostile.name).write_bytes(hostile.data)
    for name, text in GOOD_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")

    def extract() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "summitwatch.cli", "extract", str(folder)],
            capture_output=True,
            text=True,
            check=False,
            env=dict(os.environ),
            timeout=300,
        )

    result = extract()
    assert result.returncode == 1  # some documents failed, the rest was extracted
    printed = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    clean = {Path(n).stem for n in GOOD_TEXTS} | {Path(h.name).stem for h in files if h.error is None}
    assert printed == clean
    for hostile in files:
        if hostile.error is None:
            continue
        [line] = [line for line in result.stderr.splitlines() if hostile.name in line]
        assert hostile.error in line, line
    assert extract().stdout == result.stdout  # a rerun gives the same, nothing more
