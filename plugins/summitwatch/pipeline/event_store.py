"""Loading extracted events: mentions per article, merged into canonical events.

A mention joins an existing canonical event when ``same_gathering`` says the
two describe one real gathering; otherwise it founds a new one. Canonical
fields are then recomputed from all mentions (status of the latest report,
first/last reported, highest confidence), so loading the same article twice,
or in any order, gives the same rows. Loads serialise on a transaction-level
advisory lock: two workers must not both found the same new event.
"""

from __future__ import annotations

from datetime import datetime

import psycopg2.extensions

from summitwatch.events.merge import MentionSummary, latest_status, same_gathering
from summitwatch.events.model import Event

# Arbitrary constant shared by all loaders.
_EVENT_LOCK_ID = 7_401_873_113


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


def store_events(
    cur: psycopg2.extensions.cursor,
    article_id: int,
    published_at: datetime | None,
    events: list[Event],
    extractor_version: str,
) -> list[int]:
    """Upsert the article's mentions and their canonical events; return the event ids."""
    cur.execute("SELECT pg_advisory_xact_lock(%s)", (_EVENT_LOCK_ID,))
    event_ids: list[int] = []
    for event in events:
        event_id = _find_event(cur, event, published_at)
        if event_id is None:
            cur.execute(
                """
                INSERT INTO events.events (event_key, kind, status, participants, organizations,
                                           location, country, event_date, confidence,
                                           first_reported_at, last_reported_at)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
                ON CONFLICT (event_key) DO UPDATE SET updated_at = now()
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
            event_id = int(cur.fetchone()[0])  # type: ignore[index]
        cur.execute(
            """
            INSERT INTO events.mentions (article_id, event_id, extractor_version, kind, status, participants,
                                         organizations, location, country, event_date, evidence, confidence)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
            ON CONFLICT (article_id, event_id, extractor_version) DO UPDATE SET
                kind = EXCLUDED.kind, status = EXCLUDED.status, participants = EXCLUDED.participants,
                organizations = EXCLUDED.organizations, location = EXCLUDED.location,
                country = EXCLUDED.country, event_date = EXCLUDED.event_date, evidence = EXCLUDED.evidence,
                confidence = EXCLUDED.confidence
            """,
            (
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
            ),
        )
        event_ids.append(event_id)
    # What the current extractor no longer finds in the article is gone, and so
    # is anything an older extractor version said about it.
    cur.execute(
        """
        DELETE FROM events.mentions
        WHERE article_id = %s AND NOT (event_id = ANY(%s) AND extractor_version = %s)
        RETURNING event_id
        """,
        (article_id, event_ids, extractor_version),
    )
    touched = sorted(set(event_ids) | {row[0] for row in cur.fetchall()})
    refresh_events(cur, touched)
    return event_ids


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
            updated_at = now()
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
