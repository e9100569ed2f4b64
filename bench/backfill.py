"""Backfill speed: WARC reading, page extraction for bulk work, and WARC -> events end to end.

A WARC file is made at run time, in a temporary folder, from the real article pages
of ``../shared/fixtures/pages`` (each page ``--repeat`` times under its own URL, one
gzip member per record, as crawlers write them); nothing of them is copied into the
project. Three tables, each measured side by side in this one run:

1. WARC records/s: fastwarc's and warcio's bare iteration (every record's block
   read) against ``sources.warc.read_warc`` (records parsed as HTTP, judged, HTML
   decoded, language and host filtered) over the same file. Target: read_warc >= 0.8x
   fastwarc's bare iteration.
2. Page extraction pages/s and quality on the fixtures' trafilatura-eval gold (share
   of must-have snippets found, of must-not-have snippets absent): bare trafilatura
   (``trafilatura.extract`` with its defaults), the project's page path
   (``clean.html.extract_page``, used for every page, archived ones included) and the
   candidates for a faster bulk path. Goal: a path >= 5x bare trafilatura with
   must-have >= 0.97 and must-not-have >= 0.90.
3. Backfill end to end (``summitwatch backfill``'s workers: land, then clean, dedupe,
   extract and load into a scratch database) docs/s with 1 and 2 worker processes,
   and the peak RSS of a worker. Target: <= 500 MB per worker.

    flock /tmp/summitwatch-bench.lock .venv/bin/python bench/backfill.py [--repeat N] [--rounds N]

``DATABASE_URL`` (else postgres@127.0.0.1:5432) is used to create and drop the scratch
database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO.parent / "shared" / "fixtures" / "pages"
CRAWLED = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def fixture_pages() -> list[tuple[str, bytes]]:
    if not FIXTURES.is_dir():
        sys.exit(f"{FIXTURES} is missing: the benchmark reads ../shared/fixtures at run time")
    return [(p.stem, p.read_bytes()) for p in sorted(FIXTURES.glob("*.html"))]


def make_warc(path: Path, repeat: int) -> int:
    from summitwatch.sources.warc import ArchivedPage, write_warc

    pages = [
        ArchivedPage(f"https://fixtures.example/{stem}/{i}", body, CRAWLED)
        for i in range(repeat)
        for stem, body in fixture_pages()
    ]
    write_warc(path, pages)
    return len(pages)


def _median_time(run: Callable[[], int], rounds: int) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def fastwarc_bare(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator

    count = 0
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle, parse_http=False):
            record.reader.read()
            count += 1
    return count


def warcio_bare(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            record.content_stream().read()
            count += 1
    return count


def read_and_filter(path: Path) -> int:
    from summitwatch.sources.warc import read_warc

    return sum(1 for _ in read_warc(path))


def warc_table(path: Path, rounds: int) -> None:
    size_mb = path.stat().st_size / 1e6
    rows = []
    for name, run in (
        ("fastwarc, bare iteration", lambda: fastwarc_bare(path)),
        ("warcio, bare iteration", lambda: warcio_bare(path)),
        ("read_warc: read, parse HTTP, decode, filter", lambda: read_and_filter(path)),
    ):
        seconds, records = _median_time(run, rounds)
        rows.append((name, records, seconds))
    base = rows[0][1] / rows[0][2]
    print(f"\n### WARC reading ({rows[0][1]} records, {size_mb:.1f} MB gzip, median of {rounds})\n")
    print("| reader | records/s | x fastwarc bare |")
    print("|---|---:|---:|")
    for name, records, seconds in rows:
        print(f"| {name} | {records / seconds:,.0f} | {records / seconds / base:.2f} |")


def gold_pages() -> list[tuple[str, str, list[str], list[str]]]:
    """(stem, decoded HTML, must-have, must-not-have snippets) of each page with trafilatura-eval gold."""
    from summitwatch.sources.charsets import decode_text

    pages = []
    for gold in sorted((FIXTURES / "gold").glob("*.trafilatura-eval.json")):
        stem = gold.name.split(".")[0]
        data = json.loads(gold.read_text(encoding="utf-8"))
        html = decode_text((FIXTURES / f"{stem}.html").read_bytes()).text
        pages.append((stem, html, data.get("with") or [], data.get("without") or []))
    return pages


def extraction_table(rounds: int) -> None:
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    from summitwatch.clean.boilerplate import strip_boilerplate
    from summitwatch.clean.html import extract_page

    def trafilatura_fast(html: str) -> str:
        document = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, favor_precision=True, fast=True
        )
        return document.text if document is not None and not isinstance(document, dict) else ""

    def resiliparse_main(html: str) -> str:
        return str(extract_plain_text(HTMLTree.parse(html), main_content=True))

    pages = gold_pages()
    paths: list[tuple[str, Callable[[str], str]]] = [
        ("bare trafilatura (`extract`, defaults)", lambda h: trafilatura.extract(h) or ""),
        ("default page path (`extract_page`)", lambda h: extract_page(h).text),
        ("trafilatura `fast=True`, the page path's settings", trafilatura_fast),
        ("resiliparse main content", resiliparse_main),
        (
            "resiliparse main content + the project's boilerplate rules",
            lambda h: strip_boilerplate(resiliparse_main(h)),
        ),
    ]
    rows = []
    for name, extract in paths:
        extract(pages[0][1])  # imports and caches outside the clock
        texts: list[str] = []

        def run(extract: Callable[[str], str] = extract, texts: list[str] = texts) -> int:
            texts[:] = [extract(html) for _stem, html, _w, _wo in pages]
            return len(texts)

        seconds, count = _median_time(run, rounds)
        found = sum(s in t for (_s, _h, must, _n), t in zip(pages, texts, strict=True) for s in must)
        absent = sum(
            s not in t for (_s, _h, _m, must_not), t in zip(pages, texts, strict=True) for s in must_not
        )
        rows.append(
            (
                name,
                count / seconds,
                found / sum(len(p[2]) for p in pages),
                absent / sum(len(p[3]) for p in pages),
            )
        )
    base = rows[0][1]
    print(
        f"\n### Page extraction ({len(pages)} fixture pages with trafilatura-eval gold, median of {rounds})\n"
    )
    print("| path | pages/s | x bare trafilatura | must-have found | must-not-have absent |")
    print("|---|---:|---:|---:|---:|")
    for name, rate, found, absent in rows:
        print(f"| {name} | {rate:,.1f} | {rate / base:.2f} | {found:.3f} | {absent:.3f} |")


def end_to_end_table(scratch: Path, repeat: int) -> None:
    import resource

    import psycopg2

    from summitwatch.db.connection import scratch_database
    from summitwatch.db.migrations import migrate
    from summitwatch.pipeline.backfill import backfill_source_for
    from summitwatch.pipeline.backfill_workers import backfill_files
    from summitwatch.seeding import load_seeds
    from summitwatch.sources.warc import ArchivedPage, WarcFilter, write_warc

    pages = [(f"{stem}/{i}", body) for i in range(repeat) for stem, body in fixture_pages()]
    halves = [scratch / "half-1.warc.gz", scratch / "half-2.warc.gz"]
    for n, path in enumerate(halves):
        write_warc(
            path, [ArchivedPage(f"https://fixtures.example/{uri}", b, CRAWLED) for uri, b in pages[n::2]]
        )
    admin = os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"
    rows = []
    for workers in (1, 2):
        with scratch_database(admin, "sw_bench_backfill") as url:
            conn = psycopg2.connect(url)
            migrate(conn)
            load_seeds(conn)
            source = backfill_source_for(conn, "bench-warc", str(halves[0]))
            conn.close()
            started = time.perf_counter()
            totals = backfill_files(
                url, source, [str(p) for p in halves], warc_filter=WarcFilter(), workers=workers
            )
            seconds = time.perf_counter() - started
            conn = psycopg2.connect(url)
            with conn.cursor() as cur:
                cur.execute("SELECT count(*) FROM core.articles")
                articles = cur.fetchone()[0]  # type: ignore[index]
                cur.execute("SELECT count(*) FROM events.mentions")
                mentions = cur.fetchone()[0]  # type: ignore[index]
            conn.close()
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows.append((workers, totals.pages, articles, mentions, seconds, peak_mb))
    print(f"\n### Backfill end to end ({len(pages)} pages in 2 WARC files -> events in PostgreSQL)\n")
    print("| workers | pages landed | articles | mentions | seconds | docs/s | peak RSS of a worker (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for workers, landed, articles, mentions, seconds, peak in rows:
        rate = landed / seconds
        print(f"| {workers} | {landed} | {articles} | {mentions} | {seconds:.1f} | {rate:.1f} | {peak:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="copies of each fixture page in the WARC")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--e2e-repeat", type=int, default=2, help="copies of each page for the end-to-end run"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="summitwatch-bench-") as scratch:
        path = Path(scratch) / "fixtures.warc.gz"
        make_warc(path, args.repeat)
        warc_table(path, args.rounds)
        extraction_table(args.rounds)
        end_to_end_table(Path(scratch), args.e2e_repeat)


if __name__ == "__main__":
    main()
