"""Team-written sentences for decisions that rest on the sentence's structure (issue 11).

- a place after a topic noun ("the war in Ukraine") or on the way home is no venue;
- a dateline of several words ("BUENOS AIRES, Argentina -") is found, and places what its
  sentence reports even from another clause; seats of government stand for their city;
- one person "visiting" a place at home visits nobody;
- the agent of a passive ("vom Präsidenten empfangen") is the host; the subject is the guest;
- a clause without a trigger only fills a frame that still lacks a side;
- a subjectless clause ("after holding a call with Putin") shares the sentence's subject;
- "his call with Putin" has its owner and its partner only;
- a calling verb with a person right after it is a call ("called Zelenskyy"), not "called for";
- a short line (headline, time stamp) is its own unit.
"""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.lang import language_for
from summitwatch.events.model import Event
from summitwatch.events.sentences import split_sentences

PUBLISHED = date(2025, 7, 2)  # a Wednesday


def run(text: str, lang: str, published: date = PUBLISHED) -> list[Event]:
    return list(extract_document(Document("t", text, published, "day", lang)).events)  # type: ignore[arg-type]


def people(event: Event) -> set[str]:
    return {name.split()[-1] for name in event.participants}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Olaf Scholz met Emmanuel Macron on Monday to discuss the war in Ukraine.", "en"),
        ("Olaf Scholz traf am Montag Emmanuel Macron, um über den Krieg in der Ukraine zu sprechen.", "de"),
    ],
)
def test_a_topic_place_is_no_venue(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2022, 9, 13))
    assert (event.location, event.country) == (None, None)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Before returning to Ukraine, Volodymyr Zelenskyy met Andrzej Duda in Rzeszow.", "en"),
        (
            "Vor der Rückkehr in die Ukraine traf Wolodymyr Selenskyj den Präsidenten Andrzej Duda in Rzeszów.",
            "de",
        ),
    ],
)
def test_the_way_home_is_no_venue(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2023, 4, 1))
    assert (event.location, event.country) == ("Rzeszów", "PL")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("BUENOS AIRES, Argentina - Donald Trump cancelled his meeting with Vladimir Putin.", "en"),
        ("BUENOS AIRES (dpa) - Donald Trump hat sein Treffen mit Wladimir Putin abgesagt.", "de"),
    ],
)
def test_a_dateline_of_several_words(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2018, 11, 29))
    assert (event.location, event.country) == ("Buenos Aires", "AR")


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("KANANASKIS, Canada - Leaders gathered on Sunday, when the G7 summit opened.", "en", "Kananaskis"),
        ("ELMAU (dpa) - Mit Beratungen zur Weltwirtschaft beginnt am Sonntag der G7-Gipfel.", "de", "Elmau"),
    ],
)
def test_a_dateline_places_a_group_summit_in_another_clause(text: str, lang: str, place: str) -> None:
    (event,) = run(text, lang, date(2022, 6, 26))
    assert (event.organizations, event.location) == (("G7",), place)


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("Donald Trump hosted Volodymyr Zelenskyy at the White House on Monday.", "en", "Washington"),
        ("Olaf Scholz empfing am Montag Emmanuel Macron im Kanzleramt.", "de", "Berlin"),
        ("Wladimir Putin empfing Viktor Orbán am Freitag im Kreml.", "de", "Moscow"),
    ],
)
def test_a_seat_of_government_is_its_city(text: str, lang: str, place: str) -> None:
    (event,) = run(text, lang, date(2024, 7, 8))
    assert event.location == place


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Donald Trump visited Mar-a-Lago on Saturday.", "en"),
        ("Wolodymyr Selenskyj besuchte am Samstag Kiew.", "de"),
    ],
)
def test_a_visit_at_home_is_no_visit(text: str, lang: str) -> None:
    assert run(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Volodymyr Zelenskyy visited Warsaw on Saturday.", "en"),
        ("Wolodymyr Selenskyj besuchte am Samstag Warschau.", "de"),
    ],
)
def test_a_visit_abroad_stays(text: str, lang: str) -> None:
    (event,) = run(text, lang)
    assert (event.kind, event.country) == ("visit", "PL")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Angela Merkel travels to Paris on Friday. There she will be received by President Emmanuel Macron.",
            "en",
        ),
        (
            "Angela Merkel reist am Freitag nach Paris. Dort wird sie vom französischen Präsidenten "
            "Emmanuel Macron empfangen.",
            "de",
        ),
    ],
)
def test_the_agent_of_a_passive_is_the_host(text: str, lang: str) -> None:
    events = run(text, lang, date(2018, 3, 14))
    assert [people(e) for e in events] == [{"Merkel", "Macron"}]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Olaf Scholz spoke by phone with Vladimir Putin on Friday, while Volodymyr Zelenskyy criticised it.",
            "en",
        ),
        (
            "Olaf Scholz telefonierte am Freitag mit Wladimir Putin, während Wolodymyr Selenskyj das kritisierte.",
            "de",
        ),
    ],
)
def test_a_name_in_a_clause_without_trigger_does_not_join_a_full_frame(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2024, 11, 16))
    assert (event.kind, people(event)) == ("call", {"Scholz", "Putin"})


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Emmanuel Macron called Volodymyr Zelenskyy on Tuesday after holding a phone conversation "
            "with Vladimir Putin.",
            "en",
        ),
        (
            "Emmanuel Macron telefonierte am Dienstag mit Wolodymyr Selenskyj, nachdem er mit Wladimir "
            "Putin telefoniert hatte.",
            "de",
        ),
    ],
)
def test_a_subjectless_clause_shares_the_subject(text: str, lang: str) -> None:
    events = run(text, lang)
    assert sorted(sorted(people(e)) for e in events) == [["Macron", "Putin"], ["Macron", "Zelenskyy"]]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Emmanuel Macron briefed Volodymyr Zelenskyy on his phone call with Vladimir Putin.", "en"),
        ("Emmanuel Macron unterrichtete Wolodymyr Selenskyj über sein Telefonat mit Wladimir Putin.", "de"),
    ],
)
def test_a_possessed_call_has_its_owner_and_partner(text: str, lang: str) -> None:
    (event,) = run(text, lang)
    assert people(event) == {"Macron", "Putin"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Emmanuel Macron called Ukrainian President Volodymyr Zelenskyy on Tuesday.", "en"),
        ("Donald Trump rief Wladimir Putin am Dienstag an.", "de"),
        ("Olaf Scholz had spoken with Volodymyr Zelenskyy earlier in the week.", "en"),
        ("Olaf Scholz hat am Freitag mit Wladimir Putin gesprochen.", "de"),
    ],
)
def test_calling_verbs_with_a_person(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2024, 11, 16))
    assert event.kind == "call" and len(event.participants) == 2


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Emmanuel Macron called for a ceasefire on Tuesday, and Olaf Scholz agreed.", "en"),
        ("The so-called coalition of the willing met without Emmanuel Macron or Olaf Scholz.", "en"),
        ("Friedrich Merz rief zur Ruhe auf, Olaf Scholz schwieg.", "de"),
    ],
)
def test_calling_for_something_is_no_call(text: str, lang: str) -> None:
    assert [e for e in run(text, lang) if e.kind == "call"] == []


