"""Load speed: bare COPY vs the project's load path vs row-by-row executemany.

Generates N articles (default 100,000) with their events and mentions, creates a
scratch database, migrates it, and loads the same rows three ways, each into empty
tables and committed:

- bare COPY: COPY into unindexed, unconstrained tables of the same column types
  (the floor: what the bytes cost);
- load path: what ``summitwatch.pipeline.process`` runs per batch, one transaction per
  batch with ``synchronous_commit = off`` as there: ``take_write_turn`` (the batch's
  article ids), ``prepare_rows(ARTICLES, ...)`` (encoding), ``upsert_prepared`` (the
  article COPY, side by side with other workers), ``wait_for_turn`` (every earlier
  batch committed, write lock) and ``load.store_mentions``
  (``upsert_rows(cur, MENTIONS, ...)`` plus the stale-mention deletion for articles
  that existed) into the real tables with their keys, foreign keys and checks; rows
  with new keys are copied straight in, existing ones staged and upserted. It runs
  with 1 worker and with news_process's ``DEFAULT_WORKERS`` (2) worker processes
  (forked, each with its own connection, as the mapped Airflow task instances are
  processes) taking batches from one queue;
- executemany: the same rows into the same tables, batches and session settings as
  psycopg2 ``cursor.executemany`` of ``INSERT ... ON CONFLICT`` (one statement per row),
  with the same stale-mention deletion per batch.

Canonical events are loaded by key in both (``EVENTS`` below): the pipeline decides per
mention which event it reports (``load.decide_events``), which is merging, not
loading, and is left out of both.

Then it reruns the load path on loaded tables (must change nothing). The fast paths
run ``--rounds`` times (default 3), interleaved, and each one's median is reported
with its spread (a shared machine has slow spells); executemany runs once. No
pass/fail: the figures to reach are load path / bare COPY <= 1.5 and executemany /
load path >= 10, both for the load path as deployed (news_process's workers); the
single-worker ratios are printed beside them.

The bare COPY's tables have the real tables' column types and column compression
(lz4 for article bodies where the server has it), and the same rows, article ids
included.

    flock /tmp/summitwatch-bench.lock .venv/bin/python bench/load.py \
        [--rows N] [--batch-size N] [--workers N] [--rounds N] [--skip-executemany]

The default batch size is the pipeline's (``process.DEFAULT_BATCH_SIZE``).

``DATABASE_URL`` (else postgres@127.0.0.1:5432) is used to create and drop the
scratch database.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import psycopg2
import psycopg2.extensions

from summitwatch.db.connection import scratch_database, transaction
from summitwatch.db.copy_text import copy_rows
from summitwatch.db.migrations import migrate
from summitwatch.db.upsert import UpsertTarget, prepare_rows, upsert_prepared, upsert_rows
from summitwatch.pipeline.load import ARTICLES, MENTIONS, ArticleRow, MentionRow, store_mentions
from summitwatch.pipeline.process import DEFAULT_BATCH_SIZE, DEFAULT_WORKERS
from summitwatch.pipeline.write_turns import take_write_turn, wait_for_turn

EXTRACTOR_VERSION = "bench-1"

# Canonical events are loaded by their natural key here; the pipeline merges them
# through same_gathering instead, but the write itself is the same upsert.
EVENTS = UpsertTarget(
    table="events.events",
    columns=(
        "event_key",
        "kind",
        "status",
        "participants",
        "organizations",
        "location",
        "country",
        "event_date",
        "confidence",
        "first_reported_at",
        "last_reported_at",
    ),
    key=("event_key",),
    touch="updated_at",
    returning=("event_id",),
)

# Team-written fragments; bodies are random arrangements of them.
LEADERS = [
    "Angela Merkel",
    "Emmanuel Macron",
    "Vladimir Putin",
    "Donald Trump",
    "Xi Jinping",
    "Shinzo Abe",
    "Narendra Modi",
    "Justin Trudeau",
    "Recep Tayyip Erdogan",
    "Theresa May",
]
PLACES = [("Helsinki", "FI"), ("Berlin", "DE"), ("Osaka", "JP"), ("Biarritz", "FR"), ("Singapore", "SG")]
SENTENCES = [
    "The two delegations met for several hours behind closed doors.",
    'A spokesman said the talks had been "open and constructive".',
    "Both sides agreed to continue the dialogue at working level.",
    "Die Gespräche sollen im Herbst fortgesetzt werden, hieß es aus Regierungskreisen.",
    "Observers expect no breakthrough on trade before the end of the year.",
    "Der Gipfel wird von Protesten in der Innenstadt begleitet.",
    "Officials declined to comment on the agenda\tbefore the meeting.",
    "A path like C:\\summits\\2018 appears in the leaked schedule.",
]
STATUSES = ["proposed", "invited", "planned", "held", "postponed", "cancelled"]


@dataclass
class Dataset:
    sources: list[tuple[Any, ...]]
    items: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    # ARTICLES columns after article_id (the load hands ids out per batch)
    articles: list[tuple[Any, ...]]
    # (item_id, event_key, *mention columns after article_id/event_id)
    mentions: list[tuple[Any, ...]]


def generate(rows: int, body_chars: int = 3_000, seed: int = 2018) -> Dataset:
    rng = random.Random(seed)
    sources = [(f"bench-{i}", "feed", f"http://bench.invalid/{i}.xml", "en", "DE") for i in range(10)]
    start = datetime(2018, 1, 1, tzinfo=UTC)
    events: list[tuple[Any, ...]] = []
    for number in range(max(rows // 20, 1)):
        people = rng.sample(LEADERS, 2)
        place, country = rng.choice(PLACES)
        day = start + timedelta(days=rng.randrange(0, 730))
        events.append(
            (
                f"meeting:{'+'.join(sorted(people))}:{place}:{day:%Y-%m-%d}:{number}",
                rng.choice(["summit", "meeting", "visit"]),
                rng.choice(STATUSES),
                sorted(people),
                [],
                place,
                country,
                f"{day:%Y-%m-%d}",
                round(rng.uniform(0.5, 1.0), 3),
                day - timedelta(days=10),
                day + timedelta(days=2),
            )
        )
    items, articles, mentions = [], [], []
    for item_id in range(1, rows + 1):
        source = sources[item_id % len(sources)][0]
        published = start + timedelta(minutes=item_id * 7)
        # About body_chars characters: the fragments average ~65 characters.
        sentences = max(1, body_chars // 65)
        body = "\n".join(
            rng.choice(SENTENCES) for _ in range(rng.randrange(sentences // 2, sentences * 3 // 2 + 1))
        )
        digest = f"{item_id:064x}"
        items.append((item_id, source, f"item-{item_id}", digest, f"http://bench.invalid/a/{item_id}", body))
        articles.append(
            (
                item_id,
                source,
                f"{source}/{item_id}",
                f"http://bench.invalid/a/{item_id}",
                f"Report {item_id}",
                body,
                "en",
                published,
                "second",
                digest,
            )
        )
        for event in rng.sample(events, min(len(events), rng.choice([1, 1, 2]))):
            mentions.append(
                (
                    item_id,
                    event[0],
                    EXTRACTOR_VERSION,
                    event[1],
                    event[2],
                    event[3],
                    event[4],
                    event[5],
                    event[6],
                    event[7],
                    f"{' and '.join(event[3])} met in {event[5]}.",
                    event[8],
                )
            )
    return Dataset(sources, items, events, articles, mentions)


def batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def article_batches(data: Dataset, size: int) -> Iterator[tuple[Sequence[Any], list[tuple[Any, ...]]]]:
    """Articles in batches with the mentions of those articles (mentions are in item order)."""
    cursor = 0
    for chunk in batches(data.articles, size):
        last_item = chunk[-1][0]
        end = cursor
        while end < len(data.mentions) and data.mentions[end][0] <= last_item:
            end += 1
        yield chunk, data.mentions[cursor:end]
        cursor = end


@contextmanager
def load_transaction(conn: psycopg2.extensions.connection) -> Iterator[psycopg2.extensions.cursor]:
    """One batch's transaction, with the pipeline's session settings."""
    with transaction(conn) as cur:
        cur.execute("SET LOCAL synchronous_commit = off")
        yield cur


def load_path(url: str, data: Dataset, batch_size: int, workers: int) -> dict[str, int]:
    """The project's load path as the process stage runs it, one transaction per batch.

    Canonical events first (their ids are what mentions point at); then ``workers``
    forked processes, each with its own connection, take article batches from one queue
    as news_process's mapped task instances take pending items, and write each batch as
    ``process.process_batch`` does: write turn, encoding, article COPY, wait for the turn,
    mentions.
    """
    event_ids: dict[str, int] = {}
    totals = _no_totals()
    conn = psycopg2.connect(url)
    try:
        for chunk in batches(data.events, batch_size):
            with load_transaction(conn) as cur:
                result = upsert_rows(cur, EVENTS, chunk)
            event_ids.update({k[0]: v[0] for k, v in result.returned.items()})
            _add(totals, result)
    finally:
        conn.close()

    work = list(article_batches(data, batch_size))
    # fork: the workers share the generated rows copy-on-write instead of pickling them.
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)
    results = context.SimpleQueue()
    processes = [
        context.Process(target=_load_worker, args=(url, work, event_ids, taken, results))
        for _ in range(workers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    failed = [p.exitcode for p in processes if p.exitcode != 0]
    if failed:
        raise RuntimeError(
            f"{len(failed)} load worker(s) failed (exit codes {failed}); see their traceback above"
        )
    while not results.empty():
        for name, value in results.get().items():
            totals[name] += value
    return totals


def _load_worker(
    url: str,
    work: list[tuple[Sequence[Any], list[tuple[Any, ...]]]],
    event_ids: dict[str, int],
    taken: Any,
    results: Any,
) -> None:
    totals = _no_totals()
    conn = psycopg2.connect(url)
    try:
        while True:
            with taken.get_lock():
                position = taken.value
                taken.value += 1
            if position >= len(work):
                break
            articles, mentions = work[position]
            with load_transaction(conn) as cur:
                turn = take_write_turn(cur, len(articles))
                prepared = prepare_rows(
                    ARTICLES,
                    [ArticleRow(i, *a) for i, a in zip(turn.article_ids, articles, strict=True)],
                )
                result = upsert_prepared(cur, prepared)
                wait_for_turn(cur, turn)
                article_ids = {k[0]: v[0] for k, v in result.returned.items()}
                rows = [MentionRow(article_ids[m[0]], event_ids[m[1]], *m[2:]) for m in mentions]
                new_ids = {article_ids[k[0]] for k in result.inserted_keys}
                store_mentions(
                    cur, list(article_ids.values()), rows, EXTRACTOR_VERSION, new_article_ids=new_ids
                )
            _add(totals, result)
            totals["mentions"] += len(rows)
    finally:
        conn.close()
    results.put(totals)


def _no_totals() -> dict[str, int]:
    return {"inserted": 0, "updated": 0, "unchanged": 0, "rejected": 0, "mentions": 0}


def _add(totals: dict[str, int], result: Any) -> None:
    totals["inserted"] += result.inserted
    totals["updated"] += result.updated
    totals["unchanged"] += result.unchanged
    totals["rejected"] += len(result.rejected)


def _upsert_statement(target: UpsertTarget) -> str:
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in target.update_columns)
    if target.touch:
        updates += f", {target.touch} = now()"
    current = ", ".join(f"t.{c}" for c in target.update_columns)
    incoming = ", ".join(f"EXCLUDED.{c}" for c in target.update_columns)
    return (
        f"INSERT INTO {target.table} AS t ({', '.join(target.columns)}) "
        f"VALUES ({', '.join(['%s'] * len(target.columns))}) "
        f"ON CONFLICT ({', '.join(target.key)}) DO UPDATE SET {updates} "
        f"WHERE ({current}) IS DISTINCT FROM ({incoming})"
    )


STALE_MENTIONS = """
    DELETE FROM events.mentions m
    WHERE m.article_id = ANY(%(articles)s)
      AND (m.extractor_version <> %(version)s
           OR (m.article_id, m.event_id) NOT IN (
               SELECT * FROM unnest(%(kept_articles)s::bigint[], %(kept_events)s::bigint[])))
