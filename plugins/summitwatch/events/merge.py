"""Across documents: do two mentions name the same gathering, and what is its status now?

Pure functions on plain data; the database load step (migration 0004, events.events /
events.mentions / events.status_history) calls them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from summitwatch.events.model import Event
from summitwatch.events.status import STATUS_RANK

DATE_WINDOW_DAYS = 30
# Two dates stated to the day: a gathering lasts a few days at most.
SAME_DAYS_SLACK = 3


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


# How far apart two mentions' times can be and still match (a postponement's window, plus a month).
REACH_DAYS = DATE_WINDOW_DAYS * 6 + 15 + 31


def when_span(m: MentionSummary) -> tuple[dt.date, dt.date] | None:
    """The days ``m.when`` may stand for: a day, a month or a year."""
    when = m.when
    if when is None:
        return None
    if len(when) == 10:
        day = dt.date.fromisoformat(when)
        return day, day
    if len(when) == 7:
        first = dt.date.fromisoformat(when + "-01")
        return first, (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return dt.date(int(when), 1, 1), dt.date(int(when), 12, 31)


def _as_day(value: str) -> dt.date:
    return dt.date.fromisoformat(value if len(value) == 10 else value + "-15")


def _dates_close(a: str | None, b: str | None, window: int) -> bool:
    if not a or not b:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    if len(a) >= 7 and len(b) >= 7:
        # Two days stated to the day are one gathering only over a few days (a summit's
        # second day), unless it moved; a month stands for any of its days.
        slack = min(window, SAME_DAYS_SLACK) if len(a) == len(b) == 10 else window + 15
        return abs((_as_day(a) - _as_day(b)).days) <= slack
    return False


def _places_compatible(a: MentionSummary, b: MentionSummary) -> bool:
    if a.location and b.location:
        return a.location == b.location
    if a.country and b.country:
        return a.country == b.country
    return True


def _kinds_compatible(a: str, b: str) -> bool:
    """A call is only ever a call; summits, meetings and visits are often told as one another."""
    return a == b or "call" not in {a, b}


def _people_compatible(a: MentionSummary, b: MentionSummary) -> bool:
    if not a.participants or not b.participants:
        return False
    if a.participants == b.participants:
        return True
    if not (a.participants <= b.participants or b.participants <= a.participants):
        return False
    # One mention naming more people could bridge two different meetings of the fewer
    # (Trump-Zelenskyy and Trump-Putin through Trump-Zelenskyy-Putin): taken as the
    # same gathering only when both state the place, or both the date, and agree.
    if a.location and b.location:
        return a.location == b.location
    return bool(a.date and b.date) and _dates_close(a.date, b.date, DATE_WINDOW_DAYS)


def same_gathering(a: MentionSummary, b: MentionSummary, window_days: int = DATE_WINDOW_DAYS) -> bool:
    """Two mentions (usually from different articles) report the same gathering.

    Symmetric and decided on the two mentions alone, so canonical events built as
    the connected groups of this relation do not depend on the order mentions
    arrive in. Same group (group summits) or the same participants (one set may
    contain the other when both state the place or the date), a kind that fits (a call
    is never a visit), a compatible place, and dates within ``window_days``
    (month-compatible, a few days when both name the day). When a mention has no
    date of its own, the report's month stands in for it (the article's publication
    time, else when it was first fetched), so two "Merkel meets Putin" reports years
    apart stay apart; a postponed gathering may move by months.
    """
    if a.organizations or b.organizations:
        if a.organizations != b.organizations:
            return False
    elif not _people_compatible(a, b):
        return False
    if not _kinds_compatible(a.kind, b.kind):
        return False
    if not _places_compatible(a, b):
        return False
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
        if status not in STATUS_RANK:
            raise ValueError(f"unknown status {status!r}")
        if current is None:
            current = status
        elif current == "held" and status in {"proposed", "invited", "planned"}:
            continue
        elif current == "cancelled" and status in {"proposed", "invited"}:
            continue  # talk of a cancelled gathering does not revive it
        elif (
            STATUS_RANK[status] < STATUS_RANK[current]
            and current in {"planned", "invited"}
            and status == "proposed"
        ):
            continue  # an agreed gathering is not "proposed" again by a vaguer report
        else:
            current = status
    return current


Node = TypeVar("Node", bound=Hashable)


class Gatherings(Generic[Node]):
    """Disjoint sets of mentions (and of the stored events they join): the connected groups
    of ``same_gathering``, which no arrival order can change."""

    def __init__(self) -> None:
        self._parent: dict[Node, Node] = {}

    def find(self, node: Node) -> Node:
        parent = self._parent.setdefault(node, node)
        while parent != node:
            grand = self._parent[parent]
            self._parent[node] = grand
            node, parent = parent, grand
        return node

    def join(self, left: Node, right: Node) -> None:
        a, b = self.find(left), self.find(right)
        if a != b:
            # The smaller representative wins, so the result is the same in any order.
            low, high = sorted((a, b), key=repr)
            self._parent[high] = low

    def groups(self) -> list[list[Node]]:
        by_root: dict[Node, list[Node]] = {}
        for node in list(self._parent):
            by_root.setdefault(self.find(node), []).append(node)
        return list(by_root.values())


def _told_twice(a: MentionSummary, b: MentionSummary) -> bool:
    return a.location is not None and a.location == b.location and same_gathering(a, b)


def one_report_each(mentions: Sequence[MentionSummary], confidences: Sequence[float]) -> list[int]:
    """Which of one article's mentions to store (indexes, in order): one per gathering it reports.

    Two mentions of one article that are the same gathering by themselves and both state
    the place are one report told twice (a present-tense headline "Trump and Putin meet in
    Helsinki" over a report that they met there is no "planned" report): the one at the
    latest stage stays (as within a document, SCHEMA "one event ... carrying the latest
    status"), then the more confident one, then the first. Without a place stated by both,
    the extractor's word stands that they are two gatherings of the same people (invited to
    one country, met in another). Decided on the article alone, before any other article is
    looked at, so no arrival order can change it; the mentions that stay are distinct
    gatherings for ``split_group``.
    """
    order = sorted(range(len(mentions)), key=lambda i: (-STATUS_RANK[mentions[i].status], -confidences[i], i))
    kept: list[int] = []
    for i in order:
        if not any(_told_twice(mentions[i], mentions[k]) for k in kept):
            kept.append(i)
    return sorted(kept)


@dataclass(frozen=True)
class GroupMember:
    """One mention of a connected group, as ``split_group`` reads it."""

    mention: MentionSummary
    # Two mentions of one article are two gatherings: the extractor has told them apart.
    article: Hashable
    # What the mention says and where (its article's time and content hash, its evidence), never
    # an id: the split follows this order, so it cannot depend on the order mentions arrived in.
    content: tuple[str, ...]


def _conflict(a: GroupMember, b: GroupMember) -> bool:
    """Two mentions that cannot be one gathering, however many others link them."""
    return a.article == b.article or not _places_compatible(a.mention, b.mention)


def _reading_order(member: GroupMember) -> tuple[object, ...]:
    """Mentions that state most come first: a place, then a precise date, then the content."""
    m = member.mention
    return (m.location is None, m.country is None, -len(m.date or ""), member.content)


def split_group(members: Sequence[GroupMember]) -> list[list[int]]:
    """The canonical events of one connected group of ``same_gathering``: lists of indexes.

    A mention without a place matches a meeting in Berlin and one in Paris alike, and two
    mentions of one article each match a third report; as a connected group they would be
    one event. The group is split so that no event holds two mentions that conflict (two
    places, or one article twice): mentions are taken in ``_reading_order`` and each joins
    the events it matches and conflicts with none of (the one it matches most mentions of
    first, then those that fit beside it), else founds one. A group without a conflict stays
    one event, and each event stays connected. The result depends only on the set of
    members, never on their order in ``members``.
    """
    order = sorted(range(len(members)), key=lambda i: _reading_order(members[i]))
    parts: list[list[int]] = []
    for i in order:
        me = members[i]
        links = {
            p: n
            for p, part in enumerate(parts)
            if (n := sum(same_gathering(me.mention, members[j].mention) for j in part))
            and not any(_conflict(me, members[j]) for j in part)
        }
        if not links:
            parts.append([i])
            continue
        fitting = sorted(links, key=lambda p: (-links[p], p))
        target = parts[fitting[0]]
        target.append(i)
        for p in fitting[1:]:
            if not any(_conflict(members[j], members[k]) for j in parts[p] for k in target):
                target.extend(parts[p])
                parts[p] = []
    return sorted((sorted(part) for part in parts if part), key=lambda part: part[0])


@dataclass(frozen=True)
class Report:
    """One stored mention as the canonical event is computed from it."""

    mention: MentionSummary
    reported_at: dt.datetime  # the article's publication time, else when it was first fetched
    article_id: int
    confidence: float


@dataclass(frozen=True)
class CanonicalFields:
    kind: str
    status: str
    participants: tuple[str, ...]
    organizations: tuple[str, ...]
    location: str | None
    country: str | None
    date: str | None
    confidence: float
    first_reported_at: dt.datetime
    last_reported_at: dt.datetime


def _most_stated(values_latest_first: Sequence[str]) -> str | None:
    """The value most reports state; between equals, the latest report's."""
    if not values_latest_first:
        return None
    counts: dict[str, int] = {}
    for value in values_latest_first:
        counts[value] = counts.get(value, 0) + 1
    return max(values_latest_first, key=lambda v: (counts[v], -values_latest_first.index(v)))


def _agreeing_date(dates_latest_first: Sequence[str]) -> str | None:
    """The latest report's date, made as precise as the reports that agree with it allow."""
    if not dates_latest_first:
        return None
    reference = dates_latest_first[0]
    agreeing = [d for d in dates_latest_first if d.startswith(reference) or reference.startswith(d)]
    return max(agreeing, key=len)  # max keeps the first (latest) of equal precision


def canonical_fields(reports: Sequence[Report]) -> CanonicalFields:
    """A canonical event's fields, from all its mentions and nothing else (so a recompute converges).

    Participants and groups: everyone some mention places there. Place: the city most
    reports state (latest between equals), with its country; else the most stated
    country. Date: the latest dated report's, made more precise by agreeing reports.
    Status: ``latest_status`` over the reports in publication order. Kind: the most
    reported one.
    """
    if not reports:
        raise ValueError("a canonical event needs at least one mention")
    ordered = sorted(reports, key=lambda r: (r.reported_at, r.article_id))
    latest_first = ordered[::-1]
    location = _most_stated([r.mention.location for r in latest_first if r.mention.location])
    located = [r for r in latest_first if location is None or r.mention.location == location]
    country = _most_stated([r.mention.country for r in located if r.mention.country])
    status = latest_status([r.mention.status for r in ordered])
    assert status is not None
    kind = _most_stated([r.mention.kind for r in latest_first])
    assert kind is not None
    return CanonicalFields(
        kind=kind,
        status=status,
        participants=tuple(sorted({p for r in reports for p in r.mention.participants})),
        organizations=tuple(sorted({o for r in reports for o in r.mention.organizations})),
        location=location,
        country=country,
        date=_agreeing_date([r.mention.date for r in latest_first if r.mention.date]),
        confidence=max(r.confidence for r in reports),
        first_reported_at=ordered[0].reported_at,
        last_reported_at=ordered[-1].reported_at,
    )
