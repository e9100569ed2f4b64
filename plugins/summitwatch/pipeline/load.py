"""The load stage: writing one processed batch into PostgreSQL.

``pipeline.process`` calls it where the README's "Data flow of one batch" says:
``write_articles`` (the ``ARTICLES`` upsert, side by side with other workers: the
batch's article ids came with its write turn), then inside the turn
``write_events`` (``decide_events``, ``store_mentions`` into ``MENTIONS``,
``refresh_events``), and last ``mark_items`` (each raw item's state). The sameness
tables are dedupe's own index (``dedupe.store``).

Canonical events are the parts of the connected groups of ``merge.same_gathering``
over all stored mentions (``merge.split_group``: no event holds two places, or two
gatherings one article tells apart): every group a batch's mentions touch, or that
lost a mention, is read whole and cut again, stored mentions whose part changed move,
and a part with no event left founds one. Canonical fields are recomputed from all
mentions (``merge.canonical_fields``), so loading the same articles again, in another
order, in other batches or with two workers gives the same events. The write turn
serialises these decisions: two workers must not both found the same new event.

Rows are built by field name: each target's row is a ``NamedTuple`` whose fields
are the target's column list (``ArticleRow._fields`` is ``ARTICLES.columns``), so a
row cannot drift out of step with its columns, and it is still the plain tuple the
generic upsert engine (``db.upsert``) and the COPY encoder (``db.copy_text``) read
by position on the hot path: no dict lookups per value, no conversion before COPY.
(Dicts keyed by column would need both; dataclasses a conversion per row.)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, NamedTuple

import psycopg2.extensions
from psycopg2.extras import execute_values

from summitwatch.clean.article import Article, RawItem
from summitwatch.db.upsert import (
    PreparedRows,
    UpsertResult,
    UpsertTarget,
    prepare_rows,
    upsert_prepared,
    upsert_rows,
)
from summitwatch.dedupe.fingerprint import Fingerprint
from summitwatch.dedupe.store import StoredArticle
from summitwatch.events import EXTRACTOR_VERSION
from summitwatch.events.merge import (
    REACH_DAYS,
    GroupMember,
    MentionSummary,
    Report,
    canonical_fields,
    one_report_each,
    same_gathering,
    split_group,
    when_span,
)
from summitwatch.events.model import Event

# --- The targets, one row type each ---------------------------------------------------


class ArticleRow(NamedTuple):
    """One ``core.articles`` row as ``ARTICLES`` loads it."""

    # Handed out with the batch's write turn (``pipeline.write_turns``): used when the item
    # is new, never rewritten when the item already has its article.
    article_id: int | None
    item_id: int
    source_name: str
    doc_id: str
    canonical_url: str | None
    title: str | None
    body: str
    language: str | None
    published_at: datetime | None
    published_precision: str | None
    content_hash: str


ARTICLES = UpsertTarget(
    table="core.articles",
    columns=ArticleRow._fields,
    key=("item_id",),
    update=ArticleRow._fields[2:],
    touch="updated_at",
    returning=("article_id",),
    exact_text=("title", "body"),
)


class MentionRow(NamedTuple):
    """One ``events.mentions`` row as ``MENTIONS`` loads it."""

    article_id: int
    event_id: int
    extractor_version: str
    kind: str
    status: str
    participants: list[str]
    organizations: list[str]
    location: str | None
    country: str | None
    event_date: str | None
    evidence: str
    confidence: float


MENTIONS = UpsertTarget(
    table="events.mentions",
    columns=MentionRow._fields,
    key=("article_id", "event_id", "extractor_version"),
    returning=("mention_id",),
)

# Nothing reads mention ids back while loading: skip the lookup of them.
_MENTIONS = dataclasses.replace(MENTIONS, returning=())


# --- A batch and what writing it gave ---------------------------------------------------


@dataclass(frozen=True)
class ReadItem:
    """An item cleaned and read in Python (``process``), ready to be written."""

    article: Article
    events: tuple[Event, ...]
    # Its MinHash signatures and story terms, computed beside cleaning, before the write turn.
    fingerprint: Fingerprint | None = None
    # Handed out with the batch's write turn (None until then); a reprocessed item's
    # article keeps the id it has.
    article_id: int | None = None


@dataclass
class ArticlesWritten:
    """The batch's articles as ``write_articles`` stored them."""

    loaded: UpsertResult
    # The items whose article is stored, with its id, and the articles as the sameness step needs them.
    kept: list[tuple[ReadItem, int]] = field(default_factory=list)
    stored: list[StoredArticle] = field(default_factory=list)
    # Article id -> publication time, else when the article was first fetched.
    reported_at: dict[int, datetime] = field(default_factory=dict)
    failures: dict[int, str] = field(default_factory=dict)  # item id -> reason


