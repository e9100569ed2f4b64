"""A gathering and its occasion: meetings on a summit's sidelines, during a visit, at a meeting.

Team-written sentences. The occasion a clause names ("am Rande des Gipfels", "on the
one-day trip", "bei einem Treffen") gives the meeting its kind, and, when the meeting
names no place of its own, its place.
"""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event


def run(text: str, lang: str, published: date = date(2023, 5, 19)) -> list[Event]:
    return list(extract_document(Document("test", text, published, "day", lang)).events)


def bilateral(events: list[Event]) -> list[Event]:
    return [e for e in events if not e.organizations]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Olaf Scholz und Joe Biden nehmen am G7-Gipfel in Hiroshima teil. "
            "Dort trifft sich Scholz am Sonntag zunächst mit Biden.",
        ),
        (
            "en",
            "Olaf Scholz and Joe Biden are attending the G7 summit in Hiroshima. "
            "Scholz will also meet Biden there on Sunday.",
        ),
        (
            "de",
            "Narendra Modi nahm am SCO-Gipfel in Samarkand teil. "
            "Modi traf am Freitag auch den türkischen Präsidenten Erdogan.",
        ),
        (
            "en",
            "Narendra Modi is attending the SCO summit in Samarkand. "
            "Modi also met Turkish President Erdogan on Friday.",
        ),
    ],
)
def test_a_meeting_of_a_summits_participant_is_at_its_venue(lang: str, text: str) -> None:
    meetings = bilateral(run(text, lang))
    assert [(e.kind, e.location) for e in meetings] == [("meeting", meetings[0].location)]
    assert meetings[0].location in {"Hiroshima", "Samarkand"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Olaf Scholz nimmt am G7-Gipfel in Hiroshima teil. "
            "Scholz bot an, Präsident Yoon Suk Yeol im Sommer zu treffen.",
        ),
        (
            "en",
            "Olaf Scholz is attending the G7 summit in Hiroshima. "
            "Scholz offered to meet President Yoon Suk Yeol in the summer.",
        ),
    ],
)
def test_an_offer_to_meet_is_not_at_the_summits_venue(lang: str, text: str) -> None:
    assert all(e.location is None for e in bilateral(run(text, lang)))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Der britische Premier Rishi Sunak will sich am Rande des Nato-Gipfels in Litauen mit Präsident "
            "Selenskyj zu einem Gespräch zusammensetzen. Selenskyj wird dort am Mittwoch als Gast erwartet.",
        ),
        (
            "en",
            "British Prime Minister Rishi Sunak will sit down with President Zelensky on the sidelines of "
            "NATO's summit in Lithuania. Zelensky is expected there as a guest on Wednesday.",
        ),
    ],
)
def test_a_meeting_on_the_sidelines_stays_a_meeting(lang: str, text: str) -> None:
    assert [e.kind for e in bilateral(run(text, lang, date(2023, 7, 10)))] == ["meeting"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Xi ist zu einem Staatsbesuch in Moskau eingetroffen und wurde von Putin empfangen. "
            "Am Dienstag traf Xi mit Ministerpräsident Mischustin zusammen.",
        ),
        (
            "en",
            "Xi Jinping arrived in Moscow for a state visit and was received by Vladimir Putin. "
            "On Tuesday Xi met Prime Minister Mikhail Mishustin.",
        ),
    ],
)
def test_a_visitors_meeting_with_the_hosts_premier_is_where_the_visit_is(lang: str, text: str) -> None:
    events = run(text, lang, date(2023, 3, 21))
    meeting = next(e for e in events if "Mikhail Mishustin" in e.participants)
    assert (meeting.kind, meeting.location) == ("meeting", "Moscow")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Präsident Emmanuel Macron empfing den indischen Premier Narendra Modi am Donnerstag in Paris. "
            "Im Rahmen der Reise führte Modi auch Gespräche mit Premierministerin Élisabeth Borne.",
        ),
        (
            "en",
            "French President Emmanuel Macron received Indian Prime Minister Narendra Modi in Paris on "
            "Thursday. Modi is also set to hold talks with Prime Minister Élisabeth Borne on the two-day trip.",
        ),
    ],
)
def test_talks_on_the_trip_are_a_meeting_on_the_visits_day(lang: str, text: str) -> None:
    events = run(text, lang, date(2023, 7, 14))
    talks = next(e for e in events if "Élisabeth Borne" in e.participants)
    assert (talks.kind, talks.location, talks.date) == ("meeting", "Paris", "2023-07-13")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Maas und Lawrow hatten bei einem Treffen in Genf über die Ukraine gesprochen."),
        ("en", "Blinken and Lavrov spoke about Ukraine at a meeting in Geneva."),
    ],
)
def test_speaking_at_a_meeting_is_that_meeting_not_a_call(lang: str, text: str) -> None:
    assert [e.kind for e in run(text, lang, date(2021, 5, 20))] == ["meeting"]


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("de", "Scholz trifft sich am Sonntag mit Macron in Paris.", "2023-05-21"),
        ("de", "Scholz trifft sich am Donnerstag mit Macron in Paris.", "2023-05-25"),
        ("de", "Scholz traf sich am Donnerstag mit Macron in Paris.", "2023-05-18"),
        ("en", "Scholz meeting Macron in Paris on Sunday", "2023-05-21"),
        ("en", "Scholz met Macron in Paris on Thursday.", "2023-05-18"),
    ],
)
def test_a_weekday_in_the_present_is_the_coming_one(lang: str, text: str, day: str) -> None:
    assert [e.date for e in run(text, lang, date(2023, 5, 19))] == [day]  # a Friday


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Merkel empfing Putin 2016 zu einem Treffen im Kanzleramt in Berlin und traf ihn 2017 "
            "beim G20-Gipfel in Hamburg wieder.",
        ),
        (
            "en",
            "Merkel hosted Putin for talks in Berlin in 2016 and saw him again at the G20 summit in "
            "Hamburg in 2017.",
        ),
    ],
)
def test_a_place_right_after_a_gathering_is_that_gatherings(lang: str, text: str) -> None:
    places = {(e.organizations, e.location) for e in run(text, lang, date(2018, 8, 13))}
    assert places == {(("G20",), "Hamburg"), ((), "Berlin")}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Wang Yi und Blinken wollen sich am Freitag zu einem Gespräch treffen. "
            "Das Treffen sei in Wien geplant, sagte Blinken.",
        ),
        (
            "en",
            "Wang Yi and Blinken will meet on Friday. The meeting will take place in Vienna, Blinken said.",
        ),
    ],
)
def test_the_meeting_spoken_of_before_takes_the_place_a_later_sentence_gives(lang: str, text: str) -> None:
    events = run(text, lang, date(2023, 5, 8))
    assert [(e.location, e.date) for e in events] == [("Vienna", "2023-05-12")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Scholz telefonierte am Montag mit Macron. Das Treffen soll im Juni in Paris stattfinden."),
        ("en", "Scholz spoke to Macron by phone on Monday. The meeting will take place in Paris in June."),
    ],
)
def test_a_definite_meeting_does_not_lend_its_place_to_a_call(lang: str, text: str) -> None:
    calls = [e for e in run(text, lang, date(2022, 2, 21)) if e.kind == "call"]
    assert [c.location for c in calls] == [None]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Der G20-Gipfel in Osaka beginnt am Freitag. Trump und Putin hatten sich zuletzt im Juli 2018 "
            "in Helsinki getroffen.",
        ),
        ("en", "The G20 summit in Osaka opens on Friday. Trump and Putin last met in Helsinki in July 2018."),
    ],
)
def test_two_leaders_away_from_the_group_summit_hold_a_summit_of_their_own(lang: str, text: str) -> None:
    events = bilateral(run(text, lang, date(2019, 6, 25)))
    assert [(e.kind, e.location) for e in events] == [("summit", "Helsinki")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Trump und Selenskyj trafen sich im April am Rande der Trauerfeier im Vatikan."),
        ("en", "Trump and Zelensky met in April on the sidelines of the funeral in the Vatican."),
    ],
)
def test_leaders_meeting_beside_another_occasion_meet(lang: str, text: str) -> None:
    assert [e.kind for e in run(text, lang, date(2025, 6, 14))] == ["meeting"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Lloyd Austin telefonierte am Freitag in Washington mit Andrei Beloussow."),
        ("en", "Lloyd Austin spoke by phone with Andrei Belousov in Washington on Friday."),
    ],
)
def test_a_call_has_no_venue(lang: str, text: str) -> None:
    # one side was in Washington; a phone call joins two places (SCHEMA: calls, no location)
    assert [(e.kind, e.location, e.country) for e in run(text, lang, date(2024, 7, 13))] == [
        ("call", None, None)
    ]
