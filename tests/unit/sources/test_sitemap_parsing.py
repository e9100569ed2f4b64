from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from summitwatch.sources.sitemaps import NotASitemap, parse_sitemap, w3c_datetime
from summitwatch.sources.xml_guard import UnsafeXML

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://zeitung.example/gipfel.html</loc><lastmod>2018-07-17</lastmod>
    <news:news><news:publication><news:name>Zeitung</news:name><news:language>de</news:language></news:publication>
      <news:publication_date>2018-07-16T18:05:00+02:00</news:publication_date>
      <news:title>Gipfel in Helsinki</news:title></news:news></url>
  <url><loc>https://zeitung.example/ohne-datum.html</loc></url>
</urlset>"""


def test_news_sitemap_entries_with_dates_title_and_language() -> None:
    parsed = parse_sitemap(gzip.compress(NEWS))
    assert parsed.kind == "urlset"
    first, second = parsed.entries
    assert first.published == datetime(2018, 7, 16, 16, 5, tzinfo=UTC)
    assert first.lastmod == datetime(2018, 7, 17, tzinfo=UTC)
    assert (first.title, first.language) == ("Gipfel in Helsinki", "de")
    assert (second.loc, second.published, second.lastmod) == (
        "https://zeitung.example/ohne-datum.html",
        None,
        None,
    )


def test_index_entries() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://zeitung.example/news.xml</loc><lastmod>2018-07-16T10:00:00Z</lastmod></sitemap>
    </sitemapindex>"""
    parsed = parse_sitemap(index)
    assert parsed.kind == "index" and parsed.entries[0].lastmod == datetime(2018, 7, 16, 10, tzinfo=UTC)


def test_entities_are_refused_before_parsing() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "ha"><!ENTITY b "&a;&a;">]><urlset>&b;</urlset>'
    )
    with pytest.raises(UnsafeXML):
        parse_sitemap(laughs)


def test_a_gzip_bomb_stops_at_the_cap_and_other_xml_is_not_a_sitemap() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (60 * 1024 * 1024))
    with pytest.raises(NotASitemap, match="larger than"):
        parse_sitemap(bomb)
    with pytest.raises(NotASitemap, match="neither"):
        parse_sitemap(b"<rss><channel/></rss>")
    with pytest.raises(NotASitemap, match="well-formed"):
        parse_sitemap(b"<urlset><url>")


def test_w3c_datetimes() -> None:
    assert w3c_datetime("2018-07-16") == datetime(2018, 7, 16, tzinfo=UTC)
    assert w3c_datetime("2018-07-16T10:00Z") == datetime(2018, 7, 16, 10, tzinfo=UTC)
    assert w3c_datetime("gestern") is None