def test_a_short_line_is_its_own_unit() -> None:
    text = (
        "Macron ruft Selenskyj an\nDienstag, 1. Juli 2025, 22:46\nDer französische Präsident hat mit dem "
        "ukrainischen Präsidenten telefoniert, teilte der Elysée-Palast am Abend in Paris mit, und beide\n"
        "wollen bald wieder sprechen."
    )
    units = [s.text for s in split_sentences(text, language_for("de"))]
    assert units[:2] == ["Macron ruft Selenskyj an", "Dienstag, 1. Juli 2025, 22:46"]
    assert units[2].endswith("wollen bald wieder sprechen.")  # a wrapped long line stays joined
    english = (
        "Macron calls Zelenskyy\nFrench President Emmanuel Macron called Volodymyr Zelenskyy on Tuesday."
    )
    assert split_sentences(english, language_for("en"))[0].text == "Macron calls Zelenskyy"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Justin Trudeau said that the communique would look much like the one from the last G7 summit in Japan.",
            "en",
        ),
        (
            "Justin Trudeau sagte, das Abschlusskommuniqué werde ähnlich ausfallen wie beim letzten G7-Gipfel in Japan.",
            "de",
        ),
    ],
)
def test_who_comments_on_a_group_summit_is_not_at_it(text: str, lang: str) -> None:
    events = [e for e in run(text, lang, date(2024, 6, 12)) if e.organizations]
    assert [e.participants for e in events] == [()]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Donald Trump travels to Buenos Aires for the G20 summit, where he will meet with Xi Jinping.",
            "en",
        ),
        (
            "Donald Trump reist zum G20-Gipfel nach Buenos Aires, wo er sich mit Xi Jinping treffen will.",
            "de",
        ),
    ],
)
def test_a_gathering_where_a_group_summit_is_places_its_people_there(text: str, lang: str) -> None:
    (summit,) = [e for e in run(text, lang, date(2018, 11, 28)) if e.organizations]
    assert people(summit) == {"Trump", "Jinping"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Sergei Lavrov and Marco Rubio spoke by phone on Monday to prepare a meeting between Donald Trump "
            "and Vladimir Putin.",
            "en",
        ),
        (
            "Sergej Lawrow und Marco Rubio haben am Montag zur Vorbereitung eines Treffens von Donald Trump "
            "und Wladimir Putin telefoniert.",
            "de",
        ),
    ],
)
def test_a_meeting_between_two_names_its_own_people(text: str, lang: str) -> None:
    events = run(text, lang, date(2025, 10, 21))
    assert sorted((e.kind, sorted(people(e))) for e in events) == [
        ("call", ["Lavrov", "Rubio"]),
        ("meeting", ["Putin", "Trump"]),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Xi Jinping is on a state visit to Moscow. Vladimir Putin praised the ties between the countries.",
            "en",
        ),
        (
            "Xi Jinping ist zu einem Staatsbesuch in Moskau. Wladimir Putin lobte die Beziehungen beider Länder.",
            "de",
        ),
    ],
)
def test_a_visit_takes_the_host_leader_the_story_names(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2023, 3, 21))
    assert (event.kind, people(event)) == ("visit", {"Jinping", "Putin"})
    (alone,) = run(text.split(". ")[0] + ".", lang, date(2023, 3, 21))
    assert people(alone) == {"Jinping"}


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("The leaders met in Paris on Monday for talks in the Normandy format.", "en", "Normandy format"),
        (
            "Das Treffen der Ukraine-Kontaktgruppe findet am Donnerstag in Ramstein statt.",
            "de",
            "Ukraine Defense Contact Group",
        ),
    ],
)
def test_summit_formats_are_groups(text: str, lang: str, group: str) -> None:
    (event,) = run(text, lang, date(2022, 9, 8))
    assert event.organizations == (group,)


