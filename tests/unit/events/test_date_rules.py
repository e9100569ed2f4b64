"""Which date a gathering gets (team-written sentences, published 14 May 2019)."""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event


def run(text: str, lang: str, published: date | None = date(2019, 5, 14)) -> list[Event]:
    document = Document("test", text, published, "day" if published else None, lang)
    return list(extract_document(document).events)


def date_of(text: str, lang: str) -> str | None:
    events = run(text, lang)
    assert len(events) == 1, [e.to_schema() for e in events]
    return events[0].date


# A gathering reported as held or planned without a date happens around the report: its month.
# Told as background, or only proposed, it has no date the text allows.
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Merkel und Macron haben sich in Paris getroffen.", "2019-05"),
        ("de", "Merkel und Macron hatten sich zuletzt in Paris getroffen.", None),
        ("de", "Merkel könnte Macron irgendwann in Paris treffen.", None),
        ("en", "Merkel met Macron in Paris.", "2019-05"),
        ("en", "Merkel and Macron previously met in Paris.", None),
        ("en", "Merkel could meet Macron in Paris some day.", None),
    ],
)
def test_report_month_for_undated_news(lang: str, text: str, expected: str | None) -> None:
    assert date_of(text, lang) == expected


def test_no_report_month_without_publication_date() -> None:
    assert run("Merkel met Macron in Paris.", "en", published=None)[0].date is None


# Time words resolved against the report (published Tuesday 14 May 2019).
@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Merkel hat Macron zu einem Besuch noch in diesem Jahr eingeladen.", "2019"),
        ("de", "Merkel hat Macron heuer noch nach Berlin eingeladen.", "2019"),
        ("de", "In der Früh traf Merkel in Paris mit Macron zusammen.", "2019-05-14"),
        ("en", "Merkel has invited Macron to visit later this year.", "2019"),
        ("de", "Merkel und Macron hatten sich zuletzt Mitte 2017 in Paris getroffen.", "2017"),
        ("en", "Merkel previously met Macron in Paris in mid-2017.", "2017"),
    ],
)
def test_relative_time_words(lang: str, text: str, expected: str) -> None:
    assert date_of(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Merkel will Macron am kommenden Wochenende in Paris treffen."),
        ("en", "Merkel wants to meet Macron in Paris next weekend."),
    ],
)
def test_weekend_after_the_turn_of_the_month(lang: str, text: str) -> None:
    events = run(text, lang, published=date(2019, 5, 29))
    assert [e.date for e in events] == ["2019-06"]


# A date followed by a clock time is when the report was filed, not when the gathering is.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "13. Mai 2019, 07:05 Uhr Arbeitsbesuch im Kanzleramt Merkel empfängt Rutte in Berlin"),
        ("en", "May 13, 2019, 07:05 Working visit Merkel hosts Rutte in Berlin"),
    ],
)
def test_timestamp_is_not_the_gathering_date(lang: str, text: str) -> None:
    assert date_of(text, lang) == "2019-05"  # the report's month, not the 13th


# Two sentences about one gathering: the one that names the day wins over the month.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Merkel wird Macron im Juni in Berlin empfangen. Merkel und Macron sollen sich am 20. Juni treffen.",
        ),
        ("en", "Merkel will host Macron in Berlin in June. Merkel and Macron will meet on June 20."),
    ],
)
def test_the_more_precise_date_wins(lang: str, text: str) -> None:
    assert date_of(text, lang) == "2019-06-20"


# A date in a clause without a gathering belongs to the gathering it follows, not to one
# in a later relative clause.
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Das Treffen von Merkel und Macron, so hieß es in Berlin, soll am 20. Mai in Paris "
            "stattfinden, wo auch Putin erwartet wird.",
        ),
        (
            "en",
            "The meeting between Merkel and Macron, officials said, will take place on May 20 in Paris, "
            "where Putin arrives on Monday.",
        ),
    ],
)
def test_date_belongs_to_the_gathering_before_it(lang: str, text: str) -> None:
    dated = {e.participants: e.date for e in run(text, lang)}
    assert dated[("Angela Merkel", "Emmanuel Macron")] == "2019-05-20"
