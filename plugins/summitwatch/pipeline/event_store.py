"""Loading extracted events: mentions per article, merged into canonical events.

Canonical events are the connected groups of ``merge.same_gathering`` over all
stored mentions (``decide_events``): a mention joins every event one of whose
mentions it matches, events it bridges are merged, events whose mentions no
longer hang together are split (``split_events``), and a mention that matches
nothing founds an event. Canonical fields are then recomputed from all mentions
(``refresh_events``, ``merge.canonical_fields``), so loading the same articles
again, in another order, in other batches or with two workers gives the same
events. Loads serialise on a transaction-level advisory lock: two workers must
not both found the same new event.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import psycopg2.extensions

from summitwatch.db.lock_waits import advisory_lock
from summitwatch.db.upsert import upsert_rows
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
from summitwatch.pipeline.load import MENTIONS, MentionRow

# Arbitrary constant shared by all loaders.
_EVENT_LOCK_ID = 7_401_873_113

# Nothing reads mention ids back while loading: skip the lookup of them.
_MENTIONS = dataclasses.replace(MENTIONS, returning=())


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


def lock_events(cur: psycopg2.extensions.cursor) -> None:
    """Serialise event loads until the transaction ends: two workers must not found one event twice."""
    advisory_lock(cur, _EVENT_LOCK_ID, what="taking the event write lock")


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
    a mention that matches nothing founds an event. Call ``lock_events`` first; pass
    the events returned second to ``split_events`` once the mentions are stored, then
    ``refresh_events``.
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


class MentionRefused(ValueError):
    """A mention cannot be stored as extracted (``db.upsert`` refused its row)."""

    def __init__(self, article_ids: list[int], reason: str) -> None:
        super().__init__(reason)
        self.article_ids = article_ids


def store_mentions(
    cur: psycopg2.extensions.cursor,
    article_ids: Sequence[int],
    rows: Sequence[tuple[Any, ...]],
    extractor_version: str,
    *,
    new_article_ids: Collection[int] = frozenset(),
) -> set[int]:
    """Replace the mentions of ``article_ids`` by ``rows`` (``mention_row`` tuples); return touched events.

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
                "kept_articles": [r[0] for r in rows],
                "kept_events": [r[1] for r in rows],
            },
        )
        gone = {int(row[0]) for row in cur.fetchall()}
    known_new = {(r[0], r[1], r[2]) for r in rows if r[0] in new_article_ids}
    result = upsert_rows(cur, _MENTIONS, rows, known_new=known_new)
    if result.rejected:
        raise MentionRefused(sorted({rows[r.index][0] for r in result.rejected}), result.rejected[0].reason)
    return {int(r[1]) for r in rows} | gone


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
