"""Optional tier: real publisher feeds and pages from ../shared/fixtures through our parsing and extraction.

The files are read where they are, never copied. Fails (does not skip) when
../shared is missing. Where pages/gold/ has a reference text, extraction
precision/recall (bag of words) is printed; run with ``-s`` to see the table.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from summitwatch.sources.charsets import decode_text
from summitwatch.sources.feeds import parse_feed
from summitwatch.sources.pages import classify_html

FIXTURES = Path(__file__).resolve().parents[3].parent / "shared" / "fixtures"
pytestmark = pytest.mark.shared


def _files(folder: str) -> list[Path]:
    directory = FIXTURES / folder
    assert directory.is_dir(), f"{directory} is missing: the shared fixture tier needs ../shared"
    return sorted(p for p in directory.iterdir() if p.is_file())


@pytest.mark.parametrize("path", _files("feeds") if (FIXTURES / "feeds").is_dir() else [None], ids=str)
def test_real_feed_parses_with_entries(path: Path | None) -> None:
    assert path is not None, f"{FIXTURES}/feeds is missing"
    parsed = parse_feed(path.read_bytes(), base_url="https://example.org/feed")
    assert parsed.items, f"{path.name}: no entries ({parsed.error})"
    assert all(i.item_key for i in parsed.items)
    mojibake = [
        i.title
        for i in parsed.items
        if i.title and re.search("\u00c3[\u00a4\u00b6\u00bc\u0178\u201e\u2013\u0153]", i.title)
    ]
    assert not mojibake, f"{path.name}: mis-decoded titles {mojibake[:3]}"


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def _gold(stem: str) -> tuple[str, object] | None:
    """("text", full reference text) or ("snippets", (must contain, must not contain))."""
    gold = FIXTURES / "pages" / "gold"
    body = gold / f"{stem}.articleBody.json"
    if body.exists():
        return "text", str(json.loads(body.read_text(encoding="utf-8"))["articleBody"])
    expected = gold / f"{stem}.readability-expected.html"
    if expected.exists():
        from bs4 import BeautifulSoup

        return "text", BeautifulSoup(expected.read_text(encoding="utf-8"), "lxml").get_text(" ")
    evaluation = gold / f"{stem}.trafilatura-eval.json"
    if evaluation.exists():
        data = json.loads(evaluation.read_text(encoding="utf-8"))
        return "snippets", (data.get("with") or [], data.get("without") or [])
    return None


def _scores(text: str, gold: tuple[str, object]) -> tuple[float, float]:
    kind, reference = gold
    if kind == "text":
        got, want = _words(text), _words(str(reference))
        overlap = sum((got & want).values())
        return overlap / max(1, sum(got.values())), overlap / max(1, sum(want.values()))
    with_, without = reference  # type: ignore[misc]
    # trafilatura's evaluation: snippets that must appear (recall) and must not (precision).
    recall = sum(1 for s in with_ if s in text) / max(1, len(with_))
    precision = sum(1 for s in without if s not in text) / max(1, len(without))
    return precision, recall


def test_real_pages_extract_text_and_report_precision_recall() -> None:
    from summitwatch.clean.html import extract_page

    pages = [p for p in _files("pages") if p.suffix == ".html"]
    assert pages
    table = []
    for path in pages:
        decoded = decode_text(path.read_bytes())
        status, facts = classify_html(decoded.text)
        assert status in ("ok", "paywalled", "empty"), path.name
        text = extract_page(decoded.text).text
        assert text.strip(), f"{path.name}: no text at all"
        gold = _gold(path.stem)
        if gold is None:
            table.append((path.name, status, facts.get("text_chars"), "-", None, None))
            continue
        precision, recall = _scores(text, gold)
        table.append((path.name, status, facts.get("text_chars"), gold[0], precision, recall))
    ok = sum(1 for row in table if row[1] == "ok")
    assert ok >= len(table) * 0.8, f"only {ok} of {len(table)} real pages judged to have an article"
    print(f"\n{'page':52} {'status':10} {'chars':>7} {'gold':8} {'prec':>6} {'recall':>6}")
    for name, status, chars, kind, precision, recall in table:
        p = f"{precision:6.2f}" if precision is not None else "     -"
        r = f"{recall:6.2f}" if recall is not None else "     -"
        print(f"{name:52} {status:10} {chars or 0:>7} {kind:8} {p} {r}")
    for kind in ("text", "snippets"):
        scored = [row for row in table if row[3] == kind]
        if scored:
            mean_p = sum(float(row[4] or 0) for row in scored) / len(scored)
            mean_r = sum(float(row[5] or 0) for row in scored) / len(scored)
            label = f"mean, {len(scored)} pages with {kind} gold"
            print(f"{label:52} {'':10} {'':>7} {'':8} {mean_p:6.2f} {mean_r:6.2f}")
