"""Archived pages: the WARC date is the date of last resort."""

from __future__ import annotations

from datetime import UTC, datetime

from summitwatch.clean.article import RawItem, clean_item


def test_an_archived_page_without_a_date_gets_the_archive_date() -> None:
    html = (
        "<html><body><article><p>"
        + "Die Außenminister beraten in Wien über den Gipfel. " * 5
        + "</p></article></body></html>"
    )
    archived = datetime(2018, 7, 17, 6, 30, tzinfo=UTC)
    article = clean_item(
        RawItem(1, "archiv", "k", "https://x.example/a", None, None, html, "text/html", None, archived)
    )
    assert (article.published_at, article.published_precision) == (datetime(2018, 7, 17, tzinfo=UTC), "day")
