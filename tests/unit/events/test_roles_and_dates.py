"""Roles resolved at the publication date, relative dates, sentence splitting."""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.dates import find_dates, leading_date, resolve
from summitwatch.events.lang import language_for
from summitwatch.events.reference import load_reference
from summitwatch.events.roles import resolve_role
from summitwatch.events.sentences import split_sentences


def people(text: str, lang: str, published: date) -> set[str]:
    events = extract_document(Document("t", text, published, "day", lang)).events
    return {p for e in events for p in e.participants}


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(2015, 5, 8), {"Xi Jinping", "Vladimir Putin"}),
        (date(2010, 5, 8), {"Hu Jintao", "Dmitry Medvedev"}),
    ],
)
def test_same_roles_two_dates_two_holders(published: date, expected: set[str]) -> None:
    assert people("The Chinese leader met the Russian president in Moscow.", "en", published) == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [(date(2018, 7, 27), "Sergei Shoigu"), (date(2024, 9, 1), "Andrey Belousov")],
)
def test_german_defence_minister_role(published: date, expected: str) -> None:
    text = "US-Verteidigungsminister Lloyd Austin hat mit dem russischen Verteidigungsminister telefoniert."
    assert expected in people(text, "de", published)


def test_role_holders_from_reference() -> None:
    ref = load_reference()
    holder = resolve_role(ref, "foreign_minister", "US", date(2018, 7, 27))
    assert holder is not None and holder.name == "Mike Pompeo"
    leader = resolve_role(ref, "leader", "DE", date(2022, 6, 26))
    assert leader is not None and leader.name == "Olaf Scholz"
    assert resolve_role(ref, "president", "RU", None) is None


def test_kremlchef_and_counterpart() -> None:
    found = people(
        "Kremlchef Putin empfing seinen chinesischen Amtskollegen in Moskau.", "de", date(2019, 6, 5)
    )
    assert found == {"Vladimir Putin", "Xi Jinping"}


@pytest.mark.parametrize(
    ("text", "lang", "published", "precision", "future", "expected"),
    [
        ("am 16. Juli", "de", date(2018, 7, 27), "day", False, "2018-07-16"),
        ("am Freitag", "de", date(2018, 7, 27), "month", False, "2018-07"),
        ("am kommenden Freitag", "de", date(2018, 4, 23), "day", True, "2018-04-27"),
        ("on Sunday", "en", date(2018, 4, 23), "day", False, "2018-04-22"),
        ("from April 27 to 28", "en", date(2018, 4, 23), "day", True, "2018-04"),
        ("vom 27. bis 28. April", "de", date(2018, 4, 23), "day", True, "2018-04"),
        ("next year", "en", date(2018, 4, 28), "day", True, "2019"),
        ("in der kommenden Woche", "de", date(2018, 3, 16), "day", True, "2018-03"),
        ("early next month", "en", date(2020, 3, 19), "day", True, "2020-04"),
        ("two months ago", "en", date(2019, 4, 25), "day", False, "2019-02"),
        ("in January", "en", date(2018, 11, 20), "day", True, "2019-01"),
        ("yesterday", "en", date(2018, 4, 28), "day", False, "2018-04-27"),
        ("am 16. Juli", "de", None, None, False, None),
    ],
)
def test_relative_dates(text, lang, published, precision, future, expected) -> None:
    (expr,) = find_dates(text, language_for(lang))
    assert resolve(expr, published, precision, future) == expected


def test_theresa_may_is_not_a_month() -> None:
    assert find_dates("Theresa May met the press.", language_for("en")) == []


def test_leading_date() -> None:
    assert leading_date("16.03.2018 Paris. Die Kanzlerin", language_for("de")) == date(2018, 3, 16)
    assert leading_date("Paris. Die Kanzlerin", language_for("de")) is None


def test_sentences_survive_german_dates_and_abbreviations() -> None:
    text = "Sie trafen sich am 16. Juli in Helsinki. Dr. Müller sagte z.B. nichts. Donald J. Trump reiste ab.\n\nNeu."
    sentences = [s.text for s in split_sentences(text, language_for("de"))]
    assert sentences == [
        "Sie trafen sich am 16. Juli in Helsinki.",
        "Dr. Müller sagte z.B. nichts.",
        "Donald J. Trump reiste ab.",
        "Neu.",
    ]