@dataclass
class Written:
    stored: list[StoredArticle] = field(default_factory=list)
    failures: dict[int, str] = field(default_factory=dict)  # item id -> reason
    mentions: int = 0
    event_ids: set[int] = field(default_factory=set)

    def add(self, other: Written) -> None:
        self.stored.extend(other.stored)
        self.failures.update(other.failures)
        self.mentions += other.mentions
        self.event_ids |= other.event_ids


# --- 1. Articles: side by side with other workers -----------------------------------------


def article_row(article_id: int | None, article: Article) -> ArticleRow:
    return ArticleRow(
        article_id=article_id,
        item_id=article.item_id,
        source_name=article.source_name,
        doc_id=article.doc_id,
        canonical_url=article.canonical_url,
        title=article.title,
        body=article.body,
        language=article.language,
        published_at=article.published_at,
        published_precision=article.published_precision,
        content_hash=article.content_hash,
    )


def article_rows(batch: Sequence[ReadItem]) -> PreparedRows:
    """The batch's articles keyed and encoded as COPY data: pure Python, no database."""
    return prepare_rows(ARTICLES, [article_row(r.article_id, r.article) for r in batch])


def write_articles(
    cur: psycopg2.extensions.cursor, batch: Sequence[ReadItem], rows: PreparedRows | None = None
) -> ArticlesWritten:
    """Upsert the batch's articles; a row the database cannot store fails its item alone.

    ``rows`` is ``article_rows(batch)`` when the caller encoded them already.
    """
    loaded = upsert_prepared(cur, article_rows(batch) if rows is None else rows)
    failures = {batch[r.index].article.item_id: f"refused: {r.reason}" for r in loaded.rejected}
    written = ArticlesWritten(loaded, failures=failures)
    written.kept = [
        (r, int(loaded.returned[(r.article.item_id,)][0]))
        for r in batch
        if (r.article.item_id,) in loaded.returned
    ]
    if not written.kept:
        return written
    cur.execute(
        "SELECT article_id, coalesce(published_at, created_at) FROM core.articles WHERE article_id = ANY(%s)",
        ([article_id for _, article_id in written.kept],),
    )
    written.reported_at = reported_at = dict(cur.fetchall())
    written.stored = [
        StoredArticle(
            article_id,
            r.article.body,
            r.article.content_hash,
            r.article.canonical_url,
            r.article.published_at,
            r.article.published_precision,
            fetched_at=reported_at[article_id],
            events=r.events,
            fingerprint=r.fingerprint,
        )
        for r, article_id in written.kept
    ]
    return written


# --- 2. Events and mentions: inside the write turn ------------------------------------------


def mention_row(article_id: int, event_id: int, event: Event, extractor_version: str) -> MentionRow:
    """One events.mentions row."""
    return MentionRow(
        article_id=article_id,
        event_id=event_id,
        extractor_version=extractor_version,
        kind=event.kind,
        status=event.status,
        participants=list(event.participants),
        organizations=list(event.organizations),
        location=event.location,
        country=event.country,
        event_date=event.date,
        evidence=event.evidence,
        confidence=event.confidence,
    )


