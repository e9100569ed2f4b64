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
