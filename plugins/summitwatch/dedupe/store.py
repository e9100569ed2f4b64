"""The sameness decisions for a batch of stored articles, with the index in PostgreSQL.

One batch costs a fixed number of queries, each an index lookup: band hashes
within the near-duplicate window (``core.article_bands``, partitioned by quarter
of the article's first day, btree on (band, hash, day) in each), content hashes, canonical URLs
and story terms within the time window (``core.article_story_terms``, btree on
(term, last day)). The stored candidates found, the profiles of their stories
(``core.stories``) and the document frequencies of the terms involved
(``core.story_term_documents``, by primary key) are loaded into an in-memory
``SamenessIndex`` and the batch is decided with the same code as the CLI, so
the cost of a batch depends on its candidates, not on how many articles are
stored. The batch's own counts are added to the frequencies afterwards.

Every sameness level is decided here and only here, exact duplicates included
(``decide.SamenessIndex``). The fingerprints (MinHash signatures, story terms)
depend on the article alone: the process stage computes them with ``sign``
beside cleaning and stores them with ``store_signatures`` after its article COPY,
both before its write turn, so that only the lookups, the decisions and their
writes run while the turn is held (``dedupe_articles``).
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import psycopg2.extensions
import psycopg2.extras

from summitwatch.dedupe.decide import NEAR_DUPLICATE_WINDOW_DAYS, Decision, SamenessIndex
from summitwatch.dedupe.fingerprint import Fingerprint, fingerprint
from summitwatch.dedupe.signatures import SIGNATURE_VERSION, signature_bytes, signature_from_bytes
from summitwatch.dedupe.stories import ALL_ARTICLES, STORY_WINDOW_DAYS, Period, StoryProfile
from summitwatch.events.model import Event

# A year-precision date spans a year: story terms are searched this far past the window.
_LONGEST_PERIOD_DAYS = 366


@dataclass(frozen=True)
class StoredArticle:
    """What the sameness step needs of an article that was just written."""

    article_id: int
    body: str
    content_hash: str
    canonical_url: str | None
    published_at: datetime | None
    published_precision: str | None
    # When it was first fetched: its time when it has no publication time.
    fetched_at: datetime | None = None
    events: tuple[Event, ...] = field(default_factory=tuple)
    # ``sign``'s fingerprint when it was computed beforehand; None: computed here.
    fingerprint: Fingerprint | None = None


@dataclass
class Signed:
    """What ``store_signatures`` read and stored of a batch's articles."""

    # Of the articles signed before: (signature version, content hash, exact duplicate of).
    before: dict[int, tuple[int, str, int | None]] = field(default_factory=dict)
    # The articles to decide (not yet signed for their current body), by id.
    prints: dict[int, Fingerprint] = field(default_factory=dict)

    def add(self, other: Signed) -> None:
        self.before.update(other.before)
        self.prints.update(other.prints)


@dataclass
class DedupeCounts:
    articles: int = 0
    # Of all the batch's articles, decided now or before (a rerun decides nothing again).
    exact_duplicates: int = 0
    revisions: int = 0
    near_duplicates: int = 0
    new_stories: int = 0


def _period(published_at: datetime | None, precision: str | None, fallback: date) -> Period:
    # An undated article appeared when it was first fetched: never "any time".
    if published_at is None:
        return Period(fallback, fallback)
    period = Period.of(published_at.astimezone(UTC).date(), precision)
    assert period is not None
    return period


def sign(
    body: str,
    content_hash: str,
    published_at: datetime | None,
    precision: str | None,
    events: tuple[Event, ...] = (),
) -> Fingerprint:
    """An article's fingerprint, before it is stored: pure Python, no database.

    An undated article's period is taken as today; ``dedupe_articles`` corrects it to
    the day it was first fetched when that differs (a reprocessed article).
    """
    today = datetime.now(UTC).date()
    return fingerprint(body, content_hash, _period(published_at, precision, today), events)


def _fingerprint(article: StoredArticle, today: date) -> Fingerprint:
    fallback = article.fetched_at.date() if article.fetched_at else today
    period = _period(article.published_at, article.published_precision, fallback)
    signed = article.fingerprint
    if signed is None:
        return fingerprint(article.body, article.content_hash, period, article.events)
    return signed if signed.period == period else dataclasses.replace(signed, period=period)


