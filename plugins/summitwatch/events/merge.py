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


def _reading_order(member: GroupMember) -> tuple[object, ...]:
    """Mentions that state most come first: a place, then a precise date, then the content."""
    m = member.mention
    return (m.location is None, m.country is None, -len(m.date or ""), member.content)


def _links(members: Sequence[GroupMember]) -> list[list[int]]:
    """For each member, the members it is ``same_gathering`` with.

    Only pairs whose times come within reach are tested (sorted by time, a sweep): two
    dates further apart than a postponement's window, plus half a month, never match.
    """
    spans = [when_span(m.mention) for m in members]
    links: list[list[int]] = [[] for _ in members]
    timeless = [i for i, span in enumerate(spans) if span is None]
    timed = sorted((span, i) for i, span in enumerate(spans) if span is not None)
    # ``_dates_close``: a month is read as its 15th, so two times further apart than the window
    # plus 15 days never match; the window is six times as long when one is postponed.
    reach = dt.timedelta(days=DATE_WINDOW_DAYS * 6 + 15)
    short = dt.timedelta(days=DATE_WINDOW_DAYS + 15)
    for n, ((_, last_i), i) in enumerate(timed):
        postponed_i = members[i].mention.status == "postponed"
        for (first_j, _), j in timed[n + 1 :]:
            gap = first_j - last_i
            if gap > reach:
                break
            if gap > short and not (postponed_i or members[j].mention.status == "postponed"):
                continue
            if same_gathering(members[i].mention, members[j].mention):
                links[i].append(j)
                links[j].append(i)
    # A mention with no time at all (no date, no report time) may match any time.
    timeless_set = set(timeless)
    for i in timeless:
        for j in range(len(members)):
            if (
                j != i
                and (j not in timeless_set or j > i)
                and same_gathering(members[i].mention, members[j].mention)
            ):
                links[i].append(j)
                links[j].append(i)
    return links


@dataclass
class _Part:
    """An event being cut out of a group, with what its members state (to find conflicts fast)."""

    members: list[int]
    articles: set[Hashable]
    locations: set[str]
    countries: set[str]  # of every member that states one
    unlocated_countries: set[str]  # of the members that state a country and no city

    @classmethod
    def of(cls, i: int, member: GroupMember) -> _Part:
        part = cls([], set(), set(), set(), set())
        part.add(i, member)
        return part

    def add(self, i: int, member: GroupMember) -> None:
        m = member.mention
        self.members.append(i)
        self.articles.add(member.article)
        if m.location:
            self.locations.add(m.location)
        if m.country:
            self.countries.add(m.country)
            if not m.location:
                self.unlocated_countries.add(m.country)

    def absorb(self, other: _Part) -> None:
        self.members += other.members
        self.articles |= other.articles
        self.locations |= other.locations
        self.countries |= other.countries
        self.unlocated_countries |= other.unlocated_countries

    def conflicts_with(self, other: _Part) -> bool:
        """A mention of one conflicts with one of the other: one article twice, or two places
        (two cities; else, where one states no city, two countries: ``_places_compatible``)."""

        def differ(a: set[str], b: set[str]) -> bool:
            return bool(a) and bool(b) and len(a | b) > 1

        return (
            bool(self.articles & other.articles)
            or differ(self.locations, other.locations)
            or differ(self.unlocated_countries, other.countries)
            or differ(self.countries, other.unlocated_countries)
        )


def split_group(members: Sequence[GroupMember]) -> list[list[int]]:
    """The canonical events of connected groups of ``same_gathering``: lists of indexes.

    A mention without a place matches a meeting in Berlin and one in Paris alike, and two
    mentions of one article each match a third report; as a connected group they would be
    one event. The group is split so that no event holds two mentions that conflict (two
    places, or one article twice): mentions are taken in ``_reading_order`` and each joins
    the events it matches and conflicts with none of (the one it matches most mentions of
    first, then those that fit beside it), else founds one. A group without a conflict stays
    one event, and each event stays connected, so several groups may be split in one call.
    The result depends only on the set of members, never on their order in ``members``.
    """
    links = _links(members)
    order = sorted(range(len(members)), key=lambda i: _reading_order(members[i]))
    parts: list[_Part | None] = []
    part_of: dict[int, int] = {}
    for i in order:
        alone = _Part.of(i, members[i])
        counts: dict[int, int] = {}
        for j in links[i]:
            if j in part_of:
                counts[part_of[j]] = counts.get(part_of[j], 0) + 1
        fitting = sorted(
            (p for p in counts if not alone.conflicts_with(parts[p])),  # type: ignore[arg-type]
            key=lambda p: (-counts[p], p),
        )
        if not fitting:
            part_of[i] = len(parts)
            parts.append(alone)
            continue
        target = parts[fitting[0]]
        assert target is not None
        target.add(i, members[i])
        part_of[i] = fitting[0]
        for p in fitting[1:]:
            other = parts[p]
            assert other is not None
            if not target.conflicts_with(other):
                target.absorb(other)
                part_of.update((k, fitting[0]) for k in other.members)
                parts[p] = None
    return sorted((sorted(part.members) for part in parts if part is not None), key=lambda part: part[0])


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
