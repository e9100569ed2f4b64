"""Odd input never crashes the extractor and never takes long."""

from __future__ import annotations

import time
from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document

SENTENCE = "Donald Trump und Wladimir Putin trafen sich am Montag in Helsinki zu einem Gipfel"


def run(text: str, lang: str | None = None, published: date | None = date(2018, 7, 17)):
    return extract_document(Document("odd", text, published, "day" if published else None, lang)).events


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \n", "\u00a0\u2009", ".", "!!!???...", "- - -", "\ufeff"])
@pytest.mark.parametrize("lang", [None, "de", "en"])
def test_empty_and_blank_text_gives_no_events(text: str, lang: str | None) -> None:
    assert run(text, lang) == ()


def test_fifty_kilobytes_without_punctuation_is_read_quickly() -> None:
    text = " ".join([SENTENCE] * 650)  # ~53 KB, one "sentence"
    assert len(text) > 50_000
    started = time.perf_counter()
    events = run(text, "de")
    assert time.perf_counter() - started < 5
    assert events and all(e.evidence and len(e.evidence) < 5_000 for e in events)


@pytest.mark.parametrize(
    "text", ["x" * 50_000, "Gipfel" * 10_000, "1." * 25_000, "(" * 30_000 + ")" * 20_000]
)
def test_one_giant_token_or_symbol_run(text: str) -> None:
    started = time.perf_counter()
    run(text, "de")
    run(text, "en")
    assert time.perf_counter() - started < 5


def test_html_remnants() -> None:
    text = (
        '<div class="article"><p>Angela Merkel und Emmanuel Macron haben sich am Montag in Paris getroffen.</p>'
        "<script>var s = {a: 1, b: [2, 3]}; if (a < b && c > d) { go(); }</script>&nbsp;&amp;&lt;br/&gt;"
        "<style>.x{color:red}</style></div>"
    )
    events = run(text, "de", date(2018, 3, 17))
    assert [(e.kind, e.location) for e in events] == [("visit", "Paris")]


@pytest.mark.parametrize(
    "text",
    [
        "Le président Emmanuel Macron a rencontré la chancelière Angela Merkel lundi à Paris pour un sommet.",
        "Президент Владимир Путин встретился с Дональдом Трампом в Хельсинки на саммите в понедельник.",  # noqa: RUF001
    ],
)
@pytest.mark.parametrize("lang", [None, "fr", "ru"])
def test_other_languages_give_no_events(text: str, lang: str | None) -> None:
    assert run(text, lang) == ()


def test_no_publication_date_and_odd_characters() -> None:
    text = "Trump\u200b und Putin \U0001f600 trafen sich in Helsinki. \x00\x07 Der Gipfel war kurz."
    run(text, "de", None)
    run(text * 200, "en", None)
