"""The summitwatch command as a user runs it: exit codes, messages, output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2.extensions

from summitwatch.events import EXTRACTOR_VERSION
from summitwatch.paths import seeds_dir

SEED = seeds_dir() / "documents" / "zeit_2018-07_putin_invites_trump.txt"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summitwatch.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env or dict(os.environ),
        timeout=300,
    )


def _folder_source_with_the_seed(tmp_path: Path) -> Path:
    """A sources file naming one folder source, ``local-drop``, that holds the seed article."""
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    csv = tmp_path / "sources.csv"
    csv.write_text(
        "name,kind,location,language,country,poll_interval_minutes,active\nlocal-drop,folder,drop,de,DE,15,true\n",
        encoding="utf-8",
    )
    return csv


def test_extract_prints_one_json_line_per_document(tmp_path: Path) -> None:
    (tmp_path / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "quiet.txt").write_text(" date 2021-03\nDer Wetterdienst erwartet Regen am Wochenende.\n")
    result = _cli("extract", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["doc_id"] for d in lines] == ["quiet", "seed"]
    assert lines[0] == {"doc_id": "quiet", "summit_related": False, "events": []}
    assert lines[1]["summit_related"] is True


def test_extract_published_overrides_the_header(tmp_path: Path) -> None:
    doc = tmp_path / "d.txt"
    doc.write_text(
        " date 2019-05\nChinas Staatschef Xi Jinping und Russlands Präsident Wladimir Putin "
        "sind am Mittwoch in Moskau zu ihrem zweiten Gipfel zusammengekommen.\n",
        encoding="utf-8",
    )
    result = _cli("extract", "--published", "2019-06-06", str(doc))
    assert result.returncode == 0, result.stderr
    [event] = json.loads(result.stdout)["events"]
    assert event["date"] == "2019-06-05"


def test_unreadable_document_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x1f\x8b\x08\x00" + bytes(300))  # a gzip file named .txt
    result = _cli("extract", str(tmp_path))
    assert result.returncode == 1
    assert "bad.txt: binary content (gzip data), not a text document" in result.stderr
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["good"]


def test_bad_arguments_exit_2(tmp_path: Path) -> None:
    assert _cli("extract", str(tmp_path / "missing.txt")).returncode == 2
    bad_date = _cli("extract", "--published", "yesterday", str(SEED))
    assert bad_date.returncode == 2 and "--published must be YYYY-MM-DD" in bad_date.stderr
    assert _cli("no-such-command").returncode == 2


def test_missing_database_exit_3() -> None:
    env = dict(os.environ, DATABASE_URL="postgresql://postgres@127.0.0.1:1/nothing")
    result = _cli("migrate", env=env)
    assert result.returncode == 3
    assert "cannot connect to postgresql://postgres@127.0.0.1:1/nothing" in result.stderr


def test_bad_sources_file_exit_2(database_url: str, tmp_path: Path) -> None:
    csv = tmp_path / "sources.csv"
    csv.write_text("name,kind\nx,feed\n", encoding="utf-8")
    result = _cli("run", "--sources", str(csv), env=dict(os.environ, DATABASE_URL=database_url))
    assert result.returncode == 2 and "missing columns" in result.stderr


def test_run_with_a_folder_source_prints_the_event_table(
    database_url: str, db: object, tmp_path: Path
) -> None:
    csv = _folder_source_with_the_seed(tmp_path)
    env = dict(os.environ, DATABASE_URL=database_url)
    first = _cli("run", "--sources", str(csv), env=env)
    assert first.returncode == 0, first.stderr
    assert "Helsinki" in first.stdout and "2018-07-16" in first.stdout
    second = _cli("run", "--sources", str(csv), "--force", env=env)
    assert second.returncode == 0, second.stderr
    table = [line for line in first.stdout.splitlines() if line.strip().split(" ")[0].isdigit()]
    assert table and table == [line for line in second.stdout.splitlines() if line in table]


def test_reprocess_replaces_an_older_extractors_mentions_and_writes_nothing_else(
    database_url: str, db: psycopg2.extensions.connection, tmp_path: Path
) -> None:
    csv = _folder_source_with_the_seed(tmp_path)
    env = dict(os.environ, DATABASE_URL=database_url)
    assert _cli("run", "--sources", str(csv), env=env).returncode == 0

    def state() -> tuple[list[tuple], list[tuple], list[tuple]]:
        with db.cursor() as cur:
            cur.execute("SELECT article_id, xmin::text FROM core.articles ORDER BY 1")
            articles = cur.fetchall()
            cur.execute("SELECT DISTINCT extractor_version FROM events.mentions")
            versions = cur.fetchall()
            cur.execute("SELECT event_id, kind, status, participants, location FROM events.events ORDER BY 1")
            events = cur.fetchall()
        db.commit()
        return articles, versions, events

    articles, versions, events = state()
    assert versions == [(EXTRACTOR_VERSION,)] and events
    # As if an older extractor had written them.
    with db.cursor() as cur:
        cur.execute("UPDATE events.mentions SET extractor_version = 'rules-0'")
    db.commit()

    result = _cli("reprocess", env=env)
    assert result.returncode == 0, result.stderr
    assert "1 item(s) set back to pending" in result.stdout and "'items': 1" in result.stdout
    again_articles, again_versions, again_events = state()
    assert again_versions == [(EXTRACTOR_VERSION,)]
    assert again_articles == articles  # same ids, not even rewritten
    assert [e[1:] for e in again_events] == [e[1:] for e in events]

    # Only failed items, of a source that exists; an unknown source is a usage error.
    only_failed = _cli("reprocess", "--failed", "--mark-only", "--source", "local-drop", env=env)
    assert only_failed.returncode == 0 and "0 item(s) set back to pending" in only_failed.stdout
    unknown = _cli("reprocess", "--source", "nowhere", env=env)
    assert unknown.returncode == 2 and "no source named 'nowhere'" in unknown.stderr


def test_gatherings_runs_the_pipeline_in_a_scratch_database_and_drops_it(
    tmp_path: Path, db: psycopg2.extensions.connection, database_url: str
) -> None:
    """Two team-written reports of one meeting share a gathering; an unrelated call has its own."""
    (tmp_path / "announced.txt").write_text(
        " date 2019-02-10\nThe Élysée said on Sunday that French President Emmanuel Macron will meet "
        "German Chancellor Angela Merkel in Strasbourg on 27 February.\n",
        encoding="utf-8",
    )
    (tmp_path / "held.txt").write_text(
        " date 2019-02-28\nEmmanuel Macron and Angela Merkel met in Strasbourg on Wednesday and agreed "
        "on a joint paper on industrial policy.\n",
        encoding="utf-8",
    )
    (tmp_path / "call.txt").write_text(
        " date 2019-02-28\nRussian President Vladimir Putin and Turkish President Recep Tayyip Erdogan "
        "spoke by phone on Thursday about the situation in northern Syria.\n",
        encoding="utf-8",
    )
    with db.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_database WHERE datname LIKE 'summitwatch_gatherings_%'")
        before = cur.fetchone()[0]
    db.commit()
    result = _cli("gatherings", str(tmp_path), env=dict(os.environ, DATABASE_URL=database_url))
    assert result.returncode == 0, result.stderr
    lines = {d["doc_id"]: d for d in map(json.loads, result.stdout.splitlines())}
    assert sorted(lines) == ["announced", "call", "held"]
    (announced,), (held,), (call,) = (lines[k]["events"] for k in ("announced", "held", "call"))
    assert announced["gathering"] == held["gathering"] != call["gathering"]
    assert (announced["status"], held["status"], call["kind"]) == ("planned", "held", "call")
    assert set(held) == {
        "kind", "status", "participants", "organizations", "location", "country", "date", "evidence",
        "confidence", "gathering",
    }  # fmt: skip
    with db.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_database WHERE datname LIKE 'summitwatch_gatherings_%'")
        assert cur.fetchone()[0] == before
    db.commit()


def test_an_invalid_source_name_is_a_clear_error_and_exit_2(tmp_path: Path, database_url: str) -> None:
    """Issue 13, defect 8: the README promises exit 2 and a message, not a psycopg2 traceback."""
    csv = tmp_path / "sources.csv"
    csv.write_text(
        "name,kind,location,language,country,poll_interval_minutes,active\n"
        "Bad Name,feed,https://example.org/feed.xml,de,DE,15,true\n",
        encoding="utf-8",
    )
    result = _cli("seed", "--sources", str(csv), env=dict(os.environ, DATABASE_URL=database_url))
    assert result.returncode == 2, result.stderr
    assert "sources.csv:2: name must be lower-case" in result.stderr
    assert "Traceback" not in result.stderr and "psycopg2" not in result.stderr
