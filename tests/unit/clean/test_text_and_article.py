from datetime import UTC, datetime

import pytest

from summitwatch.clean.article import RawItem, clean_item, normalize_text
from summitwatch.clean.boilerplate import strip_boilerplate
from summitwatch.clean.text import repair_text
from summitwatch.events import extract_article
from summitwatch.events.lang import language_for
from summitwatch.events.sentences import split_sentences

BODY = (
    "Bundeskanzler Olaf Scholz empfängt am Freitag den französischen Präsidenten in Berlin. "
    "Die beiden wollen über die Lage in der Ukraine und über die Reform der EU sprechen."
)


def test_mojibake_is_repaired() -> None:
    broken = BODY.encode("utf-8").decode("latin-1")
    assert "Ã¤" in broken
    assert repair_text(broken) == BODY


def test_nfc() -> None:
    assert repair_text("Gespra\u0308che") == "Gespr\u00e4che"


def test_clean_item_removes_boilerplate_and_tracking() -> None:
    item = RawItem(
        1,
        "example",
        "k1",
        "https://www.example.de/politik/scholz-paris/?utm_source=rss#top",
        None,
        None,
        " date 2024-05\nZum Inhalt springen\nFoto: dpa\n" + BODY,
        "text/plain",
    )
    article = clean_item(item)
    assert article.body == BODY
    assert article.canonical_url == "https://example.de/politik/scholz-paris"
    assert article.language == "de"
    assert (article.published_at, article.published_precision) == (datetime(2024, 5, 1, tzinfo=UTC), "month")


def test_feed_date_wins_over_header() -> None:
    feed = datetime(2024, 5, 3, 9, 30, tzinfo=UTC)
    item = RawItem(2, "example", "k2", None, None, feed, " date 2024-05\n" + BODY, "text/plain")
    article = clean_item(item)
    assert (article.published_at, article.published_precision) == (feed, "second")


def test_paragraphs_stay_apart_by_one_blank_line() -> None:
    text = "\n\nScholz reist nach Paris.\n\n\n\nDort trifft er  Macron.\nAm Abend fliegt er zurück.\n \n"
    assert normalize_text(strip_boilerplate(text)) == (
        "Scholz reist nach Paris.\n\nDort trifft er Macron.\nAm Abend fliegt er zurück."
    )


# A caption without a full stop above the report: read as one sentence with the paragraph
# below it (as when the cleaner dropped blank lines), the report is lost or misread.
CAPTIONED = {
    "de": (
        "Staats- und Regierungschefs beim Gipfel in Berlin im vergangenen Jahr vor dem Kanzleramt mit Fotografen",
        "Scholz reist am Freitag nach Paris, wo er Macron im Élysée-Palast treffen wird.",
    ),
    "en": (
        "Leaders at the summit in Berlin last year waving to photographers in front of the chancellery",
        "Scholz will travel to Paris on Friday to meet Macron at the Elysee Palace.",
    ),
}


@pytest.mark.parametrize("lang", sorted(CAPTIONED))
def test_a_caption_stays_out_of_the_report_below_it(lang: str) -> None:
    caption, report = CAPTIONED[lang]
    item = RawItem(
        1, "drop", "k1", None, None, None, f" date 2024-05-06\n{caption}\n\n{report}\n", "text/plain"
    )
    article = clean_item(item)
    assert article.body == f"{caption}\n\n{report}"
    language = language_for(lang)
    assert language is not None
    assert [s.text for s in split_sentences(article.body, language)] == [caption, report]
    events = extract_article(article.as_document()).events
    assert [(e.kind, e.location, e.date) for e in events] == [("visit", "Paris", "2024-05-10")]
