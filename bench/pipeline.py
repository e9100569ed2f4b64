"""End to end: the process stage against each of its stages alone, and raw item -> event latency.

1. Throughput. N article pages (about 3 KB of text in HTML, German and English
   alternating, 1 in 4 stories with summit sentences, about 1.5 wire copies per
   story) are landed in ``raw.items`` of a scratch database. In the same run it
   times, on the same items:

   - each stage alone, one process: clean (``clean_item``), extract
     (``extract_article``: the text, and the headline where the text states no event,
     as the stage reads it), load (articles, events and mentions: the process
     stage's writes, batch by batch in write turns, ``process.write``) and dedupe
     (``dedupe_articles`` on the loaded batches: fingerprints, sameness decisions with
     exact duplicates, their writes; and its MinHash fingerprints alone, which the
     process stage computes before its write turn);
   - the real process stage end to end (``process_pending``), with one worker and
     with news_process's ``DEFAULT_WORKERS`` (2) forked worker processes, each
     with its own connection, as the mapped Airflow task instances run; the
     database is emptied (raw items back to pending) before each.

   Figure to reach: end to end with the deployed workers >= 0.7 x the slowest
   stage alone.

2. Latency (``--latency-runs``, 0 to skip). A real api-server, scheduler,
   dag-processor and triggerer run in a temporary ``AIRFLOW_HOME``
   (``summitwatch.airflow_env.airflow_services``). Each run drops a new summit
   document into a folder source and triggers ``news_fetch``; it lands in
   ``raw.items``, ``news_fetch`` emits ``raw_items``, the scheduler starts
   ``news_process`` on the asset event, and the run ends when the item's event is
   in ``reporting.summit_events``. The clock starts at ``raw.items.fetched_at``
   (landing) and stops when the event row is seen (polled every 0.2 s); both are
   PostgreSQL clock readings. Figure to reach: median <= 30 s. The table splits
   each run at the asset event, the ``news_process`` run's start and its process
   task's start, read from Airflow's metadata database.

    flock /tmp/summitwatch-bench.lock .venv/bin/python bench/pipeline.py \\
        [--docs N] [--rounds N] [--latency-runs N] [--airflow-config KEY=VALUE ...]

``DATABASE_URL`` (else postgres@127.0.0.1:5432) is used to create and drop the
scratch databases. The texts are generated from team-written sentences
(``bench/extract.py``) and the generated vocabulary of ``bench/dedupe.py``.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

import psycopg2
import psycopg2.extensions

from summitwatch.airflow_env import (
    AirflowRunError,
    airflow_environment,
    airflow_services,
    metadata_connection,
    run_airflow,
    service_log_tails,
    sqlalchemy_url,
    wait_for_dags,
)
from summitwatch.clean.article import Article, clean_item
from summitwatch.db.connection import scratch_database, transaction
from summitwatch.db.migrations import migrate
from summitwatch.dedupe.fingerprint import Fingerprint, fingerprint
from summitwatch.dedupe.store import StoredArticle, dedupe_articles
from summitwatch.dedupe.stories import Period
from summitwatch.events import Event, extract_article
from summitwatch.events.reference import load_reference
from summitwatch.pipeline import load
from summitwatch.pipeline.load import ReadItem
from summitwatch.pipeline.process import DEFAULT_BATCH_SIZE, DEFAULT_WORKERS, claim, process_pending
from summitwatch.pipeline.write_turns import take_write_turn, wait_for_turn
from summitwatch.sources.catalog import Source, upsert_sources
from summitwatch.sources.items import FetchedItem
from summitwatch.sources.landing import land_items

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dedupe import BOILERPLATE, _article, _perturb, _vocabulary  # bench/dedupe.py
from extract import FILLER, SENTENCES  # bench/extract.py

SOURCES = 8
PUBLISHED = datetime(2018, 7, 2, 8, 0, tzinfo=UTC)
# Team-written sentences for the latency runs: one new gathering per run.
LATENCY_TEXTS = {
    "de": (
        "Bundeskanzlerin Angela Merkel hat den französischen Präsidenten Emmanuel Macron am {day}. "
        "Juli 2018 in {place} empfangen.\nBeide sprachen über die Zukunft der Europäischen Union."
    ),
    "en": (
        "Donald Trump met Vladimir Putin in {place} on July {day}, 2018.\n"
        "The two leaders spoke for two hours without advisers."
    ),
}
LATENCY_PLACES = ["Helsinki", "Vienna", "Geneva", "Stockholm", "Oslo", "Warsaw", "Prague", "Lisbon"]


def _admin_url() -> str:
    return os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"


# ---------------------------------------------------------------- documents


def _page(title: str, paragraphs: Sequence[str]) -> str:
    """An article page as a news site serves it: navigation, the article, a footer."""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/politik'>Politik</a> <a href='/welt'>World</a></nav>"
        f"</header><main><article><h1>{escape(title)}</h1>\n{body}\n</article></main>"
        "<footer><p>Bench News</p><p>Impressum · Datenschutz · Kontakt</p></footer></body></html>"
    )


def generate_items(docs: int, seed: int = 14) -> list[tuple[str, FetchedItem]]:
    """(source name, item) for ``docs`` article pages; every 4th story reports gatherings.

    A story is a generated ~3 KB article (``bench/dedupe._article``: Zipf words, the
    language's function words, names) with a team-written sentence of background
    per paragraph; its wire copies are perturbed the way ``bench/dedupe`` perturbs
    them (boilerplate, reordering, edits, truncation).
    """
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 30_000)
    weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    items: list[tuple[str, FetchedItem]] = []
    for story in itertools.count():
        language = "de" if story % 2 else "en"
        paragraphs = [
            f"{paragraph} {rng.choice(FILLER[language])}"
            for paragraph in _article(rng, vocab, weights, language)
        ]
        if story % 4 == 0:
            reports = rng.sample(SENTENCES[language], rng.randint(1, 2))
            paragraphs.insert(1, " ".join(reports))
        versions = [paragraphs]
        for _ in range(rng.choice([0, 1, 1, 2])):
            copy, _kind = _perturb(rng, paragraphs, vocab)
            versions.append([p for p in copy if p not in BOILERPLATE] if len(copy) > 1 else copy)
        for copy_number, text in enumerate(versions):
            if len(items) == docs:
                return items
            number = len(items)
            source = f"bench-{(story + copy_number) % SOURCES}"
            url = f"https://news{number % SOURCES}.example/{language}/{story}-{copy_number}"
            title = f"{'Bericht' if language == 'de' else 'Report'} {story}"
            items.append(
                (
                    source,
                    FetchedItem(
                        item_key=url,
                        content=_page(title, text),
                        content_type="text/html",
                        url=url,
                        title=title,
                        published_at=PUBLISHED + timedelta(minutes=7 * number),
                    ),
                )
            )
    raise AssertionError("unreachable")


def land(conn: psycopg2.extensions.connection, items: Sequence[tuple[str, FetchedItem]]) -> None:
    with transaction(conn) as cur:
        upsert_sources(
            cur,
            [
                Source(name=f"bench-{i}", kind="feed", location=f"https://news{i}.example/feed.xml")
                for i in range(SOURCES)
            ],
        )
        for source, group in itertools.groupby(sorted(items, key=lambda s: s[0]), key=lambda s: s[0]):
            land_items(cur, source, [item for _, item in group])


# ---------------------------------------------------------------- throughput


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _reset(conn: psycopg2.extensions.connection) -> None:
    """Empty what the process stage writes and put every raw item back to pending."""
    with transaction(conn) as cur:
        cur.execute(
            """
            SELECT string_agg(format('%I.%I', schemaname, tablename), ', ')
            FROM pg_tables WHERE schemaname IN ('core', 'events')
            """
        )
        cur.execute(f"TRUNCATE {cur.fetchone()[0]} RESTART IDENTITY CASCADE")
        cur.execute(
            "UPDATE raw.items SET process_state = 'pending', process_error = NULL, processed_at = NULL"
        )
    with conn.cursor() as cur:
        conn.autocommit = True
        cur.execute("VACUUM ANALYZE")
        conn.autocommit = False


def _batches(values: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def load_alone(
    conn: psycopg2.extensions.connection, articles: Sequence[Article], events: Sequence[tuple[Event, ...]]
) -> list[list[StoredArticle]]:
    """The process stage's writes for already cleaned and extracted items, batch by batch."""
    stored = []
    pairs = list(zip(articles, events, strict=True))
    for batch in _batches(pairs, DEFAULT_BATCH_SIZE):
        with transaction(conn) as cur:
            cur.execute("SET LOCAL synchronous_commit = off")
            turn = take_write_turn(cur, len(batch))
            # No fingerprints: they are dedupe's work, timed in "dedupe alone".
            read = [
                ReadItem(article, found, article_id=article_id)
                for (article, found), article_id in zip(batch, turn.article_ids, strict=True)
            ]
            # The stage's writes without the sameness index rows: those are dedupe's.
            articles = load.write_articles(cur, read)
            wait_for_turn(cur, turn)
            written = load.write_events(cur, articles)
            if written.failures:
                raise RuntimeError(f"load refused items: {written.failures}")
            stored.append(written.stored)
    return stored


def dedupe_alone(conn: psycopg2.extensions.connection, batches: Sequence[list[StoredArticle]]) -> int:
    near = 0
    for batch in batches:
        with transaction(conn) as cur:
            cur.execute("SET LOCAL synchronous_commit = off")
            near += dedupe_articles(cur, batch).near_duplicates
    return near


def _fingerprint(article: StoredArticle) -> Fingerprint:
    day = (article.published_at or PUBLISHED).date()
    return fingerprint(article.body, article.content_hash, Period(day, day))


def _worker(url: str, queue: Any) -> None:
    conn = psycopg2.connect(url)
    try:
        queue.put(process_pending(conn).as_dict())
    finally:
        conn.close()


def end_to_end(url: str, workers: int) -> list[dict[str, int]]:
    """``process_pending`` in ``workers`` forked processes at once, each with its own connection."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = [context.Process(target=_worker, args=(url, queue)) for _ in range(workers)]
    for process in processes:
        process.start()
    summaries = [queue.get() for _ in processes]
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"a process worker exited with {process.exitcode}")
    return summaries


def _stored_counts(conn: psycopg2.extensions.connection) -> tuple[int, int, int]:
    """(mentions, exact duplicates, near duplicates) as stored."""
    with transaction(conn) as cur:
        cur.execute(
            """
            SELECT (SELECT count(*) FROM events.mentions),
                   count(exact_duplicate_of), count(near_duplicate_of)
            FROM core.articles
            """
        )
        mentions, exact, near = cur.fetchone()
    return int(mentions), int(exact), int(near)


def _one_round(url: str, conn: psycopg2.extensions.connection, raw: Sequence[Any]) -> dict[str, Any]:
    """Every stage alone, then end to end with 1 and the deployed number of workers."""
    seconds: dict[str, float] = {}
    seconds["clean"], articles = _timed(lambda: [clean_item(item) for item in raw])
    seconds["extract"], events = _timed(lambda: [extract_article(a.as_document()).events for a in articles])
    _reset(conn)
    seconds["load"], stored = _timed(lambda: load_alone(conn, articles, events))
    seconds["dedupe"], _ = _timed(lambda: dedupe_alone(conn, stored))
    seconds["fingerprint"], _ = _timed(lambda: [_fingerprint(a) for batch in stored for a in batch])
    counts = {"stages alone": _stored_counts(conn)}
    for workers in sorted({1, DEFAULT_WORKERS}):
        _reset(conn)
        seconds[f"end to end {workers}"], summaries = _timed(lambda workers=workers: end_to_end(url, workers))
        total = {k: sum(s[k] for s in summaries) for k in summaries[0]}
        if total["items"] != len(raw) or total["failed"]:
            raise RuntimeError(f"end to end with {workers} workers: {total}")
        counts[f"end to end, {workers} worker(s)"] = _stored_counts(conn)
    return {
        "seconds": seconds,
        "counts": counts,
        "text": statistics.mean(len(a.body) for a in articles),
        "with events": sum(1 for e in events if e),
    }


def throughput(url: str, docs: int, rounds: int) -> None:
    items = generate_items(docs)
    size = statistics.mean(len(item.content.encode()) for _, item in items)
    with psycopg2.connect(url) as conn:
        migrate(conn)
    conn = psycopg2.connect(url)
    land(conn, items)
    with transaction(conn) as cur:
        raw = claim(cur, docs)
    load_reference()  # loaded once per worker process: not a per-document cost
    for item in raw[:20]:  # warm-up: model loading and caches
        extract_article(clean_item(item).as_document())
    results = [_one_round(url, conn, raw) for _ in range(rounds)]
    conn.close()

    first = results[0]
    stored = "; ".join(
        f"{run}: {mentions} mentions, {exact} exact and {near} near duplicates"
        for run, (mentions, exact, near) in first["counts"].items()
    )
    print(
        f"\n## Throughput: {docs} article pages of {size / 1000:.1f} KB "
        f"({first['text'] / 1000:.1f} KB of text), {first['with events']} with events; "
        f"median of {rounds} rounds (min-max)\n\nStored in the first round, {stored}. "
        "(With two workers, which batch decides first depends on which is ready first, "
        "so which copy is the original, and near-duplicate counts, can differ slightly.)\n"
    )
    rows = [
        ("clean alone (`clean_item`)", "clean", "1 process"),
        ("extract alone (`extract_article`)", "extract", "1 process"),
        ("load alone (articles, events, mentions)", "load", "1 process"),
        ("dedupe alone (`dedupe_articles`)", "dedupe", "1 process"),
        ("of which MinHash fingerprints (`fingerprint`)", "fingerprint", "1 process"),
        ("end to end (`process_pending`)", "end to end 1", "1 worker"),
        (
            "**end to end (`process_pending`), as deployed**",
            f"end to end {DEFAULT_WORKERS}",
            f"{DEFAULT_WORKERS} workers",
        ),
    ]
    median = {key: statistics.median(r["seconds"][key] for r in results) for _, key, _ in rows}
    stages = ("clean", "extract", "load", "dedupe")
    slowest = max(median[key] for key in stages)
    print("| run | how | seconds (min-max) | docs/s | x slowest stage alone |")
    print("|---|---|---:|---:|---:|")
    for label, key, how in rows:
        spread = [r["seconds"][key] for r in results]
        print(
            f"| {label} | {how} | {median[key]:.2f} ({min(spread):.2f}-{max(spread):.2f}) "
            f"| {docs / median[key]:.0f} | {slowest / median[key]:.2f} |"
        )
    # Load and dedupe run in write turns, one batch at a time however many workers, except
    # the fingerprints: the process stage computes them beside cleaning, before its turn.
    in_turns = median["load"] + median["dedupe"] - median["fingerprint"]
    serial = in_turns / sum(median[key] for key in stages)
    bound = 1 / (serial + (1 - serial) / DEFAULT_WORKERS)
    deployed = median[f"end to end {DEFAULT_WORKERS}"]
    measured = median["end to end 1"] / deployed
    print(
        f"\nIn write turns (load and dedupe without fingerprints, one batch at a time): "
        f"{serial:.0%} of the stages' time, "
        f"so {DEFAULT_WORKERS} workers can be at most {bound:.2f} x one worker (Amdahl); measured "
        f"{measured:.2f} x. End to end / slowest stage alone: {slowest / deployed:.2f} "
        "(figure to reach: 0.7)."
    )


# ---------------------------------------------------------------- latency


def _latency_document(folder: Path, run: int) -> str:
    language = "de" if run % 2 else "en"
    name = f"latency-{run}-{language}.txt"
    text = LATENCY_TEXTS[language].format(day=run + 2, place=LATENCY_PLACES[run % len(LATENCY_PLACES)])
    (folder / name).write_text(f" date 2018-07-{run + 1:02d}\n{text}\n", encoding="utf-8")
    return name


_EVENT_SEEN = """
    SELECT i.fetched_at, clock_timestamp()
    FROM raw.items i
    JOIN core.articles a ON a.item_id = i.item_id
    JOIN events.mentions m ON m.article_id = a.article_id
    JOIN reporting.summit_events e ON e.event_id = m.event_id
    WHERE i.source_name = 'bench-folder' AND i.payload->>'file_name' = %s
    LIMIT 1
"""

_AIRFLOW_STEPS = """
    SELECT (SELECT min(timestamp) FROM asset_event ae JOIN asset a ON a.id = ae.asset_id
            WHERE a.name = 'raw_items' AND ae.timestamp >= %(landed)s),
           (SELECT min(start_date) FROM dag_run
            WHERE dag_id = 'news_process' AND run_type = 'asset_triggered' AND queued_at >= %(landed)s),
           (SELECT min(ti.start_date) FROM task_instance ti JOIN dag_run r ON r.run_id = ti.run_id
              AND r.dag_id = ti.dag_id
            WHERE ti.dag_id = 'news_process' AND ti.task_id = 'process_pending_items'
              AND r.queued_at >= %(landed)s)
"""


def _wait(what: str, check: Callable[[], Any], timeout_s: float, poll_s: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout_s
    while (found := check()) is None:
        if time.monotonic() > deadline:
            raise AirflowRunError(f"{what}: not within {timeout_s:.0f} s")
        time.sleep(poll_s)
    return found


def _idle(meta: psycopg2.extensions.connection) -> bool | None:
    with meta.cursor() as cur:
        cur.execute("SELECT count(*) FROM dag_run WHERE state IN ('queued', 'running')")
        return True if cur.fetchone()[0] == 0 else None


def latency(url: str, runs: int, config: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory(prefix="summitwatch-bench-airflow-") as home:
        return _latency(url, runs, config, Path(home))


def _latency(url: str, runs: int, config: dict[str, str], home: Path) -> None:
    conn = psycopg2.connect(url)
    conn.autocommit = True
    folder = home / "inbox"
    folder.mkdir()
    with conn.cursor() as cur:
        cur.execute("UPDATE raw.sources SET active = false")
        upsert_sources(cur, [Source(name="bench-folder", kind="folder", location=str(folder))])
    with scratch_database(_admin_url(), "summitwatch_bench_airflow") as metadata_url:
        env = airflow_environment(url, home, metadata_url=sqlalchemy_url(metadata_url))
        started = time.monotonic()
        run_airflow(["db", "migrate"], env)
        with airflow_services(env, home / "logs", config=config) as env:
            meta = metadata_connection(env)
            try:
                wait_for_dags(meta, ("news_fetch", "news_process"), time.monotonic() + 300)
                for dag_id in ("news_fetch", "news_process"):
                    run_airflow(["dags", "unpause", dag_id], env)
                print(f"\n(services up and DAGs registered in {time.monotonic() - started:.0f} s)")
                rows = []
                for run in range(runs):
                    _wait("DAG runs idle", lambda: _idle(meta), 600, poll_s=1)
                    name = _latency_document(folder, run)
                    with conn.cursor() as cur:
                        cur.execute(
                            "UPDATE raw.sources SET last_polled_at = NULL, next_poll_not_before = NULL "
                            "WHERE name = 'bench-folder'"
                        )
                    run_airflow(["dags", "trigger", "news_fetch"], env)

                    def seen(name: str = name) -> tuple[datetime, datetime] | None:
                        with conn.cursor() as cur:
                            cur.execute(_EVENT_SEEN, (name,))
                            return cur.fetchone()

                    landed, event_seen = _wait(f"event of {name}", seen, 300)
                    with meta.cursor() as cur:
                        cur.execute(_AIRFLOW_STEPS, {"landed": landed})
                        asset_event, run_started, task_started = cur.fetchone()
                    rows.append((name, landed, asset_event, run_started, task_started, event_seen))
            except AirflowRunError:
                print(service_log_tails(home / "logs"))
                raise
            finally:
                meta.close()
    conn.close()

    def since(landed: datetime, moment: datetime | None) -> str:
        return "-" if moment is None else f"{(moment - landed).total_seconds():.1f}"

    print(f"\n## Latency: raw.items landing -> event in reporting.summit_events, {runs} runs\n")
    print("| run | asset event | news_process started | process task started | **event row** |")
    print("|---|---:|---:|---:|---:|")
    totals = []
    for name, landed, asset_event, run_started, task_started, event_seen in rows:
        totals.append((event_seen - landed).total_seconds())
        steps = " | ".join(since(landed, m) for m in (asset_event, run_started, task_started))
        print(f"| {name} | {steps} | **{totals[-1]:.1f}** |")
    print(
        f"\nseconds after landing; median {statistics.median(totals):.1f} s, worst {max(totals):.1f} s"
        + (f" (Airflow settings: {' '.join(f'{k}={v}' for k, v in config.items())})" if config else "")
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--latency-runs", type=int, default=5, help="0 skips the scheduler part")
    ap.add_argument(
        "--airflow-config",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra AIRFLOW__... settings for the latency part's services",
    )
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # tables as they come
    config = dict(pair.split("=", 1) for pair in args.airflow_config)
    with scratch_database(_admin_url(), "summitwatch_bench") as url:
        throughput(url, args.docs, args.rounds)
        if args.latency_runs:
            latency(url, args.latency_runs, config)


if __name__ == "__main__":
    main()
