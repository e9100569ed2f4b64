"""Who a name or a role stands for (team-written German and English sentences).

Each group is a pattern that made the coder invent a gathering on ordinary news:

- a name that modifies an institution ("the Obama administration", "die Trump-Regierung")
  stands for that institution: people who "visit" a country under its rules are not the
  president on a state visit;
- a role resolves to the holder of that office only when it is that office: a portfolio
  after "for"/"für" ("Secretary of State for Health") names another one, and a role in
  apposition to a name the reference does not know ("Jane Doe, the British foreign
  secretary") says who that person is, not who holds the office;
"""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event


def run(text: str, lang: str, published: date) -> list[Event]:
    return list(extract_document(Document("t", text, published, "day", lang)).events)  # type: ignore[arg-type]


def people(text: str, lang: str, published: date) -> set[str]:
    return {p for e in run(text, lang, published) for p in e.participants}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Students who visit Cuba must now register with the embassy, according to rules "
            "published on Tuesday by the Obama administration.",
        ),
        ("en", "Obama Admin Tightens Rules For Students Visiting Cuba"),
        (
            "de",
            "Studenten, die nach Kuba reisen, müssen sich laut neuen Regeln der Obama-Regierung "
            "künftig bei der Botschaft melden.",
        ),
        (
            "de",
            "Wer nach Kuba reist, muss sich nach einer Vorgabe der Regierung Obama künftig bei der "
            "Botschaft melden.",
        ),
    ],
)
def test_a_name_before_an_institution_is_no_visitor(lang: str, text: str) -> None:
    assert run(text, lang, date(2015, 6, 9)) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Barack Obama will visit Cuba next week, the administration said on Tuesday."),
        ("de", "Barack Obama reist nächste Woche nach Kuba, teilte die Regierung mit."),
    ],
)
def test_the_person_beside_an_institution_still_travels(lang: str, text: str) -> None:
    assert people(text, lang, date(2015, 6, 9)) >= {"Barack Obama"}


MARCH_2025 = date(2025, 3, 12)  # David Lammy is the British foreign secretary, Marco Rubio the US one


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Jane Doe, Secretary of State for Health, arrived in Paris on Monday for talks with Emmanuel Macron.",
        ),
        (
            "en",
            "Jane Doe, the British foreign secretary, arrived in Paris on Monday for talks with Emmanuel Macron.",
        ),
        (
            "de",
            "Tom Berger, britischer Außenminister, reiste am Montag zu Gesprächen mit Emmanuel Macron nach Paris.",
        ),
        (
            "de",
            "Die Außenbeauftragte für Afrika, Anna Berger, reiste am Montag zu Gesprächen mit Emmanuel Macron "
            "nach Paris.",
        ),
    ],
)
def test_a_role_of_someone_else_names_no_holder(lang: str, text: str) -> None:
    assert run(text, lang, MARCH_2025) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The British foreign secretary arrived in Paris on Monday for talks with Emmanuel Macron."),
        (
            "en",
            "David Lammy, the British foreign secretary, arrived in Paris on Monday for talks with Emmanuel Macron.",
        ),
        ("de", "Der britische Außenminister reiste am Montag zu Gesprächen mit Emmanuel Macron nach Paris."),
        (
            "de",
            "David Lammy, britischer Außenminister, reiste am Montag zu Gesprächen mit Emmanuel Macron nach Paris.",
        ),
    ],
)
def test_the_holder_of_the_office_itself(lang: str, text: str) -> None:
    assert people(text, lang, MARCH_2025) == {"David Lammy", "Emmanuel Macron"}
