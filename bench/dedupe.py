"""Benchmark of cleaning and de-duplication; prints tables, never passes or fails.

1. Near duplicates on a generated corpus with known truth (boilerplate added or
   removed, paragraphs reordered, 5-20 % of words edited, truncation to the
   lead, other tracking URLs): pairwise precision/recall of ``dedupe_documents``
   next to an in-memory datasketch MinHashLSH baseline on the same corpus.
2. Story clustering: pairwise F1 against ``dup_group`` of ../shared/eval/dev.jsonl
   (read at run time, never copied).
3. Throughput of clean + dedupe (pure code, one core) on ~3 KB articles.
4. Time of one batch of 1,000 new articles through ``dedupe_articles`` with
   PostgreSQL holding a small and a large number of articles (scratch database,
   created and dropped; filler rows generated in SQL).

    .venv/bin/python bench/dedupe.py [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import time
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

from summitwatch.clean.article import RawItem, clean_item, content_hash
from summitwatch.dedupe import decide
from summitwatch.dedupe.documents import clean_body, dedupe_documents
from summitwatch.dedupe.fingerprint import SHINGLE_WORDS, fingerprint
from summitwatch.dedupe.signatures import NUM_PERM
from summitwatch.dedupe.store import StoredArticle, dedupe_articles
from summitwatch.dedupe.stories import Period
from summitwatch.dedupe.tokens import words
from summitwatch.documents import Document, split_date_header

SHARED = Path(__file__).resolve().parents[2] / "shared"
FUNCTION_WORDS = {
    "en": [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "at",
        "from",
        "it",
        "he",
        "said",
        "his",
        "be",
        "has",
        "have",
        "will",
        "are",
        "an",
        "not",
        "but",
        "this",
        "which",
        "its",
        "after",
        "were",
        "been",
        "who",
        "they",
        "their",
        "also",
        "more",
        "would",
        "had",
        "two",
        "one",
        "new",
        "talks",
    ],
    "de": [
        "der",
        "die",
        "und",
        "in",
        "den",
        "von",
        "zu",
        "das",
        "mit",
        "sich",
        "des",
        "auf",
        "für",
        "ist",
        "im",
        "dem",
        "nicht",
        "ein",
        "eine",
        "als",
        "auch",
        "es",
        "an",
        "werden",
        "aus",
        "er",
        "hat",
        "dass",
        "sie",
        "nach",
        "wird",
        "bei",
        "einer",
        "um",
        "am",
        "sind",
        "noch",
        "wie",
        "einem",
        "über",
        "so",
        "zum",
        "war",
        "haben",
    ],
}
BOILERPLATE = [
    "Zum Inhalt springen",
    "Foto: dpa",
    "Teilen auf Facebook",
    "Share this article",
    "Von Anna Berger",
]
NAMES = [
    "Scholz",
    "Macron",
    "Biden",
    "Xi",
    "Modi",
    "Putin",
    "Merkel",
    "Meloni",
    "Sunak",
    "Lula",
    "Erdogan",
    "Kishida",
    "Ramaphosa",
    "Trudeau",
]
PLACES = [
    "Berlin",
    "Paris",
    "Rom",
    "Madrid",
    "Peking",
    "Delhi",
    "Tokio",
    "Brüssel",
    "Wien",
    "Genf",
    "Hanoi",
    "Elmau",
    "Bali",
    "Osaka",
]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = "ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru "
    syllables += "sa se si so su ta te ti to tu ver ung ent ion sch str tra"
    parts = syllables.split()
    vocab = set()
    while len(vocab) < size:
        vocab.add("".join(rng.choice(parts) for _ in range(rng.randint(2, 4))))
    return sorted(vocab)


def _article(rng: random.Random, vocab: list[str], cum_weights: list[float], language: str) -> list[str]:
    """Paragraphs of a ~3 KB article: Zipf-distributed words, function words, names."""
    paragraphs = []
    for _ in range(rng.randint(6, 8)):
        length = rng.randint(65, 90)
        content = rng.choices(vocab, cum_weights=cum_weights, k=length)
        sentence_words = []
        for position in range(length):
            roll = rng.random()
            if roll < 0.4:
                sentence_words.append(rng.choice(FUNCTION_WORDS[language]))
            elif roll < 0.45:
                sentence_words.append(rng.choice(NAMES + PLACES))
            else:
                sentence_words.append(content[position])
        paragraphs.append(" ".join(sentence_words).capitalize() + ".")
    return paragraphs


def _edit_words(rng: random.Random, text: str, vocab: list[str], share: float) -> str:
    tokens = text.split(" ")
    target = int(len(tokens) * share)
    edited = 0
    while edited < target:
        position = rng.randrange(len(tokens))
        span = rng.randint(1, 3)
        action = rng.random()
        if action < 0.6:
            tokens[position : position + span] = [rng.choice(vocab) for _ in range(span)]
        elif action < 0.8:
            del tokens[position : position + span]
        else:
            tokens[position:position] = [rng.choice(vocab) for _ in range(span)]
        edited += span
    return " ".join(tokens)


def _perturb(rng: random.Random, paragraphs: list[str], vocab: list[str]) -> tuple[list[str], str]:
    kind = rng.choice(["boilerplate", "reorder", "edit", "truncate", "tracking", "edit+boilerplate"])
    out = list(paragraphs)
    if kind in ("boilerplate", "edit+boilerplate"):
        out = [rng.choice(BOILERPLATE), *out, rng.choice(BOILERPLATE)]
    if kind == "reorder":
        lead, rest = out[0], out[1:]
        rng.shuffle(rest)
        out = [lead, *rest] if rng.random() < 0.5 else [*rest, lead]
    if kind in ("edit", "edit+boilerplate"):
        share = rng.uniform(0.05, 0.20)
        out = [_edit_words(rng, p, vocab, share) if len(p) > 40 else p for p in out]
    if kind == "truncate":
        out = out[:1]  # the lead paragraph (55-80 words)
    return out, kind


def generated_corpus(seed: int, originals: int) -> list[tuple[Document, int, str]]:
    """(document, truth cluster, perturbation) with ~1.5 variants per original, shuffled."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 30_000)
    weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    corpus = []
    for number in range(originals):
        language = "de" if number % 2 else "en"
        paragraphs = _article(rng, vocab, weights, language)
        url = f"https://news{number % 40}.example/{language}/story-{number}"
        corpus.append((Document(f"o{number}", "\n".join(paragraphs), url=url), number, "original"))
        for variant in range(rng.choice([0, 1, 1, 2, 3])):
            text, kind = _perturb(rng, paragraphs, vocab)
            tracked = f"{url}?utm_source=feed&utm_medium=rss&fbclid=x{variant}"
            corpus.append((Document(f"o{number}v{variant}", "\n".join(text), url=tracked), number, kind))
    rng.shuffle(corpus)
    return corpus


