"""Fetch + parse speed and memory against a local server with many sources and items.

Serves S generated RSS feeds of N items each, every item linking to a
generated article page (team-written filler text), on 127.0.0.1, and polls
them through the real network path (``sources.polling.poll_feed``: safe HTTP
client, per-host limiter, feedparser, robots.txt, charset decoding,
trafilatura extraction) with the worker threads ``pipeline.fetch`` uses. No
database: the "known items" lookup answers "none", so every item is new.

Two scenarios: feeds only (``fetch_pages`` off) and feeds with their article
pages. Each runs twice: untraced for items/s, then under tracemalloc for the
peak Python heap (tracing slows it down). Politeness interval is 0 and the
per-host concurrency equals the worker count, because every source lives on
the same local host; against the real web 1 s and 2 per host apply.

    .venv/bin/python bench/fetch.py [--sources 40] [--items 50] [--workers 8]

Prints a table; no pass/fail.
"""

from __future__ import annotations

import argparse
import resource
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from summitwatch.sources.catalog import Source, SourceState
from summitwatch.sources.http import HttpClient
from summitwatch.sources.polling import poll_feed
from summitwatch.sources.robots import RobotsCache
from summitwatch.sources.settings import FetchSettings

PARAGRAPH = (
    "Die Außenminister der beteiligten Staaten kamen am Dienstag zu Beratungen zusammen. Nach Angaben "
    "der Gastgeber ging es um Handel, Sicherheit und die Vorbereitung eines Gipfeltreffens im Herbst. "
)


def _feed(base: str, source: int, items: int) -> bytes:
    entries = "".join(
        f"<item><guid>s{source}-i{i}</guid><title>Treffen {source}/{i}</title>"
        f"<link>{base}/a/{source}/{i}.html</link><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>"
        f"<description>{escape(PARAGRAPH)}</description></item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench {source}</title>'
        f"{entries}</channel></rss>"
    ).encode()


def _page(path: str) -> bytes:
    body = "".join(f"<p>{PARAGRAPH} ({path}, Absatz {n})</p>" for n in range(8))
    return (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{path}</title></head>'
        f"<body><nav>Start · Politik</nav><article><h1>{path}</h1>{body}</article><footer>Impressum</footer>"
        "</body></html>"
    ).encode()


@contextmanager
def serve(sources: int, items: int) -> Iterator[str]:
    feeds: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            if self.path.startswith("/feed/"):
                body, kind = feeds[self.path], "application/rss+xml; charset=utf-8"
            elif self.path.startswith("/a/"):
                body, kind = _page(self.path), "text/html; charset=utf-8"
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for s in range(sources):
        feeds[f"/feed/{s}.xml"] = _feed(base, s, items)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def run(base: str, sources: int, settings: FetchSettings) -> tuple[int, int, float]:
    """Poll every source once in worker threads; returns (items, requests, seconds)."""
    from concurrent.futures import ThreadPoolExecutor

    catalog = [
        Source(f"bench-{s}", "feed", f"{base}/feed/{s}.xml", "de", "DE", 15, True, True)
        for s in range(sources)
    ]
    started = time.perf_counter()
    with HttpClient(settings) as client:
        robots = RobotsCache(client)
        with ThreadPoolExecutor(settings.workers) as pool:
            polls = list(
                pool.map(
                    lambda source: poll_feed(
                        source, SourceState(), client, robots, lambda n, k: set(), settings
                    ),
                    catalog,
                )
            )
    seconds = time.perf_counter() - started
    items = sum(len(p.items) for p in polls)
    requests = sum(1 + len(p.records) for p in polls)
    assert all(not p.failed for p in polls), [p.error for p in polls if p.failed][:3]
    return items, requests, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=40)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()
    base_settings = FetchSettings(
        workers=args.workers,
        per_host_concurrency=args.workers,
        per_host_interval_s=0.0,
        max_pages_per_poll=args.items,
    )
    print(f"{args.sources} feeds x {args.items} items on one local host, {args.workers} workers\n")
    header = ("scenario", "items", "requests", "seconds", "items/s", "req/s", "peak heap MiB")
    print(
        f"{header[0]:22} "
        + " ".join(f"{h:>{w}}" for h, w in zip(header[1:], (7, 9, 8, 8, 7, 14), strict=True))
    )
    with serve(args.sources, args.items) as base:
        for label, fetch_pages in (("feeds only", False), ("feeds + pages", True)):
            settings = replace(base_settings, fetch_pages=fetch_pages)
            items, requests, seconds = run(base, args.sources, settings)
            tracemalloc.start()
            run(base, args.sources, settings)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(
                f"{label:22} {items:>7} {requests:>9} {seconds:>8.2f} {items / seconds:>8.0f} "
                f"{requests / seconds:>7.0f} {peak / 2**20:>14.1f}"
            )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak RSS: {rss:.0f} MiB (includes trafilatura, lxml and the in-process server)")


if __name__ == "__main__":
    main()
