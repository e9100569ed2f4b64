"""Team-written sentences (German and English) for the rules added for unseen articles.

- a dateline ("PARIS", "BERLIN (dpa)") is where the reporter is: a venue in the sentence wins;
- plural roles after two joined adjectives are two people; alone they are collective;
- "... in November and December, respectively" pairs dates with group summits for good;
- a group summit without place or date takes them from its participants' gathering;
- one document's "summit" on a date and "talks" at a place, same people, same tense, are
  one gathering; a phone call, or the same people's gathering in another tense, stays apart.
"""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event

PUBLISHED = date(2022, 9, 13)  # a Tuesday


def run(text: str, lang: str, published: date | None = PUBLISHED, precision: str = "day") -> list[Event]:
    return list(extract_document(Document("t", text, published, precision, lang)).events)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang", "location"),
    [
        ("MOSCOW Vladimir Putin will host Xi Jinping for talks in Beijing next week.", "en", "Beijing"),
        ("PARIS Emmanuel Macron met Olaf Scholz in Berlin on Monday.", "en", "Berlin"),
        (
            "BERLIN Kanzler Olaf Scholz reist am Montag zu Gesprächen mit Emmanuel Macron nach Paris.",
            "de",
            "Paris",
        ),
        (
            "BERLIN (dpa) - Kanzler Olaf Scholz trifft am Montag in Paris den französischen Präsidenten Emmanuel Macron.",
            "de",
            "Paris",
        ),
    ],
)
def test_a_venue_in_the_sentence_beats_the_dateline(text: str, lang: str, location: str) -> None:
    (event,) = run(text, lang)
    assert event.location == location


def test_a_dateline_alone_still_places_a_gathering() -> None:
    (event,) = run("HELSINKI Donald Trump and Vladimir Putin met on Monday.", "en", date(2018, 7, 17))
    assert (event.location, event.date) == ("Helsinki", "2018-07-16")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Chinese and Russian leaders met in Beijing on Monday.", "en"),
        ("Die russischen und chinesischen Staatschefs trafen sich am Montag in Peking.", "de"),
    ],
)
def test_two_joined_adjectives_make_a_plural_role_two_people(text: str, lang: str) -> None:
    (event,) = run(text, lang)
    assert set(event.participants) == {"Vladimir Putin", "Xi Jinping"}
    assert (event.location, event.date, event.status) == ("Beijing", "2022-09-12", "held")


def test_plural_foreign_ministers() -> None:
    (event,) = run("The French and German foreign ministers met in Paris on Monday.", "en")
    assert len(event.participants) == 2


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("European leaders met in Brussels on Monday.", "en"),
        ("Die Staatschefs trafen sich am Montag in Brüssel.", "de"),
    ],
)
def test_a_plural_role_alone_is_nobody(text: str, lang: str) -> None:
    assert run(text, lang) == []


def test_respectively_pairs_months_with_summits_for_good() -> None:
    events = run(
        "On Oct. 29 the host government called off the APEC and COP26 summits, which had been due "
        "in November and December, respectively.",
        "en",
        date(2021, 10, 30),
    )
    dates = {e.organizations: e.date for e in events}
    assert dates == {("APEC",): "2021-11", ("UN",): "2021-12"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "President Lula travels this week to Johannesburg for talks with President Ramaphosa. "
            "The Brazilian and South African leaders will meet at a summit of BRICS, a bloc of emerging economies.",
            "en",
        ),
        (
            "Präsident Lula reist diese Woche zu Gesprächen mit Präsident Ramaphosa nach Johannesburg. "
            "Die brasilianischen und südafrikanischen Staatschefs werden sich beim Gipfel der BRICS treffen.",
            "de",
        ),
    ],
)
def test_a_group_summit_takes_place_and_month_of_its_participants_gathering(text: str, lang: str) -> None:
    summit = next(e for e in run(text, lang, date(2023, 8, 21)) if e.organizations)
    assert summit.organizations == ("BRICS",)
    assert set(summit.participants) == {"Luiz Inácio Lula da Silva", "Cyril Ramaphosa"}
    assert (summit.location, summit.date) == ("Johannesburg", "2023-08")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Vladimir Putin and Xi Jinping met on Thursday at a summit on energy. "
            "The two leaders held talks in Astana for five hours.",
            "en",
        ),
        (
            "Olaf Scholz und Emmanuel Macron kamen am Montag zu einem Gipfeltreffen zusammen. "
            "Die beiden trafen sich in Toulouse.",
            "de",
        ),
    ],
)
def test_a_dated_summit_and_placed_talks_of_the_same_people_are_one_gathering(text: str, lang: str) -> None:
    (event,) = run(text, lang)
    assert (event.kind, event.status) == ("summit", "held")
    assert event.location in {"Astana", "Toulouse"} and event.date is not None


def test_a_call_and_a_meeting_of_the_same_people_stay_apart() -> None:
    events = run(
        "Emmanuel Macron and Olaf Scholz met in Paris on Monday. "
        "On Sunday the two leaders had spoken by phone about the crisis.",
        "en",
    )
    # Scholz meeting Macron in Paris travelled to the other side: a visit (SCHEMA).
    assert sorted(e.kind for e in events) == ["call", "visit"]


def test_a_held_meeting_and_a_planned_summit_of_the_same_people_stay_apart() -> None:
    events = run(
        "Emmanuel Macron and Olaf Scholz met in Paris on Monday. "
        "The two leaders will hold a summit next year, officials said.",
        "en",
    )
    assert sorted((e.kind, e.status) for e in events) == [("summit", "planned"), ("visit", "held")]
