"""Team-written sentences (German and English) for who takes part in a gathering (issue 11,
participants).

- a minister visiting a country is not received by its leader: the host is added to a
  one-person visit only when the visitor is a head of state or government;
- a snapshot tenure that a later snapshot row still shows is open (build_actors), so an
  office holder re-appointed with other posts stays the holder.
"""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event
from summitwatch.events.reference import load_reference
from summitwatch.events.roles import resolve_role

SPRING_2018 = date(2018, 3, 10)


def run(text: str, lang: str, published: date = SPRING_2018) -> list[Event]:
    return list(extract_document(Document("t", text, published, "day", lang)).events)  # type: ignore[arg-type]


def _people(events: list[Event], kind: str) -> list[set[str]]:
    return [set(e.participants) for e in events if e.kind == kind]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Präsident Emmanuel Macron empfängt am Freitag Bundeskanzlerin Angela Merkel im "
            "Élysée-Palast. Auch Außenminister Heiko Maas wird in Paris erwartet.",
            "de",
        ),
        (
            "French President Emmanuel Macron will host Chancellor Angela Merkel at the Elysee on "
            "Friday. Foreign Minister Heiko Maas will also travel to Paris.",
            "en",
        ),
    ],
)
def test_a_visiting_minister_is_not_received_by_the_host_leader(text: str, lang: str) -> None:
    assert {"Heiko Maas"} in _people(run(text, lang), "visit")
    assert {"Heiko Maas", "Emmanuel Macron"} not in _people(run(text, lang), "visit")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Chinas Präsident Xi Jinping reist nächste Woche nach Paris. Präsident Emmanuel Macron "
            "sagte, er freue sich darauf.",
            "de",
        ),
        (
            "Chinese President Xi Jinping will travel to Paris next week. President Emmanuel Macron "
            "said he looked forward to it.",
            "en",
        ),
    ],
)
def test_a_visiting_leader_is_received_by_the_host_leader(text: str, lang: str) -> None:
    assert _people(run(text, lang), "visit") == [{"Xi Jinping", "Emmanuel Macron"}]


def test_a_tenure_still_seen_in_the_last_snapshot_is_open() -> None:
    # Modi's snapshot row changed with his other posts in June 2024; he stayed prime minister.
    holder = resolve_role(load_reference(), "head_of_government", "IN", date(2024, 7, 8))
    assert holder is not None
    assert load_reference().actors[holder.qid].name == "Narendra Modi"
