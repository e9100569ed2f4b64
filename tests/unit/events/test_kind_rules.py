"""Which kind a gathering is (SCHEMA conventions; team-written sentences, published May 2019)."""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event


def run(text: str, lang: str) -> list[Event]:
    document = Document("test", text, date(2019, 5, 14), "day", lang)
    return list(extract_document(document).events)


# Two heads of state or government meeting in a third country, not at a group's summit:
# a stand-alone bilateral summit; in one side's country, a visit. Ministers meet; on a
# summit's sidelines leaders meet too.
@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("de", "Merkel und Trump trafen sich am Montag in Helsinki.", "summit"),
        ("de", "Lawrow und Pompeo trafen sich am Montag in Helsinki.", "meeting"),
        ("de", "Merkel und Putin trafen sich am Montag in Moskau.", "visit"),
        ("en", "Merkel and Trump met in Helsinki on Monday.", "summit"),
        ("en", "Lavrov and Pompeo met in Helsinki on Monday.", "meeting"),
        ("en", "Merkel and Putin met in Moscow on Monday.", "visit"),
    ],
)
def test_where_two_leaders_meet_decides_the_kind(lang: str, text: str, kind: str) -> None:
    events = run(text, lang)
    assert [e.kind for e in events] == [kind]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Am Rande des G20-Gipfels in Osaka trafen sich Merkel und Trump."),
        ("en", "Merkel and Trump met on the sidelines of the G20 summit in Osaka."),
    ],
)
def test_leaders_on_the_sidelines_of_a_group_summit_meet(lang: str, text: str) -> None:
    kinds = sorted(e.kind for e in run(text, lang) if not e.organizations)
    assert kinds == ["meeting"]
