"""Which trigger names the clause's gathering (team-written sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Marco Rubio will meet Sergei Lavrov next week to sort out summit details."),
        ("de", "Marco Rubio wird Sergej Lawrow nächste Woche treffen, um die Gipfeldetails zu klären."),
    ],
)
def test_a_trigger_modifying_another_noun_names_no_gathering(lang: str, text: str) -> None:
    events = extract_document(Document("test", text, date(2025, 10, 17), "day", lang)).events
    assert [e.kind for e in events] == ["meeting"]
