"""Corrected gatherings as gold rows: what analysts fix becomes a test of the next extractor.

One row per article that reports a corrected gathering, in the format of
``../shared/eval/dev.jsonl`` (see ``../shared/eval/SCHEMA.md``): the article's
text and every event it reports, each with the analysts' corrections applied.
Facts of the gathering (kind, place, date, who did not take part, which
gathering a report belongs to) apply to every report of it; a status
correction applies to the report it is anchored on, since each document keeps
the status it states. Rejected gatherings are left out of ``events``; the
``gathering`` id is the gathering's event key. Reads ``core`` and ``events``:
run it with the pipeline's rights.
"""

from __future__ import annotations

from typing import Any

import psycopg2.extensions

from summitwatch.db.exact_text import restore_nul

_MENTIONS = """
WITH moved AS (
    SELECT DISTINCT ON (t.mention_id) t.mention_id, t.other_event_id
    FROM reporting.correction_targets t JOIN reporting.corrections c USING (correction_id)
    WHERE t.action = 'move_mention' AND t.other_event_id IS NOT NULL AND t.mention_id IS NOT NULL
    ORDER BY t.mention_id, c.made_at DESC, t.correction_id DESC
),
status_fix AS (
    SELECT DISTINCT ON (t.mention_id) t.mention_id, c.value
    FROM reporting.correction_targets t JOIN reporting.corrections c USING (correction_id)
    WHERE t.action = 'set_status' AND t.mention_id IS NOT NULL
    ORDER BY t.mention_id, c.made_at DESC, t.correction_id DESC
),
placed AS (
    SELECT m.*, g.event_id AS gathering_id, g.event_key, g.rejected, g.corrected, g.corrected_fields,
           g.kind AS g_kind, g.participants AS g_participants, g.location AS g_location,
           g.country AS g_country, g.event_date AS g_date, sf.value AS status_fix
    FROM events.mentions m
    LEFT JOIN moved mv ON mv.mention_id = m.mention_id
    JOIN reporting.corrected_events g ON coalesce(mv.other_event_id, m.event_id) = ANY(g.member_event_ids)
    LEFT JOIN status_fix sf ON sf.mention_id = m.mention_id
)
SELECT p.article_id, a.doc_id, a.canonical_url, a.language, a.published_at, a.published_precision,
       a.body, a.body_nul_offsets, p.mention_id, p.kind, p.status, p.participants, p.organizations,
       p.location, p.country, p.event_date, p.evidence, p.gathering_id, p.event_key, p.rejected,
       p.corrected_fields, p.g_kind, p.g_participants, p.g_location, p.g_country, p.g_date, p.status_fix
FROM placed p JOIN core.articles a ON a.article_id = p.article_id
WHERE p.article_id IN (SELECT article_id FROM placed WHERE corrected)
ORDER BY a.article_id, p.mention_id
"""

_PUBLISHED_LENGTH = {"year": 4, "month": 7, "day": 10, "second": 10}


def _event(row: dict[str, Any]) -> dict[str, Any]:
    fields = set(row["corrected_fields"])
    place_fixed = "location" in fields
    participants = [p for p in row["participants"] if p in row["g_participants"]]
    return {
        "kind": row["g_kind"] if "kind" in fields else row["kind"],
        "status": row["status_fix"] or row["status"],
        "participants": participants,
        "organizations": list(row["organizations"]),
        "location": row["g_location"] if place_fixed else row["location"],
        "country": row["g_country"] if place_fixed else row["country"],
        "date": row["g_date"] if "event_date" in fields else row["event_date"],
        "evidence": row["evidence"],
        "note": (
            f"corrected by analysts: {', '.join(sorted(fields))}" if fields else "as extracted, not corrected"
        ),
        "gathering": row["event_key"],
    }


def gold_rows(cur: psycopg2.extensions.cursor) -> list[dict[str, Any]]:
    """The dev.jsonl rows of every article that reports a corrected gathering, by article id."""
    cur.execute(_MENTIONS)
    names = [d[0] for d in cur.description or ()]
    documents: dict[int, dict[str, Any]] = {}
    seen: set[tuple[int, int]] = set()
    for values in cur.fetchall():
        row = dict(zip(names, values, strict=True))
        document = documents.get(row["article_id"])
        if document is None:
            published = row["published_at"]
            document = documents[row["article_id"]] = {
                "doc_id": row["doc_id"],
                "url": row["canonical_url"],
                "lang": row["language"],
                "published": (
                    published.date().isoformat()[: _PUBLISHED_LENGTH[row["published_precision"] or "day"]]
                    if published
                    else None
                ),
                "text": restore_nul(row["body"], row["body_nul_offsets"]),
                "summit_related": False,
                "events": [],
            }
        # One event per gathering and document, as the schema asks; rejected ones are no events.
        if row["rejected"] or (row["article_id"], row["gathering_id"]) in seen:
            continue
        seen.add((row["article_id"], row["gathering_id"]))
        document["events"].append(_event(row))
        document["summit_related"] = True
    return list(documents.values())