def _signed(
    cur: psycopg2.extensions.cursor, articles: Sequence[StoredArticle]
) -> dict[int, tuple[int, str, int | None]]:
    """(signature version, content hash, exact duplicate of) of the articles already signed."""
    cur.execute(
        """
        SELECT s.article_id, s.signature_version, s.content_hash, a.exact_duplicate_of
        FROM core.article_signatures s JOIN core.articles a USING (article_id)
        WHERE s.article_id = ANY(%s)
        """,
        ([a.article_id for a in articles],),
    )
    return {article_id: (version, digest, exact) for article_id, version, digest, exact in cur.fetchall()}


# The constant day bounds prune the band partitions to the batch's window when the query is
# planned; each band hash is then looked up within its own article's window.
BAND_LOOKUP = """
    SELECT b.article_id, b.band, b.hash
    FROM unnest(%(band)s::smallint[], %(hash)s::bigint[], %(band_lo)s::date[], %(band_hi)s::date[])
         AS q(band, hash, lo, hi)
    JOIN core.article_bands b ON b.band = q.band AND b.hash = q.hash AND b.day >= q.lo AND b.day <= q.hi
    WHERE b.article_id < %(first)s AND b.day >= %(all_lo)s AND b.day <= %(all_hi)s
"""


def _load_candidates(
    cur: psycopg2.extensions.cursor, prints: dict[int, Fingerprint], index: SamenessIndex
) -> None:
    first_new = min(prints)
    near = timedelta(days=NEAR_DUPLICATE_WINDOW_DAYS)
    # (band, hash, first day, last day): where an earlier article with that band hash may lie
    bands = sorted(
        {
            (band, value, fp.period.first - near, fp.period.last + near)
            for fp in prints.values()
            for band, value in fp.bands
        }
    )
    hashes = sorted({fp.content_hash for fp in prints.values()})
    window = timedelta(days=STORY_WINDOW_DAYS)
    windows = sorted(
        {
            (
                term,
                fp.period.first - window,
                fp.period.last + window,
            )
            for fp in prints.values()
            for term in fp.terms
        }
    )
    params = {
        "band": [b for b, _, _, _ in bands],
        "hash": [h for _, h, _, _ in bands],
        "band_lo": [lo for _, _, lo, _ in bands],
        "band_hi": [hi for _, _, _, hi in bands],
        "all_lo": min(lo for _, _, lo, _ in bands),
        "all_hi": max(hi for _, _, _, hi in bands),
        "content": hashes,
        "term": [t for t, _, _ in windows],
        "lo": [lo for _, lo, _ in windows],
        "hi": [hi for _, _, hi in windows],
        "longest": _LONGEST_PERIOD_DAYS,
        "first": first_new,
    }
    cur.execute(BAND_LOOKUP, params)
    matched_bands: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
    for article_id, band, value in cur.fetchall():
        matched_bands[article_id].append((band, value))
    cur.execute(
        """
        SELECT a.article_id FROM core.articles a
        WHERE a.content_hash = ANY(%(content)s) AND a.article_id < %(first)s
        UNION
        SELECT t.article_id FROM unnest(%(term)s::bigint[], %(lo)s::date[], %(hi)s::date[]) AS w(term, lo, hi)
        JOIN core.article_story_terms t
          ON t.term_hash = w.term AND t.last_day >= w.lo AND t.last_day <= w.hi + %(longest)s
             AND t.first_day <= w.hi
        WHERE t.article_id < %(first)s
        """,
        params,
    )
    ids = sorted(set(matched_bands) | {row[0] for row in cur.fetchall()})
    if ids:
        _load_articles(cur, ids, matched_bands, index)
    _load_stories(cur, sorted({d.story for d in index.decisions.values()}), index)
    _load_rarity(cur, {t for fp in prints.values() for t in fp.profile}, index)


