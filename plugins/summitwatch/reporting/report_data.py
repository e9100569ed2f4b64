"""What the HTML report shows, read from the reporting views into plain records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import psycopg2.extensions

from summitwatch.pipeline.report import CheckResult, run_content_checks, run_data_checks

TOP_ACTORS = 15
EVIDENCE_PER_EVENT = 8


@dataclass(frozen=True)
class StatusStep:
    step: int
    status: str
    known_at: datetime
    outlet: str
    title: str | None
    link: str | None


@dataclass(frozen=True)
class Evidence:
    """One article's report of an event: the sentence, who said it, and where to read it."""

    status: str
    evidence: str
    outlet: str
    title: str | None
    link: str | None
    published_at: datetime | None
    published_precision: str | None


@dataclass(frozen=True)
class TimelineEvent:
    event_id: int
    kind: str
    status: str
    participants: tuple[str, ...]
    organizations: tuple[str, ...]
    location: str | None
    country: str | None
    event_date: str | None
    date_from: date | None
    date_to: date | None
    articles: int
    sources: int
    first_reported_at: datetime | None
    last_reported_at: datetime | None = None
    first_loaded_at: datetime | None = None
    confidence: float = 0.0
    outlets: tuple[str, ...] = ()
    history: tuple[StatusStep, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def who(self) -> str:
        return ", ".join(self.organizations or self.participants)

    @property
    def where(self) -> str:
        return ", ".join(p for p in (self.location, self.country) if p)


@dataclass(frozen=True)
class StatusChange:
    event_id: int
    previous_status: str
    status: str
    outlet: str
    known_at: datetime


@dataclass(frozen=True)
class SinceLastReport:
    """What reached the database after the previous report was read (None: there was none)."""

    since: datetime | None
    new_event_ids: tuple[int, ...]
    status_changes: tuple[StatusChange, ...]


@dataclass(frozen=True)
class ActorActivity:
    name: str
    events: int
    held: int
    last_date: str | None


@dataclass(frozen=True)
class SourceHealth:
    source_name: str
    kind: str
    active: bool
    last_success_at: datetime | None
    last_error_at: datetime | None
    last_error: str | None
    errors_24h: int
    errors_7d: int
    items_total: int
    items_per_day_7d: float
    items_pending: int
    items_failed: int
    median_lag: timedelta | None
    outlet: str = ""
    unresolved_pages_7d: int = 0

    @property
    def needs_attention(self) -> bool:
        return self.active and (self.errors_24h > 0 or self.items_failed > 0 or self.last_success_at is None)


@dataclass(frozen=True)
class ReportData:
    generated_at: datetime
    run_id: str | None
    events: tuple[TimelineEvent, ...]
    actors: tuple[ActorActivity, ...]
    sources: tuple[SourceHealth, ...]
    checks: tuple[CheckResult, ...]
    since_last: SinceLastReport | None = None

    @property
    def dated_events(self) -> tuple[TimelineEvent, ...]:
        return tuple(e for e in self.events if e.date_from is not None)

    @property
    def undated_events(self) -> tuple[TimelineEvent, ...]:
        return tuple(e for e in self.events if e.date_from is None)


def _history(cur: psycopg2.extensions.cursor) -> dict[int, list[StatusStep]]:
    cur.execute(
        """
        SELECT event_id, step, status, known_at, outlet, title, link
        FROM reporting.status_history ORDER BY event_id, step
        """
    )
    found: dict[int, list[StatusStep]] = {}
    for event_id, *step in cur.fetchall():
        found.setdefault(event_id, []).append(StatusStep(*step))
    return found


def _evidence(cur: psycopg2.extensions.cursor) -> dict[int, list[Evidence]]:
    cur.execute(
        """
        SELECT event_id, status, evidence, outlet, title, link, published_at, published_precision
        FROM (SELECT m.*, row_number() OVER (PARTITION BY event_id ORDER BY known_at, article_id) AS nth
              FROM reporting.event_mentions m) ranked
        WHERE nth <= %s
        ORDER BY event_id, nth
        """,
        (EVIDENCE_PER_EVENT,),
    )
    found: dict[int, list[Evidence]] = {}
    for event_id, *report in cur.fetchall():
        found.setdefault(event_id, []).append(Evidence(*report))
    return found


def _events(cur: psycopg2.extensions.cursor) -> tuple[TimelineEvent, ...]:
    history, evidence = _history(cur), _evidence(cur)
    cur.execute(
        """
        SELECT e.event_id, e.kind, e.status, e.participants, e.organizations, e.location, e.country,
               e.event_date, e.date_from, e.date_to, e.articles, e.sources, e.first_reported_at,
               e.last_reported_at, e.first_loaded_at, e.confidence,
               (SELECT array_agg(DISTINCT m.outlet ORDER BY m.outlet)
                FROM reporting.event_mentions m WHERE m.event_id = e.event_id) AS outlet_names
        FROM reporting.summit_events e
        ORDER BY e.date_from NULLS LAST, e.first_reported_at, e.event_id
        """
    )
    columns = [d.name for d in cur.description or ()]
    events = []
    for row in cur.fetchall():
        r = dict(zip(columns, row, strict=True))
        events.append(
            TimelineEvent(
                event_id=r["event_id"],
                kind=r["kind"],
                status=r["status"],
                participants=tuple(r["participants"]),
                organizations=tuple(r["organizations"]),
                location=r["location"],
                country=r["country"],
                event_date=r["event_date"],
                date_from=r["date_from"],
                date_to=r["date_to"],
                articles=r["articles"],
                sources=r["sources"],
                first_reported_at=r["first_reported_at"],
                last_reported_at=r["last_reported_at"],
                first_loaded_at=r["first_loaded_at"],
                confidence=float(r["confidence"]),
                outlets=tuple(r["outlet_names"] or ()),
                history=tuple(history.get(r["event_id"], ())),
                evidence=tuple(evidence.get(r["event_id"], ())),
            )
        )
    return tuple(events)


def previous_report_at(cur: psycopg2.extensions.cursor, path: str | None) -> datetime | None:
    """When the latest report other than ``path`` read the data (None: no report yet)."""
    cur.execute("SELECT max(generated_at) FROM core.reports WHERE path IS DISTINCT FROM %s", (path,))
    row = cur.fetchone()
    return row[0] if row else None


def record_report(
    cur: psycopg2.extensions.cursor, path: str, run_id: str | None, generated_at: datetime, events: int
) -> None:
    cur.execute(
        """
        INSERT INTO core.reports (path, run_id, generated_at, events)
        VALUES (%(path)s, %(run_id)s, %(generated_at)s, %(events)s)
        ON CONFLICT (path) DO UPDATE
            SET run_id = EXCLUDED.run_id, generated_at = EXCLUDED.generated_at, events = EXCLUDED.events
        """,
        {"path": path, "run_id": run_id, "generated_at": generated_at, "events": events},
    )


def _since_last(cur: psycopg2.extensions.cursor, since: datetime | None) -> SinceLastReport:
    if since is None:
        return SinceLastReport(None, (), ())
    cur.execute(
        "SELECT event_id FROM reporting.summit_events WHERE first_loaded_at > %s "
        "ORDER BY first_loaded_at, event_id",
        (since,),
    )
    new_ids = tuple(r[0] for r in cur.fetchall())
    cur.execute(
        """
        SELECT event_id, previous_status, status, outlet, known_at
        FROM reporting.status_history
        WHERE step > 1 AND loaded_at > %s
        ORDER BY known_at, event_id
        """,
        (since,),
    )
    return SinceLastReport(since, new_ids, tuple(StatusChange(*r) for r in cur.fetchall()))


def read_report_data(
    cur: psycopg2.extensions.cursor, *, run_id: str | None = None, since: datetime | None = None
) -> ReportData:
    cur.execute("SELECT now()")
    generated_at = cur.fetchone()[0]  # type: ignore[index]
    events = _events(cur)
    cur.execute(
        """
        SELECT actor, count(*) AS events, count(*) FILTER (WHERE status = 'held') AS held,
               max(event_date) AS last_date
        FROM reporting.summit_events, unnest(participants) AS actor
        GROUP BY actor
        ORDER BY events DESC, held DESC, actor
        LIMIT %s
        """,
        (TOP_ACTORS,),
    )
    actors = tuple(ActorActivity(r[0], int(r[1]), int(r[2]), r[3]) for r in cur.fetchall())
    cur.execute(
        """
        SELECT source_name, kind, active, last_success_at, last_error_at, last_error, errors_24h, errors_7d,
               items_total, items_per_day_7d, items_pending, items_failed, median_lag, outlet,
               unresolved_pages_7d
        FROM reporting.pipeline_health
        ORDER BY source_name
        """
    )
    columns = [d.name for d in cur.description or ()]
    sources = tuple(SourceHealth(**dict(zip(columns, row, strict=True))) for row in cur.fetchall())
    checks = tuple(run_data_checks(cur) + run_content_checks(cur))
    return ReportData(generated_at, run_id, events, actors, sources, checks, _since_last(cur, since))
