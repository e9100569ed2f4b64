"""What a watch is told: the changes that match it, and the message that says so.

A *change* is one row of ``events.status_history``: an event reached a status.
Its first status is a new gathering; a later one is a change from the status
before it (``reporting.status_history.previous_status``). Changes are read
with the gathering's corrected values (``reporting.corrected_events``), so a
gathering an analyst rejected alerts nobody, and a participant an analyst
removed does not match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg2.extensions

from summitwatch.watch.watchlists import Watch

# Links per change in a message: the first reports of the new status.
MAX_LINKS = 5


@dataclass(frozen=True)
class Change:
    event_id: int  # the event whose status history has the row (delivery key)
    gathering_id: int  # the gathering it belongs to (reporting.summit_events.event_id)
    status: str
    previous_status: str | None
    kind: str
    participants: tuple[str, ...]
    organizations: tuple[str, ...]
    location: str | None
    country: str | None
    event_date: str | None
    reported_at: datetime | None  # publication time of the first article reporting the status
    recorded_at: datetime  # when Summit Watch first recorded it
    outlet: str
    title: str | None
    evidence: str | None
    links: tuple[str, ...]

    @property
    def key(self) -> tuple[int, str]:
        return self.event_id, self.status

    @property
    def new_gathering(self) -> bool:
        return self.previous_status is None


def find_changes(cur: psycopg2.extensions.cursor, since: datetime) -> list[Change]:
    """Every change recorded at or after ``since``, oldest first, of gatherings not rejected."""
    cur.execute(
        """
        SELECT h.event_id, c.event_id, h.status, v.previous_status, c.kind, c.participants, c.organizations,
               c.location, c.country, c.event_date, h.first_reported_at, h.recorded_at, v.outlet, v.title,
               ev.evidence, coalesce(links.urls, '{}')
        FROM events.status_history h
        JOIN reporting.status_history v ON v.event_id = h.event_id AND v.status = h.status
        JOIN reporting.corrected_events c ON h.event_id = ANY(c.member_event_ids) AND NOT c.rejected
        LEFT JOIN LATERAL (
            SELECT m.evidence FROM events.mentions m
            WHERE m.event_id = h.event_id AND m.article_id = h.first_article_id AND m.status = h.status
            ORDER BY m.mention_id LIMIT 1
        ) ev ON true
        LEFT JOIN LATERAL (
            SELECT array_agg(url ORDER BY reported) AS urls FROM (
                SELECT a.canonical_url AS url, min(coalesce(a.published_at, a.created_at)) AS reported
                FROM events.mentions m JOIN core.articles a ON a.article_id = m.article_id
                WHERE m.event_id = h.event_id AND m.status = h.status AND a.canonical_url IS NOT NULL
                GROUP BY a.canonical_url ORDER BY reported LIMIT %(links)s
            ) first_reports
        ) links ON true
        WHERE h.recorded_at >= %(since)s
        ORDER BY h.recorded_at, h.first_reported_at NULLS LAST, h.event_id, h.status
        """,
        {"since": since, "links": MAX_LINKS},
    )
    return [
        Change(
            event_id=row[0],
            gathering_id=row[1],
            status=row[2],
            previous_status=row[3],
            kind=row[4],
            participants=tuple(row[5]),
            organizations=tuple(row[6]),
            location=row[7],
            country=row[8],
            event_date=row[9],
            reported_at=row[10],
            recorded_at=row[11],
            outlet=row[12],
            title=row[13],
            evidence=row[14],
            links=tuple(row[15]),
        )
        for row in cur.fetchall()
    ]


def _folded(values: Sequence[str | None]) -> set[str]:
    return {v.casefold() for v in values if v}


def matches(watch: Watch, change: Change) -> bool:
    """Every criterion the watch gives must hold; within one, any listed value will do (case ignored)."""
    if watch.event_id is not None and watch.event_id not in (change.gathering_id, change.event_id):
        return False
    if watch.actors and not _folded(watch.actors) & _folded(change.participants):
        return False
    if watch.groups and not _folded(watch.groups) & _folded(change.organizations):
        return False
    if watch.places and not _folded(watch.places) & _folded([change.location, change.country]):
        return False
    if watch.kinds and change.kind not in watch.kinds:
        return False
    return not (watch.statuses and change.status not in watch.statuses)


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    payload: dict[str, Any]


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "unknown"


def _what(change: Change) -> str:
    who = ", ".join(change.organizations) or ", ".join(change.participants)
    where = change.location or change.country
    place = f" in {where}" + (f" ({change.country})" if change.location and change.country else "")
    return f"{change.kind}{place if where else ''}, {change.event_date or 'date unknown'}: {who}"


def _transition(change: Change) -> str:
    if change.new_gathering:
        return f"new gathering, {change.status}"
    return f"{change.previous_status} -> {change.status}"


def _criteria(watch: Watch) -> str:
    parts = [
        f"{label}: {', '.join(str(v) for v in values)}"
        for label, values in (
            ("actors", watch.actors),
            ("groups", watch.groups),
            ("places", watch.places),
            ("kinds", watch.kinds),
            ("statuses", watch.statuses),
            ("event", (watch.event_id,) if watch.event_id is not None else ()),
        )
        if values
    ]
    return "; ".join(parts) or "everything"


def build_message(watch: Watch, changes: Sequence[Change]) -> Message:
    """One watch's notification for ``changes``: plain text for e-mail, a JSON document for webhooks."""
    noun = "change" if len(changes) == 1 else "changes"
    first = changes[0]
    headline = f"{_transition(first)}: {_what(first)}"
    subject = f"Summit Watch [{watch.name}]: {headline}"
    if len(changes) > 1:
        subject += f" (+{len(changes) - 1} more)"
    lines = [f'Watch "{watch.name}" ({_criteria(watch)}): {len(changes)} {noun}.', ""]
    for change in changes:
        lines += [
            f"* {_what(change)}",
            f"  {_transition(change)}",
            f"  known since {_when(change.reported_at)} (first reported by {change.outlet}; "
            f"recorded by Summit Watch {_when(change.recorded_at)})",
        ]
        if change.evidence:
            lines.append(f'  evidence: "{change.evidence}"')
        lines += [f"  link: {url}" for url in change.links]
        lines += [f"  event_id {change.gathering_id} in reporting.summit_events", ""]
    payload = {
        "watch": watch.name,
        "criteria": _criteria(watch),
        "changes": [
            {
                "event_id": c.gathering_id,
                "kind": c.kind,
                "participants": list(c.participants),
                "organizations": list(c.organizations),
                "location": c.location,
                "country": c.country,
                "event_date": c.event_date,
                "old_status": c.previous_status,
                "new_status": c.status,
                "new_gathering": c.new_gathering,
                "reported_at": c.reported_at.isoformat() if c.reported_at else None,
                "recorded_at": c.recorded_at.isoformat(),
                "outlet": c.outlet,
                "title": c.title,
                "evidence": c.evidence,
                "links": list(c.links),
            }
            for c in changes
        ],
    }
    return Message(subject=subject, body="\n".join(lines).rstrip() + "\n", payload=payload)