def write_events(cur: psycopg2.extensions.cursor, articles: ArticlesWritten) -> Written:
    """The mentions and canonical events of the written articles; call it in the write turn.

    Everything here compares the batch with what earlier batches stored.
    """
    written = Written(failures=dict(articles.failures))
    loaded, kept = articles.loaded, articles.kept
    if not kept:
        return written
    article_ids = [article_id for _, article_id in kept]
    reported_at = articles.reported_at
    new_mentions = [
        NewMention(article_id, position, r.events[position], reported_at[article_id], r.article.content_hash)
        for r, article_id in kept
        for position in _one_report_each(r.events, reported_at[article_id])
    ]
    event_ids, touched_events = decide_events(cur, new_mentions, EXTRACTOR_VERSION)
    # Distinct gatherings of one article (``one_report_each``) never share an event
    # (``split_group``): one row each.
    mentions = [
        mention_row(mention.article_id, event_id, mention.event, EXTRACTOR_VERSION)
        for mention, event_id in zip(new_mentions, event_ids, strict=True)
    ]
    new_ids = {int(loaded.returned[key][0]) for key in loaded.inserted_keys}
    touched = store_mentions(cur, article_ids, mentions, EXTRACTOR_VERSION, new_article_ids=new_ids)
    refresh_events(cur, sorted(touched | touched_events))
    written.mentions = len(mentions)
    written.event_ids = {m.event_id for m in mentions}
    written.stored = articles.stored
    return written


def _one_report_each(events: Sequence[Event], reported_at: datetime) -> list[int]:
    """The positions of an article's events that are stored: one mention per gathering."""
    summaries = [MentionSummary.from_event(e, reported_at.date()) for e in events]
    return one_report_each(summaries, [e.confidence for e in events])


@dataclass(frozen=True)
class NewMention:
    """One event an article of the batch reports, with the time it was reported."""

    article_id: int
    position: int  # among the article's events, as the extractor found them
    event: Event
    reported_at: datetime  # publication time, else when the article was first fetched
    article_hash: str = ""  # the article's content hash: part of the order ``split_group`` reads in


@dataclass(frozen=True)
class StoredMention:
    """A stored mention as the decisions read it."""

    mention_id: int
    article_id: int
    event_id: int
    summary: MentionSummary
    reported_at: datetime
    evidence: str
    article_hash: str


_STORED_MENTION = """
    SELECT m.mention_id, m.article_id, m.event_id, m.kind, m.status, m.participants, m.organizations,
           m.location, m.country, m.event_date, coalesce(a.published_at, a.created_at), m.evidence,
           a.content_hash
    FROM events.mentions m JOIN core.articles a USING (article_id)
"""


def _stored(rows: Sequence[tuple[Any, ...]]) -> list[StoredMention]:
    return [
        StoredMention(
            mention_id=int(r[0]),
            article_id=int(r[1]),
            event_id=int(r[2]),
            summary=MentionSummary(
                kind=r[3],
                status=r[4],
                participants=frozenset(r[5]),
                organizations=frozenset(r[6]),
                location=r[7],
                country=r[8],
                date=r[9],
                published=r[10].date(),
            ),
            reported_at=r[10],
            evidence=r[11],
            article_hash=r[12],
        )
        for r in rows
    ]


def _summary(m: NewMention) -> MentionSummary:
    return MentionSummary.from_event(m.event, m.reported_at.date())


def _names(m: MentionSummary) -> Iterator[tuple[str, str]]:
    """What a mention is blocked on: its groups, else its people (``same_gathering`` needs one shared)."""
    if m.organizations:
        yield from (("group", o) for o in m.organizations)
    else:
        yield from (("person", p) for p in m.participants)


