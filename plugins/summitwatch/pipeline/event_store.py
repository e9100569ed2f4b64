"""Loading extracted events: mentions per article, merged into canonical events.

A mention joins an existing canonical event when ``same_gathering`` says the
two describe one real gathering; otherwise it founds a new one. Canonical
fields are then recomputed from all mentions (status of the latest report,
first/last reported, highest confidence), so loading the same article twice,
or in any order, gives the same rows. Loads serialise on a transaction-level
advisory lock: two workers must not both found the same new event.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

import psycopg2.extensions

from summitwatch.db.bulk_load import MENTIONS, upsert_rows
from summitwatch.db.lock_waits import advisory_lock
from summitwatch.events.merge import MentionSummary, latest_status, same_gathering
from summitwatch.events.model import Event

# Arbitrary constant shared by all loaders.
_EVENT_LOCK_ID = 7_401_873_113

# Nothing reads mention ids back while loading: skip the lookup of them.
_MENTIONS = dataclasses.replace(MENTIONS, returning=())


def _event_key(event: Event) -> str:
    who = "+".join(sorted(event.organizations)) or "+".join(sorted(event.participants))
    return f"{event.kind}:{who}:{event.location or event.country or '-'}:{event.date or '-'}"


def _find_event(cur: psycopg2.extensions.cursor, event: Event, published: datetime | None) -> int | None:
    cur.execute(
        """
        SELECT event_id, kind, status, participants, organizations, location, country, event_date,
               first_reported_at
        FROM events.events
        WHERE (cardinality(%(orgs)s::text[]) > 0 AND organizations && %(orgs)s::text[])
           OR (cardinality(%(orgs)s::text[]) = 0 AND participants && %(people)s::text[])
        ORDER BY event_id
        """,
        {"orgs": list(event.organizations), "people": list(event.participants)},
    )
    mention = MentionSummary.from_event(event, published.date() if published else None)
    for row in cur.fetchall():
        existing = MentionSummary(
            kind=row[1],
            status=row[2],
            participants=frozenset(row[3]),
            organizations=frozenset(row[4]),
            location=row[5],
            country=row[6],
            date=row[7],
            published=row[8].date() if row[8] else None,
        )
        if same_gathering(existing, mention):
            return int(row[0])
    return None


def lock_events(cur: psycopg2.extensions.cursor) -> None:
    """Serialise event loads until the transaction ends: two workers must not found one event twice."""
    advisory_lock(cur, _EVENT_LOCK_ID, what="taking the event write lock")


def resolve_event(cur: psycopg2.extensions.cursor, event: Event, published_at: datetime | None) -> int:
    """The canonical event this mention reports: an existing one it is the same gathering as, else a new one.

    Call ``lock_events`` first in the transaction. Within a batch, candidates are
    compared as they stood at the start of the batch or as the batch founded them:
    canonical fields are recomputed once per batch, by ``refresh_events``.
    """
    event_id = _find_event(cur, event, published_at)
    if event_id is not None:
        return event_id
    cur.execute(
        """
        INSERT INTO events.events (event_key, kind, status, participants, organizations,
                                   location, country, event_date, confidence,
                                   first_reported_at, last_reported_at)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
        ON CONFLICT (event_key) DO UPDATE
            SET updated_at = GREATEST(clock_timestamp(), events.events.created_at)
        RETURNING event_id
        """,
        (
            _event_key(event),
            event.kind,
            event.status,
            list(event.participants),
            list(event.organizations),
            event.location,
            event.country,
            event.date,
            event.confidence,
            published_at,
            published_at,
        ),
    )
    return int(cur.fetchone()[0])  # type: ignore[index]


def mention_row(article_id: int, event_id: int, event: Event, extractor_version: str) -> tuple[Any, ...]:
    """One events.mentions row, in the column order of ``bulk_load.MENTIONS``."""
    return (
        article_id,
        event_id,
        extractor_version,
        event.kind,
        event.status,
        list(event.participants),
        list(event.organizations),
        event.location,
        event.country,
        event.date,
        event.evidence,
        event.confidence,
    )


class MentionRefused(ValueError):
    """A mention cannot be stored as extracted (``bulk_load`` refused its row)."""

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

    Events are derived data: one whose last mention is gone (its article was
    re-extracted by a newer extractor) is removed, and so is a status no
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
    # The status now is not simply the latest report's: merge.latest_status keeps a
    # held gathering held when a later article merely echoes the announcement.
    cur.execute(
        """
        SELECT m.event_id, array_agg(m.status ORDER BY coalesce(a.published_at, a.created_at), a.article_id)
        FROM events.mentions m JOIN core.articles a USING (article_id)
        WHERE m.event_id = ANY(%s)
        GROUP BY m.event_id
        """,
        (event_ids,),
    )
    statuses = {event_id: latest_status(reported) for event_id, reported in cur.fetchall()}
    event_ids = sorted(statuses)  # events without mentions are gone by now
    cur.execute(
        """
        WITH status_now (event_id, status) AS (SELECT * FROM unnest(%(ids)s::bigint[], %(statuses)s::text[])),
        reports AS (
            SELECT m.event_id, m.status, m.kind, m.location, m.country, m.event_date, m.confidence,
                   m.participants, m.organizations, a.article_id,
                   coalesce(a.published_at, a.created_at) AS reported_at
            FROM events.mentions m JOIN core.articles a USING (article_id)
            WHERE m.event_id = ANY(%(ids)s)
        ),
        latest AS (
            SELECT DISTINCT ON (r.event_id) r.event_id, s.status, r.kind
            FROM reports r JOIN status_now s USING (event_id)
            ORDER BY r.event_id, r.reported_at DESC, r.article_id DESC
        ),
        best_place AS (
            SELECT DISTINCT ON (event_id) event_id, location, country
            FROM reports WHERE location IS NOT NULL OR country IS NOT NULL
            ORDER BY event_id, (location IS NOT NULL) DESC, reported_at DESC, article_id DESC
        ),
        best_date AS (
            SELECT DISTINCT ON (event_id) event_id, event_date
            FROM reports WHERE event_date IS NOT NULL
            ORDER BY event_id, length(event_date) DESC, reported_at DESC, article_id DESC
        ),
        agg AS (
            SELECT event_id, min(reported_at) AS first_at, max(reported_at) AS last_at,
                   max(confidence) AS confidence,
                   array(SELECT DISTINCT p FROM reports r2, unnest(r2.participants) p
                         WHERE r2.event_id = reports.event_id ORDER BY p) AS participants,
                   array(SELECT DISTINCT o FROM reports r3, unnest(r3.organizations) o
                         WHERE r3.event_id = reports.event_id ORDER BY o) AS organizations
            FROM reports GROUP BY event_id
        )
        UPDATE events.events e SET
            status = l.status, kind = l.kind,
            location = bp.location, country = bp.country, event_date = bd.event_date,
            participants = agg.participants, organizations = agg.organizations,
            confidence = agg.confidence, first_reported_at = agg.first_at, last_reported_at = agg.last_at,
            -- Not now(): that is this transaction's start, which can be earlier than the
            -- created_at another worker's later-started transaction gave the row (issue 13).
            updated_at = GREATEST(clock_timestamp(), e.created_at)
        FROM agg JOIN latest l USING (event_id)
             LEFT JOIN best_place bp USING (event_id) LEFT JOIN best_date bd USING (event_id)
        WHERE e.event_id = agg.event_id
          AND (e.status, e.kind, e.location, e.country, e.event_date, e.participants, e.organizations,
               e.confidence, e.first_reported_at, e.last_reported_at)
              IS DISTINCT FROM
              (l.status, l.kind, bp.location, bp.country, bd.event_date, agg.participants, agg.organizations,
               agg.confidence, agg.first_at, agg.last_at)
        """,
        {"ids": event_ids, "statuses": [statuses[i] for i in event_ids]},
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
        {"ids": event_ids},
    )