def _load_articles(
    cur: psycopg2.extensions.cursor,
    ids: list[int],
    matched_bands: dict[int, list[tuple[int, int]]],
    index: SamenessIndex,
) -> None:
    cur.execute(
        """
        SELECT a.article_id, a.exact_duplicate_of, a.near_duplicate_of, a.story_id,
               s.content_hash, s.body_minhash, s.lead_minhash, s.shingles, s.story_terms,
               s.first_day, s.last_day
        FROM core.articles a JOIN core.article_signatures s USING (article_id)
        WHERE a.article_id = ANY(%s) AND s.signature_version = %s AND a.story_id IS NOT NULL
        ORDER BY a.article_id
        """,
        (ids, SIGNATURE_VERSION),
    )
    for row in cur.fetchall():
        article_id, exact, near, story, content_hash, body, lead, shingles, terms, first_day, last_day = row
        stored = Fingerprint(
            content_hash=content_hash,
            body=signature_from_bytes(bytes(body)),
            lead=signature_from_bytes(bytes(lead)),
            shingles=shingles,
            lead_is_whole=False,
            bands=tuple(matched_bands.get(article_id, ())),  # only the bands the new batch shares
            terms=frozenset(terms),
            period=Period(first_day, last_day),
        )
        index.add(stored, Decision(article_id, exact, near, story))


def _load_stories(cur: psycopg2.extensions.cursor, story_ids: list[int], index: SamenessIndex) -> None:
    """The profiles of the candidates' stories (a story without one, from before 0061, admits nobody)."""
    if not story_ids:
        return
    cur.execute(
        """
        SELECT story_id, first_day, last_day, profile_terms, profile_counts FROM core.stories
        WHERE story_id = ANY(%s) AND first_day IS NOT NULL
        """,
        (story_ids,),
    )
    for story_id, first_day, last_day, terms, counts in cur.fetchall():
        index.stories[story_id] = StoryProfile(first_day, last_day, dict(zip(terms, counts, strict=True)))


def _load_rarity(cur: psycopg2.extensions.cursor, terms: set[int], index: SamenessIndex) -> None:
    """Document frequencies of the batch's terms and of the loaded profiles' terms, and the corpus size."""
    wanted = terms | {t for profile in index.stories.values() for t in profile.terms} | {ALL_ARTICLES}
    cur.execute(
        "SELECT term_hash, articles FROM core.story_term_documents WHERE term_hash = ANY(%s)",
        (sorted(wanted),),
    )
    for term, articles in cur.fetchall():
        if term == ALL_ARTICLES:
            index.rarity.articles = articles
        else:
            index.rarity.documents[term] = articles


def _insert_bands(cur: psycopg2.extensions.cursor, band_rows: list[tuple[int, int, date, int]]) -> None:
    """(band, hash, first day, article id) rows in one statement, sorted so the index is written in
    key order; each lands in the partition of its day."""
    band_rows = sorted(band_rows)
    cur.execute(
        """
        INSERT INTO core.article_bands (band, hash, day, article_id)
        SELECT * FROM unnest(%s::smallint[], %s::bigint[], %s::date[], %s::bigint[])
        """,
        tuple([r[i] for r in band_rows] for i in range(4)),
    )


