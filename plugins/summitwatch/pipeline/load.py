"""The load stage: writing one processed batch into PostgreSQL.

``pipeline.process`` calls it where the README's "Data flow of one batch" says:
``write_articles`` (the ``ARTICLES`` upsert, side by side with other workers: the
batch's article ids came with its write turn), then inside the turn
``write_events`` (``decide_events``, ``store_mentions`` into ``MENTIONS``,
``split_events``, ``refresh_events``), and last ``mark_items`` (each raw item's
state). The sameness tables are dedupe's own index (``dedupe.store``).

Canonical events are the connected groups of ``merge.same_gathering`` over all
stored mentions: a mention joins every event one of whose mentions it matches,
events it bridges are merged, events whose mentions no longer hang together are
split, and a mention that matches nothing founds an event. Canonical fields are
recomputed from all mentions (``merge.canonical_fields``), so loading the same
articles again, in another order, in other batches or with two workers gives the
same events. The write turn serialises these decisions: two workers must not both
found the same new event.

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
    Gatherings,
    MentionSummary,
    Report,
    canonical_fields,
    same_gathering,
    when_span,
)
from summitwatch.events.model import Event
from summitwatch.events.status import STATUS_RANK

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


def _stage(mention: NewMention) -> tuple[int, float]:
    """How far along a mention reports its gathering: status rank, then confidence."""
    return STATUS_RANK.get(mention.event.status, -1), mention.event.confidence


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
        NewMention(article_id, position, event, reported_at[article_id])
        for r, article_id in kept
        for position, event in enumerate(r.events)
    ]
    event_ids, to_check = decide_events(cur, new_mentions, EXTRACTOR_VERSION)
    # An article reports a gathering once: of two of its mentions in one event, the one at the
    # latest stage stays (as within a document, SCHEMA "one event ... carrying the latest
    # status"; a present-tense headline over a report that they met is no "planned" report),
    # then the more confident one, then the first.
    reported: dict[tuple[int, int], NewMention] = {}
    for mention, event_id in zip(new_mentions, event_ids, strict=True):
        key = (mention.article_id, event_id)
        if key not in reported or _stage(mention) > _stage(reported[key]):
            reported[key] = mention
    mentions = [
        mention_row(article_id, event_id, mention.event, EXTRACTOR_VERSION)
        for (article_id, event_id), mention in reported.items()
    ]
    new_ids = {int(loaded.returned[key][0]) for key in loaded.inserted_keys}
    touched = store_mentions(cur, article_ids, mentions, EXTRACTOR_VERSION, new_article_ids=new_ids)
    refresh_events(cur, sorted(touched | split_events(cur, to_check)))
    written.mentions = len(mentions)
    written.event_ids = {m.event_id for m in mentions}
    written.stored = articles.stored
    return written


@dataclass(frozen=True)
class NewMention:
    """One event an article of the batch reports, with the time it was reported."""

    article_id: int
    position: int  # among the article's events, as the extractor found them
    event: Event
    reported_at: datetime  # publication time, else when the article was first fetched


# A stored mention as the decisions read it: (mention id, article id, event id, summary, reported at).
_Stored = tuple[int, int, int, MentionSummary, datetime]

_STORED_MENTION = """
    SELECT m.mention_id, m.article_id, m.event_id, m.kind, m.status, m.participants, m.organizations,
           m.location, m.country, m.event_date, coalesce(a.published_at, a.created_at)
    FROM events.mentions m JOIN core.articles a USING (article_id)
