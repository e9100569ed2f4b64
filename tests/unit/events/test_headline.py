"""The headline is read only where the article's text states no event (``extract_article``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_article, extract_document, rules
from summitwatch.events.mentions import analyse


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


# (title, text, language, published): teasers the text alone finds nothing in.
READ_WITH_HEADLINE = [
    # The headline names the pair the text's "beide" / "the two leaders" stand for.
    (
        "Angela Merkel und Emmanuel Macron",
        "Beide trafen sich am Dienstag in Straßburg.",
        "de",
        date(2019, 2, 28),
    ),
    (
        "Angela Merkel and Emmanuel Macron",
        "The two leaders met in Strasbourg on Tuesday.",
        "en",
        date(2019, 2, 28),
    ),
    # The headline reports the gathering itself.
    (
        "Merkel und Macron haben sich in Straßburg getroffen",
        "Die Gespräche dauerten drei Stunden.",
        "de",
        None,
    ),
    ("Merkel and Macron met in Strasbourg", "The talks lasted three hours.", "en", None),
    # A headline naming no one, no place and no gathering.
    ("Der Morgen in Kürze", "Die Gespräche dauerten drei Stunden, hieß es.", "de", date(2019, 2, 28)),
    ("The morning in brief", "The talks lasted three hours, officials said.", "en", date(2019, 2, 28)),
    # The headline names only the place the text's "dort" / "there" stands for.
    ("In Straßburg", "Angela Merkel ist dort eingetroffen.", "de", date(2019, 2, 28)),
    ("In Strasbourg", "Angela Merkel arrived there on Tuesday.", "en", date(2019, 2, 28)),
    # No report date: the text's dateline gives it, and with the headline before it no longer
    # stands at the start, so the document is read again from the start.
    ("Angela Merkel und Emmanuel Macron", "02.03.2019 Straßburg. Beide trafen sich dort.", "de", None),
    ("Angela Merkel and Emmanuel Macron", "02.03.2019 Strasbourg. The two leaders met there.", "en", None),
]


@pytest.mark.parametrize(("title", "text", "lang", "published"), READ_WITH_HEADLINE)
def test_reading_with_the_headline_finds_what_a_second_full_reading_finds(
    title: str, text: str, lang: str, published: date | None
) -> None:
    """The second reading reuses the text's analyses; it must find exactly what reading
    the document again with its headline first finds, confidence and its basis included."""
    doc = Document("teaser", text, published, "day" if published else None, lang, title=title)
    assert extract_document(doc).events == ()
    expected = extract_document(doc.with_headline()).events
    found = extract_article(doc).events
    assert [(e.to_schema(), e.basis) for e in found] == [(e.to_schema(), e.basis) for e in expected]


@pytest.mark.parametrize(("title", "text", "lang", "published"), READ_WITH_HEADLINE[:2])
def test_the_text_is_analysed_once_when_read_again_with_its_headline(
    title: str, text: str, lang: str, published: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysed: list[str] = []

    def counted(ref: Any, tokens: list[Any], *args: Any) -> Any:
        analysed.append(" ".join(t.text for t in tokens))
        return analyse(ref, tokens, *args)

    monkeypatch.setattr(rules, "analyse", counted)
    doc = Document("teaser", text, published, "day", lang, title=title)
    [event] = extract_article(doc).events
    assert len(event.participants) == 2 and event.location == "Strasbourg"
    assert len(analysed) == 2  # the text's one sentence, then the headline's
