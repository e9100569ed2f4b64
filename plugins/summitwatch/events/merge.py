"""Across documents: do two mentions name the same gathering, and what is its status now?

Pure functions on plain data; the database load step (migration 0004, events.events /
events.mentions / events.status_history) calls them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from summitwatch.events.model import Event

DATE_WINDOW_DAYS = 30
_RANK = {"proposed": 0, "invited": 1, "planned": 2, "held": 3, "postponed": 4, "cancelled": 5}


@dataclass(frozen=True)
class MentionSummary:
    kind: str
    status: str
    participants: frozenset[str]
    organizations: frozenset[str]
    location: str | None
    country: str | None
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    published: dt.date | None

    @classmethod
    def from_event(cls, event: Event, published: dt.date | None) -> MentionSummary:
        return cls(
            kind=event.kind,
            status=event.status,
            participants=frozenset(event.participants),
            organizations=frozenset(event.organizations),
            location=event.location,
            country=event.country,
            date=event.date,
            published=published,
        )

    @property
    def when(self) -> str | None:
        """The gathering's date, or failing that the month of the report."""
        if self.date:
            return self.date
        return f"{self.published:%Y-%m}" if self.published else None


def gathering_key(m: MentionSummary) -> tuple[str, ...]:
    """A blocking key: only mentions with the same key are compared with ``same_gathering``."""
    if m.organizations:
        return ("group", *sorted(m.organizations))
    return ("people", *sorted(m.participants))


def _dates_close(a: str | None, b: str | None, window: int) -> bool:
    if not a or not b:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    if len(a) >= 7 and len(b) >= 7:
        da = dt.date.fromisoformat(a if len(a) == 10 else a + "-15")
        db = dt.date.fromisoformat(b if len(b) == 10 else b + "-15")
        slack = window if len(a) == len(b) == 10 else window + 15
        return abs((da - db).days) <= slack
    return False


def _places_compatible(a: MentionSummary, b: MentionSummary) -> bool:
    if a.location and b.location:
        return a.location == b.location
    if a.country and b.country:
        return a.country == b.country
    return True


def same_gathering(a: MentionSummary, b: MentionSummary, window_days: int = DATE_WINDOW_DAYS) -> bool:
    """Two mentions (usually from different articles) report the same gathering.

    Same group (group summits) or same participants (others, one set may contain the
    other), a compatible place, and dates within ``window_days`` (or month-compatible).
    When a mention has no date of its own, the report's month stands in for it, so
    two "Merkel meets Putin" reports years apart stay apart.
    """
    if a.organizations or b.organizations:
        if a.organizations != b.organizations:
            return False
    else:
        if not a.participants or not b.participants:
            return False
        if not (a.participants <= b.participants or b.participants <= a.participants):
            return False
        if a.kind != b.kind and "visit" not in {a.kind, b.kind} and {a.kind, b.kind} != {"summit", "meeting"}:
            return False
    if not _places_compatible(a, b):
        return False
    # A postponed gathering may move months; its organisers and place still identify it.
    window = window_days * 6 if "postponed" in {a.status, b.status} else window_days
    return _dates_close(a.when, b.when, window)


def latest_status(statuses_in_report_order: Iterable[str]) -> str | None:
    """The status of a gathering after all reports, oldest report first.

    A later report normally wins (planned -> held, planned -> postponed -> planned again),
    but nothing goes back behind "held": a later "proposed" about a held summit is an
    echo, and an invitation that was turned down stays "invited".
    """
    current: str | None = None
    for status in statuses_in_report_order:
        if status not in _RANK:
            raise ValueError(f"unknown status {status!r}")
        if current is None:
            current = status
        elif current == "held" and status in {"proposed", "invited", "planned"}:
            continue
        elif current == "cancelled" and status in {"proposed", "invited"}:
            continue  # talk of a cancelled gathering does not revive it
        elif _RANK[status] < _RANK[current] and current in {"planned", "invited"} and status == "proposed":
            continue  # an agreed gathering is not "proposed" again by a vaguer report
        else:
            current = status
    return current


def cluster(mentions: Sequence[MentionSummary]) -> list[list[int]]:
    """Group mention indices into gatherings (greedy, in input order)."""
    groups: list[list[int]] = []
    for i, m in enumerate(mentions):
        for g in groups:
            if all(same_gathering(mentions[j], m) for j in g):
                g.append(i)
                break
        else:
            groups.append([i])
    return groups
