"""Stage 3: refresh reporting and check the data.

Data checks are queries that must return no rows; each failing check is
reported with a count and a few example keys so an on-call engineer can go
straight to the offending rows.

Two kinds. *Structure* checks (``DATA_CHECKS``) hold whatever the news says: a
failure is a bug, and the ``summit_report`` DAG fails on it. *Content* checks
(``CONTENT_CHECKS``) look at what was extracted and merged: a finding is a
gathering an analyst should look at (a wrong merge, a misread tense), shown in
the report, never a reason to stop the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

import psycopg2.extensions

# name -> query returning offending keys. All must come back empty.
DATA_CHECKS: dict[str, str] = {
    "events_without_mentions": """
        SELECT e.event_id FROM events.events e
        WHERE NOT EXISTS (SELECT 1 FROM events.mentions m WHERE m.event_id = e.event_id)
    """,
    "events_without_status_history": """
        SELECT e.event_id FROM events.events e
        WHERE NOT EXISTS (SELECT 1 FROM events.status_history h
                          WHERE h.event_id = e.event_id AND h.status = e.status)
    """,
    "articles_without_raw_item_done": """
        SELECT a.article_id FROM core.articles a JOIN raw.items i USING (item_id)
        WHERE i.process_state <> 'done'
    """,
    "mentions_with_empty_evidence": """
        SELECT mention_id FROM events.mentions WHERE btrim(evidence) = ''
    """,
}


# name -> query returning offending keys: findings for an analyst, not failures.
CONTENT_CHECKS: dict[str, str] = {
    # Every participant of a placed gathering is placed there by at least one report;
    # otherwise a merge may have joined two gatherings.
    "participants_not_placed_by_any_mention": """
        SELECT e.event_id || ': ' || p.participant
        FROM events.events e
        CROSS JOIN LATERAL unnest(e.participants) AS p(participant)
        WHERE e.location IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM events.mentions m
                          WHERE m.event_id = e.event_id AND m.location = e.location
                            AND p.participant = ANY (m.participants))
    """,
    # Reported held, yet dated after every report saying so: a future event read as past.
    "held_event_dated_after_its_reports": """
        SELECT s.event_id FROM reporting.summit_events s
        WHERE s.status = 'held'
          AND s.date_from > (SELECT max(m.known_at)::date FROM reporting.event_mentions m
                             WHERE m.event_id = s.event_id AND m.status = 'held')
    """,
    # Cancelled, but never reported as anything before: what was called off?
    "cancelled_event_without_history": """
        SELECT e.event_id FROM events.events e
        WHERE e.status = 'cancelled'
          AND NOT EXISTS (SELECT 1 FROM events.mentions m
                          WHERE m.event_id = e.event_id AND m.status <> 'cancelled')
    """,
}


@dataclass(frozen=True)
class CheckResult:
    name: str
    failures: int
    examples: list[str]
    kind: str = "structure"  # or "content"

    @property
    def passed(self) -> bool:
        return self.failures == 0

    def describe(self) -> str:
        return f"{self.name}: {self.failures} rows, e.g. {self.examples}"


def run_data_checks(cur: psycopg2.extensions.cursor) -> list[CheckResult]:
    """The structure checks: every one must pass."""
    return _run(cur, DATA_CHECKS, "structure")


def run_content_checks(cur: psycopg2.extensions.cursor) -> list[CheckResult]:
    """The content checks: findings for an analyst to review."""
    return _run(cur, CONTENT_CHECKS, "content")


def _run(cur: psycopg2.extensions.cursor, checks: dict[str, str], kind: str) -> list[CheckResult]:
    results = []
    for name, query in checks.items():
        cur.execute(f"SELECT count(*) OVER (), k FROM ({query}) AS offending(k) ORDER BY k LIMIT 5")
        rows = cur.fetchall()
        results.append(CheckResult(name, int(rows[0][0]) if rows else 0, [str(r[1]) for r in rows], kind))
    return results


# (header, column of reporting.summit_events): a mention is one article's report.
EVENT_TABLE_COLUMNS = (
    ("event_id", "event_id"),
    ("kind", "kind"),
    ("status", "status"),
    ("groups", "organizations"),
    ("participants", "participants"),
    ("location", "location"),
    ("country", "country"),
    ("date", "event_date"),
    ("mentions", "articles"),
    ("sources", "sources"),
    ("independent", "independent_reports"),
)


def event_table(cur: psycopg2.extensions.cursor) -> list[tuple[object, ...]]:
    """The analysts' event table, as ``summitwatch demo`` and ``run`` print it."""
    cur.execute(
        f"""
        SELECT {", ".join(column for _header, column in EVENT_TABLE_COLUMNS)}
        FROM reporting.summit_events
        ORDER BY event_date NULLS LAST, event_id
        """
    )
    return cur.fetchall()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def print_event_table(cur: psycopg2.extensions.cursor, out: TextIO) -> int:
    rows = [[_cell(v) for v in row] for row in event_table(cur)]
    headers = [header for header, _column in EVENT_TABLE_COLUMNS]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out.write(line + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows)} events)\n")
    return len(rows)
