"""The bulk page path gives the default path's text, title and date on the team-written demo pages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from summitwatch.clean.article import RawItem, clean_item
from summitwatch.clean.html import extract_bulk_page, extract_page
from summitwatch.paths import seeds_dir

PAGES = sorted((seeds_dir() / "demo" / "site" / "articles").glob("*.html"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_bulk_path_matches_the_default_path(page: object) -> None:
    html = page.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    default, bulk = extract_page(html), extract_bulk_page(html)
    assert bulk.text == default.text
    assert bulk.date == default.date
    assert bulk.title and default.title and default.title in bulk.title


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
