"""Team-written sentences (German and English) for detection: which gatherings a text states
and who takes part (issue 11, detection).

- a group name with its own hyphen inside a compound ("G-20-Gipfel", "G-7-summit") is the group;
- a capitalised date word after a role ("des ukrainischen Präsidenten Ende Februar") is no
  name, so the role still stands for its holder;
- German roles in the genitive ("des britischen Premierministers", "des Bundeskanzlers") are roles;
- "und"/"and" before an auxiliary or modal starts a clause of the same subject ("telefoniert
  und wird ... reisen", "spoke ... and will travel");
- "seit" before a span of time ("seit zwei Jahren") is a preposition, and "erstmals seit"
  reports the gathering as the news, not as background;
- "nach dem Treffen mit Xi" is a gathering with its own partner, "nach dem Gipfel" only a time;
- "dort"/"there" after "in Rio de Janeiro in Brasilien" is the city;
- "beide Staatschefs", "the two leaders" are the two leaders named last, not their ministers;
- a series of talks ("direkte Gespräche mit Putin", "discussions with Xi") is a gathering only
  with a date or a place;
- "the first call since December 2022", "hatte seit März 2023 nicht mehr mit ihm telefoniert"
  tell of the same people's gathering at that date, with the holders of a role at that date;
  a date in a "seit der Annexion im März 2014" phrase is no gathering's date;
- the country a group meets ("EU-Indien-Gipfel", "the summit between the EU and India") is the
  other side, whose leader takes part whatever the status, not the venue;
- one person "at the summit" on a day of it ("Biden's news conference on Thursday at the
  summit") attends the group's summit;
- "und"/"and" before a past verb ("und nahm am G20-Gipfel teil", "and attended") opens a clause
  whose people are the subject of the clause before (one, or two joined by "and"), not the
  others named there;
- "der König", "the King" without a country is the monarch named last;
- "Dieser" (as a pronoun) and "the latter" are the person named last, not the first.
"""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event

PUBLISHED = date(2019, 8, 27)
LATER = date(2023, 3, 1)