def test_the_other_german_spelling_of_zelenskyy() -> None:
    (event,) = run(
        "Wladimir Putin will sich mit Wolodymyr Selenski in Istanbul treffen.", "de", date(2025, 5, 12)
    )
    assert people(event) == {"Putin", "Zelenskyy"}


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("Xi Jinping traf im Rahmen seiner Moskau-Reise Michail Mischustin.", "de", "Moscow"),
        ("Emmanuel Macron sprach während seiner Berlin-Reise mit Olaf Scholz.", "de", "Berlin"),
    ],
)
def test_a_city_compound_with_a_trigger_is_the_venue(text: str, lang: str, place: str) -> None:
    (event,) = run(text, lang, date(2023, 3, 21))
    assert event.location == place


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        (
            "Das Treffen zwischen Kim Jong Un und Donald Trump, das für Juni in Singapur geplant ist, wackelt.",
            "de",
            "Singapore",
        ),
        (
            "Das Gespräch von Olaf Scholz mit Emmanuel Macron, so ein Sprecher, soll in Paris stattfinden.",
            "de",
            "Paris",
        ),
        (
            "The meeting between Kim Jong Un and Donald Trump, which is scheduled for June in Singapore, is in doubt.",
            "en",
            "Singapore",
        ),
        (
            "Olaf Scholz will hold talks with Emmanuel Macron next week, which are to take place in Paris.",
            "en",
            "Paris",
        ),
    ],
)
def test_a_clause_that_says_where_places_the_gathering_before_it(text: str, lang: str, place: str) -> None:
    (event,) = run(text, lang, date(2018, 5, 24) if "Kim" in text else date(2022, 10, 20))
    assert event.location == place


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Viktor Orbán und Wladimir Putin bei ihrem Gespräch im Kreml.", "de"),
        ("Viktor Orbán and Vladimir Putin during their talk in the Kremlin.", "en"),
    ],
)
def test_their_talk_names_a_gathering_of_both(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2024, 7, 5))
    assert (people(event), event.location) == ({"Orbán", "Putin"}, "Moscow")


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("Donald Trump und Kim Jong Un trafen sich in Vietnams Hauptstadt.", "de", "Hanoi"),
        ("Olaf Scholz traf Xi Jinping in der chinesischen Hauptstadt.", "de", "Beijing"),
        ("Olaf Scholz met Xi Jinping in the Chinese capital on Friday.", "en", "Beijing"),
        ("Olaf Scholz met Xi Jinping in the capital of China on Friday.", "en", "Beijing"),
        ("Olaf Scholz traf Joko Widodo in der indonesischen Hauptstadt Jakarta.", "de", "Jakarta"),
    ],
)
def test_a_country_capital_is_its_capital_city(text: str, lang: str, place: str) -> None:
    (event,) = run(text, lang, date(2022, 11, 4))
    assert event.location == place


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("He had planned to sit down with the Chinese leader, Joe Biden said on Tuesday.", "en"),
        (
            "Geplant war ein Gespräch mit dem chinesischen Staatschef, Joe Biden bestätigte das am Dienstag.",
            "de",
        ),
    ],
)
def test_a_name_of_another_country_after_a_role_is_no_apposition(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2023, 8, 15))
    assert people(event) == {"Biden", "Jinping"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Antony Blinken und Wang Yi sprachen über Taiwan. Beide trafen sich am Donnerstag am Rande des "
            "Asean-Gipfels in Jakarta.",
            "de",
        ),
        (
            "Antony Blinken and Wang Yi discussed Taiwan. Both met on Thursday on the sidelines of the ASEAN "
            "summit in Jakarta.",
            "en",
        ),
    ],
)
def test_who_meets_on_the_sidelines_is_at_the_summit(text: str, lang: str) -> None:
    (summit,) = [e for e in run(text, lang, date(2023, 7, 14)) if e.organizations]
    assert people(summit) == {"Blinken", "Yi"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Vladimir Putin invited Donald Trump to Moscow. Both were ready for another summit, Putin said on "
            "Friday on the sidelines of the BRICS summit in Johannesburg.",
            "en",
        ),
        (
            "Wladimir Putin hat Donald Trump nach Moskau eingeladen. Beide seien zu einem weiteren Gipfel "
            "bereit, sagte Putin am Freitag am Rande des Brics-Gipfels in Johannesburg.",
            "de",
        ),
    ],
)
def test_who_is_spoken_of_on_the_sidelines_is_not_at_the_summit(text: str, lang: str) -> None:
    (summit,) = [e for e in run(text, lang, date(2018, 7, 27)) if e.organizations]
    assert "Donald Trump" not in summit.participants


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Narendra Modi and Xi Jinping will hold an informal summit in Wuhan. Modi will also attend the SCO "
            "summit in June. Xi and Modi decided to hold the informal summit to improve ties.",
            "en",
        ),
        (
            "Narendra Modi und Xi Jinping halten einen informellen Gipfel in Wuhan ab. Modi nimmt im Juni auch "
            "am SCO-Gipfel teil. Xi und Modi beschlossen den informellen Gipfel, um die Beziehungen zu bessern.",
            "de",
        ),
    ],
)
def test_the_summit_of_two_named_people_is_their_own_not_the_groups(text: str, lang: str) -> None:
    (summit,) = [e for e in run(text, lang, date(2018, 4, 23)) if e.organizations]
    assert people(summit) == {"Modi"}