def pairwise(truth: dict[str, object], predicted: dict[str, object]) -> tuple[float, float, float]:
    def pairs(labels: dict[str, object]) -> set[tuple[str, str]]:
        groups: defaultdict[object, list[str]] = defaultdict(list)
        for doc_id, label in labels.items():
            groups[label].append(doc_id)
        return {tuple(sorted(p)) for g in groups.values() for p in itertools.combinations(g, 2)}  # type: ignore[misc]

    gold, guess = pairs(truth), pairs(predicted)
    tp = len(gold & guess)
    precision = tp / len(guess) if guess else 1.0
    recall = tp / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def datasketch_baseline(corpus: list[tuple[Document, int, str]]) -> tuple[dict[str, object], float]:
    from datasketch import MinHash, MinHashLSH

    from summitwatch.dedupe.documents import clean_body

    start = time.perf_counter()
    lsh = MinHashLSH(threshold=decide.BODY_THRESHOLD, num_perm=NUM_PERM)
    root: dict[str, object] = {}
    for document, _, _ in corpus:
        tokens = words(clean_body(document.text))
        shingles = {
            " ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(max(1, len(tokens) - SHINGLE_WORDS + 1))
        }
        signature = MinHash(num_perm=NUM_PERM, seed=1)
        signature.update_batch([s.encode("utf-8") for s in shingles])
        matches = sorted(lsh.query(signature))
        root[document.doc_id] = root[matches[0]] if matches else document.doc_id
        lsh.insert(document.doc_id, signature)
    return root, time.perf_counter() - start