def run(text: str, lang: str, published: date = PUBLISHED) -> list[Event]:
    return list(extract_document(Document("t", text, published, "day", lang)).events)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("Die Kanzlerin reiste zum G-20-Gipfel nach Osaka, der am Freitag begann.", "de", "G20"),
        ("Beim G-7-Gipfel in Biarritz stritten die Staats- und Regierungschefs über Handel.", "de", "G7"),
        ("Leaders argued about trade at the G-7-country summit in Biarritz on Sunday.", "en", "G7"),
        ("The chancellor flew to the G-20-nations summit in Osaka, which opened on Friday.", "en", "G20"),
    ],
)
def test_a_hyphenated_group_name_inside_a_compound_is_the_group(text: str, lang: str, group: str) -> None:
    events = run(text, lang)
    assert [e.organizations for e in events] == [(group,)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Emmanuel Macron traf Boris Johnson. Ein Besuch des britischen Premierministers Ende Juli "
            "im Élysée-Palast in Paris war harmonisch verlaufen.",
            "de",
        ),
        (
            "Emmanuel Macron met Boris Johnson. A visit by the British prime minister Mid July "
            "to Paris had gone smoothly.",
            "en",
        ),
    ],
)
def test_a_date_after_a_role_is_not_a_name(text: str, lang: str) -> None:
    visits = [e for e in run(text, lang) if e.kind == "visit"]
    assert [(set(e.participants), e.location, e.date) for e in visits] == [
        ({"Boris Johnson", "Emmanuel Macron"}, "Paris", "2019-07")
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Der Besuch des Bundeskanzlers in Washington ist für Freitag geplant.", "de"),
        ("The German chancellor's visit to Washington is planned for Friday.", "en"),
    ],
)
def test_a_role_in_the_genitive_is_its_holder(text: str, lang: str) -> None:
    (event,) = run(text, lang, LATER)
    assert ("Olaf Scholz" in event.participants, event.location) == (True, "Washington")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Emmanuel Macron hat am Montag mit Bundeskanzler Olaf Scholz telefoniert und wird nach dem "
            "Gespräch mit dem chinesischen Präsidenten Xi Jinping nach Peking reisen.",
            "de",
        ),
        (
            "Emmanuel Macron spoke by phone with Chancellor Olaf Scholz on Monday and will travel to "
            "Beijing for talks with Chinese President Xi Jinping next week.",
            "en",
        ),
    ],
)
def test_and_before_an_auxiliary_starts_a_clause_of_the_same_subject(text: str, lang: str) -> None:
    events = run(text, lang, date(2024, 3, 8))
    assert sorted((e.kind, e.status, frozenset(e.participants)) for e in events) == [
        ("call", "held", frozenset({"Emmanuel Macron", "Olaf Scholz"})),
        ("visit", "planned", frozenset({"Emmanuel Macron", "Xi Jinping"})),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Der spanische Regierungschef Pedro Sánchez hat erstmals seit drei Jahren wieder mit Xi Jinping "
            "telefoniert.",
            "de",
        ),
        (
            "Spanish Prime Minister Pedro Sánchez spoke by phone with Xi Jinping for the first time since "
            "three years.",
            "en",
        ),
    ],
)
def test_seit_a_span_of_time_is_a_preposition_and_the_call_is_the_news(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2024, 3, 8))
    assert (event.kind, event.status, event.date) == ("call", "held", "2024-03")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Joe Biden hat sich nach dem Treffen mit seinem französischen Kollegen Emmanuel Macron zuversichtlich gezeigt.",
            "de",
        ),
        (
            "Joe Biden sounded upbeat on trade after the meeting with his French counterpart Emmanuel Macron.",
            "en",
        ),
    ],
)
def test_a_gathering_named_as_a_time_with_its_own_partner_is_a_gathering(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2023, 6, 15))
    assert (event.kind, set(event.participants)) == ("meeting", {"Joe Biden", "Emmanuel Macron"})


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Joe Biden hat sich nach dem Gipfel zuversichtlich gezeigt.", "de"),
        ("Joe Biden sounded upbeat on trade after the summit.", "en"),
    ],
)
def test_a_gathering_named_only_as_a_time_is_none(text: str, lang: str) -> None:
    assert run(text, lang, date(2023, 6, 15)) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Olaf Scholz reist am Freitag zum G20-Gipfel in Neu-Delhi in Indien. "
            "Dort wird auch der britische Premier Sunak erwartet.",
            "de",
        ),
        (
            "Olaf Scholz leaves on Friday for the G20 summit in New Delhi in India. "
            "British Prime Minister Rishi Sunak arrives there on Thursday.",
            "en",
        ),
    ],
)
def test_there_after_a_city_and_its_country_is_the_city(text: str, lang: str) -> None:
    (summit,) = run(text, lang, date(2023, 9, 6))
    assert (summit.organizations, summit.location, set(summit.participants)) == (
        ("G20",),
        "New Delhi",
        {"Olaf Scholz", "Rishi Sunak"},
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Emmanuel Macron reist zu einem informellen Gipfel mit Olaf Scholz nach Hamburg. Außenministerin "
            "Annalena Baerbock und die französische Außenministerin Catherine Colonna gaben das am Montag in "
            "Berlin bekannt. Beide Staatschefs werden miteinander über Verteidigung und Energie sprechen.",
            "de",
        ),
        (
            "Emmanuel Macron will travel to Hamburg for an informal summit with Olaf Scholz. German Foreign "
            "Minister Annalena Baerbock and French Foreign Minister Catherine Colonna announced it in Berlin "
            "on Monday. The two leaders will hold talks on defence and energy.",
            "en",
        ),
    ],
)
def test_the_two_leaders_are_the_leaders_named_last_not_their_ministers(text: str, lang: str) -> None:
    events = run(text, lang, date(2023, 10, 2))
    assert [set(e.participants) for e in events] == [{"Emmanuel Macron", "Olaf Scholz"}]