def test_a_particle_or_a_short_name_ends_a_sentence() -> None:
    text = "Modi und Xi halten einen Gipfel ab. Modi reist danach weiter. Olaf Scholz traf Xi. Er lobte Li."
    assert [s.text for s in split_sentences(text, language_for("de"))] == [
        "Modi und Xi halten einen Gipfel ab.",
        "Modi reist danach weiter.",
        "Olaf Scholz traf Xi.",
        "Er lobte Li.",
    ]
    assert (
        len(split_sentences("Das gilt z.B. für Gipfel. Es folgt u.a. ein Treffen.", language_for("de"))) == 2
    )


@pytest.mark.parametrize(
    "text",
    ["Xi Jinping travels this week to Astana for talks with President Tokayev."],
)
def test_talks_after_a_preposition_are_a_noun_not_a_present_tense(text: str) -> None:
    (event,) = run(text, "en", date(2022, 9, 13))
    assert event.status != "held"


@pytest.mark.parametrize(
    ("text", "lang", "published"),
    [
        ("Antony Blinken and Wang Yi last spoke on March 18.", "en", date(2024, 4, 20)),
        ("Olaf Scholz und Emmanuel Macron sprachen am Montag ausführlich.", "de", date(2023, 1, 24)),
        (
            "Emmanuel Macron kritisierte Wladimir Putin. Die beiden Präsidenten hatten zuletzt im September gesprochen.",
            "de",
            date(2023, 1, 24),
        ),
    ],
)
def test_two_people_named_together_are_both_sides_of_a_weak_trigger(
    text: str, lang: str, published: date
) -> None:
    (event,) = run(text, lang, published)
    assert len(event.participants) == 2