def near_duplicate_table(originals: int) -> None:
    corpus = generated_corpus(7, originals)
    truth = {d.doc_id: cluster for d, cluster, _ in corpus}
    start = time.perf_counter()
    ours = {r.doc_id: r.duplicate_of or r.doc_id for r in dedupe_documents([d for d, _, _ in corpus])}
    ours_seconds = time.perf_counter() - start
    baseline, baseline_seconds = datasketch_baseline(corpus)
    print(f"\n## Near duplicates: generated corpus, {len(corpus)} documents from {originals} originals\n")
    print("| method | precision | recall | F1 | seconds | docs/s |")
    print("|---|---|---|---|---|---|")
    for name, predicted, seconds in (
        ("summitwatch (numpy MinHash, body+lead views)", ours, ours_seconds),
        ("datasketch MinHashLSH in memory (body only)", baseline, baseline_seconds),
    ):
        p, r, f = pairwise(truth, predicted)  # type: ignore[arg-type]
        print(f"| {name} | {p:.4f} | {r:.4f} | {f:.4f} | {seconds:.2f} | {len(corpus) / seconds:.0f} |")
    print("\nRecall by perturbation (summitwatch / datasketch):\n")
    by_kind: defaultdict[str, list[tuple[bool, bool]]] = defaultdict(list)
    first = {}
    for document, cluster, kind in corpus:
        first.setdefault(cluster, f"o{cluster}")
        if kind != "original":
            original = f"o{cluster}"
            by_kind[kind].append(
                (ours[document.doc_id] == ours[original], baseline[document.doc_id] == baseline[original])
            )
    print("| perturbation | variants | recall | baseline recall |")
    print("|---|---|---|---|")
    for kind, hits in sorted(by_kind.items()):
        print(
            f"| {kind} | {len(hits)} | {sum(a for a, _ in hits) / len(hits):.3f} "
            f"| {sum(b for _, b in hits) / len(hits):.3f} |"
        )


def _dev_documents() -> tuple[list[Document], dict[str, object]]:
    documents, truth = [], {}
    for line in (SHARED / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        body, published, precision = split_date_header(record["text"])
        if published is None and record.get("published"):
            # the dataset's own date stands in for feed or page metadata
            parts = [int(p) for p in record["published"].split("-")]
            published = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
            precision = ("year", "month", "day")[len(parts) - 1]
        documents.append(Document(record["doc_id"], body, published, precision, url=record.get("url")))
        truth[record["doc_id"]] = record["dup_group"] or record["doc_id"]
    return documents, truth


def story_table() -> None:
    documents, truth = _dev_documents()
    results = list(dedupe_documents(documents))
    stories = {r.doc_id: r.story for r in results}
    duplicates = {r.doc_id: r.duplicate_of or r.doc_id for r in results}
    print(f"\n## Stories: dup_group of ../shared/eval/dev.jsonl ({len(documents)} documents)\n")
    print("| clustering | pairwise precision | recall | F1 |")
    print("|---|---|---|---|")
    for name, predicted in (("story clusters", stories), ("near duplicates only", duplicates)):
        p, r, f = pairwise(truth, predicted)  # type: ignore[arg-type]
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} |")


def throughput_table(count: int) -> None:
    corpus = generated_corpus(11, count)[:count]
    items = [
        RawItem(n, "bench", d.doc_id, d.url, None, datetime(2024, 5, 1, tzinfo=UTC), d.text, "text/plain")
        for n, (d, _, _) in enumerate(corpus)
    ]
    size = sum(len(i.content.encode()) for i in items) / len(items)
    for item in items[:50]:  # warm-up: model loading and word caches are not per-article costs
        clean_item(item)
    timings: dict[str, float] = defaultdict(float)
    index = decide.SamenessIndex()
    for number, item in enumerate(items):
        t0 = time.perf_counter()
        article = clean_item(item)
        t1 = time.perf_counter()
        fp = fingerprint(article.body, article.content_hash, Period(date(2024, 5, 1), date(2024, 5, 1)))
        t2 = time.perf_counter()
        index.decide_and_add(number, fp)
        t3 = time.perf_counter()
        timings["clean"] += t1 - t0
        timings["fingerprint"] += t2 - t1
        timings["decide"] += t3 - t2
    total = sum(timings.values())
    print(f"\n## Throughput, one core: {len(items)} articles of {size / 1000:.1f} KB on average\n")
    print("| step | ms/article | articles/s |")
    print("|---|---|---|")
    for step, seconds in [*timings.items(), ("clean + dedupe", total)]:
        print(f"| {step} | {1000 * seconds / len(items):.2f} | {len(items) / seconds:.0f} |")


def _admin_url() -> str:
    return os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"