"""


def _stored(rows: Sequence[tuple[Any, ...]]) -> list[_Stored]:
    return [
        (
            int(r[0]),
            int(r[1]),
            int(r[2]),
            MentionSummary(
                kind=r[3],
                status=r[4],
                participants=frozenset(r[5]),
                organizations=frozenset(r[6]),
                location=r[7],
                country=r[8],
                date=r[9],
                published=r[10].date(),
            ),
            r[10],
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


def _unchanged(
    cur: psycopg2.extensions.cursor, mentions: Sequence[NewMention], extractor_version: str
) -> tuple[dict[int, int], set[int], set[int]]:
    """What the batch's articles said before: unchanged mentions keep their event.

    Returns (position in ``mentions`` -> event id of its unchanged stored row, mention ids of
    the stored rows that are not kept as they are, and the events those rows are in).
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
    kept: dict[int, int] = {}
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
            kept[position] = before[content].pop(0)[1]
    leaving = {(mention_id, event_id) for rows in before.values() for mention_id, event_id in rows}
    return kept, {mention_id for mention_id, _ in leaving}, {event_id for _, event_id in leaving}


def _as_stored(confidence: float) -> float:
    """A confidence as comparable with one read back from a PostgreSQL real (6 significant digits)."""
    return round(float(confidence), 5)


def _candidates(
    cur: psycopg2.extensions.cursor, mentions: Sequence[NewMention], leaving: set[int]
) -> list[_Stored]:
    """Stored mentions that may be the same gathering as one of ``mentions``: one index lookup.

    Only mentions sharing a group or a person, whose time (date, else their article's
    month) comes within ``REACH_DAYS`` of the batch's: older reports of the same people
    cannot match and are not read.
    """
    orgs = sorted({o for m in mentions for o in m.event.organizations})
    people = sorted({p for m in mentions if not m.event.organizations for p in m.event.participants})
    spans = [span for m in mentions if (span := when_span(_summary(m))) is not None]
    reach = timedelta(days=REACH_DAYS)
    cur.execute(
        _STORED_MENTION
        + """
        CROSS JOIN LATERAL (SELECT coalesce(m.event_date, to_char(coalesce(a.published_at, a.created_at)
                                                                  AT TIME ZONE 'UTC', 'YYYY-MM')) AS value) w
        WHERE (m.organizations && %(orgs)s::text[]
               OR (m.participants && %(people)s::text[] AND cardinality(m.organizations) = 0))
          AND m.mention_id <> ALL(%(leaving)s::bigint[])
          AND to_date(rpad(w.value, 10, '-01-01'), 'YYYY-MM-DD') <= %(hi)s
          AND to_date(rpad(w.value, 10, '-01-01'), 'YYYY-MM-DD')
              + CASE length(w.value) WHEN 10 THEN 0 WHEN 7 THEN 31 ELSE 366 END >= %(lo)s
        ORDER BY m.mention_id
        """,
        {
            "orgs": orgs,
            "people": people,
            "leaving": sorted(leaving),
            "lo": min(lo for lo, _ in spans) - reach,
            "hi": max(hi for _, hi in spans) + reach,
        },
    )
    return _stored(cur.fetchall())


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


def merge_events(cur: psycopg2.extensions.cursor, target: int, others: Collection[int]) -> None:
    """Fold ``others`` into ``target``: their mentions move, their rows go (refresh ``target`` after).

    An article reports a gathering once: when two of its mentions meet in one event, the
    earlier-stored one stays.
    """
    if not others:
        return
    ids = sorted({target, *others})
    cur.execute(
        """
        DELETE FROM events.mentions m
        WHERE m.event_id = ANY(%(ids)s)
          AND EXISTS (SELECT 1 FROM events.mentions o
                      WHERE o.event_id = ANY(%(ids)s) AND o.article_id = m.article_id
                        AND o.extractor_version = m.extractor_version AND o.mention_id < m.mention_id)
        """,
        {"ids": ids},
    )
    cur.execute("UPDATE events.mentions SET event_id = %s WHERE event_id = ANY(%s)", (target, sorted(others)))
    cur.execute("DELETE FROM events.status_history WHERE event_id = ANY(%s)", (sorted(others),))
    cur.execute("DELETE FROM events.events WHERE event_id = ANY(%s)", (sorted(others),))


