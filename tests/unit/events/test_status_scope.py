"""Status from the mood of reported speech and from the scope of a cancellation (team-written)."""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event


def run(text: str, lang: str, published: date = date(2023, 5, 19)) -> list[Event]:
    return list(extract_document(Document("test", text, published, "day", lang)).events)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Macron said on Friday that he would meet Scholz in Strasbourg."),
        ("en", "Macron said he would meet Scholz in Strasbourg."),
        ("de", "Macron sagte am Freitag, er würde Scholz in Straßburg treffen."),
    ],
)
def test_would_in_reported_speech_is_the_reported_will(lang: str, text: str) -> None:
    # "I will meet him in Strasbourg", told by someone else: announced with a place, planned
    assert [e.status for e in run(text, lang)] == ["planned"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Macron said he would like to meet Scholz in Strasbourg."),
        ("de", "Macron sagte, er würde Scholz gerne in Straßburg treffen."),
    ],
)
def test_a_wish_in_reported_speech_stays_a_wish(lang: str, text: str) -> None:
    assert [e.status for e in run(text, lang)] == ["proposed"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Der Besuch von König Charles in Deutschland findet trotz der Verschiebung der Frankreich-Reise "
            "am 29. März statt.",
        ),
        (
            "en",
            "King Charles's visit to Germany will go ahead on March 29 despite the postponement of his trip "
            "to France.",
        ),
    ],
)
def test_a_postponement_named_after_despite_is_not_the_clauses(lang: str, text: str) -> None:
    events = run(text, lang, date(2023, 3, 24))
    assert [(e.country, e.status) for e in events] == [("DE", "planned")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "If Putin agrees, Trump will meet him in Budapest."),
        ("en", "Trump will meet Putin in Budapest if the ceasefire holds."),
        ("de", "Falls Putin zustimmt, wird Trump ihn in Budapest treffen."),
        ("de", "Trump wird Putin in Budapest treffen, falls die Waffenruhe hält."),
    ],
)
def test_a_gathering_under_a_condition_is_proposed(lang: str, text: str) -> None:
    assert [e.status for e in run(text, lang, date(2025, 10, 16))] == ["proposed"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Trump will meet Putin in Budapest on Friday, but it is unclear if a deal will follow."),
        ("de", "Trump wird Putin am Freitag in Budapest treffen, aber ob es eine Einigung gibt, ist offen."),
    ],
)
def test_whether_in_a_later_clause_is_no_condition(lang: str, text: str) -> None:
    assert [e.status for e in run(text, lang, date(2025, 10, 16))] == ["planned"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The Kremlin said it was preparing for the summit of Trump and Putin in Budapest."),
        (
            "de",
            "Der Kreml sagte, man habe mit den Vorbereitungen für den Gipfel von Trump und Putin in Budapest begonnen.",
        ),
    ],
)
def test_a_gathering_being_prepared_lies_ahead(lang: str, text: str) -> None:
    # the tense is the preparation's ("was preparing", "hat begonnen"), not the summit's
    assert [e.status for e in run(text, lang, date(2025, 10, 17))] == ["planned"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Donald Trump said he would meet Vladimir Putin in Hungary."),
        ("de", "Donald Trump sagte, er wolle Wladimir Putin in Ungarn treffen."),
    ],
)
def test_wanting_to_meet_in_a_named_country_is_planned(lang: str, text: str) -> None:
    assert [e.status for e in run(text, lang, date(2025, 10, 17))] == ["planned"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "A meeting between Wang Yi and Antony Blinken, ahead of a summit between Xi Jinping and "
            "Joe Biden, has been pushed back.",
        ),
        (
            "de",
            "Ein Treffen zwischen Wang Yi und Antony Blinken zur Vorbereitung eines Gipfels zwischen "
            "Xi Jinping und Joe Biden wurde vertagt.",
        ),
    ],
)
def test_the_gathering_a_postponed_one_prepares_is_not_postponed(lang: str, text: str) -> None:
    summit = next(e for e in run(text, lang, date(2023, 11, 6)) if "Joe Biden" in e.participants)
    assert summit.status == "planned"