# Filler rows, generated in SQL. Their band hashes and story terms are random, so they are never
# candidates: what a large table costs a batch is its index size, not extra work per match.
FILL_SQL = """
INSERT INTO raw.sources (name, kind, location) VALUES ('filler', 'push', 'bench') ON CONFLICT DO NOTHING;
INSERT INTO raw.items (item_id, source_name, item_key, content_sha256, content, content_type, process_state,
                       processed_at)
SELECT i, 'filler', 'f' || i, encode(sha256(int8send(i)), 'hex'), 'filler', 'text/plain', 'done', now()
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i;
INSERT INTO core.articles (article_id, item_id, source_name, doc_id, body, content_hash, published_at,
                           published_precision, story_id)
SELECT i, i, 'filler', 'f' || i, 'filler', encode(sha256(int8send(i)), 'hex'),
       timestamptz '2021-01-01' + (i %% 1095) * interval '1 day', 'day', NULL
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i;
INSERT INTO core.article_signatures (article_id, signature_version, content_hash, body_minhash, lead_minhash,
                                     shingles, story_terms, first_day, last_day)
SELECT i, 0, encode(sha256(int8send(i)), 'hex'), %(signature)s, %(signature)s, 400,
       ARRAY[-8 * i, -8 * i - 1, -8 * i - 2, -8 * i - 3, -8 * i - 4, -8 * i - 5],
       date '2021-01-01' + (i %% 1095)::integer, date '2021-01-01' + (i %% 1095)::integer
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i;
INSERT INTO core.article_bands (band, hash, article_id)
SELECT b, ((random() - 0.5) * 1.8e19)::bigint, i
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i, unnest(%(bands)s::smallint[]) b;
INSERT INTO core.article_story_terms (term_hash, last_day, first_day, article_id)
SELECT -8 * i - t, date '2021-01-01' + (i %% 1095)::integer, date '2021-01-01' + (i %% 1095)::integer, i
FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i, generate_series(0, 5) t;
"""
FILLED_TABLES = (
    "raw.items",
    "core.articles",
    "core.article_signatures",
    "core.article_bands",
    "core.article_story_terms",
)


def _droppable_indexes(cur: psycopg2.extensions.cursor) -> list[tuple[str, str, str | None, str]]:
    """(table, index, constraint or None, definition) of the filled tables' indexes no foreign key needs."""
    cur.execute(
        """
        SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, c.conname,
               coalesce(pg_get_constraintdef(c.oid), pg_get_indexdef(i.indexrelid))
        FROM pg_index i
        LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype IN ('p', 'u')
        WHERE i.indrelid = ANY(%s::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint f
                          WHERE f.conindid = i.indexrelid AND f.contype NOT IN ('p', 'u'))
        ORDER BY 1, 2
        """,
        (list(FILLED_TABLES),),
    )
    return cur.fetchall()


def _fill(conn: psycopg2.extensions.connection, upto: int, have: int) -> None:
    """Add filler articles have+1..upto: indexes dropped, rows generated in SQL, indexes built, ANALYZE."""
    from psycopg2 import sql

    from summitwatch.dedupe.fingerprint import BODY_BANDS, LEAD_BANDS, LEAD_FIRST_BAND

    bands = [*range(BODY_BANDS), *range(LEAD_FIRST_BAND, LEAD_FIRST_BAND + LEAD_BANDS)]
    with conn.cursor() as cur:
        indexes = _droppable_indexes(cur)
        for table, index, constraint, _ in indexes:
            if constraint is None:
                cur.execute(sql.SQL("DROP INDEX {}").format(sql.SQL(index)))
            else:
                cur.execute(
                    sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                        sql.SQL(table), sql.Identifier(constraint)
                    )
                )
        # scratch database: filler rows skip foreign-key triggers, which would double the fill time
        cur.execute("SET session_replication_role = replica")
        signature = psycopg2.Binary(bytes(4 * NUM_PERM))
        step = 250_000
        for lo in range(have + 1, upto + 1, step):
            cur.execute(
                FILL_SQL, {"lo": lo, "hi": min(upto, lo + step - 1), "bands": bands, "signature": signature}
            )
        cur.execute("SET session_replication_role = DEFAULT")
        # the filler took the ids the sequences would hand out next
        cur.execute("SELECT setval(pg_get_serial_sequence('raw.items', 'item_id'), %s)", (upto + 1_000_000,))
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('core.articles', 'article_id'), %s)", (upto + 1_000_000,)
        )
        cur.execute("SET maintenance_work_mem = '1GB'")
        for table, _, constraint, definition in indexes:
            if constraint is None:
                cur.execute(definition)
            else:
                cur.execute(
                    sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                        sql.SQL(table), sql.Identifier(constraint), sql.SQL(definition)
                    )
                )
    conn.commit()
    _settle(conn)


def _settle(conn: psycopg2.extensions.connection) -> None:
    """VACUUM ANALYZE and CHECKPOINT: no autovacuum or dirty filler pages compete with the timed batches."""
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
        cur.execute("CHECKPOINT")
    conn.autocommit = False


