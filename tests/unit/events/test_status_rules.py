"""Status from the structure of the clause: tense, mood and the scope of cues (team-written sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event


def run(text: str, lang: str, published: date | None = date(2019, 5, 14)) -> list[Event]:
    document = Document("test", text, published, "day" if published else None, lang)
    return list(extract_document(document).events)


def status_of(text: str, lang: str) -> str:
    events = run(text, lang)
    assert len(events) == 1, [e.to_schema() for e in events]
    return events[0].status


# A finite verb in the past tense, not itself a status word, reports a gathering that took place.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Beim Gipfeltreffen in Paris unterzeichneten Merkel und Macron ein Abkommen."),
        ("de", "Bei ihrem Treffen in Sotschi kritisierte Merkel den russischen Präsidenten Putin."),
        ("en", "At their meeting in Sochi, Modi praised Putin for the progress on trade."),
        ("en", "Macron criticised Putin over Ukraine during their meeting in Paris."),
    ],
)
def test_past_tense_verb_means_held(lang: str, text: str) -> None:
    assert status_of(text, lang) == "held"


# Shapes that only look like a past tense: attributive participles, Konjunktiv II of a modal,
# and the tense of a neighbouring clause.
@pytest.mark.parametrize(
    ("lang", "text", "status"),
    [
        ("de", "Das mit Spannung erwartete Treffen von Merkel und Putin in Sotschi.", "planned"),
        ("de", "Ein Treffen von Merkel und Putin in Sotschi dürfte schwierig werden.", "planned"),
        ("en", "A Trump and Putin summit in Helsinki, after Trump pulled out of the treaty.", "planned"),
    ],
)
def test_past_looking_words_that_report_nothing(lang: str, text: str, status: str) -> None:
    assert status_of(text, lang) == status


# Wanting to meet is planned once a date or a place is named, a wish without them.
@pytest.mark.parametrize(
    ("lang", "text", "status"),
    [
        ("de", "Macron will sich am Freitag in Paris mit Putin treffen.", "planned"),
        ("de", "Macron wolle sich bald einmal mit Putin treffen, hieß es.", "proposed"),
        ("en", "Macron wants to meet Putin in Paris on Friday.", "planned"),
        ("en", "Macron wants to meet Putin soon.", "proposed"),
    ],
)
def test_intention_with_date_or_place_is_planned(lang: str, text: str, status: str) -> None:
    assert status_of(text, lang) == status


# A group's summit is a fixture: wishing to meet there does not make the summit proposed.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Macron möchte Putin am Rande des G20-Gipfels sprechen."),
        ("en", "Macron would like to see Putin at the G20 summit."),
    ],
)
def test_group_summit_used_as_venue_is_not_proposed(lang: str, text: str) -> None:
    summits = [e for e in run(text, lang) if e.organizations]
    assert [e.status for e in summits] == ["planned"]


def test_wanting_to_travel_somewhere_stays_a_wish() -> None:
    assert status_of("Trump wolle nach Moskau reisen, sobald Putin ihn einlade.", "de") != "planned"


# A negation over the date, not over the gathering, moves the gathering: postponed.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Der Gipfel von Merkel und Macron wird nicht mehr im Mai stattfinden."),
        ("en", "The summit of Merkel and Macron will no longer take place in May."),
    ],
)
def test_negated_date_means_postponed(lang: str, text: str) -> None:
    events = run(text, lang)
    assert [(e.status, e.date) for e in events] == [("postponed", None)]


# A postponed gathering keeps only its new date; the one it was planned for is gone.
@pytest.mark.parametrize(
    ("lang", "text", "new_date"),
    [
        ("de", "Der für den 13. Juni geplante Gipfel von Merkel und Macron ist verschoben worden.", None),
        (
            "de",
            "Der Gipfel von Merkel und Macron am 13. Juni ist auf den 2. Juli verschoben worden.",
            "2019-07-02",
        ),
        ("en", "The summit of Merkel and Macron planned for June 13 has been postponed.", None),
        ("en", "The summit of Merkel and Macron on June 13 has been postponed to July 2.", "2019-07-02"),
    ],
)
def test_postponed_keeps_only_its_new_date(lang: str, text: str, new_date: str | None) -> None:
    events = run(text, lang)
    assert [(e.status, e.date) for e in events] == [("postponed", new_date)]


# A gathering under way ("is meeting", "derzeit") or reported with an irregular past form.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Merkel trifft sich derzeit in Paris mit Macron."),
        ("de", "Macron kam zu einem Treffen mit Merkel nach Berlin."),
        ("en", "Merkel is meeting Macron in Paris."),
        ("en", "Macron flew to Berlin for a meeting with Merkel."),
    ],
)
def test_under_way_or_irregular_past_means_held(lang: str, text: str) -> None:
    assert status_of(text, lang) == "held"


# A promise in the first person is an intention: a wish until a date or place is named.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "„Ich werde Putin bald wieder treffen“, sagte Merkel."),
        ("en", '"I will meet Putin again," Merkel said.'),
    ],
)
def test_first_person_promise_is_proposed(lang: str, text: str) -> None:
    assert status_of(text, lang) == "proposed"


# On the way to a gathering (travelling to it), it still lies ahead, whatever the tense of the trip.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Merkel machte auf dem Weg zum G20-Gipfel in Osaka einen Zwischenstopp in Tokio."),
        ("de", "Merkel war am Freitag unterwegs nach Osaka zum G20-Gipfel."),
        ("en", "Merkel stopped in Tokyo on her way to the G20 summit in Osaka."),
        ("en", "Merkel was travelling to Osaka for the G20 summit on Friday."),
    ],
)
def test_on_the_way_to_a_summit_is_planned(lang: str, text: str) -> None:
    summits = [e for e in run(text, lang) if e.organizations]
    assert [e.status for e in summits] == ["planned"]


# An attributive "abgesagte"/"cancelled" describes the gathering's past; the clause's verb decides.
@pytest.mark.parametrize(
    ("lang", "text", "status"),
    [
        ("de", "Macron wird seinen abgesagten Besuch bei Merkel im Juni in Berlin nachholen.", "planned"),
        ("de", "Der abgesagte Gipfel von Merkel und Macron in Berlin.", "cancelled"),
        ("en", "Macron will make up for his cancelled visit to Merkel in Berlin in June.", "planned"),
        ("en", "The summit of Merkel and Macron in Berlin was cancelled.", "cancelled"),
    ],
)
def test_attributive_cancellation_yields_to_the_verb(lang: str, text: str, status: str) -> None:
    assert status_of(text, lang) == status


# "Am Rande", "on the sidelines" name a venue, not a tense: the verb decides.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Merkel wird Macron am Rande des G20-Gipfels in Osaka treffen."),
        ("de", "Merkel plant, am Rande des G20-Gipfels in Osaka ein Gespräch mit Macron abzuhalten."),
        ("en", "Merkel will meet Macron on the sidelines of the G20 summit in Osaka."),
        ("en", "Merkel plans to hold talks with Macron on the sidelines of the G20 summit in Osaka."),
    ],
)
def test_sidelines_of_a_coming_summit_are_planned(lang: str, text: str) -> None:
    assert {e.status for e in run(text, lang)} == {"planned"}


# A gathering named as what something followed has taken place; a neighbouring clause's
# weak words ("after a call") say nothing about another gathering.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Im Anschluss an den Nato-Gipfel in Washington, sagte das Pentagon, hat Austin mit Belousow telefoniert.",
        ),
        ("en", "Austin spoke to Belousov a day after NATO summit in Washington."),
    ],
)
def test_what_something_followed_was_held(lang: str, text: str) -> None:
    summits = [e for e in run(text, lang) if e.organizations]
    assert [e.status for e in summits] == ["held"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Trump will Putin in Budapest treffen, im Anschluss an ein Telefonat."),
        ("en", "Trump says he will meet Putin in Budapest, after a great call."),
    ],
)
def test_weak_words_of_a_neighbouring_clause_do_not_count(lang: str, text: str) -> None:
    meetings = [e for e in run(text, lang) if e.kind != "call"]
    assert [e.status for e in meetings] == ["planned"]