def test_one_name_and_a_weak_trigger_is_still_nothing() -> None:
    assert run("Olaf Scholz sprach am Montag im Bundestag.", "de", date(2023, 1, 24)) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hillary Clinton used a private server as secretary of state, and she visited Paris often.", "en"),
        ("The former secretary of state met Vladimir Putin in Moscow.", "en"),
        ("Hillary Clinton nutzte als Außenministerin einen privaten Server und besuchte oft Paris.", "de"),
        ("Der frühere Außenminister traf Wladimir Putin in Moskau.", "de"),
        ("Der Ex-Außenminister traf Wladimir Putin in Moskau.", "de"),
    ],
)
def test_a_role_said_of_someone_or_of_the_past_is_not_the_holder(text: str, lang: str) -> None:
    events = run(text, lang, date(2018, 1, 20))
    assert all(
        "Rex Tillerson" not in e.participants and "Sigmar Gabriel" not in e.participants for e in events
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Hillary Clinton wrote a book about her years in office; Rex Tillerson visited Mexico on Friday.",
            "en",
        ),
        ("Hillary Clinton schrieb ein Buch; Rex Tillerson besuchte am Freitag Mexiko.", "de"),
    ],
)
def test_a_name_does_not_cross_a_semicolon_into_a_frame(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2018, 1, 20))
    assert people(event) == {"Tillerson"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Emmanuel Macron, Olaf Scholz and Rishi Sunak held calls with Joe Biden on Sunday.",
            "en",
        ),
        (
            "Emmanuel Macron, Olaf Scholz und Rishi Sunak führten am Sonntag Telefonate mit Joe Biden.",
            "de",
        ),
    ],
)
def test_calls_of_several_with_one_are_one_call_each(text: str, lang: str) -> None:
    events = run(text, lang, date(2023, 1, 22))
    assert sorted(sorted(people(e)) for e in events) == [
        ["Biden", "Macron"],
        ["Biden", "Scholz"],
        ["Biden", "Sunak"],
    ]
    assert {e.kind for e in events} == {"call"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Emmanuel Macron, Olaf Scholz and Rishi Sunak had a call with Joe Biden on Sunday.", "en"),
        ("Emmanuel Macron, Olaf Scholz und Rishi Sunak hatten am Sonntag ein Telefonat mit Joe Biden.", "de"),
    ],
)
def test_one_call_of_several_with_one_is_one_call(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2023, 1, 22))
    assert people(event) == {"Biden", "Macron", "Scholz", "Sunak"}


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("ASEAN foreign ministers met in Manila on Saturday.", "en", "meeting"),
        ("Das Außenministertreffen der Asean beginnt am Montag in Jakarta.", "de", "meeting"),
        ("The ASEAN summit opens in Jakarta on Monday.", "en", "summit"),
        ("Der Asean-Gipfel beginnt am Montag in Jakarta.", "de", "summit"),
    ],
)
def test_ministers_of_a_group_hold_a_meeting_not_a_summit(text: str, lang: str, kind: str) -> None:
    (event,) = run(text, lang, date(2017, 8, 5))
    assert (event.organizations, event.kind) == (("ASEAN",), kind)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Sergei Lavrov and Marco Rubio spoke by phone on Monday. The meeting of the two was postponed.",
            "en",
        ),
        (
            "Sergej Lawrow und Marco Rubio telefonierten am Montag. Das Treffen der beiden wurde verschoben.",
            "de",
        ),
    ],
)
def test_a_definite_meeting_does_not_continue_a_phone_call(text: str, lang: str) -> None:
    events = run(text, lang, date(2025, 10, 22))
    assert ("call", "held") in {(e.kind, e.status) for e in events}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Sergei Lavrov and Marco Rubio discussed a summit of Donald Trump and Vladimir Putin. "
            "The two will meet in person next week.",
            "en",
        ),
        (
            "Sergej Lawrow und Marco Rubio berieten über einen Gipfel von Donald Trump und Wladimir Putin. "
            "Die beiden wollen sich nächste Woche treffen.",
            "de",
        ),
    ],
)
def test_the_two_are_the_first_two_named(text: str, lang: str) -> None:
    events = run(text, lang, date(2025, 10, 22))
    assert {"Lavrov", "Rubio"} in [people(e) for e in events]
    assert all(len(e.participants) <= 2 for e in events)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Vladimir Putin invited Donald Trump to Moscow following their summit in Anchorage on Friday.",
            "en",
        ),
        (
            "Donald Trump will meet Vladimir Putin in Budapest after a productive phone call on Thursday.",
            "en",
        ),
        (
            "Wladimir Putin lud Donald Trump nach Moskau ein, im Anschluss an ihren Gipfel in Anchorage am Freitag.",
            "de",
        ),
        (
            "Donald Trump will Wladimir Putin in Budapest treffen, nach einem langen Telefonat am Donnerstag.",
            "de",
        ),
    ],
)
def test_a_gathering_in_a_temporal_phrase_is_a_second_one_of_the_same_people(text: str, lang: str) -> None:
    events = run(text, lang, date(2025, 8, 18))
    assert len(events) == 2
    assert all(people(e) == {"Putin", "Trump"} for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Wladimir Putin lud Donald Trump nach Moskau ein.",
        "Xi Jinping lädt Wladimir Putin zu einem Besuch nach Peking ein.",
    ],
)
def test_a_separable_invitation_is_an_invitation(text: str) -> None:
    (event,) = run(text, "de", date(2025, 8, 18))
    assert (event.kind, event.status, len(event.participants)) == ("visit", "invited", 2)


