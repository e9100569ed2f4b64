"""The seed article (seeds/zeit_2018-07_putin_invites_trump.txt): its events, written out by hand."""

from __future__ import annotations

import pytest

from summitwatch.documents import read_text_document
from summitwatch.events import extract_document
from summitwatch.paths import seeds_dir

SEED = seeds_dir() / "zeit_2018-07_putin_invites_trump.txt"

# (kind, status, participants, organizations, location, country, date)
EXPECTED = {
    ("visit", "invited", frozenset({"Donald Trump", "Vladimir Putin"}), (), "Moscow", "RU", None),
    ("visit", "proposed", frozenset({"Donald Trump", "Vladimir Putin"}), (), "Washington", "US", None),
    ("summit", "held", frozenset({"Donald Trump", "Vladimir Putin"}), (), "Helsinki", "FI", "2018-07-16"),
    ("summit", "held", frozenset({"Vladimir Putin"}), ("BRICS",), "Johannesburg", "ZA", "2018-07"),
    ("meeting", "proposed", frozenset({"Jim Mattis", "Sergei Shoigu"}), (), None, None, None),
    ("meeting", "proposed", frozenset({"Sergey Lavrov", "Mike Pompeo"}), (), None, None, None),
}


@pytest.fixture(scope="module")
def result():
    if not SEED.exists():
        pytest.fail(f"seed article missing: {SEED}")
    return extract_document(read_text_document(SEED))


def test_seed_article_events(result) -> None:
    got = {
        (e.kind, e.status, frozenset(e.participants), e.organizations, e.location, e.country, e.date)
        for e in result.events
    }
    assert got == EXPECTED


def test_seed_article_is_summit_related_with_evidence(result) -> None:
    assert result.summit_related
    text = SEED.read_text(encoding="utf-8")
    for event in result.events:
        assert event.evidence in text
        assert 0.0 < event.confidence < 1.0