def _write_signatures(
    cur: psycopg2.extensions.cursor, prints: dict[int, Fingerprint], signed_before: set[int]
) -> None:
    """Store the articles' signatures, bands and story terms: one statement per table.

    Rows are bound as arrays and unnested in SQL, so the cost is a few round trips per batch,
    not several per article, and the band rows reach the index sorted by (band, hash).
    """
    ids = sorted(prints)
    decided = [(i, prints[i]) for i in ids]
    periods = [fp.period for _, fp in decided]
    cur.execute(
        """
        INSERT INTO core.article_signatures (article_id, signature_version, content_hash, body_minhash,
                                             lead_minhash, shingles, story_terms, first_day, last_day)
        SELECT article_id, %(version)s, content_hash, body_minhash, lead_minhash, shingles,
               story_terms::bigint[], first_day, last_day
        FROM unnest(%(id)s::bigint[], %(hash)s::text[], %(body)s::bytea[], %(lead)s::bytea[],
                    %(shingles)s::integer[], %(terms)s::text[], %(first)s::date[], %(last)s::date[])
             AS s(article_id, content_hash, body_minhash, lead_minhash, shingles, story_terms,
                  first_day, last_day)
        ON CONFLICT (article_id) DO UPDATE SET
            signature_version = EXCLUDED.signature_version, content_hash = EXCLUDED.content_hash,
            body_minhash = EXCLUDED.body_minhash, lead_minhash = EXCLUDED.lead_minhash,
            shingles = EXCLUDED.shingles, story_terms = EXCLUDED.story_terms,
            first_day = EXCLUDED.first_day, last_day = EXCLUDED.last_day
        """,
        {
            "version": SIGNATURE_VERSION,
            "id": ids,
            "hash": [fp.content_hash for _, fp in decided],
            "body": [psycopg2.Binary(signature_bytes(fp.body)) for _, fp in decided],
            "lead": [psycopg2.Binary(signature_bytes(fp.lead)) for _, fp in decided],
            "shingles": [fp.shingles for _, fp in decided],
            # a ragged list of lists is no SQL array: each article's terms travel as one text value
            "terms": ["{" + ",".join(str(t) for t in sorted(fp.terms)) + "}" for _, fp in decided],
            "first": [p.first for p in periods],
            "last": [p.last for p in periods],
        },
    )
    # Only an article signed before (another body or signature version) has rows to replace.
    replaced = sorted(signed_before & set(ids))
    if replaced:
        cur.execute("DELETE FROM core.article_bands WHERE article_id = ANY(%s)", (replaced,))
        cur.execute("DELETE FROM core.article_story_terms WHERE article_id = ANY(%s)", (replaced,))
    _insert_bands(
        cur,
        [(band, value, fp.period.first, i) for i, fp in decided for band, value in fp.bands],
    )
    term_rows = sorted((term, fp.period.last, fp.period.first, i) for i, fp in decided for term in fp.terms)
    if term_rows:
        cur.execute(
            """
            INSERT INTO core.article_story_terms (term_hash, last_day, first_day, article_id)
            SELECT * FROM unnest(%s::bigint[], %s::date[], %s::date[], %s::bigint[])
            """,
            tuple([r[i] for r in term_rows] for i in range(4)),
        )


def _write_decisions(
    cur: psycopg2.extensions.cursor,
    decided: Sequence[tuple[StoredArticle, Fingerprint, Decision]],
    signed_before: set[int],
) -> int:
    """Store the decisions, new stories and term counts; return how many articles are revisions."""
    ids = [a.article_id for a, _, _ in decided]
    founders = [a.article_id for a, _, d in decided if d.story == a.article_id]
    if founders:
        cur.execute(
            """
            INSERT INTO core.stories (story_id, articles, independent_reports)
            SELECT unnest(%s::bigint[]), 1, 1
            ON CONFLICT (story_id) DO NOTHING
            """,
            (founders,),
        )
    _count_terms(cur, [fp for a, fp, _ in decided if a.article_id not in signed_before])
    cur.execute(
        """
        UPDATE core.articles a SET
            exact_duplicate_of = d.exact, near_duplicate_of = d.near, story_id = d.story,
            revision_of = (SELECT min(r.article_id) FROM core.articles r
                           WHERE r.canonical_url = a.canonical_url AND r.article_id < a.article_id)
        FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[], %s::bigint[])
             AS d(article_id, exact, near, story)
        WHERE a.article_id = d.article_id
        RETURNING a.revision_of IS NOT NULL
        """,
        (
            ids,
            [d.exact_duplicate_of for _, _, d in decided],
            [d.near_duplicate_of for _, _, d in decided],
            [d.story for _, _, d in decided],
        ),
    )
    return sum(is_revision for (is_revision,) in cur.fetchall())


def _count_terms(cur: psycopg2.extensions.cursor, prints: list[Fingerprint]) -> None:
    """Add articles signed for the first time to the document frequencies (one upsert, in key order)."""
    if not prints:
        return
    counts: Counter[int] = Counter(t for fp in prints for t in fp.profile)
    counts[ALL_ARTICLES] = len(prints)
    terms = sorted(counts)
    cur.execute(
        """
        INSERT INTO core.story_term_documents AS d (term_hash, articles)
        SELECT * FROM unnest(%s::bigint[], %s::integer[])
        ON CONFLICT (term_hash) DO UPDATE SET articles = d.articles + EXCLUDED.articles
        """,
        (terms, [counts[t] for t in terms]),
    )


