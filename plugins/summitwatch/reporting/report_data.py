"""What the HTML report shows, read from the reporting views into plain records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import psycopg2.extensions

from summitwatch.pipeline.report import CheckResult, run_data_checks

TOP_ACTORS = 15


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

    @property
    def who(self) -> str:
        return ", ".join(self.organizations or self.participants)

    @property
    def where(self) -> str:
        return ", ".join(p for p in (self.location, self.country) if p)


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

    @property
    def dated_events(self) -> tuple[TimelineEvent, ...]:
        return tuple(e for e in self.events if e.date_from is not None)

    @property
    def undated_events(self) -> tuple[TimelineEvent, ...]:
        return tuple(e for e in self.events if e.date_from is None)


def read_report_data(cur: psycopg2.extensions.cursor, *, run_id: str | None = None) -> ReportData:
    cur.execute("SELECT now()")
    generated_at = cur.fetchone()[0]  # type: ignore[index]
    cur.execute(
        """
        SELECT event_id, kind, status, participants, organizations, location, country, event_date,
               date_from, date_to, articles, sources, first_reported_at
        FROM reporting.summit_events
        ORDER BY date_from NULLS LAST, event_id
        """
    )
    events = tuple(
        TimelineEvent(
            r[0], r[1], r[2], tuple(r[3]), tuple(r[4]), r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12]
        )
        for r in cur.fetchall()
    )
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
               items_total, items_per_day_7d, items_pending, items_failed, median_lag
        FROM reporting.pipeline_health
        ORDER BY source_name
        """
    )
    sources = tuple(
        SourceHealth(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            int(r[6]),
            int(r[7]),
            int(r[8]),
            float(r[9]),
            int(r[10]),
            int(r[11]),
            r[12],
        )
        for r in cur.fetchall()
    )
    checks = tuple(run_data_checks(cur))
    return ReportData(generated_at, run_id, events, actors, sources, checks)
