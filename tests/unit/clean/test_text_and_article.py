from datetime import UTC, datetime

from summitwatch.clean.article import RawItem, clean_item
from summitwatch.clean.text import repair_text

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
