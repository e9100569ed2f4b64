"""Team-written sentences (German and English) for who takes part in a gathering (issue 11,
participants).

- a minister visiting a country is not received by its leader: the host is added to a
  one-person visit only when the visitor is a head of state or government;
- a snapshot tenure that a later snapshot row still shows is open (build_actors), so an
  office holder re-appointed with other posts stays the holder;
- "I"/"ich"/"we"/"wir" inside a quote is the quoted speaker: the person the attribution
  after the quote names (also by a role: "the president wrote"), else the one named before
  the quote; the attribution's person is that speaker, no third participant;
- a weak "das Gespräch", "his talk" of the same people, with no place or date, in the same
  tense as their phone call, is that call;
- a clause that is only a place phrase (", at the White House, where ...") places the
  gathering of the clause before it;
- a country met "bilaterally" ("bilateral talks with Brazil, South Africa and Japan",
  "bilaterale Gespräche mit Brasilien", "his bilateral with Brazil") is its leader at the time, one
  meeting with each; trade or talks with a country name no leader;
- a role followed by two jurisdictions ("the Presidents of the European Council and the
  European Commission", "die Staatschefs Russlands und Chinas", "the defence chiefs of two
  countries") is the holder in each, at the gathering's date when it lies in an earlier
  year; a capitalised title opening a sentence or quote ("Prime Minister met ...") is the
  holder named last; a custom ("es ist üblich, dass ...", "traditionally") is no gathering;
- the partner of a definite topic noun ("über das Treffen mit Putin", "about the meeting with
  Putin") is no participant, a span of time ("über eine Stunde mit Putin") is no topic;
- the announcer of a zu-infinitive or of a "he would" clause ("kündigte an, mit Macron und
  Starmer telefonieren zu wollen", "announced that he would call Macron and Starmer") is a
  participant, also beside two people of the clause;
- a one-word parenthesis after a name ("Maas (SPD)") is a label, no clause;
- who is told of a gathering named before ("the call was communicated to ...", "über das
  Telefonat wurden ... informiert") is not in it; a briefing in a call of its own is that call;
- "er"/"he" is the subject of a clause before it in its sentence, before anyone of an
  earlier sentence.
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


AUTUMN_2025 = date(2025, 10, 16)
AUTUMN_2022 = date(2022, 10, 16)


@pytest.mark.parametrize(
    ("text", "lang", "published", "people"),
    [
        (
            '"Chancellor Scholz and I will meet in Paris next week," Macron said.',
            "en",
            AUTUMN_2022,
            {"Olaf Scholz", "Emmanuel Macron"},
        ),
        (
            "„Bundeskanzler Scholz und ich werden uns nächste Woche in Paris treffen“, sagte Macron.",
            "de",
            AUTUMN_2022,
            {"Olaf Scholz", "Emmanuel Macron"},
        ),
        (
            'Macron said on Sunday: "I will meet Chancellor Scholz in Berlin on Friday."',
            "en",
            AUTUMN_2022,
            {"Olaf Scholz", "Emmanuel Macron"},
        ),
        (
            "Macron sagte am Sonntag: „Ich werde Bundeskanzler Scholz am Freitag in Berlin treffen.“",
            "de",
            AUTUMN_2022,
            {"Olaf Scholz", "Emmanuel Macron"},
        ),
        (
            # the attribution is a role, and the quote runs over two sentences
            'Trump spoke with Putin on Thursday.\n\n"President Zelenskyy and I will sit down '
            "together on Friday in the Oval Office. Today's phone call went very well, I think,\" "
            "the president wrote.",
            "en",
            AUTUMN_2025,
            {"Donald Trump", "Volodymyr Zelenskyy"},
        ),
        (
            "Trump telefonierte am Donnerstag mit Putin.\n\n„Präsident Selenskyj und ich treffen uns "
            "am Freitag im Oval Office. Das heutige Telefonat lief sehr gut, finde ich“, schrieb der "
            "Präsident.",
            "de",
            AUTUMN_2025,
            {"Donald Trump", "Volodymyr Zelenskyy"},
        ),
    ],
)
def test_i_in_a_quote_is_the_quoted_speaker(text: str, lang: str, published: date, people: set[str]) -> None:
    events = run(text, lang, published)
    assert people in [set(e.participants) for e in events if e.kind != "call"]
    # the speaker named by a role after the quote is no third person on the phone
    assert all(
        set(e.participants) != {"Donald Trump", "Volodymyr Zelenskyy"} for e in events if e.kind == "call"
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('"I will meet Putin," the reporter wrote about Scholz.', "en"),
        ("„Ich werde Putin treffen“, schrieb ein Leser über Scholz.", "de"),
    ],
)
def test_i_in_a_quote_of_nobody_known_is_nobody(text: str, lang: str) -> None:
    # the attribution names no office holder: the quote has no known speaker
    assert all("Olaf Scholz" not in e.participants for e in run(text, lang, AUTUMN_2022))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            '"I will call President Putin again." That is what Chancellor Scholz said on Friday. '
            "He is ready to continue his talk with the Russian president.",
            "en",
        ),
        (
            "„Ich werde wieder mit Präsident Putin telefonieren.“ Das sagte Kanzler Scholz am Freitag. "
            "Er wolle das Gespräch mit dem Kremlchef bald weiterführen.",
            "de",
        ),
    ],
)
def test_vague_talks_of_the_same_people_are_the_call(text: str, lang: str) -> None:
    events = run(text, lang, AUTUMN_2022)
    assert [(e.kind, set(e.participants)) for e in events] == [("call", {"Olaf Scholz", "Vladimir Putin"})]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Trump telefonierte am Donnerstag mit Putin. Selenskyj und Trump treffen sich morgen, "
            "im Weißen Haus, wo sie über das Telefonat reden wollen.",
            "de",
        ),
        (
            "Trump spoke with Putin on Thursday. Zelenskyy and Trump will meet tomorrow, at the "
            "White House, where they will discuss the call.",
            "en",
        ),
    ],
)
def test_a_clause_of_only_a_place_places_the_gathering_before_it(text: str, lang: str) -> None:
    meetings = [e for e in run(text, lang, AUTUMN_2025) if e.kind != "call"]
    assert [(set(e.participants), e.location) for e in meetings] == [
        ({"Donald Trump", "Volodymyr Zelenskyy"}, "Washington")
    ]


JOHANNESBURG = date(2023, 8, 24)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Prime Minister Narendra Modi held bilateral talks with Brazil, South Africa and Japan on "
            "Thursday.",
            "en",
        ),
        (
            "Premierminister Narendra Modi führte am Donnerstag getrennte bilaterale Gespräche mit "
            "Brasilien, Südafrika und Japan.",
            "de",
        ),
    ],
)
def test_countries_met_bilaterally_are_their_leaders_one_meeting_each(text: str, lang: str) -> None:
    assert sorted(sorted(e.participants) for e in run(text, lang, JOHANNESBURG)) == [
        ["Cyril Ramaphosa", "Narendra Modi"],
        ["Fumio Kishida", "Narendra Modi"],
        ["Luiz Inácio Lula da Silva", "Narendra Modi"],
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("In his bilateral with Brazil on Thursday, Modi discussed farming.", "en"),
        ("Bei seinem bilateralen Treffen mit Brasilien am Donnerstag sprach Modi über Landwirtschaft.", "de"),
    ],
)
def test_a_bilateral_with_a_country_is_a_meeting_with_its_leader(text: str, lang: str) -> None:
    assert [set(e.participants) for e in run(text, lang, JOHANNESBURG)] == [
        {"Narendra Modi", "Luiz Inácio Lula da Silva"}
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("India wants to expand bilateral trade with Brazil and Japan, Modi said on Thursday.", "en"),
        (
            "Indien will den bilateralen Handel mit Brasilien und Japan ausbauen, sagte Modi am Donnerstag.",
            "de",
        ),
        ("Diplomats from India held talks with Brazil on Thursday.", "en"),
    ],
)
def test_trade_or_talks_with_a_country_name_no_leader(text: str, lang: str) -> None:
    assert run(text, lang, JOHANNESBURG) == []


ROME = date(2021, 10, 30)
SUMMER_2024 = date(2024, 7, 12)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Prime Minister Modi met the Presidents of the European Council and the European "
            "Commission in Rome on Saturday.",
            "en",
        ),
        (
            "Premierminister Modi traf am Samstag in Rom die Präsidenten des Europäischen Rates und "
            "der EU-Kommission.",
            "de",
        ),
    ],
)
def test_a_role_of_two_institutions_is_the_head_of_each(text: str, lang: str) -> None:
    assert [set(e.participants) for e in run(text, lang, ROME)] == [
        {"Narendra Modi", "Charles Michel", "Ursula von der Leyen"}
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The heads of state of Russia and China met in Moscow on Monday.", "en"),
        ("Die Staatschefs Russlands und Chinas trafen sich am Montag in Moskau.", "de"),
    ],
)
def test_a_role_of_two_countries_is_the_holder_in_each(text: str, lang: str) -> None:
    assert [set(e.participants) for e in run(text, lang, SUMMER_2024)] == [{"Vladimir Putin", "Xi Jinping"}]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Austin spoke with Belousov on Friday. The heads of defence of Russia and the US had "
            "last talked by phone in March 2023.",
            "en",
        ),
        (
            "Austin telefonierte am Freitag mit Beloussow. Zuvor hatten die Verteidigungsminister "
            "der USA und Russlands im März 2023 miteinander telefoniert.",
            "de",
        ),
    ],
)
def test_a_role_in_a_gathering_of_an_earlier_year_is_the_holder_then(text: str, lang: str) -> None:
    calls = {(frozenset(e.participants), e.date) for e in run(text, lang, SUMMER_2024) if e.kind == "call"}
    assert (frozenset({"Lloyd Austin", "Sergei Shoigu"}), "2023-03") in calls


@pytest.mark.parametrize(
    ("text", "lang", "leader"),
    [
        (
            "Narendra Modi arrived in Rome on Friday. Prime Minister met Chancellor Merkel on Saturday.",
            "en",
            "Narendra Modi",
        ),
        (
            'Emmanuel Macron arrived in Rome on Friday. "President met Chancellor Merkel," an aide said.',
            "en",
            "Emmanuel Macron",
        ),
        (
            "Emmanuel Macron traf am Freitag in Rom ein. „Präsident traf am Samstag Kanzlerin Merkel“, "
            "sagte ein Sprecher.",
            "de",
            "Emmanuel Macron",
        ),
    ],
)
def test_a_title_opening_a_sentence_is_the_holder_named_last(text: str, lang: str, leader: str) -> None:
    assert {leader, "Angela Merkel"} in [set(e.participants) for e in run(text, lang, ROME)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Traditionell reisen die Regierungschefs Frankreichs und Deutschlands kurz nach der Wahl "
            "zuerst zueinander.",
            "de",
        ),
        (
            "It is customary for the heads of government of France and Germany to travel to each "
            "other soon after an election.",
            "en",
        ),
    ],
)
def test_a_custom_is_no_gathering(text: str, lang: str) -> None:
    assert run(text, lang, date(2017, 5, 15)) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wie üblich reiste Bundeskanzlerin Angela Merkel am Montag nach Paris.", "de"),
        ("As customary, Chancellor Angela Merkel travelled to Paris on Monday.", "en"),
    ],
)
def test_as_usual_tells_of_the_gathering_reported(text: str, lang: str) -> None:
    assert [e.participants for e in run(text, lang, date(2017, 5, 15))] == [("Angela Merkel",)]


SUMMER_2025 = date(2025, 8, 16)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Macron sprach am Montag mit Merz über das Treffen mit Putin.", "de"),
        ("Macron spoke with Merz on Monday about the meeting with Putin.", "en"),
    ],
)
def test_the_partner_of_a_topic_is_no_participant(text: str, lang: str) -> None:
    assert [set(e.participants) for e in run(text, lang, SUMMER_2025)] == [
        {"Emmanuel Macron", "Friedrich Merz"}
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Trump sprach am Montag über eine Stunde mit Putin.", "de"),
        ("Trump spoke for over an hour with Putin on Monday.", "en"),
    ],
)
def test_a_span_of_time_before_the_partner_is_no_topic(text: str, lang: str) -> None:
    assert [set(e.participants) for e in run(text, lang, SUMMER_2025)] == [{"Donald Trump", "Vladimir Putin"}]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Merz kündigte am Montag an, mit Präsident Macron und Premierminister Starmer telefonieren zu wollen.",
            "de",
        ),
        (
            "Merz announced on Monday that he would call President Macron and then Prime Minister Starmer.",
            "en",
        ),
    ],
)
def test_the_announcer_of_an_infinitive_is_the_caller(text: str, lang: str) -> None:
    people = [set(e.participants) for e in run(text, lang, SUMMER_2025)]
    assert any({"Friedrich Merz", "Emmanuel Macron"} <= p for p in people)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Bundeskanzlerin Angela Merkel hat am Dienstag gemeinsam mit Außenminister Heiko Maas (SPD) "
            "in Berlin Sergej Lawrow empfangen.",
            "de",
        ),
        (
            "In July, Chancellor Angela Merkel hosted Russian Foreign Minister Sergey Lavrov in Berlin "
            "together with Foreign Minister Heiko Maas (SPD) and Defence Minister Ursula von der Leyen (CDU).",
            "en",
        ),
    ],
)
def test_a_party_label_after_a_name_opens_no_clause(text: str, lang: str) -> None:
    people = [set(e.participants) for e in run(text, lang, date(2018, 8, 18))]
    assert any({"Angela Merkel", "Heiko Maas", "Sergey Lavrov"} <= p for p in people)
    if lang == "en":
        assert any("Ursula von der Leyen" in p for p in people)


AUTUMN_2024 = date(2024, 11, 16)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Scholz spoke with Putin by phone on Friday. The call, which lasted an hour, was later "
            "communicated to President Zelensky and to the head of the Polish government, Donald Tusk.",
            "en",
        ),
        (
            "Scholz telefonierte am Freitag mit Putin. Über das Telefonat wurden anschließend der "
            "polnische Regierungschef Donald Tusk und Präsident Selenskyj informiert.",
            "de",
        ),
    ],
)
def test_who_is_told_of_a_gathering_is_not_in_it(text: str, lang: str) -> None:
    assert [set(e.participants) for e in run(text, lang, AUTUMN_2024)] == [{"Olaf Scholz", "Vladimir Putin"}]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Scholz briefed President Zelensky in a phone call on Saturday.", "en"),
        ("Scholz unterrichtete Präsident Selenskyj am Samstag in einem Telefonat.", "de"),
    ],
)
def test_briefing_in_a_call_of_its_own_is_that_call(text: str, lang: str) -> None:
    assert [set(e.participants) for e in run(text, lang, AUTUMN_2024)] == [
        {"Olaf Scholz", "Volodymyr Zelenskyy"}
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Ungarns Außenminister Péter Szijjártó ist heute in Washington. Kurz bevor er Präsident "
            "Selenskyj traf, telefonierte Trump mit Putin und kündigte danach an, dass er sich bald "
            "mit dem Kremlchef in Budapest treffen wolle.",
            "de",
        ),
        (
            "Hungary's foreign minister Péter Szijjártó is in Washington today. On Thursday, Trump had "
            "talked to Putin by phone and then said that he wanted to meet the Kremlin chief in "
            "Budapest soon.",
            "en",
        ),
    ],
)
def test_he_is_the_subject_of_a_clause_before_it_in_the_sentence(text: str, lang: str) -> None:
    budapest = [set(e.participants) for e in run(text, lang, date(2025, 10, 21)) if e.location == "Budapest"]
    assert budapest == [{"Donald Trump", "Vladimir Putin"}]