def _insert_articles(
    cur: psycopg2.extensions.cursor, corpus: list[tuple[Document, int, str]], tag: str, published: datetime
) -> list[StoredArticle]:
    articles = []
    for document, _, _ in corpus:
        body = clean_body(document.text)
        digest = content_hash(body)
        cur.execute(
            """
            INSERT INTO raw.items (source_name, item_key, content_sha256, content, content_type)
            VALUES ('bench', %s, %s, %s, 'text/plain') RETURNING item_id
            """,
            (f"{tag}{document.doc_id}", digest, body),
        )
        item_id = cur.fetchone()[0]
        cur.execute(
            """
            INSERT INTO core.articles (item_id, source_name, doc_id, canonical_url, body, content_hash,
                                       published_at, published_precision)
            VALUES (%s, 'bench', %s, %s, %s, %s, %s, 'day') RETURNING article_id
            """,
            (item_id, f"{tag}{document.doc_id}", document.url, body, digest, published),
        )
        articles.append(StoredArticle(cur.fetchone()[0], body, digest, document.url, published, "day"))
    return articles


def _timed_batch(
    conn: psycopg2.extensions.connection,
    corpus: list[tuple[Document, int, str]],
    tag: str,
    published: datetime,
) -> float:
    """Seconds of dedupe_articles for ``corpus``, written as articles beforehand (not timed)."""
    with conn.cursor() as cur:
        cur.execute(
            "INSERT INTO raw.sources (name, kind, location) VALUES ('bench', 'push', 'b') "
            "ON CONFLICT DO NOTHING"
        )
        articles = _insert_articles(cur, corpus, tag, published)
        conn.commit()
        start = time.perf_counter()
        dedupe_articles(cur, articles)
        conn.commit()
    return time.perf_counter() - start


def _admin_execute(admin_url: str, statement: str) -> None:
    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(statement)
    conn.close()


WARM_UP_BATCHES = 1
TIMED_BATCHES = 5


def database_table(sizes: list[int]) -> None:
    """Batch time per stored-table size: the same warm-up and the same kind of batches at each size.

    Every batch is its own generated corpus (500 originals stored first, untimed, then the timed
    batch: 500 variants of them and 500 new originals), dated 10 days after the previous one, so no
    batch finds candidates among earlier batches' articles and each size sees the same work.
    """
    admin = _admin_url()
    name = f"summitwatch_bench_{uuid.uuid4().hex[:8]}"
    _admin_execute(admin, f'CREATE DATABASE "{name}"')
    url = urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))
    try:
        from summitwatch.db.migrations import migrate

        conn = psycopg2.connect(url)
        migrate(conn)
        conn.commit()
        print("\n## One batch of 1,000 new articles through dedupe_articles (PostgreSQL)\n")
        print(
            f"{WARM_UP_BATCHES} warm-up batch, then {TIMED_BATCHES} timed batches per size "
            "(each after 500 untimed originals it partly copies)\n"
        )
        print(
            "| filler articles | band rows | fill seconds | batch seconds, median | min | max | articles/s |"
        )
        print("|---|---|---|---|---|---|---|")
        have = 0
        batch_number = 0
        for size in sizes:
            t0 = time.perf_counter()
            _fill(conn, size, have)
            have = size
            fill = time.perf_counter() - t0
            with conn.cursor() as cur:
                cur.execute("SELECT count(*) FROM core.article_bands")
                band_rows = cur.fetchone()[0]
            timings = []
            for repetition in range(WARM_UP_BATCHES + TIMED_BATCHES):
                batch_number += 1
                corpus = generated_corpus(1000 + batch_number, 1400)
                originals = [c for c in corpus if c[2] == "original"]
                variants = [c for c in corpus if c[2] != "original" and int(c[1]) < 500]
                published = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=10 * batch_number)
                _timed_batch(conn, originals[:500], f"b{batch_number}s", published)
                seconds = _timed_batch(
                    conn, variants[:500] + originals[500:1000], f"b{batch_number}b", published
                )
                if repetition >= WARM_UP_BATCHES:
                    timings.append(seconds)
            median = statistics.median(timings)
            print(
                f"| {size:,} | {band_rows:,} | {fill:.0f} | {median:.2f} | {min(timings):.2f} "
                f"| {max(timings):.2f} | {1000 / median:.0f} |"
            )
        conn.close()
    finally:
        _admin_execute(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora and 100k instead of 1M rows")
    args = parser.parse_args()
    near_duplicate_table(600 if args.quick else 3000)
    story_table()
    throughput_table(500 if args.quick else 2000)
    database_table([10_000, 100_000] if args.quick else [10_000, 1_000_000])


if __name__ == "__main__":
    main()
