"""Backfill speed: WARC reading, the bulk page path, and WARC -> events end to end.

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
   (``trafilatura.extract`` with its defaults), the project's default page path
   (``clean.html.extract_page``) and the bulk page path (``clean.html.extract_bulk_page``).
   Targets: bulk >= 5x bare trafilatura, must-have >= 0.97, must-not-have >= 0.90.
3. Backfill end to end (``summitwatch backfill``'s workers: land, then clean, dedupe,
   extract and load into a scratch database) docs/s with 1 and 2 worker processes,
   and the peak RSS of a worker. Target: <= 500 MB per worker.

    flock /tmp/summitwatch-bench.lock .venv/bin/python bench/backfill.py [--repeat N] [--rounds N]

``DATABASE_URL`` (else postgres@127.0.0.1:5432) is used to create and drop the scratch
database.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="copies of each fixture page in the WARC")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="summitwatch-bench-") as scratch:
        path = Path(scratch) / "fixtures.warc.gz"
        make_warc(path, args.repeat)
        warc_table(path, args.rounds)


if __name__ == "__main__":
    main()