def decide_events(
    cur: psycopg2.extensions.cursor, mentions: Sequence[NewMention], extractor_version: str
) -> tuple[list[int], set[int]]:
    """The canonical event each of ``mentions`` reports; and the events to check for a split.

    Canonical events are the connected groups of ``same_gathering`` over all stored
    mentions, so the order in which mentions arrive cannot change them. A mention
    stored unchanged keeps its event. Every other one is compared with the stored
    mentions that share a group or a person, and with the batch's other mentions: it
    joins every event it matches, events it bridges are merged into the lowest id, and
    a mention that matches nothing founds an event. Call it within the write turn
    (``write_turns.wait_for_turn``); pass the events returned second to ``split_events``
    once the mentions are stored, then ``refresh_events``.
    """
    if not mentions:
        return [], set()
    kept, leaving, left_events = _unchanged(cur, mentions, extractor_version)
    todo = [i for i in range(len(mentions)) if i not in kept]
    summaries = {i: _summary(mentions[i]) for i in todo}
    sets: Gatherings[tuple[str, int]] = Gatherings()
    for i in todo:
        sets.find(("m", i))
    by_name = _by_name([summaries[i] for i in todo])
    for _, _, event_id, stored, _ in _candidates(cur, [mentions[i] for i in todo], leaving) if todo else []:
        for k in sorted({k for name in _names(stored) for k in by_name.get(name, ())}):
            if same_gathering(summaries[todo[k]], stored):
                sets.join(("m", todo[k]), ("e", event_id))
    for i, j in _sharing_pairs([summaries[i] for i in todo]):
        if same_gathering(summaries[todo[i]], summaries[todo[j]]):
            sets.join(("m", todo[i]), ("m", todo[j]))
    merged_into: dict[int, int] = {}
    decided: dict[int, int] = {}
    for group in sorted(sets.groups(), key=repr):
        events = sorted(node for kind, node in group if kind == "e")
        members = sorted(node for kind, node in group if kind == "m")
        if not members:
            continue
        if events:
            target = events[0]
            merge_events(cur, target, events[1:])
            merged_into.update((other, target) for other in events[1:])
        else:
            first = min(members, key=lambda i: (mentions[i].article_id, mentions[i].position))
            founder = mentions[first]
            target = _new_event(
                cur,
                f"mention:{founder.article_id}:{founder.position}",
                summaries[first],
                founder.reported_at,
            )
        decided.update((i, target) for i in members)
    for position, event_id in kept.items():
        decided[position] = merged_into.get(event_id, event_id)
    return [decided[i] for i in range(len(mentions))], left_events - set(merged_into)


def split_events(cur: psycopg2.extensions.cursor, event_ids: Collection[int]) -> set[int]:
    """Split events whose mentions no longer hang together (a mention changed or left them).

    The group holding the earliest-stored mention keeps the event; each other group
    moves to an event of its own. Returns every event touched.
    """
    if not event_ids:
        return set()
    cur.execute(_STORED_MENTION + " WHERE m.event_id = ANY(%s) ORDER BY m.mention_id", (sorted(event_ids),))
    by_event: dict[int, list[_Stored]] = {}
    for stored in _stored(cur.fetchall()):
        by_event.setdefault(stored[2], []).append(stored)
    touched = set(event_ids)
    for _, rows in sorted(by_event.items()):
        sets: Gatherings[int] = Gatherings()
        for i in range(len(rows)):
            sets.find(i)
        for i, j in _sharing_pairs([r[3] for r in rows]):
            if same_gathering(rows[i][3], rows[j][3]):
                sets.join(i, j)
        groups = sorted((sorted(g) for g in sets.groups()), key=lambda g: rows[g[0]][0])
        for group in groups[1:]:
            first = rows[group[0]]
            new_id = _new_event(cur, f"split:{first[0]}", first[3], first[4])
            cur.execute(
                "UPDATE events.mentions SET event_id = %s WHERE mention_id = ANY(%s)",
                (new_id, [rows[k][0] for k in group]),
            )
            touched.add(new_id)
    return touched


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
