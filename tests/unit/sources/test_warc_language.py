"""The WARC filter's language decision on team-written German, English and French pages.

The pages are archived with fastwarc's writer (``write_warc``) and read back with
``read_warc``: a page's declaration (``<html lang>``, else the HTTP Content-Language)
decides; a page that declares nothing is judged by py3langid on the opening of its
description, title and paragraphs. A mislabelled page is decided by its label, and the
article made of it gets the language of its text (``clean_item``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from summitwatch.clean.article import RawItem, clean_item
from summitwatch.sources.warc import ArchivedPage, WarcEntry, WarcFilter, read_warc, write_warc

CRAWLED = datetime(2019, 3, 4, 9, 15, tzinfo=UTC)

GERMAN = [
    "Die Außenministerinnen beider Länder trafen sich am Montag in Wien, um über die Lage an der "
    "Grenze und eine neue Runde von Gesprächen zu beraten.",
    "Nach dem Treffen sagte die Ministerin, man sei sich in vielen Fragen näher gekommen, auch "
    "wenn noch einiges offen bleibe.",
    "Im Herbst wollen sich die Regierungschefs zu einem Gipfel in Salzburg treffen, bei dem ein "
    "Abkommen unterzeichnet werden könnte.",
]
ENGLISH = [
    "The foreign ministers of both countries met in Vienna on Monday to talk about the situation "
    "on the border and a new round of negotiations.",
    "After the meeting the minister said the two sides had moved closer on many questions, even "
    "though several points were still open.",
    "The heads of government want to meet at a summit in Salzburg in the autumn, where an agreement "
    "could be signed.",
]
FRENCH = [
    "Les ministres des affaires étrangères des deux pays se sont réunis lundi à Vienne pour parler "
    "de la situation à la frontière et d'un nouveau cycle de négociations.",
    "Après la rencontre, la ministre a déclaré que les deux parties s'étaient rapprochées sur de "
    "nombreuses questions, même si plusieurs points restaient ouverts.",
]


def article_page(
    title: str, paragraphs: list[str], *, lang: str | None = None, description: str | None = None
) -> bytes:
    html_tag = f'<html lang="{lang}">' if lang else "<html>"
    meta = f'<meta name="description" content="{description}">' if description else ""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f'{html_tag}<head><meta charset="utf-8"><title>{title}</title>{meta}</head>'
        f"<body><nav><a href='/'>Start</a></nav><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


PAGES = {
    "de-declared": ArchivedPage(
        "https://www.zeitung.example/politik/treffen-wien.html",
        article_page("Treffen in Wien", GERMAN, lang="de-AT"),
        CRAWLED,
    ),
    "en-declared": ArchivedPage(
        "https://news.example/world/vienna-meeting.html",
        article_page("Meeting in Vienna", ENGLISH, lang="en-GB"),
        CRAWLED,
    ),
    "de-header": ArchivedPage(  # a gallery with too little text to tell: only its header says
        "https://www.zeitung.example/bilder/wien.html",
        article_page("Wien", ["Foto: dpa"]),
        CRAWLED,
        headers=(("Content-Language", "de"),),
    ),
    "gallery-undeclared": ArchivedPage(
        "https://www.zeitung.example/bilder/salzburg.html",
        article_page("Salzburg", ["Foto: dpa"]),
        CRAWLED,
    ),
    "de-undeclared": ArchivedPage(
        "https://www.blatt.example/ausland/wien.html",
        article_page("Ministerinnen beraten in Wien", GERMAN, description=GERMAN[0]),
        CRAWLED,
    ),
    "en-undeclared": ArchivedPage(  # a short title and no description: the paragraphs decide
        "https://daily.example/2019/03/04/vienna.html",
        article_page("Vienna talks", ENGLISH),
        CRAWLED,
    ),
    "de-labelled-en": ArchivedPage(  # a German page from a template that says English
        "https://www.portal.example/nachrichten/wien.html",
        article_page("Ministerinnen in Wien", GERMAN, lang="en-US", description=GERMAN[1]),
        CRAWLED,
    ),
    "fr-undeclared": ArchivedPage(
        "https://journal.example/monde/vienne.html",
        article_page("Rencontre à Vienne", FRENCH, description=FRENCH[0]),
        CRAWLED,
    ),
}


def read_pages(tmp_path: Path, warc_filter: WarcFilter) -> dict[str, WarcEntry]:
    path = tmp_path / "sprachen.warc.gz"
    write_warc(path, list(PAGES.values()))
    entries = list(read_warc(path, warc_filter=warc_filter))
    assert [e.outcome for e in entries].count("bad") == 0
    return dict(zip(PAGES, entries, strict=True))


def decision(entry: WarcEntry) -> tuple[str, str | None]:
    """(outcome, the language the filter judged) of a kept page, (outcome, reason) of a skipped one."""
    if entry.page is None:
        return entry.outcome, entry.reason
    return entry.outcome, entry.page.language


def test_declared_pages_are_decided_by_their_declaration_and_others_by_their_text(tmp_path: Path) -> None:
    entries = read_pages(tmp_path, WarcFilter())  # German and English, the default
    assert {name: decision(entry) for name, entry in entries.items()} == {
        "de-declared": ("page", "de"),
        "en-declared": ("page", "en"),
        "de-header": ("page", "de"),
        "de-undeclared": ("page", "de"),
        "en-undeclared": ("page", "en"),
        "de-labelled-en": ("page", "en"),
        "gallery-undeclared": ("skipped", "language not wanted"),  # too little text to tell
        "fr-undeclared": ("skipped", "language not wanted"),
    }


@pytest.mark.parametrize(
    ("languages", "kept"),
    [
        ({"de"}, {"de-declared", "de-header", "de-undeclared"}),
        ({"en"}, {"en-declared", "en-undeclared", "de-labelled-en"}),
        ({"fr"}, {"fr-undeclared"}),
    ],
)
def test_one_language_keeps_its_pages_and_a_mislabelled_page_goes_by_its_label(
    tmp_path: Path, languages: set[str], kept: set[str]
) -> None:
    entries = read_pages(tmp_path, WarcFilter(languages=frozenset(languages)))
    assert {name for name, entry in entries.items() if entry.outcome == "page"} == kept
    assert {entry.reason for entry in entries.values() if entry.outcome == "skipped"} == {
        "language not wanted"
    }


def test_without_a_language_filter_every_page_is_kept_unjudged(tmp_path: Path) -> None:
    entries = read_pages(tmp_path, WarcFilter(languages=frozenset()))
    assert {name: decision(entry) for name, entry in entries.items()} == dict.fromkeys(PAGES, ("page", None))
    french = entries["fr-undeclared"].item
    assert french is not None and french.payload["language_hint"] is None


def test_the_article_of_a_mislabelled_page_has_the_language_of_its_text(tmp_path: Path) -> None:
    entry = read_pages(tmp_path, WarcFilter())["de-labelled-en"]
    item = entry.item
    assert item is not None and item.payload["language_hint"] == "en"
    article = clean_item(
        RawItem(1, "archiv", item.item_key, item.url, None, None, item.content, "text/html", None, CRAWLED)
    )
    assert article.language == "de"
    assert "Ministerin" in article.body
