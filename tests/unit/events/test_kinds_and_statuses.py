"""Team-written sentences for every kind and status, in German and English."""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event


def run(text: str, lang: str, published: date | None = date(2018, 7, 27)) -> list[Event]:
    document = Document("test", text, published, "day" if published else None, lang)
    return list(extract_document(document).events)


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [e.to_schema() for e in events]
    return events[0]


# (language, sentence, kind, status, participants' last words)
CASES = [
    (
        "de",
        "Bundeskanzlerin Angela Merkel und der französische Präsident Emmanuel Macron haben sich am Montag "
        "in Berlin getroffen.",
        "visit",  # two leaders in one side's country: the other side's visit (SCHEMA)
        "held",
        {"Merkel", "Macron"},
    ),
    ("de", "Putin telefonierte am Mittwoch mit Erdogan.", "call", "held", {"Putin", "Erdoğan"}),
    (
        "de",
        "Der Gipfel zwischen Trump und Kim Jong Un in Singapur wurde abgesagt.",
        "summit",
        "cancelled",
        {"Trump", "Un"},
    ),
    (
        "de",
        "Das Treffen von Lawrow und Pompeo in Wien ist auf September verschoben worden.",
        "meeting",
        "postponed",
        {"Lavrov", "Pompeo"},
    ),
    (
        "de",
        "Macron schlug ein Treffen mit Putin vor, das im Herbst stattfinden solle.",
        "meeting",
        "proposed",
        {"Macron", "Putin"},
    ),
    (
        "de",
        "Die Kanzlerin hat Modi zu einem Besuch nach Berlin eingeladen.",
        "visit",
        "invited",
        {"Merkel", "Modi"},
    ),
    (
        "de",
        "Macron reist am kommenden Dienstag zu Conte nach Rom.",
        "visit",
        "planned",
        {"Macron", "Conte"},
    ),
    # Two leaders in a third country: a stand-alone bilateral summit (SCHEMA conventions).
    ("en", "Donald Trump met Vladimir Putin in Helsinki on Monday.", "summit", "held", {"Trump", "Putin"}),
    (
        "en",
        "Trump said he would be willing to meet Kim Jong Un again.",
        "meeting",
        "proposed",
        {"Trump", "Un"},
    ),
    (
        "en",
        "The meeting between Sergei Lavrov and Mike Pompeo has been postponed.",
        "meeting",
        "postponed",
        {"Lavrov", "Pompeo"},
    ),
    ("en", "Xi Jinping invited Narendra Modi to visit China.", "visit", "invited", {"Jinping", "Modi"}),
    ("en", "Putin and Erdogan spoke by phone on Tuesday.", "call", "held", {"Putin", "Erdoğan"}),
    (
        "en",
        "Russian President Vladimir Putin will visit Beijing next week for talks with his Chinese counterpart.",
        "visit",
        "planned",
        {"Putin", "Jinping"},
    ),
    (
        "en",
        "The summit between Donald Trump and Kim Jong Un in Singapore was called off.",
        "summit",
        "cancelled",
        {"Trump", "Un"},
    ),
]


@pytest.mark.parametrize(("lang", "text", "kind", "status", "people"), CASES)
def test_kind_status_and_people(lang: str, text: str, kind: str, status: str, people: set[str]) -> None:
    event = only(run(text, lang))
    assert (event.kind, event.status) == (kind, status)
    assert {p.split()[-1] for p in event.participants} == people
    assert event.evidence == text


def test_group_summit_used_as_venue_is_its_own_event() -> None:
    events = run(
        "Am Rande des G20-Gipfels in Buenos Aires trafen sich Trump und Xi Jinping.", "de", date(2018, 12, 2)
    )
    by_kind = {e.kind: e for e in events}
    assert set(by_kind) == {"summit", "meeting"}
    assert by_kind["summit"].organizations == ("G20",)
    assert by_kind["summit"].location == by_kind["meeting"].location == "Buenos Aires"
    assert by_kind["meeting"].country == "AR"


def test_group_summit_cancelled_in_english() -> None:
    event = only(run("The NATO summit in Madrid was cancelled.", "en"))
    assert (event.organizations, event.status, event.location, event.country) == (
        ("NATO",),
        "cancelled",
        "Madrid",
        "ES",
    )


def test_postponed_summit_takes_its_new_date() -> None:
    event = only(
        run("The ASEAN summit planned for April has been postponed until end-June.", "en", date(2020, 3, 19))
    )
    assert (event.status, event.date) == ("postponed", "2020-06")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Es ist kein Treffen zwischen Putin und Trump geplant."),
        ("en", "There are no plans for a meeting between Trump and Putin."),
    ],
)
def test_negation_gives_no_event(lang: str, text: str) -> None:
    assert run(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Bergsteiger erreichten am Samstag den Gipfel des Mont Blanc in Frankreich."),
        ("de", "Am Samstag steigt in München der Ligagipfel zwischen dem FC Bayern und Borussia Dortmund."),
        ("en", "Thousands attended the Web Summit in Lisbon, where Tony Blair spoke about technology."),
        ("en", "The president will hold his annual press conference on December 17."),
    ],
)
def test_non_events(lang: str, text: str) -> None:
    assert run(text, lang) == []


def test_references_back_to_the_previous_sentence() -> None:
    events = run(
        "Angela Merkel und Wladimir Putin sprachen über die Ukraine. Beide wollen sich im August in "
        "Sotschi treffen.",
        "de",
    )
    event = only(events)
    assert {p.split()[-1] for p in event.participants} == {"Merkel", "Putin"}
    # Wanting to meet at a named place and month is an announcement (SCHEMA: planned).
    assert (event.location, event.date, event.status) == ("Sochi", "2018-08", "planned")


def test_one_event_per_gathering_with_latest_status() -> None:
    events = run(
        "Trump and Putin will meet in Helsinki on July 16. On Monday, Trump and Putin met in Helsinki "
        "as planned.",
        "en",
        date(2018, 7, 17),
    )
    event = only([e for e in events if e.status == "held"] + [e for e in events if e.status != "held"])
    assert (event.status, event.location) == ("held", "Helsinki")
