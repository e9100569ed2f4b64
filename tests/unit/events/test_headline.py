"""The headline is read only where the article's text states no event (``extract_article``)."""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_article


@pytest.mark.parametrize(
    ("title", "text", "lang", "published"),
    [
        (
            "Scholz und Macron treffen sich in Paris",
            "Bundeskanzler Olaf Scholz und der französische Präsident Emmanuel Macron sind am "
            "Dienstag in Paris zu ihrem ersten Gipfeltreffen zusammengekommen.",
            "de",
            date(2023, 1, 24),
        ),
        (
            "Biden and Xi meet in Bali",
            "US President Joe Biden and Chinese President Xi Jinping met in Bali on Monday for their "
            "first summit since Biden took office.",
            "en",
            date(2022, 11, 14),
        ),
    ],
)
def test_a_present_tense_headline_adds_no_second_gathering(
    title: str, text: str, lang: str, published: date
) -> None:
    """Read beside the text, the headline's present tense made a second, "planned" frame."""
    doc = Document("report", text, published, "day", lang, title=title)
    [event] = extract_article(doc).events
    assert event.status == "held"
    assert event.evidence in text


@pytest.mark.parametrize(
    ("title", "text", "lang"),
    [
        (
            "Merkel und Macron haben sich in Straßburg getroffen",
            "Die Gespräche dauerten drei Stunden, hieß es aus Regierungskreisen.",
            "de",
        ),
        (
            "Merkel and Macron met in Strasbourg",
            "The talks lasted three hours, officials said.",
            "en",
        ),
    ],
)
def test_a_teaser_without_an_event_is_read_with_its_headline(title: str, text: str, lang: str) -> None:
    doc = Document("teaser", text, date(2019, 2, 28), "day", lang, title=title)
    [event] = extract_article(doc).events
    assert (event.status, event.evidence) == ("held", title)
    assert set(event.participants) == {"Angela Merkel", "Emmanuel Macron"}