def _store_profiles(cur: psycopg2.extensions.cursor, index: SamenessIndex, story_ids: list[int]) -> None:
    """Write the span and profile of each story the batch touched, as the index has them now."""
    profiles = [(story_id, index.stories[story_id]) for story_id in story_ids if story_id in index.stories]
    if not profiles:
        return
    ordered = [sorted(p.terms.items()) for _, p in profiles]
    cur.execute(
        """
        UPDATE core.stories s SET
            first_day = u.first_day, last_day = u.last_day,
            profile_terms = u.terms::bigint[], profile_counts = u.counts::real[]
        FROM unnest(%s::bigint[], %s::date[], %s::date[], %s::text[], %s::text[])
             AS u(story_id, first_day, last_day, terms, counts)
        WHERE s.story_id = u.story_id
          AND (s.first_day, s.last_day, s.profile_terms, s.profile_counts)
              IS DISTINCT FROM (u.first_day, u.last_day, u.terms::bigint[], u.counts::real[])
        """,
        (
            [story_id for story_id, _ in profiles],
            [p.first for _, p in profiles],
            [p.last for _, p in profiles],
            # ragged lists of lists are no SQL array: each story's profile travels as text values
            ["{" + ",".join(str(t) for t, _ in terms) + "}" for terms in ordered],
            ["{" + ",".join(f"{c:.6g}" for _, c in terms) + "}" for terms in ordered],
        ),
    )


def _refresh_stories(cur: psycopg2.extensions.cursor, story_ids: list[int]) -> None:
    cur.execute(
        """
        UPDATE core.stories s SET
            articles = agg.articles, independent_reports = agg.independent,
            first_published_at = agg.first_at, last_published_at = agg.last_at, updated_at = now()
        FROM (SELECT story_id, count(*) AS articles,
                     count(*) FILTER (WHERE near_duplicate_of IS NULL) AS independent,
                     min(published_at) AS first_at, max(published_at) AS last_at
              FROM core.articles WHERE story_id = ANY(%s) GROUP BY story_id) agg
        WHERE s.story_id = agg.story_id
          AND (s.articles, s.independent_reports, s.first_published_at, s.last_published_at)
              IS DISTINCT FROM (agg.articles, agg.independent, agg.first_at, agg.last_at)
        """,
        (story_ids,),
    )


def store_signatures(cur: psycopg2.extensions.cursor, articles: Sequence[StoredArticle]) -> Signed:
    """Store the signatures, bands and story terms of articles just written; no decision yet.

    These rows belong to the articles alone, so the process stage stores them before its write
    turn, side by side with other workers: no other batch reads them before this one commits
    (commits come in turn order), and the decisions in the turn look up only earlier ids.
    Pass the result to ``dedupe_articles``.
    """
    before = _signed(cur, articles) if articles else {}
    # Signed for the current body and scheme: a re-run of the same data decides nothing again.
    todo = [a for a in articles if before.get(a.article_id, ())[:2] != (SIGNATURE_VERSION, a.content_hash)]
    today = datetime.now(UTC).date()
    prints = {a.article_id: _fingerprint(a, today) for a in todo}
    if prints:
        _write_signatures(cur, prints, set(before))
    return Signed(before, prints)


def dedupe_articles(
    cur: psycopg2.extensions.cursor, articles: Sequence[StoredArticle], signed: Signed | None = None
) -> DedupeCounts:
    """Decide and store the sameness of articles just written in this transaction.

    ``signed`` is what ``store_signatures`` stored of them beforehand; None: stored here.
    """
    counts = DedupeCounts()
    if signed is None:
        signed = store_signatures(cur, articles)
    todo = sorted((a for a in articles if a.article_id in signed.prints), key=lambda a: a.article_id)
    decided_before = {a.article_id for a in articles} - set(signed.prints)
    counts.exact_duplicates = sum(signed.before[i][2] is not None for i in decided_before)
    if not todo:
        return counts
    prints = signed.prints
    index = SamenessIndex()
    _load_candidates(cur, prints, index)
    decided = []
    for article in todo:
        decision = index.decide_and_add(article.article_id, prints[article.article_id])
        decided.append((article, prints[article.article_id], decision))
        counts.articles += 1
        counts.exact_duplicates += decision.exact_duplicate_of is not None
        counts.near_duplicates += decision.near_duplicate_of is not None
        counts.new_stories += decision.story == article.article_id
    counts.revisions = _write_decisions(cur, decided, set(signed.before))
    touched = sorted({decision.story for _, _, decision in decided})
    _store_profiles(cur, index, touched)
    _refresh_stories(cur, touched)
    return counts