@pytest.mark.parametrize(
    ("text", "lang", "published"),
    [
        (
            "Trump nahm direkte Gespräche mit Putin auf und holte ihn aus der Isolation.",
            "de",
            date(2019, 5, 20),
        ),
        ("Biden has pushed for direct discussions with Xi Jinping on trade.", "en", date(2022, 11, 16)),
    ],
)
def test_a_series_of_talks_without_date_or_place_is_no_gathering(
    text: str, lang: str, published: date
) -> None:
    assert run(text, lang, published) == []


@pytest.mark.parametrize(
    ("text", "lang", "published", "place"),
    [
        ("Merkel führte am Montag in Sotschi Gespräche mit Putin.", "de", date(2019, 5, 20), "Sochi"),
        ("Biden held discussions with Xi Jinping in Bali on Monday.", "en", date(2022, 11, 16), "Bali"),
    ],
)
def test_talks_with_a_date_or_place_are_a_gathering(
    text: str, lang: str, published: date, place: str
) -> None:
    (event,) = run(text, lang, published)
    assert event.location == place


def _calls(events: list[Event]) -> list[tuple[str, frozenset[str], str | None]]:
    return sorted(((e.status, frozenset(e.participants), e.date) for e in events), key=lambda c: str(c[2]))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Der französische Präsident Emmanuel Macron hat am Dienstag mit Xi Jinping telefoniert, zum "
            "ersten Mal seit April 2023.",
            "de",
        ),
        (
            "French President Emmanuel Macron spoke by phone with Xi Jinping on Tuesday, marking their "
            "first call since April 2023.",
            "en",
        ),
    ],
)
def test_first_since_a_date_tells_of_the_gathering_at_that_date(text: str, lang: str) -> None:
    pair = frozenset({"Emmanuel Macron", "Xi Jinping"})
    assert _calls(run(text, lang, date(2023, 10, 19))) == [
        ("held", pair, "2023-04"),
        ("held", pair, "2023-10-17"),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Bundesverteidigungsminister Boris Pistorius hat am Montag mit seinem chinesischen Amtskollegen "
            "telefoniert. Zuvor hatte Pistorius seit Juni 2023 nicht mehr mit seinem chinesischen "
            "Amtskollegen telefoniert.",
            "de",
        ),
        (
            "German Defence Minister Boris Pistorius spoke by phone with his Chinese counterpart on Monday. "
            "Before that, Pistorius had not spoken with his Chinese counterpart since June 2023.",
            "en",
        ),
    ],
)
def test_a_role_in_the_earlier_gathering_is_the_holder_at_its_date(text: str, lang: str) -> None:
    assert _calls(run(text, lang, date(2024, 5, 22))) == [
        ("held", frozenset({"Boris Pistorius", "Li Shangfu"}), "2023-06"),
        ("held", frozenset({"Boris Pistorius", "Dong Jun"}), "2024-05-20"),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Macron traf Xi Jinping am Montag. Es ist das erste Treffen zwischen Macron und Xi in Frankreich "
            "seit dem Ausbruch der Pandemie im Januar 2020.",
            "de",
        ),
        (
            "Macron met Xi Jinping on Monday. It is the first meeting between Macron and Xi in France since "
            "the outbreak of the pandemic in January 2020.",
            "en",
        ),
    ],
)
def test_a_date_in_a_since_phrase_is_a_point_of_reference(text: str, lang: str) -> None:
    # (the copular sentence describes the meeting reported before it: test_gatherings_found.py)
    (event,) = run(text, lang, date(2024, 5, 7))
    assert event.date != "2020-01"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wegen der Epidemie ist der EU-Indien-Gipfel in Brüssel verschoben worden.", "de"),
        ("Der Gipfel der EU mit Indien in Brüssel wurde wegen der Epidemie verschoben.", "de"),
        ("Because of the epidemic the EU-India summit in Brussels has been postponed.", "en"),
        ("The summit between the EU and India in Brussels was postponed because of the epidemic.", "en"),
    ],
)
def test_the_country_a_group_meets_is_the_other_side_not_the_venue(text: str, lang: str) -> None:
    (summit,) = run(text, lang, date(2020, 3, 1))
    assert (summit.organizations, summit.status, summit.participants, summit.location) == (
        ("EU",),
        "postponed",
        ("Narendra Modi",),
        "Brussels",
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Die Staats- und Regierungschefs der Nato trafen sich diese Woche in Washington zum Nato-Gipfel. "
            "Bei der Pressekonferenz von US-Präsident Joe Biden am Donnerstagabend auf dem Gipfel ging es "
            "um die Ukraine.",
            "de",
        ),
        (
            "NATO leaders met this week in Washington for the NATO summit. During President Joe Biden's "
            "news conference on Thursday evening at the summit, he spoke about Ukraine.",
            "en",
        ),
    ],
)
def test_one_person_at_the_summit_on_a_day_of_it_attends_the_groups_summit(text: str, lang: str) -> None:
    (summit,) = run(text, lang, date(2024, 7, 12))
    assert (summit.organizations, summit.participants) == (("NATO",), ("Joe Biden",))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Putin kam im Oktober 2016 zu einem Treffen mit Kanzlerin Angela Merkel nach Berlin und nahm "
            "im Juli 2017 am G20-Gipfel in Hamburg teil.",
            "de",
        ),
        (
            "Vladimir Putin came to Berlin in October 2016 for talks with Chancellor Angela Merkel and "
            "attended the G20 summit in Hamburg in July 2017.",
            "en",
        ),
    ],
)
def test_a_clause_joined_by_and_before_a_past_verb_has_the_subject_only(text: str, lang: str) -> None:
    summits = [e for e in run(text, lang, date(2018, 8, 13)) if e.organizations]
    assert [(e.organizations, e.participants, e.location) for e in summits] == [
        (("G20",), ("Vladimir Putin",), "Hamburg")
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Der Kreml teilte mit, Putin und Macron hätten über den Nahen Osten beraten und bezeichneten "
            "das Telefonat als sinnvoll.",
            "de",
        ),
        (
            "The Kremlin said that Putin and Macron had discussed the Middle East and described the "
            "conversation as meaningful.",
            "en",
        ),
    ],
)
def test_a_coordinated_clause_shares_a_subject_of_two(text: str, lang: str) -> None:
    (call,) = run(text, lang, date(2025, 7, 1))
    assert (call.kind, set(call.participants)) == ("call", {"Vladimir Putin", "Emmanuel Macron"})


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "König Felipe VI. hielt am Dienstag eine Rede im Parlament. Bundeskanzler Olaf Scholz "
            "telefonierte am Mittwochabend mit dem König, teilte ein Regierungssprecher mit.",
            "de",
        ),
        (
            "King Felipe VI gave a speech in parliament on Tuesday. Chancellor Olaf Scholz spoke to "
            "the King on Wednesday evening, a government spokesman said.",
            "en",
        ),
    ],
)
def test_the_king_is_the_monarch_named_last(text: str, lang: str) -> None:
    (call,) = run(text, lang, date(2023, 11, 30))
    assert (call.kind, set(call.participants)) == ("call", {"Olaf Scholz", "Felipe VI"})


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Macron will in Jakarta Präsident Joko Widodo treffen. Dieser hatte sich bereits am "
            "Montag mit Anthony Albanese getroffen.",
            "de",
        ),
        (
            "Macron will meet Indonesia's President Joko Widodo in Jakarta. The latter had "
            "already met Anthony Albanese on Monday.",
            "en",
        ),
    ],
)
def test_dieser_and_the_latter_are_the_one_named_last(text: str, lang: str) -> None:
    held = [e for e in run(text, lang, date(2023, 7, 26)) if e.status == "held"]
    assert [set(e.participants) for e in held] == [{"Joko Widodo", "Anthony Albanese"}]
