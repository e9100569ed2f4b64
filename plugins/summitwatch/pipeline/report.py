"""Stage 3: refresh reporting and check the data.

Data checks are queries that must return no rows; each failing check is
reported with a count and a few example keys so an on-call engineer can go
straight to the offending rows.
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


@dataclass(frozen=True)
class CheckResult:
    name: str
    failures: int
    examples: list[str]

    @property
    def passed(self) -> bool:
        return self.failures == 0

    def describe(self) -> str:
        return f"{self.name}: {self.failures} rows, e.g. {self.examples}"


def run_data_checks(cur: psycopg2.extensions.cursor) -> list[CheckResult]:
    results = []
    for name, query in DATA_CHECKS.items():
        cur.execute(f"SELECT count(*) OVER (), k FROM ({query}) AS offending(k) LIMIT 5")
        rows = cur.fetchall()
        results.append(CheckResult(name, int(rows[0][0]) if rows else 0, [str(r[1]) for r in rows]))
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
