"""Sitemap sources against a local server: robots.txt -> sitemap index -> news sitemap (gzip) -> pages."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg2
import pytest

from summitwatch.db.connection import transaction
from summitwatch.paths import seeds_dir
from summitwatch.pipeline.fetch import fetch_all
from summitwatch.sources.catalog import Source, upsert_sources
from summitwatch.sources.settings import FetchSettings

from ..conftest import count

ARTICLES = seeds_dir() / "demo" / "site" / "articles"
SETTINGS = FetchSettings(per_host_interval_s=0.0, backoff_base_s=0.01, max_attempts=1)


def _news_sitemap(base: str) -> bytes:
    entries = [
        ("helsinki-held.html", "2018-07-16T18:05:00+02:00", "Trump und Putin treffen sich in Helsinki"),
        ("helsinki-announced.html", "2018-06-29T09:00:00Z", "Trump and Putin to meet in Helsinki"),
        ("berlin-visit.html", "2018-06-18", "Macron besucht Merkel"),
    ]
    urls = "".join(
        f"<url><loc>{base}politik/{name}</loc><news:news><news:publication><news:name>Testzeitung</news:name>"
        f"<news:language>de</news:language></news:publication><news:publication_date>{date}</news:publication_date>"
        f"<news:title>{title}</news:title></news:news></url>"
        for name, date, title in entries
    )
    return gzip.compress(
        (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + urls + "</urlset>"
        ).encode()
    )


def _index(base: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}news-sitemap.xml.gz</loc><lastmod>2018-07-16T18:10:00Z</lastmod></sitemap>"
        f"<sitemap><loc>{base}archiv-2017.xml</loc><lastmod>2017-12-31</lastmod></sitemap>"
        "</sitemapindex>"
    ).encode()


def _archive(base: str) -> bytes:
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}politik/mountain.html</loc><lastmod>2017-08-01</lastmod></url>"
        "<url><loc>https://elsewhere.example/politik/x.html</loc></url>"
        "</urlset>"
    ).encode()


class Site:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str | None]] = []  # (path, If-None-Match)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def asked(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def _files(self) -> dict[str, tuple[bytes, str]]:
        files = {
            "/robots.txt": (
                f"User-agent: *\nAllow: /\nSitemap: {self.base}sitemap_index.xml\n".encode(),
                "text/plain",
            ),
            "/sitemap_index.xml": (_index(self.base), "application/xml"),
            "/news-sitemap.xml.gz": (_news_sitemap(self.base), "application/gzip"),
            "/archiv-2017.xml": (_archive(self.base), "application/xml"),
        }
        for page in ARTICLES.glob("*.html"):
            files[f"/politik/{page.name}"] = (page.read_bytes(), "text/html; charset=utf-8")
        return files

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.requests.append((self.path, self.headers.get("If-None-Match")))
                found = site._files().get(self.path)
                if found is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                body, content_type = found
                etag = f'"{len(body)}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

        return Handler


@contextmanager
def _site() -> Iterator[Site]:
    site = Site()
    thread = threading.Thread(target=site.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()


@pytest.fixture
def site(db: psycopg2.extensions.connection) -> Iterator[Site]:
    with _site() as running:
        with transaction(db) as cur:
            upsert_sources(
                cur,
                [
                    Source(
                        "testzeitung-sitemap",
                        "sitemap",
                        running.base + "robots.txt",
                        allow_private_network=True,
                        url_hosts=("127.0.0.1",),
                    )
                ],
            )
        yield running


def test_robots_index_news_sitemap_pages_then_conditional_and_lastmod(
    db: psycopg2.extensions.connection, site: Site
) -> None:
    first = fetch_all(db, force=True, settings=SETTINGS)
    assert first.items_landed == 4 and not first.errors
    with db.cursor() as cur:
        cur.execute(
            "SELECT url, title, published_at, page_status FROM raw.items ORDER BY published_at NULLS LAST"
        )
        items = cur.fetchall()
    db.commit()
    assert [(url.rsplit("/", 1)[1], status) for url, _t, _p, status in items] == [
        ("berlin-visit.html", "ok"),
        ("helsinki-announced.html", "ok"),
        ("helsinki-held.html", "ok"),
        ("mountain.html", "ok"),  # from the plain sitemap, no publication date
    ]
    assert items[2][1] == "Trump und Putin treffen sich in Helsinki"
    assert items[2][2] == datetime(2018, 7, 16, 16, 5, tzinfo=UTC)
    assert items[3][2] is None
    assert site.asked("/robots.txt") == 1  # once for the Sitemap: lines and the pages' rules
    assert count(db, "SELECT count(*) FROM raw.sitemaps") == 3
    assert (
        count(db, "SELECT count(*) FROM raw.fetch_log WHERE request_kind = 'sitemap' AND outcome = 'ok'") == 4
    )

    # Next poll: the index answers 304, so no child is read again, and no page is fetched again.
    site.requests.clear()
    second = fetch_all(db, force=True, settings=SETTINGS)
    assert second.items_landed == 0 and not second.errors
    assert [p for p, _ in site.requests] == ["/sitemap_index.xml"]
    assert site.requests[0][1] is not None  # asked conditionally
    assert count(db, "SELECT count(*) FROM raw.items") == 4


def test_an_index_child_whose_lastmod_did_not_move_is_not_fetched(
    db: psycopg2.extensions.connection, site: Site
) -> None:
    fetch_all(db, force=True, settings=SETTINGS)
    # The index changes (no 304), but only the news sitemap's lastmod moves on.
    with db.cursor() as cur:
        cur.execute("UPDATE raw.sitemaps SET http_etag = NULL WHERE sitemap_url LIKE '%%sitemap_index.xml'")
        cur.execute(
            "UPDATE raw.sitemaps SET lastmod = lastmod - interval '1 day' WHERE sitemap_url LIKE '%%news-sitemap%%'"
        )
    db.commit()
    site.requests.clear()
    fetch_all(db, force=True, settings=SETTINGS)
    asked = [p for p, _ in site.requests]
    assert "/archiv-2017.xml" not in asked
    assert "/news-sitemap.xml.gz" in asked