"""


def executemany_path(conn: psycopg2.extensions.connection, data: Dataset, batch_size: int) -> dict[str, int]:
    """The same rows, tables, batches and settings; one INSERT ... ON CONFLICT per row."""
    for chunk in batches(data.events, batch_size):
        with load_transaction(conn) as cur:
            cur.executemany(_upsert_statement(EVENTS), chunk)
    with transaction(conn) as cur:
        cur.execute("SELECT event_key, event_id FROM events.events")
        event_ids = dict(cur.fetchall())
    for articles, mentions in article_batches(data, batch_size):
        with load_transaction(conn) as cur:
            turn = take_write_turn(cur, len(articles))
            cur.executemany(
                _upsert_statement(ARTICLES),
                [ArticleRow(i, *a) for i, a in zip(turn.article_ids, articles, strict=True)],
            )
            cur.execute(
                "SELECT item_id, article_id FROM core.articles WHERE item_id = ANY(%s)",
                ([a[0] for a in articles],),
            )
            article_ids = dict(cur.fetchall())
            rows = [MentionRow(article_ids[m[0]], event_ids[m[1]], *m[2:]) for m in mentions]
            cur.execute(
                STALE_MENTIONS,
                {
                    "articles": list(article_ids.values()),
                    "version": EXTRACTOR_VERSION,
                    "kept_articles": [r[0] for r in rows],
                    "kept_events": [r[1] for r in rows],
                },
            )
            cur.executemany(_upsert_statement(MENTIONS), rows)
    return {"rows": len(data.events) + len(data.articles) + len(data.mentions)}


def bare_copy_path(conn: psycopg2.extensions.connection, data: Dataset) -> dict[str, int]:
    """COPY the same rows into tables without keys, indexes or constraints, in one transaction."""
    with transaction(conn) as cur:
        sent = copy_rows(cur, "bench.bare_events", EVENTS.columns, data.events)
        # Ids are not handed out here: the item id and the event's position stand in for them.
        positions = {e[0]: i for i, e in enumerate(data.events, start=1)}
        sent += copy_rows(cur, "bench.bare_articles", ARTICLES.columns, [(a[0], *a) for a in data.articles])
        sent += copy_rows(
            cur,
            "bench.bare_mentions",
            MENTIONS.columns,
            [(m[0], positions[m[1]], *m[2:]) for m in data.mentions],
        )
    return {"rows": sent}


def prepare(conn: psycopg2.extensions.connection, data: Dataset) -> None:
    migrate(conn)
    with transaction(conn) as cur:
        copy_rows(cur, "raw.sources", ("name", "kind", "location", "language", "country"), data.sources)
        copy_rows(
            cur,
            "raw.items",
            ("item_id", "source_name", "item_key", "content_sha256", "url", "content", "content_type"),
            [(*i, "text/plain") for i in data.items],
        )
        cur.execute("SELECT setval('raw.items_item_id_seq', %s)", (len(data.items),))
        cur.execute("CREATE SCHEMA bench")
        for target, name in ((EVENTS, "events"), (ARTICLES, "articles"), (MENTIONS, "mentions")):
            cur.execute(
                f"CREATE TABLE bench.bare_{name} AS SELECT {', '.join(target.columns)} FROM {target.table} "
                "WITH NO DATA"
            )
            # Same storage as the real columns too: CREATE TABLE AS leaves out the lz4
            # compression the article bodies use, and pglz would make the floor slower.
            cur.execute(
                """
                SELECT a.attname, a.attcompression FROM pg_attribute a
                WHERE a.attrelid = %s::regclass AND a.attcompression <> '' AND a.attnum > 0
                """,
                (target.table,),
            )
            for column, method in cur.fetchall():
                compression = {"l": "lz4", "p": "pglz"}[method]
                cur.execute(
                    f"ALTER TABLE bench.bare_{name} ALTER COLUMN {column} SET COMPRESSION {compression}"
                )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    conn.autocommit = False


def empty_tables(conn: psycopg2.extensions.connection) -> None:
    with transaction(conn) as cur:
        cur.execute(
            "TRUNCATE events.mentions, events.status_history, events.events, core.articles, "
            "bench.bare_events, bench.bare_articles, bench.bare_mentions RESTART IDENTITY CASCADE"
        )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("CHECKPOINT")  # each path starts without the previous one's dirty pages to flush
    conn.autocommit = False


def timed(work: Callable[[], dict[str, int]]) -> tuple[float, dict[str, int]]:
    started = time.perf_counter()
    outcome = work()
    return time.perf_counter() - started, outcome


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="articles to generate (default 100000)")
    parser.add_argument(
        "--body-chars", type=int, default=3_000, help="average article body length (news: a few thousand)"
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH_SIZE,
        help=f"articles per transaction (default {DEFAULT_BATCH_SIZE}, the process stage's)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help=f"process workers of the load path (default {DEFAULT_WORKERS}, news_process's)",
    )
    parser.add_argument("--skip-executemany", action="store_true", help="leave out the slow baseline")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds of the fast paths (default 3); each path's median is reported, executemany runs once",
    )
    args = parser.parse_args(argv)
    admin_url = os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"

    data = generate(args.rows, args.body_chars)
    total_rows = len(data.events) + len(data.articles) + len(data.mentions)
    print(
        f"{len(data.articles):,} articles, {len(data.mentions):,} mentions, {len(data.events):,} events "
        f"({total_rows:,} rows; {sum(len(a[5]) for a in data.articles) / 1e6:.1f} MB of body text); "
        f"load batches of {args.batch_size:,} articles; {args.rounds} round(s)",
        flush=True,
    )
    bare_name = "bare COPY, unindexed tables"
    load_name = f"load path, {args.workers} worker(s)"
    single_name = "load path, 1 worker(s)"
    slow_name = "executemany, row by row"
    # Each round runs every fast path once, interleaved, so a slow spell of a shared
    # machine hits all of them alike; the medians are compared.
    timings: dict[str, list[float]] = {}
    outcomes: dict[str, str] = {}

    def record(name: str, seconds: float, outcome: str) -> None:
        timings.setdefault(name, []).append(seconds)
        outcomes[name] = outcome

    with scratch_database(admin_url, "summitwatch_bench") as url:
        conn = psycopg2.connect(url)
        try:
            prepare(conn, data)
            for _ in range(args.rounds):
                empty_tables(conn)
                seconds, outcome = timed(lambda: bare_copy_path(conn, data))
                record(bare_name, seconds, f"{outcome['rows']:,} rows")
                for workers in sorted({1, args.workers}):
                    empty_tables(conn)
                    seconds, outcome = timed(partial(load_path, url, data, args.batch_size, workers))
                    record(f"load path, {workers} worker(s)", seconds, _describe(outcome))
                seconds, outcome = timed(lambda: load_path(url, data, args.batch_size, args.workers))
                record("load path rerun (no-op)", seconds, _describe(outcome))
            if not args.skip_executemany:
                empty_tables(conn)
                seconds, outcome = timed(lambda: executemany_path(conn, data, args.batch_size))
                record(slow_name, seconds, f"{outcome['rows']:,} rows")
        finally:
            conn.close()

    medians = {name: statistics.median(values) for name, values in timings.items()}
    bare = medians[bare_name]
    load = medians[load_name]
    print()
    print(f"{'path':<36} {'seconds':>9} {'min-max':>13} {'rows/s':>10} {'x bare COPY':>12}  outcome")
    for name, seconds in medians.items():
        spread = f"{min(timings[name]):.2f}-{max(timings[name]):.2f}"
        rate = total_rows / seconds
        print(
            f"{name:<36} {seconds:>9.2f} {spread:>13} {rate:>10,.0f} {seconds / bare:>12.2f}  "
            f"{outcomes[name]}"
        )
    print()
    print(f"load path ({args.workers} workers) / bare COPY = {load / bare:.2f}   (figure to reach: <= 1.5)")
    if args.workers != 1:
        print(f"load path (1 worker)  / bare COPY = {medians[single_name] / bare:.2f}   (for comparison)")
    if not args.skip_executemany:
        slow = medians[slow_name]
        print(
            f"executemany / load path ({args.workers} workers) = {slow / load:.1f}   (figure to reach: >= 10)"
        )
        if args.workers != 1:
            print(
                f"executemany / load path (1 worker)  = {slow / medians[single_name]:.1f}   (for comparison)"
            )
    return 0


def _describe(outcome: dict[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in outcome.items())


if __name__ == "__main__":
    sys.exit(main())
