"""Analysts' corrections: anchored on article and evidence sentence, applied by the reporting views.

A correction is written to ``reporting.corrections`` (the reviewer role may
write there and nowhere else); ``reporting.corrected_events`` and
``summit_events`` apply it; ``reporting.orphaned_corrections`` lists those whose
anchor vanished. This module finds anchors for the ids an analyst sees today
and writes corrections through the reporting views only, so it works as the
``summitwatch_reviewer`` role. See sql/0069_corrections.sql for the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg2.extensions

ACTIONS = (
    "not_an_event",
    "set_status",
    "set_kind",
    "set_date",
    "set_place",
    "remove_participant",
    "same_gathering",
    "move_mention",
)


class CorrectionTargetMissing(LookupError):
    """The event or mention named has nothing to anchor a correction on."""


@dataclass(frozen=True)
class Anchor:
    article: str  # reporting.article_anchor: canonical URL, else doc_id
    evidence: str


# A mention an analyst already moved elsewhere no longer speaks for its old gathering.
_NOT_MOVED = """
    em.mention_id NOT IN (SELECT t.mention_id FROM reporting.correction_targets t
                          WHERE t.action = 'move_mention' AND t.other_event_id IS NOT NULL
                            AND t.mention_id IS NOT NULL)
"""


def event_anchor(cur: psycopg2.extensions.cursor, event_id: int, *, latest: bool = False) -> Anchor:
    """The anchor of a gathering: its earliest report (by publication, then mention id), or its latest.

    A status correction is anchored on the latest report, the one that says what
    the status is now; every other correction on the earliest, the one that
    founded the gathering.
    """
    order = "DESC NULLS LAST, em.mention_id DESC" if latest else "NULLS LAST, em.mention_id"
    cur.execute(
        f"""
        SELECT reporting.article_anchor(em.url, em.doc_id), em.evidence
        FROM reporting.corrected_events c
        JOIN reporting.event_mentions em ON em.event_id = ANY(c.member_event_ids)
        WHERE %s = ANY(c.member_event_ids) AND {_NOT_MOVED}
        ORDER BY em.published_at {order}
        LIMIT 1
        """,
        (event_id,),
    )
    row = cur.fetchone()
    if row is None:
        raise CorrectionTargetMissing(f"no event {event_id} in reporting.corrected_events")
    return Anchor(*row)


def mention_anchor(cur: psycopg2.extensions.cursor, mention_id: int) -> Anchor:
    cur.execute(
        "SELECT reporting.article_anchor(url, doc_id), evidence FROM reporting.event_mentions "
        "WHERE mention_id = %s",
        (mention_id,),
    )
    row = cur.fetchone()
    if row is None:
        raise CorrectionTargetMissing(f"no mention {mention_id} in reporting.event_mentions")
    return Anchor(*row)


def record_correction(
    cur: psycopg2.extensions.cursor,
    action: str,
    anchor: Anchor,
    *,
    value: str | None = None,
    country: str | None = None,
    other: Anchor | None = None,
    note: str | None = None,
) -> int:
    """Write (or replace: same action, anchor and subject) one correction; return its id.

    Who and when are stamped by the table's trigger (``current_user``, ``now()``).
    Bad values are refused by the table's checks (psycopg2 raises CheckViolation).
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown correction {action!r}; one of {', '.join(ACTIONS)}")
    cur.execute(
        """
        INSERT INTO reporting.corrections (action, article, evidence, evidence_sha256, other_article,
                                           other_evidence, value, country, note)
        VALUES (%(action)s, %(article)s, %(evidence)s, reporting.evidence_hash(%(evidence)s),
                %(other_article)s, %(other_evidence)s, %(value)s, %(country)s, %(note)s)
        ON CONFLICT (action, article, evidence_sha256, subject) DO UPDATE SET
            value = EXCLUDED.value, country = EXCLUDED.country, note = EXCLUDED.note,
            other_article = EXCLUDED.other_article, other_evidence = EXCLUDED.other_evidence
        RETURNING correction_id
        """,
        {
            "action": action,
            "article": anchor.article,
            "evidence": anchor.evidence,
            "other_article": other.article if other else None,
            "other_evidence": other.evidence if other else None,
            "value": value,
            "country": country,
            "note": note,
        },
    )
    return int(cur.fetchone()[0])  # type: ignore[index]


def orphaned_corrections(cur: psycopg2.extensions.cursor) -> list[tuple[int, str, str, str]]:
    """(correction_id, action, made_by, reason) of every correction that applies to nothing today."""
    cur.execute(
        "SELECT correction_id, action, made_by, reason FROM reporting.orphaned_corrections "
        "ORDER BY correction_id"
    )
    return [(int(r[0]), r[1], r[2], r[3]) for r in cur.fetchall()]
