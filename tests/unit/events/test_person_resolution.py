"""Who a name or a role stands for (team-written German and English sentences).

Each group is a pattern that made the coder invent a gathering on ordinary news:

- a name that modifies an institution ("the Obama administration", "die Trump-Regierung")
  stands for that institution: people who "visit" a country under its rules are not the
  president on a state visit;
- a role resolves to the holder of that office only when it is that office: a portfolio
  after "for"/"für" ("Secretary of State for Health") names another one, and a role in
  apposition to a name the reference does not know ("Jane Doe, the British foreign
  secretary") says who that person is, not who holds the office;
- a known surname after another given name is another person ("Timothy Morrison" is not
  Scott Morrison), also in German, where a capital alone says nothing: the given name is
  one the reference knows. Names written given name first are so even in countries whose
  names are mostly written family name first ("Timothy Yang", "Joseph Wu");
- a person after "about"/"über" is what a talk is about, not a side of it: a leader who
  talks to a reporter about another leader meets nobody;
- a bare "they" is the pair named before only in the gathering's own clause ("a meeting
  when the ambassador told officials they would ..." is not the pair's); a description of
  the pair ("beide", "both sides", "the two") is the pair anywhere in its sentence;
- a person named only as someone's boss ("a top aide to Scholz", "Scholz's envoy", "ein
  Berater des Kanzlers", "Putins Berater") is not there: the aide is.
"""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event
from summitwatch.events.reference import load_reference


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
        (
            "en",
            "According to Reuters News, the British foreign secretary arrived in Paris on Monday for talks "
            "with Emmanuel Macron.",
        ),
        (
            "de",
            "Nach Angaben von Radio Liberty, reiste der britische Außenminister am Montag zu Gesprächen mit "
            "Emmanuel Macron nach Paris.",
        ),
    ],
)
def test_the_holder_of_the_office_itself(lang: str, text: str) -> None:
    assert people(text, lang, MARCH_2025) == {"David Lammy", "Emmanuel Macron"}


NOVEMBER_2019 = date(2019, 11, 20)  # Scott Morrison is Australia's prime minister


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Former adviser Timothy Morrison spoke with Volodymyr Zelenskyy in Warsaw on Monday."),
        ("de", "Der frühere Berater Timothy Morrison sprach am Montag in Warschau mit Wolodymyr Selenskyj."),
    ],
)
def test_another_given_name_is_another_person(lang: str, text: str) -> None:
    assert "Scott Morrison" not in people(text, lang, NOVEMBER_2019)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "President Trump met Emmanuel Macron in Paris on Monday."),
        ("de", "Der Republikaner Trump traf am Montag in Paris Emmanuel Macron."),
    ],
)
def test_a_title_or_noun_before_a_surname_keeps_the_person(lang: str, text: str) -> None:
    assert people(text, lang, NOVEMBER_2019) == {"Donald Trump", "Emmanuel Macron"}


def test_western_order_names_from_family_name_first_countries() -> None:
    ref = load_reference()
    by_name = {a.name: a for a in ref.actors.values()}
    assert not by_name["Timothy Yang"].family_first and not by_name["Joseph Wu"].family_first
    assert by_name["Xi Jinping"].family_first and by_name["Lee Jae-myung"].family_first
    surnames = {key[0] for key, entries in ref.entries.items() if any(e.type == "surname" for e in entries)}
    assert "Timothy" not in surnames and "Joseph" not in surnames and "Yang" in surnames


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Olaf Scholz talks to the BBC's Jane Doe about Emmanuel Macron."),
        ("en", "Olaf Scholz held talks with the BBC's Jane Doe about Emmanuel Macron on Monday."),
        ("de", "Olaf Scholz telefonierte am Montag mit der Journalistin Jane Doe über Emmanuel Macron."),
        (
            "de",
            "Olaf Scholz traf sich am Montag mit der Journalistin Jane Doe zu einem Gespräch über Emmanuel Macron.",
        ),
    ],
)
def test_the_topic_of_a_talk_is_no_side_of_it(lang: str, text: str) -> None:
    assert run(text, lang, date(2022, 9, 13)) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Olaf Scholz held talks with Emmanuel Macron about the war in Ukraine on Monday."),
        ("de", "Olaf Scholz sprach am Montag in Paris über eine Stunde lang mit Emmanuel Macron."),
        ("de", "Olaf Scholz sprach am Montag in Paris mit Emmanuel Macron über den Krieg."),
    ],
)
def test_the_partner_of_a_talk_about_something(lang: str, text: str) -> None:
    assert people(text, lang, date(2022, 9, 13)) == {"Olaf Scholz", "Emmanuel Macron"}


def test_they_in_another_clause_is_not_the_pair() -> None:
    text = (
        "Olaf Scholz's call with Emmanuel Macron was described as tense. A former aide told the committee "
        "about an August 3 meeting at the Elysee when the envoy warned German officials they would have to give ground."
    )
    assert [e for e in run(text, "en", date(2022, 6, 20)) if e.date == "2022-08-03"] == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Olaf Scholz and Emmanuel Macron spoke by phone on Monday. They will meet in Paris on July 10.",
        ),
        (
            "de",
            "Olaf Scholz und Emmanuel Macron telefonierten am Montag. Beide sprachen von Fortschritten, "
            "ein Treffen in Paris ist für den 10. Juli geplant.",
        ),
    ],
)
def test_the_pair_in_its_own_clause_or_described(lang: str, text: str) -> None:
    events = [e for e in run(text, lang, date(2022, 6, 20)) if e.date == "2022-07-10"]
    assert [(e.location, set(e.participants)) for e in events] == [
        ("Paris", {"Olaf Scholz", "Emmanuel Macron"})
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Emmanuel Macron met a top aide to Olaf Scholz in Paris on Monday."),
        ("en", "Emmanuel Macron met Olaf Scholz's envoy in Paris on Monday."),
        ("de", "Emmanuel Macron traf am Montag in Paris einen Berater von Olaf Scholz."),
        ("de", "Emmanuel Macron traf am Montag in Paris einen Berater des Kanzlers."),
        ("de", "Emmanuel Macron traf am Montag in Genf Putins außenpolitischen Berater."),
    ],
)
def test_a_boss_named_through_the_staff_is_not_there(lang: str, text: str) -> None:
    assert run(text, lang, date(2022, 9, 13)) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Emmanuel Macron met Olaf Scholz and his advisers in Paris on Monday."),
        ("de", "Emmanuel Macron traf am Montag in Paris Olaf Scholz und dessen Berater."),
    ],
)
def test_a_person_with_the_staff_is_there(lang: str, text: str) -> None:
    assert people(text, lang, date(2022, 9, 13)) == {"Emmanuel Macron", "Olaf Scholz"}
