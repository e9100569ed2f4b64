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
   (``clean.html.extract_page``) and the bulk page path (``clean.bulk_page``, used for
   archived pages), each scored on the text as ``clean_item`` stores it, and the
   candidates beside them. Goal: a path >= 5x bare trafilatura with must-have >= 0.97
   and must-not-have >= 0.90.
3. Backfill end to end (``summitwatch backfill``'s workers: land, then clean, dedupe,
   extract and load into a scratch database) docs/s with 1 and 2 worker processes,
   and the peak RSS of a worker. Target: <= 500 MB per worker.

    flock /tmp/summitwatch-bench.lock .venv/bin/python bench/backfill.py [--repeat N] [--rounds N]
        [--tables warc,extraction,e2e]

Readers and extraction paths are timed in interleaved rounds (each round runs every one of
them once), so that a busy moment of the shared machine hits all of them alike.

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


def read_filter_and_decode(path: Path) -> int:
    """read_warc, and each kept page's item made (its HTML decoded to text), as landing does."""
    from summitwatch.sources.warc import read_warc

    return sum(1 for entry in read_warc(path) if entry.item is not None or entry.outcome != "page")


def warc_table(path: Path, rounds: int) -> None:
    size_mb = path.stat().st_size / 1e6
    readers: list[tuple[str, Callable[[], int]]] = [
        ("fastwarc, bare iteration (every block read)", lambda: fastwarc_bare(path)),
        ("warcio, bare iteration (every block read)", lambda: warcio_bare(path)),
        ("`read_warc`: HTTP parsed, language and host filtered", lambda: read_and_filter(path)),
        (
            "`read_warc` + each kept page decoded to text (what landing does)",
            lambda: read_filter_and_decode(path),
        ),
    ]
    read_and_filter(path)  # the language model loads outside the clock
    times: dict[str, list[float]] = {name: [] for name, _ in readers}
    records: dict[str, int] = {}
    for _ in range(rounds):  # interleaved, so that a busy moment of the machine hits every reader
        for name, run in readers:
            started = time.perf_counter()
            records[name] = run()
            times[name].append(time.perf_counter() - started)
    rates = {name: records[name] / statistics.median(times[name]) for name, _ in readers}
    base = rates[readers[0][0]]
    count = records[readers[0][0]]
    print(f"\n### WARC reading ({count} records, {size_mb:.1f} MB gzip, median of {rounds}, interleaved)\n")
    print("| reader | records/s | x fastwarc bare |")
    print("|---|---:|---:|")
    for name, _ in readers:
        print(f"| {name} | {rates[name]:,.0f} | {rates[name] / base:.2f} |")


def gold_pages() -> list[tuple[str, str, list[str], list[str], str]]:
    """(stem, decoded HTML, must-have, must-not-have snippets, gold date or "") of each page with
    trafilatura-eval gold."""
    from summitwatch.sources.charsets import decode_text

    pages = []
    for gold in sorted((FIXTURES / "gold").glob("*.trafilatura-eval.json")):
        stem = gold.name.split(".")[0]
        data = json.loads(gold.read_text(encoding="utf-8"))
        html = decode_text((FIXTURES / f"{stem}.html").read_bytes()).text
        pages.append(
            (stem, html, data.get("with") or [], data.get("without") or [], (data.get("date") or "")[:10])
        )
    return pages


def extraction_table(rounds: int) -> None:
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    from summitwatch.clean.article import normalize_text
    from summitwatch.clean.boilerplate import strip_boilerplate
    from summitwatch.clean.bulk_page import extract_bulk_page
    from summitwatch.clean.html import ExtractedPage, extract_page

    def stored(page: ExtractedPage) -> tuple[str, str | None]:
        """The text as ``clean_item`` stores it: boilerplate lines removed, whitespace normalised."""
        return normalize_text(strip_boilerplate(page.text)), page.date

    def trafilatura_fast(html: str) -> ExtractedPage:
        document = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            fast=True,
            with_metadata=True,
        )
        if document is None or isinstance(document, dict):
            return ExtractedPage(text="")
        return ExtractedPage(text=document.text or "", date=document.date)

    def resiliparse_main(html: str) -> str:
        return str(extract_plain_text(HTMLTree.parse(html), main_content=True))

    pages = gold_pages()
    paths: list[tuple[str, Callable[[str], tuple[str, str | None]]]] = [
        (
            "bare trafilatura (`extract`, defaults), its own text",
            lambda h: (trafilatura.extract(h) or "", None),
        ),
        (
            "page path (`extract_page`), as stored: every page but archived ones",
            lambda h: stored(extract_page(h)),
        ),
        (
            "trafilatura `fast=True`, the page path's settings, as stored",
            lambda h: stored(trafilatura_fast(h)),
        ),
        ("resiliparse main content (defaults), its own text", lambda h: (resiliparse_main(h), None)),
        (
            "**bulk page path (`extract_bulk_page`), as stored: archived pages**",
            lambda h: stored(extract_bulk_page(h)),
        ),
    ]
    dated = [p for p in pages if p[4]]
    results: dict[str, list[tuple[str, str | None]]] = {}
    times: dict[str, list[float]] = {name: [] for name, _ in paths}
    for _name, extract in paths:
        extract(pages[0][1])  # imports and caches outside the clock
    for _ in range(rounds):  # interleaved, so that a busy moment of the machine hits every path
        for name, extract in paths:
            started = time.perf_counter()
            results[name] = [extract(page[1]) for page in pages]
            times[name].append(time.perf_counter() - started)
    must = sum(len(p[2]) for p in pages)
    must_not = sum(len(p[3]) for p in pages)
    base = len(pages) / statistics.median(times[paths[0][0]])
    print(
        f"\n### Page extraction ({len(pages)} fixture pages with trafilatura-eval gold, "
        f"median of {rounds}, interleaved)\n"
    )
    print(
        f"| path | pages/s | x bare trafilatura | must-have found ({must}) "
        f"| must-not-have absent ({must_not}) | date = gold ({len(dated)} dated) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, _ in paths:
        outputs = results[name]
        rate = len(pages) / statistics.median(times[name])
        found = sum(s in text for page, (text, _d) in zip(pages, outputs, strict=True) for s in page[2])
        absent = sum(s not in text for page, (text, _d) in zip(pages, outputs, strict=True) for s in page[3])
        dates = [d for page, (_t, d) in zip(pages, outputs, strict=True) if page[4]]
        right = sum(d == page[4] for page, d in zip(dated, dates, strict=True))
        date_cell = f"{right}/{len(dated)}" if any(dates) else "-"
        print(
            f"| {name} | {rate:,.1f} | {rate / base:.2f} | {found / must:.3f} | {absent / must_not:.3f} "
            f"| {date_cell} |"
        )


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
    parser.add_argument(
        "--tables", default="warc,extraction,e2e", help="which tables, comma-separated (default: all three)"
    )
    args = parser.parse_args()
    tables = set(args.tables.split(","))
    with tempfile.TemporaryDirectory(prefix="summitwatch-bench-") as scratch:
        if "warc" in tables:
            path = Path(scratch) / "fixtures.warc.gz"
            make_warc(path, args.repeat)
            warc_table(path, args.rounds)
        if "extraction" in tables:
            extraction_table(args.rounds)
        if "e2e" in tables:
            end_to_end_table(Path(scratch), args.e2e_repeat)


if __name__ == "__main__":
    main()
