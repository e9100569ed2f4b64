"""Third-party text stays outside the project.

`../shared/eval` and `../shared/fixtures` hold real articles and feeds that the
project may read (tools, benchmarks, optional test tiers) but never copy: test
sentences, docstrings, comments and docs are written by the team. A rule tuned on a
copied dev sentence also measures nothing on unseen articles.

The check: no run of ``RUN`` consecutive words (lower case, punctuation ignored,
across line breaks) of any project text file also occurs in a shared document.
Eight words is long enough that shared everyday phrases ("on the sidelines of the
summit") do not trip it, and short enough to catch a copied clause. A hit names the
file, the line and the words: rewrite that passage in your own words.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
RUN = 8

WORD = re.compile(r"\w+")
MARKUP = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
PROJECT_FOLDERS = ("dags", "plugins", "sql", "tests", "seeds", "docs", "tools", "bench", "docker", ".ci")
TEXT_SUFFIXES = {".py", ".md", ".csv", ".txt", ".sql", ".html", ".xml", ".json", ".jsonl", ".yml", ".yaml"}
SKIPPED_PARTS = {"__pycache__", ".venv", ".data", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def _runs(words: list[str]) -> Iterator[tuple[int, int]]:
    """(index of the first word, hash) of every run of RUN words."""
    for start in range(len(words) - RUN + 1):
        yield start, hash(tuple(words[start : start + RUN]))


def _shared_documents() -> Iterable[str]:
    with (SHARED / "eval" / "dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)["text"]
    for path in sorted((SHARED / "fixtures").rglob("*")):
        if path.is_file() and path.suffix in {".html", ".xml", ".rdf", ".json"}:
            yield html.unescape(MARKUP.sub(" ", path.read_text(encoding="utf-8", errors="replace")))


def _project_files() -> Iterator[Path]:
    for path in sorted(REPO.glob("*.md")):
        yield path
    for folder in PROJECT_FOLDERS:
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and path.suffix in TEXT_SUFFIXES and not SKIPPED_PARTS & set(path.parts):
                yield path


def test_no_run_of_shared_words_is_copied_into_the_project() -> None:
    assert (SHARED / "eval" / "dev.jsonl").is_file(), f"{SHARED} is missing: this check reads ../shared"
    shared_runs: set[int] = set()
    for text in _shared_documents():
        shared_runs.update(run for _, run in _runs(WORD.findall(text.lower())))

    copied: list[str] = []
    for path in _project_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        matches = list(WORD.finditer(text))
        words = [match.group().lower() for match in matches]
        last_reported = -RUN
        for start, run in _runs(words):
            if run in shared_runs and start >= last_reported + RUN:
                line = text.count("\n", 0, matches[start].start()) + 1
                copied.append(f"{path.relative_to(REPO)}:{line}: {' '.join(words[start : start + RUN])}")
                last_reported = start
    assert not copied, (
        f"{len(copied)} passages repeat {RUN} words of ../shared text; write your own:\n" + "\n".join(copied)
    )


def test_the_check_finds_a_copied_run() -> None:
    """The detector itself: a run shared across a line break is found, a shorter one is not."""
    source = "one two three four five six seven eight nine"
    runs = {run for _, run in _runs(WORD.findall(source))}
    copied = "x one two three\nfour five six seven eight y"
    near = "one two three four five six seven x"
    assert any(run in runs for _, run in _runs(WORD.findall(copied)))
    assert not any(run in runs for _, run in _runs(WORD.findall(near)))
