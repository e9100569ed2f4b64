"""Reference data from ``seeds/``: actors, offices, places and groups (trigger lexicons: ``lang/``).

Everything is read once per process (``load_reference`` is cached) into dictionaries
keyed by token tuples, so matching a sentence is a handful of dict look-ups per token
instead of one regular expression per alias.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

from summitwatch.events.tokens import tokenize_phrase
from summitwatch.paths import seeds_dir


@dataclass(frozen=True, slots=True)
class Actor:
    qid: str
    name: str
    country: str
    family_first: bool = False  # Xi Jinping, Kim Jong Un: the family name comes first


@dataclass(frozen=True, slots=True)
class Tenure:
    qid: str
    office: str
    jurisdiction: str
    start: date
    end: date | None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One meaning of a token sequence: an actor alias, a place, a group or a country adjective."""

    type: str  # actor | surname | city | country | adjective | group
    key: str  # qid, place name, ISO code or group code
    country: str = ""
    lang: str = "*"


@dataclass
class Reference:
    actors: dict[str, Actor]
    tenures: dict[tuple[str, str], list[Tenure]]
    tenures_by_actor: dict[str, list[Tenure]]
    entries: dict[tuple[str, ...], list[Entry]]
    first_tokens: dict[str, int]  # first token of an entry -> longest entry starting with it
    max_len: int
    adjectives: dict[str, str]  # lower-case adjective stem -> ISO code
    country_names: dict[str, str]  # ISO code -> English name
    leader_office: dict[str, str]
    place_country: dict[str, str]  # city name -> ISO code
    capitals: dict[str, str] = field(default_factory=dict)  # ISO code -> capital city (English)
    # Memo per language: token text -> whether the mention pass must look at it (most words it need not).
    token_memo: dict[str, dict[str, bool]] = field(default_factory=dict)

    @cached_property
    def homes(self) -> dict[str, str]:
        """Home country of each actor (a visit goes abroad; talks in a third country are a meeting)."""
        return {qid: actor.country for qid, actor in self.actors.items()}

    @cached_property
    def given_names(self) -> frozenset[str]:
        """First words of the names written given name first ("Timothy", "Kamala", "Friedrich").

        A word from this list right before a known surname names another person of that
        surname ("Timothy Morrison" is not Scott Morrison), in any language.
        """
        return frozenset(
            words[0]
            for actor in self.actors.values()
            if not actor.family_first
            for words in (actor.name.split(),)
            if len(words) > 1 and len(words[0]) > 2 and words[0].replace("-", "").isalpha()
        )

    def holder(self, office: str, jurisdiction: str, day: date) -> Actor | None:
        for tenure in self.tenures.get((office, jurisdiction), ()):
            if tenure.covers(day):
                return self.actors.get(tenure.qid)
        return None

    def offices_of(self, qid: str, day: date) -> list[Tenure]:
        return [t for t in self.tenures_by_actor.get(qid, ()) if t.covers(day)]

    def was_in_office(self, qid: str, day: date, slack_days: int = 0) -> bool:
        for t in self.tenures_by_actor.get(qid, ()):
            end = t.end or date.max
            if (t.start - day).days <= slack_days and (day - end).days <= slack_days:
                return True
        return False


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        yield from csv.DictReader(line for line in fh if not line.startswith("#"))


def _date(value: str) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return date(parts[0], parts[1], parts[2])


def build_reference(seeds: Path) -> Reference:
    actors = {
        r["qid"]: Actor(r["qid"], r["name"], r["country"], r["family_name_first"] == "1")
        for r in _rows(seeds / "actors.csv")
    }
    tenures: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
    by_actor: dict[str, list[Tenure]] = defaultdict(list)
    for r in _rows(seeds / "offices.csv"):
        start = _date(r["start"])
        if start is None:
            continue
        t = Tenure(r["qid"], r["office"], r["jurisdiction"], start, _date(r["end"]))
        tenures[(t.office, t.jurisdiction)].append(t)
        by_actor[t.qid].append(t)
    for items in tenures.values():
        items.sort(key=lambda t: t.start, reverse=True)  # the newest tenure wins an overlap

    entries: dict[tuple[str, ...], list[Entry]] = defaultdict(list)

    def add(phrase: str, entry: Entry) -> None:
        key = tokenize_phrase(phrase)
        if key and entry not in entries[key]:
            entries[key].append(entry)

    for r in _rows(seeds / "actor_aliases.csv"):
        if r["qid"] in actors:
            add(r["alias"], Entry("surname" if r["kind"] == "surname" else "actor", r["qid"], lang=r["lang"]))
    adjectives: dict[str, str] = {}
    country_names: dict[str, str] = {}
    leader_office: dict[str, str] = {}
    place_country: dict[str, str] = {}
    for r in _rows(seeds / "places.csv"):
        kind, name, iso, alias = r["kind"], r["name"], r["country"], r["alias"]
        if kind == "adjective":
            adjectives[alias.lower()] = iso
            add(alias, Entry("adjective", iso, iso, r["lang"]))
            continue
        if kind == "country":
            country_names.setdefault(iso, name)
            if r["leader_office"]:
                leader_office[iso] = r["leader_office"]
            add(alias, Entry("country", iso, iso, r["lang"]))
        else:
            place_country.setdefault(name, iso)
            add(alias, Entry("city", name, iso, r["lang"]))
    for r in _rows(seeds / "groups.csv"):
        add(r["alias"], Entry("group", r["code"], lang=r["lang"]))
    capitals = {r["country"]: r["capital"] for r in _rows(seeds / "capitals.csv")}
    return Reference(
        actors=actors,
        tenures=dict(tenures),
        tenures_by_actor=dict(by_actor),
        entries=dict(entries),
        first_tokens=_first_tokens(entries),
        max_len=max(len(k) for k in entries),
        adjectives=adjectives,
        country_names=country_names,
        leader_office=leader_office,
        place_country=place_country,
        capitals=capitals,
    )


def _first_tokens(entries: dict[tuple[str, ...], list[Entry]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key in entries:
        out[key[0]] = max(out.get(key[0], 0), len(key))
    return out


@lru_cache(maxsize=1)
def load_reference() -> Reference:
    """The reference data of this process, read from ``seeds/`` on first use."""
    return build_reference(seeds_dir())