def test_laden_without_ein_is_no_invitation() -> None:
    assert run("Wladimir Putin lud die Schuld auf Donald Trump ab.", "de", date(2025, 8, 18)) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Angela Merkel und Heiko Maas empfingen am Freitag Sergej Lawrow in Berlin.", "de"),
        ("Angela Merkel and Heiko Maas received Sergei Lavrov in Berlin on Friday.", "en"),
    ],
)
def test_a_gathering_with_a_foreign_side_stays(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2018, 8, 18))
    assert people(event) == {"Merkel", "Maas", "Lavrov"}


def test_an_unknown_given_name_before_a_known_surname_is_someone_else() -> None:
    assert run("Kamala Harris met Emmanuel Macron in Paris on Friday.", "en", date(2024, 3, 1)) == []
    (event,) = run("President Joe Biden met Simon Harris at the White House.", "en", date(2024, 3, 18))
    assert people(event) == {"Biden", "Harris"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            '"I met with Vladimir Putin yesterday," Donald Trump told reporters in Washington.',
            "en",
        ),
        ("„Ich habe Wladimir Putin gestern getroffen“, sagte Donald Trump in Washington.", "de"),
    ],
)
def test_where_someone_speaks_is_not_the_venue(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2019, 6, 12))
    assert event.location != "Washington"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vladimir Putin spoke about Syria. In May, Angela Merkel met the president in Sochi.", "en"),
        ("Wladimir Putin sprach über Syrien. Im Mai traf Angela Merkel den Staatschef in Sotschi.", "de"),
    ],
)
def test_a_definite_role_of_no_country_is_the_holder_named_last(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2018, 8, 18))
    assert people(event) == {"Merkel", "Putin"}
    alone = text.split(". ", 1)[1]
    assert run(alone, lang, date(2018, 8, 18)) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Marco Rubio prepares the Putin-Trump meeting planned for next week.", "en"),
        ("Marco Rubio bereitet das Putin-Trump-Treffen in der nächsten Woche vor.", "de"),
    ],
)
def test_a_compound_of_two_people_names_its_gathering(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2025, 10, 21))
    assert people(event) == {"Putin", "Trump"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Yoshihide Suga ist der erste ausländische Regierungschef, den Joe Biden empfing.", "de"),
        ("Yoshihide Suga was the first foreign leader whom Joe Biden received.", "en"),
    ],
)
def test_a_role_said_of_the_subject_or_foreign_is_nobody_else(text: str, lang: str) -> None:
    events = run(text, lang, date(2021, 4, 17))
    assert all("Angela Merkel" not in e.participants for e in events)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Donald Trump und Wolodymyr Selenskyj trafen sich im Vatikan.", "de"),
        ("Donald Trump and Volodymyr Zelenskyy met in the Vatican on Saturday.", "en"),
    ],
)
def test_a_city_state_is_its_city(text: str, lang: str) -> None:
    (event,) = run(text, lang, date(2025, 4, 27))
    assert (event.location, event.country) == ("Vatican City", "VA")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Donald Trump spoke by phone with Vladimir Putin. The two will meet soon.", "en"),
        (
            "Donald Trump telefonierte mit Wladimir Putin. Die beiden wollen sich bald treffen.",
            "de",
        ),
    ],
)
def test_a_call_and_a_meeting_of_the_same_people_stay_two(text: str, lang: str) -> None:
    events = run(text, lang, date(2025, 10, 17))
    assert sorted(e.kind for e in events) == ["call", "meeting"]


def test_waehrend_before_its_noun_is_a_preposition_not_a_clause() -> None:
    text = "Angela Merkel empfing während ihres Urlaubs gemeinsam mit Heiko Maas den Außenminister Sergej Lawrow."
    (event,) = run(text, "de", date(2018, 8, 18))
    assert people(event) == {"Merkel", "Maas", "Lavrov"}


def test_a_call_noun_after_an_adjective_is_a_call_not_a_call_for() -> None:
    events = run(
        "Donald Trump will meet Vladimir Putin after a productive call on Thursday.", "en", date(2025, 10, 17)
    )
    assert "call" in {e.kind for e in events}
    assert (
        run("Emmanuel Macron renewed his call for a ceasefire with Olaf Scholz.", "en", date(2025, 10, 17))
        == []
    )
