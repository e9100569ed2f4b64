"""Soak run: hours of a bad web in minutes; nothing may be lost, duplicated or leak.

Serves a few hundred generated RSS feeds with article pages (team-written
German sentences from templates) from 12 local "hosts" (HTTP servers on
127.0.0.1, ephemeral ports; a host is scheme, address and port), among them:

- healthy feeds whose items grow over time (new items every ``--epoch`` s);
- slow feeds (1.5 s before the answer) and feeds with slow pages;
- failing feeds (500, 503, 404) and pages behind 403;
- hostile feeds and pages: a body dripped one byte every 0.3 s, headers dripped
  the same way, a gzip bomb, billion laughs, random bytes as XML, binary pages,
  a redirect loop;

plus one drop folder that receives good and hostile files every round. It
polls them round after round for ``--minutes`` (default 10), each round one
``fetch_all`` (every source, ``force``) and then two forked process workers
(``process_pending`` each on its own connection, as the mapped ``news_process``
tasks run), into a scratch database ``sw_rob_soak_*`` on the CI PostgreSQL.

It prints, per sample, the items landed, the main process's resident memory
and the fetch p50/p95 so far; at the end the failures by kind, the fetch
latency, and the two checks: **lost** (items neither ``done`` nor ``failed``
with a reason after the final processing) and **duplicated** (one feed item or
dropped document landed twice, or one raw item with two articles). Both must
be 0. Every request goes to 127.0.0.1 only.

    flock /tmp/summitwatch-bench.lock .venv/bin/python bench/soak.py [--minutes 10] [--feeds 240]

No pass/fail on time; the exit status is 1 when something was lost or duplicated.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import logging
import multiprocessing
import os
import re
import statistics
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import psycopg2
import psycopg2.extensions

from summitwatch.db.connection import scratch_database, transaction
from summitwatch.db.migrations import migrate
from summitwatch.pipeline.fetch import fetch_all
from summitwatch.pipeline.process import DEFAULT_WORKERS, process_pending
from summitwatch.seeding import load_seeds
from summitwatch.sources.settings import FetchSettings

HOSTS = 12
# Role of a feed by its number modulo 12 (the host is the number modulo HOSTS, so
# every host serves every kind).
HEALTHY, SLOW_FEED, FAILING, HOSTILE_FEED, SLOW_PAGES, HOSTILE_PAGES = range(6)
ROLE_OF = [HEALTHY] * 6 + [SLOW_FEED, FAILING, HOSTILE_FEED, HOSTILE_FEED, SLOW_PAGES, HOSTILE_PAGES]
HOSTILE_FEEDS = ("drip-body", "drip-headers", "gzip-bomb", "laughs", "noise", "redirect-loop", "404")
HOSTILE_PAGE_KINDS = ("binary", "drip-body", "403", "ok")

PEOPLE = [
    ("Angela Merkel", "Emmanuel Macron"),
    ("Olaf Scholz", "Pedro Sánchez"),
    ("Wladimir Putin", "Recep Tayyip Erdoğan"),
    ("Joe Biden", "Olaf Scholz"),
    ("Emmanuel Macron", "Giorgia Meloni"),
]
CITIES = ["Berlin", "Paris", "Rom", "Wien", "Madrid", "Helsinki", "Genf", "Brüssel"]
VERBS = [
    "trafen sich am Montag in {city} zu einem Gipfel",
    "wollen sich im kommenden Monat in {city} treffen",
    "haben ihr geplantes Treffen in {city} abgesagt",
    "sprachen am Dienstag in {city} über die Lage in Europa",
]
FILLER = (
    "Die Gespräche dauerten nach Angaben der Delegationen mehrere Stunden. "
    "Beobachter erwarten eine gemeinsame Erklärung zu Handel, Energie und Sicherheit. "
    "Vertreter beider Regierungen sprachen von einem offenen Austausch."
)


def _noise(size: int, seed: int) -> bytes:
    blocks = (hashlib.sha256(b"%d:%d" % (seed, i)).digest() for i in range(size // 32 + 1))
    return b"".join(blocks)[:size]


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as out:
        for _ in range(64):
            out.write(bytes(1024 * 1024))
    return buffer.getvalue()


GZIP_BOMB = _bomb()
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "lol">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + ']>\n<rss version="2.0"><channel><title>&j;</title></channel></rss>'
).encode()


def article(feed: int, n: int) -> str:
    a, b = PEOPLE[(feed + n) % len(PEOPLE)]
    city = CITIES[(feed * 7 + n) % len(CITIES)]
    verb = VERBS[(feed + 3 * n) % len(VERBS)].format(city=city)
    return f"{a} und {b} {verb}. Meldung {feed}-{n} der Soak-Redaktion. {FILLER}"


class Site:
    """What every host serves; the same handler for all of them, told apart by port."""

    def __init__(self, feeds: int, epoch_s: float, started: float) -> None:
        self.feeds = feeds
        self.epoch_s = epoch_s
        self.started = started
        self.requests = Counter[str]()
        self.stopping = threading.Event()
        self.ports: list[int] = []

    def base(self, feed: int) -> str:
        return f"http://127.0.0.1:{self.ports[feed % HOSTS]}"

    def items_now(self, feed: int) -> list[int]:
        """Item numbers in the feed now: three per epoch, the last 15 kept."""
        epoch = int((time.monotonic() - self.started) / self.epoch_s)
        newest = 3 * (epoch + 1)
        return list(range(max(0, newest - 15), newest))

    def feed_xml(self, feed: int) -> bytes:
        items = []
        for n in reversed(self.items_now(feed)):
            link = f"{self.base(feed)}/page/{feed}/{n}.html"
            text = article(feed, n)
            items.append(
                f"<item><guid>soak-{feed}-{n}</guid><title>{escape(text[:60])}</title>"
                f"<link>{link}</link><description>{escape(text[:120])}</description></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Soak {feed}</title><link>{self.base(feed)}/</link>{''.join(items)}</channel></rss>"
        ).encode()

    def page_html(self, feed: int, n: int) -> bytes:
        text = article(feed, n)
        paragraphs = "".join(f"<p>{escape(text)}</p>" for _ in range(3))
        return (
            f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{escape(text[:60])}</title>'
            f"</head><body><article><h1>{escape(text[:60])}</h1>{paragraphs}</article></body></html>"
        ).encode()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return

        def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def _drip(self, headers_too: bool) -> None:
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n"
            data = head + b"<" * 100_000 if headers_too else b"<" * 100_000
            if not headers_too:
                self.wfile.write(head)
            for i in range(len(data)):
                if site.stopping.is_set():
                    return
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()
                time.sleep(0.3)

        def do_GET(self) -> None:
            try:
                self._get()
            except (BrokenPipeError, ConnectionResetError):
                return  # the client gave up, as it should with a dripping server

        def _get(self) -> None:
            path = self.path
            if path == "/robots.txt":
                self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
                return
            feed_match = re.fullmatch(r"/feed/(\d+)\.rss", path)
            page_match = re.fullmatch(r"/page/(\d+)/(\d+)\.html", path)
            if feed_match:
                feed = int(feed_match.group(1))
                role = ROLE_OF[feed % 12]
                site.requests[f"feed:{role}"] += 1
                if role == SLOW_FEED:
                    time.sleep(1.5)
                if role == FAILING:
                    self._send((500, 503, 404)[feed % 3], b"server trouble", "text/plain")
                    return
                if role == HOSTILE_FEED:
                    kind = HOSTILE_FEEDS[(feed // 12 + feed) % len(HOSTILE_FEEDS)]
                    self._hostile_feed(kind)
                    return
                self._send(200, site.feed_xml(feed), "application/rss+xml; charset=utf-8")
                return
            if page_match:
                feed, n = int(page_match.group(1)), int(page_match.group(2))
                role = ROLE_OF[feed % 12]
                site.requests[f"page:{role}"] += 1
                if role == SLOW_PAGES:
                    time.sleep(1.0)
                if role == HOSTILE_PAGES:
                    kind = HOSTILE_PAGE_KINDS[n % len(HOSTILE_PAGE_KINDS)]
                    if kind == "binary":
                        self._send(200, _noise(4096, n), "text/html")
                        return
                    if kind == "drip-body":
                        self._drip(headers_too=False)
                        return
                    if kind == "403":
                        self._send(403, b"forbidden", "text/plain")
                        return
                self._send(200, site.page_html(feed, n), "text/html; charset=utf-8")
                return
            if path.startswith("/loop/"):
                hop = int(path.rsplit("/", 1)[1])
                self._send(302, b"", "text/plain", Location=f"/loop/{(hop + 1) % 2}")
                return
            self._send(404, b"not here", "text/plain")

        def _hostile_feed(self, kind: str) -> None:
            if kind in ("drip-body", "drip-headers"):
                self._drip(headers_too=kind == "drip-headers")
            elif kind == "gzip-bomb":
                self._send(200, GZIP_BOMB, "application/rss+xml", Content_Encoding="gzip")
            elif kind == "laughs":
                self._send(200, LAUGHS, "application/rss+xml")
            elif kind == "noise":
                self._send(200, _noise(8192, 1), "application/rss+xml")
            elif kind == "redirect-loop":
                self._send(302, b"", "text/plain", Location="/loop/0")
            else:
                self._send(404, b"gone", "text/plain")

    return Handler


@contextmanager
def serve(site: Site) -> Iterator[None]:
    with ExitStack() as stack:
        for _ in range(HOSTS):
            server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
            server.daemon_threads = True
            site.ports.append(server.server_address[1])
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
            thread.start()
            stack.callback(server.server_close)
            stack.callback(server.shutdown)
        try:
            yield
        finally:
            site.stopping.set()


def sources_csv(site: Site, folder: Path, path: Path) -> Path:
    lines = ["name,kind,location,language,country,poll_interval_minutes,active,allow_private_network"]
    lines += [
        f"soak-feed-{f:03d},feed,{site.base(f)}/feed/{f}.rss,de,DE,15,true,true" for f in range(site.feeds)
    ]
    lines.append(f"soak-drop,folder,{folder},de,DE,15,true,false")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def drop_files(folder: Path, round_no: int) -> None:
    """Each round: two good documents and three hostile ones (binary, a gzip file, deep JSON)."""
    for k in range(2):
        text = f" date 2024-0{1 + k}\n{article(1000 + round_no, k)}\n"
        (folder / f"r{round_no:04d}-{k}.txt").write_text(text, encoding="utf-8")
    (folder / f"r{round_no:04d}-noise.txt").write_bytes(_noise(4096, round_no))
    (folder / f"r{round_no:04d}-archive.txt").write_bytes(gzip.compress(article(1, round_no).encode() * 20))
    (folder / f"r{round_no:04d}-deep.json").write_bytes(b"[" * 50_000 + b"]" * 50_000)


def _worker(url: str) -> None:
    conn = psycopg2.connect(url)
    try:
        process_pending(conn)
    finally:
        conn.close()


def process_with_workers(url: str, workers: int) -> None:
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_worker, args=(url,)) for _ in range(workers)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
        if p.exitcode != 0:
            raise RuntimeError(f"a process worker exited with {p.exitcode}")


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


FAILURE_KINDS: list[tuple[str, Callable[[str], bool]]] = [
    ("deadline (drip)", lambda e: "not complete within" in e),
    ("read timeout", lambda e: "timed out" in e),
    ("size cap (gzip bomb)", lambda e: "larger than" in e),
    ("XML entities refused", lambda e: "entit" in e),
    ("redirect loop", lambda e: "redirect loop" in e or "redirects" in e),
    ("binary content", lambda e: "binary content" in e),
    ("HTTP 5xx", lambda e: bool(re.search(r"HTTP 5\d\d", e))),
    ("HTTP 4xx", lambda e: bool(re.search(r"HTTP 4\d\d", e))),
    ("unreadable feed", lambda e: "no readable entries" in e or "not well-formed" in e),
    ("JSON nested too deeply", lambda e: "nested too deeply" in e),
]


def failure_kind(error: str) -> str:
    for name, matches in FAILURE_KINDS:
        if matches(error):
            return name
    return "other: " + error[:50]


def rows(conn: psycopg2.extensions.connection, sql: str) -> list[tuple[Any, ...]]:
    with transaction(conn) as cur:
        cur.execute(sql)
        return list(cur.fetchall())


REQUEST_DURATIONS = "SELECT duration_ms FROM raw.fetch_log WHERE attempts > 0"


def percentile(values: list[int], q: float) -> float:
    if not values:
        return float("nan")
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]
    )


def soak(url: str, minutes: float, feeds: int, epoch_s: float, sample_s: float) -> int:
    started = time.monotonic()
    site = Site(feeds, epoch_s, started)
    settings = FetchSettings(
        connect_timeout_s=2.0,
        timeout_s=2.0,
        deadline_s=4.0,
        max_attempts=2,
        backoff_base_s=0.1,
        backoff_max_s=0.5,
        max_retry_after_s=1.0,
        per_host_concurrency=2,
        per_host_interval_s=0.0,
        workers=16,
    )
    with tempfile.TemporaryDirectory(prefix="sw-soak-") as tmp, serve(site):
        folder = Path(tmp) / "drop"
        folder.mkdir()
        conn = psycopg2.connect(url)
        migrate(conn)
        load_seeds(conn, sources_csv(site, folder, Path(tmp) / "sources.csv"))
        print(
            f"{feeds} feeds on {HOSTS} local hosts, 1 drop folder; {minutes:g} min; "
            f"new items every {epoch_s:g} s"
        )
        print()
        print("| minute | rounds | items landed | articles | RSS MiB (main) | fetch p50 ms | fetch p95 ms |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        landed, round_no, next_sample = 0, 0, 0.0
        rss_samples: list[float] = []
        while time.monotonic() - started < minutes * 60:
            drop_files(folder, round_no)
            landed += fetch_all(conn, force=True, settings=settings).items_landed
            process_with_workers(url, DEFAULT_WORKERS)
            round_no += 1
            elapsed = time.monotonic() - started
            if elapsed >= next_sample:
                next_sample += sample_s
                durations = [
                    int(d) for (d,) in rows(conn, "SELECT duration_ms FROM raw.fetch_log WHERE attempts > 0")
                ]
                [(articles,)] = rows(conn, "SELECT count(*) FROM core.articles")
                rss_samples.append(rss_mib())
                print(
                    f"| {elapsed / 60:.1f} | {round_no} | {landed} | {articles} | {rss_samples[-1]:.0f} "
                    f"| {percentile(durations, 50):.0f} | {percentile(durations, 95):.0f} |",
                    flush=True,
                )
        process_with_workers(url, DEFAULT_WORKERS)  # whatever the last round left
        return report(conn, landed, round_no, rss_samples, site)


def report(
    conn: psycopg2.extensions.connection, landed: int, rounds: int, rss: list[float], site: Site
) -> int:
    fetch_errors = rows(
        conn,
        "SELECT coalesce(request_kind, '-'), error FROM raw.fetch_log "
        "WHERE outcome IN ('error', 'refused', 'blocked')",
    )
    kinds = Counter((kind, failure_kind(str(error))) for kind, error in fetch_errors)
    process_failed = rows(conn, "SELECT process_error FROM raw.items WHERE process_state = 'failed'")
    kinds.update(("process", failure_kind(str(e))) for (e,) in process_failed)
    durations = [int(d) for (d,) in rows(conn, REQUEST_DURATIONS)]
    [(lost,)] = rows(
        conn,
        "SELECT count(*) FROM raw.items WHERE process_state NOT IN ('done', 'failed') "
        "OR (process_state = 'failed' AND coalesce(process_error, '') = '')",
    )
    [(duplicate_items,)] = rows(
        conn,
        "SELECT count(*) FROM (SELECT 1 FROM raw.items GROUP BY source_name, item_key HAVING count(*) > 1) d",
    )
    [(duplicate_articles,)] = rows(
        conn, "SELECT count(*) FROM (SELECT 1 FROM core.articles GROUP BY item_id HAVING count(*) > 1) d"
    )
    [(items, done, failed)] = rows(
        conn,
        "SELECT count(*), count(*) FILTER (WHERE process_state = 'done'), "
        "count(*) FILTER (WHERE process_state = 'failed') FROM raw.items",
    )
    [(requests,)] = rows(conn, "SELECT count(*) FROM raw.fetch_log WHERE attempts > 0")
    print()
    print("| failures by kind | where | count |")
    print("|---|---|---:|")
    for (where, kind), count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {kind} | {where} | {count} |")
    print()
    growth = (rss[-1] - rss[len(rss) // 2]) if len(rss) >= 2 else 0.0
    print("| result | value |")
    print("|---|---:|")
    print(f"| rounds (fetch all sources + 2 process workers) | {rounds} |")
    print(f"| requests (feeds, pages, robots.txt) | {requests} |")
    print(f"| fetch p50 / p95 ms | {percentile(durations, 50):.0f} / {percentile(durations, 95):.0f} |")
    print(f"| items landed | {landed} (raw.items {items}: {done} done, {failed} failed with a reason) |")
    print(
        f"| RSS MiB first / middle / last sample | {rss[0]:.0f} / {rss[len(rss) // 2]:.0f} / {rss[-1]:.0f} "
        f"(second half {growth:+.0f}) |"
    )
    print(f"| **lost** (not done, not failed with a reason) | **{lost}** |")
    print(
        "| **duplicated** (item landed twice, item with two articles) | "
        f"**{duplicate_items + duplicate_articles}** |"
    )
    return 1 if lost or duplicate_items or duplicate_articles else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to poll (default %(default)s)")
    parser.add_argument("--feeds", type=int, default=240, help="feeds to serve (default %(default)s)")
    parser.add_argument("--epoch", type=float, default=30.0, help="seconds between new feed items")
    parser.add_argument("--sample", type=float, default=60.0, help="seconds between table rows")
    args = parser.parse_args()
    # Every failure is in raw.fetch_log and counted in the table; no log line per failure here.
    logging.getLogger("summitwatch").setLevel(logging.CRITICAL)
    admin = os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"
    with scratch_database(admin, "sw_rob_soak") as url:
        return soak(url, args.minutes, args.feeds, args.epoch, args.sample)


if __name__ == "__main__":
    raise SystemExit(main())