def _by_name(summaries: Sequence[MentionSummary]) -> dict[tuple[str, str], list[int]]:
    index: dict[tuple[str, str], list[int]] = {}
    for k, m in enumerate(summaries):
        for name in _names(m):
            index.setdefault(name, []).append(k)
    return index


def _sharing_pairs(summaries: Sequence[MentionSummary]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of mentions that share a group or a person: the only ones that can match."""
    return sorted({(i, j) for ks in _by_name(summaries).values() for i in ks for j in ks if i < j})


def _matching_events(summaries: Sequence[MentionSummary], candidates: Sequence[StoredMention]) -> set[int]:
    """The events of ``candidates`` that one of ``summaries`` is the same gathering as."""
    by_name = _by_name(summaries)
    return {
        c.event_id
        for c in candidates
        if any(
            same_gathering(summaries[k], c.summary)
            for k in sorted({k for name in _names(c.summary) for k in by_name.get(name, ())})
        )
    }


def _unchanged(
    cur: psycopg2.extensions.cursor, mentions: Sequence[NewMention], extractor_version: str
) -> tuple[dict[int, tuple[int, int]], set[int], set[int]]:
    """What the batch's articles said before: unchanged mentions stay stored as they are.

    Returns (position in ``mentions`` -> (mention id, event id) of its unchanged stored row,
    mention ids of the stored rows that are not kept as they are, and the events those rows are in).
    """
    cur.execute(
        """
        SELECT mention_id, article_id, event_id, extractor_version, kind, status, participants,
               organizations, location, country, event_date, evidence, confidence
        FROM events.mentions WHERE article_id = ANY(%s) ORDER BY mention_id
        """,
        (sorted({m.article_id for m in mentions}),),
    )
    before: dict[tuple[Any, ...], list[tuple[int, int]]] = {}
    for row in cur.fetchall():
        content = (*row[1:2], *row[3:6], tuple(row[6]), tuple(row[7]), *row[8:12], _as_stored(row[12]))
        before.setdefault(content, []).append((int(row[0]), int(row[2])))
    kept: dict[int, tuple[int, int]] = {}
    for position, m in enumerate(mentions):
        e = m.event
        content = (
            m.article_id,
            extractor_version,
            e.kind,
            e.status,
            tuple(e.participants),
            tuple(e.organizations),
            e.location,
            e.country,
            e.date,
            e.evidence,
            _as_stored(e.confidence),
        )
        if before.get(content):
            kept[position] = before[content].pop(0)
    leaving = {(mention_id, event_id) for rows in before.values() for mention_id, event_id in rows}
    return kept, {mention_id for mention_id, _ in leaving}, {event_id for _, event_id in leaving}


def _as_stored(confidence: float) -> float:
    """A confidence as comparable with one read back from a PostgreSQL real (6 significant digits)."""
    return round(float(confidence), 5)


def _candidates(
    cur: psycopg2.extensions.cursor, summaries: Sequence[MentionSummary], loaded: Collection[int]
) -> list[StoredMention]:
    """Stored mentions that may be the same gathering as one of ``summaries``: one index lookup.

    Only mentions sharing a group or a person, whose time (date, else their article's
    month) comes within ``REACH_DAYS`` of theirs, and not among the ``loaded`` mention ids:
    older reports of the same people cannot match and are not read.
    """
    spans = [span for m in summaries if (span := when_span(m)) is not None]
    if not spans:
        return []
    orgs = sorted({o for m in summaries for o in m.organizations})
    people = sorted({p for m in summaries if not m.organizations for p in m.participants})
    reach = timedelta(days=REACH_DAYS)
    cur.execute(
        _STORED_MENTION
        + """
        CROSS JOIN LATERAL (SELECT coalesce(m.event_date, to_char(coalesce(a.published_at, a.created_at)
                                                                  AT TIME ZONE 'UTC', 'YYYY-MM')) AS value) w
        WHERE (m.organizations && %(orgs)s::text[]
               OR (m.participants && %(people)s::text[] AND cardinality(m.organizations) = 0))
          AND m.mention_id <> ALL(%(loaded)s::bigint[])
          AND to_date(rpad(w.value, 10, '-01-01'), 'YYYY-MM-DD') <= %(hi)s
          AND to_date(rpad(w.value, 10, '-01-01'), 'YYYY-MM-DD')
              + CASE length(w.value) WHEN 10 THEN 0 WHEN 7 THEN 31 ELSE 366 END >= %(lo)s
        ORDER BY m.mention_id
        """,
        {
            "orgs": orgs,
            "people": people,
            "loaded": sorted(loaded),
            "lo": min(lo for lo, _ in spans) - reach,
            "hi": max(hi for _, hi in spans) + reach,
        },
    )
    return _stored(cur.fetchall())


def _groups_of(cur: psycopg2.extensions.cursor, event_ids: Collection[int]) -> list[StoredMention]:
    """Every stored mention of the connected groups the events ``event_ids`` belong to.

    The events of one group are the parts ``split_group`` cut it into: they are found
    again through the mentions that link them (one candidate lookup per round, usually one).
    """
    loaded: dict[int, StoredMention] = {}
    events, frontier = set(event_ids), set(event_ids)
    while frontier:
        cur.execute(
            _STORED_MENTION + " WHERE m.event_id = ANY(%s) ORDER BY m.mention_id", (sorted(frontier),)
        )
        rows = [r for r in _stored(cur.fetchall()) if r.mention_id not in loaded]
        loaded.update((r.mention_id, r) for r in rows)
        summaries = [r.summary for r in rows]
        frontier = _matching_events(summaries, _candidates(cur, summaries, loaded)) - events
        events |= frontier
    return sorted(loaded.values(), key=lambda r: r.mention_id)


def _new_event(cur: psycopg2.extensions.cursor, key: str, fields: MentionSummary, at: datetime) -> int:
    """Insert a canonical event named ``key`` (another name if taken); refresh_events fills it in."""
    for attempt in range(1, 1000):
        cur.execute(
            """
            INSERT INTO events.events (event_key, kind, status, participants, organizations, location,
                                       country, event_date, confidence, first_reported_at, last_reported_at)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 0, %s, %s)
            ON CONFLICT (event_key) DO NOTHING
            RETURNING event_id
            """,
            (
                key if attempt == 1 else f"{key}/{attempt}",
                fields.kind,
                fields.status,
                sorted(fields.participants),
                sorted(fields.organizations),
                fields.location,
                fields.country,
                fields.date,
                at,
                at,
            ),
        )
        row = cur.fetchone()
        if row is not None:
            return int(row[0])
    raise RuntimeError(f"no free event key after {key!r}")


def _move_mentions(cur: psycopg2.extensions.cursor, moves: dict[int, int]) -> None:
    """Move stored mentions (mention id -> event id) as they are, ids and all.

    Taken out and written back in two statements, not updated in place: two mentions of one
    article may trade events, and the unique key (article, event, version) is checked row by row.
    """
    if not moves:
        return
    columns = (
        "mention_id, article_id, extractor_version, kind, status, participants, organizations, "
        "location, country, event_date, evidence, confidence, created_at"
    )
    cur.execute(
        f"DELETE FROM events.mentions WHERE mention_id = ANY(%s) RETURNING {columns}", (sorted(moves),)
    )
    rows = [(*row, moves[int(row[0])]) for row in sorted(cur.fetchall())]
    execute_values(cur, f"INSERT INTO events.mentions ({columns}, event_id) VALUES %s", rows)


def decide_events(
    cur: psycopg2.extensions.cursor, mentions: Sequence[NewMention], extractor_version: str
) -> tuple[list[int], set[int]]:
    """The canonical event each of ``mentions`` reports; and every event touched (to refresh).

    Canonical events are the parts of the connected groups of ``same_gathering`` over
    all stored mentions (``split_group``), so the order in which mentions arrive cannot
    change them. A mention stored unchanged stays stored; a stored one the batch's
    articles no longer report is removed. The new mentions are compared with the stored
    mentions that share a group or a person; every group they touch (and every group
    that lost a mention) is read whole, cut into its connected groups again and each of
    those split: a part keeps the lowest event id its mentions were in (a part founds an
    event when none is left), and stored mentions whose part changed move. Call it within
    the write turn (``write_turns.wait_for_turn``); store the mentions, then
    ``refresh_events`` on what it returns and what ``store_mentions`` touched.
    """
    if not mentions:
        return [], set()
    kept, leaving, left_events = _unchanged(cur, mentions, extractor_version)
    if leaving:
        # What the current extractor no longer reads in these articles: gone before the groups are read.
        cur.execute("DELETE FROM events.mentions WHERE mention_id = ANY(%s)", (sorted(leaving),))
    todo = [i for i in range(len(mentions)) if i not in kept]
    summaries = [_summary(mentions[i]) for i in todo]
    touched = set(left_events) | _matching_events(summaries, _candidates(cur, summaries, ()))
    stored = _groups_of(cur, touched)
    members = [
        GroupMember(
            s.summary,
            s.article_id,
            (s.reported_at.isoformat(), s.article_hash, s.evidence, *_content(s.summary)),
        )
        for s in stored
    ] + [
        GroupMember(
            summary,
            mentions[i].article_id,
            (
                mentions[i].reported_at.isoformat(),
                mentions[i].article_hash,
                mentions[i].event.evidence,
                *_content(summary),
            ),
        )
        for i, summary in zip(todo, summaries, strict=True)
    ]
    # Cut into connected groups and each split where it conflicts, in one pass (``split_group``).
    parts = split_group(members)
    # Parts with stored mentions first, by their earliest; a part keeps the lowest free event id.
    n_stored = len(stored)
    parts.sort(
        key=lambda part: (
            part[0] >= n_stored,
            stored[part[0]].mention_id
            if part[0] < n_stored
            else (mentions[todo[part[0] - n_stored]].article_id, mentions[todo[part[0] - n_stored]].position),
        )
    )
    taken: set[int] = set()
    final: dict[int, int] = {}  # member index -> event id
    for part in parts:
        free = sorted({stored[k].event_id for k in part if k < n_stored} - taken)
        if free:
            event_id = free[0]
        else:
            news = [todo[k - n_stored] for k in part if k >= n_stored]
            if news:
                first = min(news, key=lambda i: (mentions[i].article_id, mentions[i].position))
                key = f"mention:{mentions[first].article_id}:{mentions[first].position}"
                event_id = _new_event(cur, key, _summary(mentions[first]), mentions[first].reported_at)
            else:
                first_stored = stored[part[0]]
                event_id = _new_event(
                    cur, f"split:{first_stored.mention_id}", first_stored.summary, first_stored.reported_at
                )
        taken.add(event_id)
        final.update((k, event_id) for k in part)
    _move_mentions(
        cur,
        {s.mention_id: final[k] for k, s in enumerate(stored) if final[k] != s.event_id},
    )
    stored_event = {s.mention_id: final[k] for k, s in enumerate(stored)}
    decided = {i: final[n_stored + k] for k, i in enumerate(todo)}
    for position, (mention_id, event_id) in kept.items():
        decided[position] = stored_event.get(mention_id, event_id)
    return [decided[i] for i in range(len(mentions))], touched | {s.event_id for s in stored} | taken


def _content(m: MentionSummary) -> tuple[str, ...]:
    return (
        m.kind,
        m.status,
        "|".join(sorted(m.participants)),
        "|".join(sorted(m.organizations)),
        m.location or "",
        m.country or "",
        m.date or "",
    )


class MentionRefused(ValueError):
    """A mention cannot be stored as extracted (``db.upsert`` refused its row)."""

    def __init__(self, article_ids: list[int], reason: str) -> None:
        super().__init__(reason)
        self.article_ids = article_ids


def store_mentions(
    cur: psycopg2.extensions.cursor,
    article_ids: Sequence[int],
    rows: Sequence[MentionRow],
    extractor_version: str,
    *,
    new_article_ids: Collection[int] = frozenset(),
) -> set[int]:
    """Replace the mentions of ``article_ids`` by ``rows``; return the events touched.

    One statement first removes what the current extractor no longer finds in
    those articles, and anything an older extractor version said about them
    (before the upsert, so the index lookup finds nothing to check for articles
    that are new), then one ``upsert_rows`` writes all rows. ``new_article_ids``
    are articles this transaction just inserted: they cannot have mentions yet, so
    neither the removal nor the key lookup is spent on them. Raises MentionRefused
    when a row cannot be stored (NUL character, broken Unicode): the caller rolls
    back to its savepoint, as for any other error. Call ``refresh_events`` on the
    result.
    """
    gone: set[int] = set()
    older = [a for a in article_ids if a not in new_article_ids]
    if older:
        cur.execute(
            """
            DELETE FROM events.mentions m
            WHERE m.article_id = ANY(%(articles)s)
              AND (m.extractor_version <> %(version)s
                   OR (m.article_id, m.event_id) NOT IN (
                       SELECT * FROM unnest(%(kept_articles)s::bigint[], %(kept_events)s::bigint[])))
            RETURNING m.event_id
            """,
            {
                "articles": older,
                "version": extractor_version,
                "kept_articles": [r.article_id for r in rows],
                "kept_events": [r.event_id for r in rows],
            },
        )
        gone = {int(row[0]) for row in cur.fetchall()}
    known_new = {
        (r.article_id, r.event_id, r.extractor_version) for r in rows if r.article_id in new_article_ids
    }
    result = upsert_rows(cur, _MENTIONS, rows, known_new=known_new)
    if result.rejected:
        raise MentionRefused(
            sorted({rows[r.index].article_id for r in result.rejected}), result.rejected[0].reason
        )
    return {r.event_id for r in rows} | gone


def refresh_events(cur: psycopg2.extensions.cursor, event_ids: list[int]) -> None:
    """Recompute canonical fields and status history of events from their mentions.

    Every field comes from all the event's mentions (``merge.canonical_fields``), never
    from the row's previous values, so recomputing converges and a rerun rewrites
    nothing. Events are derived data: one whose last mention is gone (merged into
    another, or re-extracted by a newer extractor) is removed, and so is a status no
    mention reports any more.
    """
    if not event_ids:
        return
    cur.execute(
        """
        DELETE FROM events.status_history h
        WHERE h.event_id = ANY(%(ids)s)
          AND NOT EXISTS (SELECT 1 FROM events.mentions m
                          WHERE m.event_id = h.event_id AND m.status = h.status)
        """,
        {"ids": event_ids},
    )
    cur.execute(
        """
        DELETE FROM events.events e
        WHERE e.event_id = ANY(%(ids)s)
          AND NOT EXISTS (SELECT 1 FROM events.mentions m WHERE m.event_id = e.event_id)
        """,
        {"ids": event_ids},
    )
    cur.execute(
        """
        SELECT m.event_id, m.article_id, m.kind, m.status, m.participants, m.organizations, m.location,
               m.country, m.event_date, m.confidence, coalesce(a.published_at, a.created_at)
        FROM events.mentions m JOIN core.articles a USING (article_id)
        WHERE m.event_id = ANY(%s)
        """,
        (event_ids,),
    )
    reports: dict[int, list[Report]] = {}
    for (
        event_id,
        article_id,
        kind,
        status,
        people,
        orgs,
        location,
        country,
        date,
        confidence,
        at,
    ) in cur.fetchall():
        summary = MentionSummary(
            kind, status, frozenset(people), frozenset(orgs), location, country, date, at.date()
        )
        reports.setdefault(event_id, []).append(Report(summary, at, article_id, confidence))
    ids = sorted(reports)  # events without mentions are gone by now
    fields = [canonical_fields(reports[i]) for i in ids]
    cur.execute(
        """
        UPDATE events.events e SET
            kind = f.kind, status = f.status, participants = f.participants::text[],
            organizations = f.organizations::text[], location = f.location, country = f.country,
            event_date = f.event_date, confidence = f.confidence, first_reported_at = f.first_at,
            last_reported_at = f.last_at,
            -- Not now(): that is this transaction's start, which can be earlier than the
            -- created_at another worker's later-started transaction gave the row (issue 13).
            updated_at = GREATEST(clock_timestamp(), e.created_at)
        FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[],
                    %s::text[], %s::real[], %s::timestamptz[], %s::timestamptz[])
             AS f(event_id, kind, status, participants, organizations, location, country, event_date,
                  confidence, first_at, last_at)
        WHERE e.event_id = f.event_id
          AND (e.kind, e.status, e.participants, e.organizations, e.location, e.country, e.event_date,
               e.confidence, e.first_reported_at, e.last_reported_at)
              IS DISTINCT FROM
              (f.kind, f.status, f.participants::text[], f.organizations::text[], f.location, f.country,
               f.event_date, f.confidence, f.first_at, f.last_at)
        """,
        (
            ids,
            [f.kind for f in fields],
            [f.status for f in fields],
            # ragged lists of lists are no SQL array: each event's names travel as one text value
            [_text_array(f.participants) for f in fields],
            [_text_array(f.organizations) for f in fields],
            [f.location for f in fields],
            [f.country for f in fields],
            [f.date for f in fields],
            [f.confidence for f in fields],
            [f.first_reported_at for f in fields],
            [f.last_reported_at for f in fields],
        ),
    )
    cur.execute(
        """
        INSERT INTO events.status_history (event_id, status, first_reported_at, first_article_id)
        SELECT DISTINCT ON (m.event_id, m.status) m.event_id, m.status,
               coalesce(a.published_at, a.created_at), a.article_id
        FROM events.mentions m JOIN core.articles a USING (article_id)
        WHERE m.event_id = ANY(%(ids)s)
        ORDER BY m.event_id, m.status, coalesce(a.published_at, a.created_at), a.article_id
        ON CONFLICT (event_id, status) DO UPDATE SET
            first_reported_at = EXCLUDED.first_reported_at, first_article_id = EXCLUDED.first_article_id
        WHERE (events.status_history.first_reported_at, events.status_history.first_article_id)
              IS DISTINCT FROM (EXCLUDED.first_reported_at, EXCLUDED.first_article_id)
        """,
        {"ids": ids},
    )


def _text_array(values: Sequence[str]) -> str:
    """A PostgreSQL array literal of ``values``, each quoted."""
    quoted = ('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)
    return "{" + ",".join(quoted) + "}"


# --- 3. Item states ------------------------------------------------------------------------


def mark_items(cur: psycopg2.extensions.cursor, items: Sequence[RawItem], failures: dict[int, str]) -> None:
    """Each raw item ``done``, or ``failed`` with the reason in ``failures``."""
    ids = [item.item_id for item in items]
    cur.execute(
        """
        UPDATE raw.items i SET
            process_state = CASE WHEN u.error IS NULL THEN 'done' ELSE 'failed' END,
            process_error = u.error, processed_at = now()
        FROM unnest(%s::bigint[], %s::text[]) AS u(item_id, error)
        WHERE i.item_id = u.item_id
        """,
        (ids, [failures.get(i) for i in ids]),
    )
