"""Which date a gathering gets: relative months and offsets, the report's own day, the date of
a statement, an earlier gathering of the same people. Team-written sentences."""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.dates import report_timestamp
from summitwatch.events.lang import language_for
from summitwatch.events.model import Event


def run(text: str, lang: str, published: date, precision: str = "day") -> list[Event]:
    return list(extract_document(Document("test", text, published, precision, lang)).events)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Im vergangenen Mai traf Merkel Putin in Sotschi."),
        ("en", "Merkel met Putin in Sochi last May."),
    ],
)
def test_last_may_is_the_may_before_the_report(lang: str, text: str) -> None:
    assert [e.date for e in run(text, lang, date(2018, 8, 13))] == ["2018-05"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Merkel will Putin im kommenden März in Berlin empfangen."),
        ("en", "Merkel will host Putin in Berlin next March."),
    ],
)
def test_next_march_is_the_march_after_the_report(lang: str, text: str) -> None:
    assert [e.date for e in run(text, lang, date(2018, 8, 13))] == ["2019-03"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Blinken und Wang Yi hatten sich vor knapp einem Monat in Peking getroffen."),
        ("en", "Blinken and Wang Yi met in Beijing about a month ago."),
    ],
)
def test_a_month_ago_is_the_month_before(lang: str, text: str) -> None:
    assert [e.date for e in run(text, lang, date(2023, 7, 13))] == ["2023-06"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "6. März 2019, 07:30 Uhr\nMacron empfängt am kommenden Freitag den chinesischen Präsidenten "
            "Xi in Paris.",
        ),
        (
            "en",
            "Thursday, 7 March 2019, 08:10\nMacron will host Chinese President Xi in Paris on Friday.",
        ),
    ],
)
def test_a_time_stamp_gives_the_report_its_day(lang: str, text: str) -> None:
    # the header knows only the month; the time stamp in the text tells the day
    assert [e.date for e in run(text, lang, date(2019, 3, 1), "month")] == ["2019-03-08"]


def test_a_time_stamp_of_another_month_is_not_the_reports() -> None:
    text = "Macron empfängt am Freitag Xi in Paris. Archiv: 6. Februar 2019, 07:30 Uhr"
    assert [e.date for e in run(text, "de", date(2019, 3, 1), "month")] == ["2019-03"]


def test_report_timestamp_reads_both_orders() -> None:
    de, en = language_for("de"), language_for("en")
    assert report_timestamp("6. März 2019, 07:30 Uhr", de) == date(2019, 3, 6)
    assert report_timestamp("Updated July 2, 2025 at 10:30 a.m.", en) == date(2025, 7, 2)
    assert report_timestamp("Der Gipfel am 6. März 2019 in Berlin", de) is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Blinken sagte am Dienstag, er habe das Treffen mit Lawrow abgesagt."),
        ("en", "Blinken said Tuesday that he had cancelled his meeting with Lavrov."),
    ],
)
def test_the_day_something_was_said_is_not_the_gatherings(lang: str, text: str) -> None:
    assert [e.date for e in run(text, lang, date(2022, 2, 24))] == [None]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Lawrow und Blinken telefonierten, hieß es aus Washington. Das vorige Telefonat zwischen "
            "Lawrow und Blinken hatte am 3. März stattgefunden.",
        ),
        (
            "en",
            "Lavrov and Blinken spoke by phone, Washington said. The previous phone call between Lavrov "
            "and Blinken took place on March 3.",
        ),
    ],
)
def test_the_previous_call_is_another_call(lang: str, text: str) -> None:
    assert sorted(str(e.date) for e in run(text, lang, date(2022, 7, 20))) == ["2022-03-03", "2022-07"]


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("en", "Blinken is meeting Wang Yi in Jakarta on Thursday.", "2023-07-13"),
        ("en", "Blinken met Wang Yi in Jakarta on Thursday.", "2023-07-06"),
        ("de", "Blinken trifft Wang Yi am Donnerstag in Jakarta.", "2023-07-13"),
        ("de", "Blinken traf Wang Yi am Donnerstag in Jakarta.", "2023-07-06"),
    ],
)
def test_a_weekday_with_the_present_is_the_coming_one(lang: str, text: str, day: str) -> None:
    assert [e.date for e in run(text, lang, date(2023, 7, 12))] == [day]  # a Wednesday
