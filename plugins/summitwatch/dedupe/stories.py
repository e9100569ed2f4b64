"""Story profiles: the looser sameness of one report told by several outlets, in German or English.

Rewritten versions of one report share few phrases but are about the same
thing: who, where, which gathering, what changed. An article's story terms
are its capitalised words with names and places normalised through the
reference data (``Wladimir Putin``/``Vladimir Putin`` and ``Moskau``/``Moscow``
are one term each, as are country names and groups in both languages), plus
the gatherings extracted from it (group or participants with the status
reported, place). Terms are weighted by how rare they are in the stored
corpus (document frequencies, kept incrementally) and by how often the article
uses them.

A story is a cluster with a profile (the summed term counts of its articles)
and a bounded time span: an article joins the most similar story (cosine of
tf-idf vectors, at least STORY_SIMILARITY, or STORY_SIMILARITY_UNLIKE when
only one of the two reports gatherings or when the story tells another step
of one of the article's gatherings) whose articles appeared within
STORY_WINDOW_DAYS of it, as long as the story then spans at most
STORY_SPAN_DAYS; it is compared with the story as a whole, never through a
chain of single links. An article always has a time: its publication time,
else when it was first fetched.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from summitwatch.dedupe.tokens import fold_word
from summitwatch.events.model import STATUSES, Event

# Terms per article in the lookup index (core.article_story_terms): the ones that find candidate stories.
STORY_INDEX_TERMS = 8
# Terms a story's profile keeps (the most used by its articles).
PROFILE_TERMS = 64
STORY_SIMILARITY = 0.35
# An article that reports a gathering and a story that reports none (or the other way round) are
# rarely one report: the extractor finds some gathering in 96 % of the documents that state one,
# so the absence is evidence. Nor are reports of two steps of one gathering (planned, then called
# off: GatheringStatuses.contradicts). Such pairs join only when this similar, which keeps a rewrite
# whose status the extractor misread in its story (dev: contradicting reports score 0.45-0.53).
STORY_SIMILARITY_UNLIKE = 0.55
STORY_WINDOW_DAYS = 3
STORY_SPAN_DAYS = 45
# core.story_term_documents holds the number of articles counted under this reserved term.
ALL_ARTICLES = 0

_CAPITALISED = re.compile(r"\b[A-ZÄÖÜ][\w-]*\w")
# Capitalised only because they open a sentence, or titles that every story has.
_SENTENCE_WORDS = (
    "The A An In On At For From With After Before But And Or If It Its This That These Those He She "
    "They We I You His Her Their Our As By To Of Not No Yes Also While When Where What Who Which "
    "Mr Mrs Ms Dr President Prime Minister Foreign Chancellor Secretary Minister Ministry Government "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December "
    "Der Die Das Den Dem Des Ein Eine Einen Einem Einer Und Oder Aber Auch Als Am Im In An Auf Aus "
    "Bei Mit Nach Von Vor Zu Zum Zur Es Er Sie Wir Ich Ihr Man Dort Hier Doch Noch Nun So Wie Wo Was "
    "Wer Dies Diese Dieser Dieses Damit Dabei Dazu Denn Dass Da Wenn Ob Um Über Unter Seit Bis Für "
    "Präsident Präsidentin Kanzler Kanzlerin Bundeskanzler Bundeskanzlerin Minister Ministerin "
    "Regierung Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Januar Februar März Juni "
    "Juli Oktober Dezember Uhr Jahr Jahren Prozent"
)
_NOT_STORY_TERMS = frozenset(fold_word(w) for w in _SENTENCE_WORDS.split())


@lru_cache(maxsize=1)
def reference_terms() -> dict[str, str]:
    """Folded word -> the term it names, from the reference data (one meaning only).

    A one-word alias (``Moskau``, ``Putin``, ``Frankreich``, ``Nato``) names its actor,
    city, country or group; a word of a longer actor alias (``Wladimir``) names that
    actor when it names nothing else.
    """
    from summitwatch.events.reference import load_reference  # the extractor's seeds, read once

    ref = load_reference()
    whole: dict[str, set[str]] = {}
    parts: dict[str, set[str]] = {}
    for key, entries in ref.entries.items():
        for entry in entries:
            if entry.type in ("actor", "surname") and entry.key in ref.actors:
                term = "a:" + fold_word(ref.actors[entry.key].name)
            elif entry.type == "city":
                term = "p:" + fold_word(entry.key)
            elif entry.type in ("country", "adjective"):
                term = "c:" + entry.key
            elif entry.type == "group":
                term = "g:" + entry.key
            else:
                continue
            if len(key) == 1:
                whole.setdefault(fold_word(key[0]), set()).add(term)
            elif term.startswith("a:"):
                for word in key:
                    parts.setdefault(fold_word(word), set()).add(term)
    named = {word: next(iter(terms)) for word, terms in parts.items() if len(terms) == 1}
    named.update({word: next(iter(terms)) for word, terms in whole.items() if len(terms) == 1})
    return {word: term for word, term in named.items() if word not in _NOT_STORY_TERMS}


def text_terms(text: str) -> Counter[str]:
    """Capitalised words of ``text`` as story terms, with how often each occurs."""
    names = reference_terms()
    counts: Counter[str] = Counter()
    for match in _CAPITALISED.finditer(text):
        word = fold_word(match.group())
        if len(word) >= 3 and word not in _NOT_STORY_TERMS and not word.isdigit():
            counts[names.get(word) or "w:" + word] += 1
    return counts


# Counted once for every article that reports a gathering: a story's profile says whether its
# articles do. Never an index term and never part of the similarity.
REPORTS_GATHERINGS = "e:*"


def _subject(event: Event) -> str:
    """Who a gathering is of: its group, else its participants."""
    return "e:" + "+".join(sorted(event.organizations) or sorted(fold_word(p) for p in event.participants))


def event_terms(events: Iterable[Event]) -> Counter[str]:
    """What the extracted gatherings say: who (group or people) with the status reported, and where."""
    counts: Counter[str] = Counter()
    for event in events:
        counts[REPORTS_GATHERINGS] = 1
        counts[_subject(event) + ":" + event.status] += 2
        counts.update("a:" + fold_word(p) for p in event.participants)
        counts.update("g:" + o for o in event.organizations)
        if event.location:
            counts["p:" + fold_word(event.location)] += 1
    return counts


_PRIORITY = {"e": 0, "g": 1, "a": 1, "p": 1, "c": 2, "w": 3}


def story_terms(text: str, events: Iterable[Event] = ()) -> Counter[str]:
    """All story terms of an article: its words and names, and its extracted gatherings."""
    return text_terms(text) + event_terms(events)


def index_terms(terms: Mapping[str, int], count: int = STORY_INDEX_TERMS) -> list[str]:
    """The terms an article is found by: gatherings first, then names, then other words; most used first."""
    found = (t for t in terms if t != REPORTS_GATHERINGS)
    return sorted(found, key=lambda t: (_PRIORITY[t[0]], -terms[t], t))[:count]


@dataclass(frozen=True)
class GatheringStatuses:
    """The gatherings an article reports, as hashes of gathering terms (``e:WHO:STATUS``).

    ``reported`` are the article's own; ``subjects`` the same subjects with every status. A story
    that reports one of the article's subjects but never with a status the article reports
    tells another step of that gathering (planned, then cancelled): likely another story.
    """

    reported: frozenset[int] = frozenset()
    subjects: frozenset[int] = frozenset()

    @classmethod
    def of(cls, events: Iterable[Event]) -> GatheringStatuses:
        subjects = {_subject(event) for event in events}
        return cls(
            reported=frozenset(term_hash(_subject(e) + ":" + e.status) for e in events),
            subjects=frozenset(term_hash(s + ":" + status) for s in subjects for status in STATUSES),
        )

    def contradicts(self, profile: Mapping[int, float]) -> bool:
        """The story reports a subject of the article, and none of the article's statuses."""
        return any(t in profile for t in self.subjects) and not any(t in profile for t in self.reported)


def term_hash(term: str) -> int:
    """A story term as a signed 64-bit integer (PostgreSQL bigint), never ALL_ARTICLES."""
    value = int.from_bytes(
        hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little", signed=True
    )
    return value or 1


def term_weight(count: float) -> float:
    """How much a term counts for how often the article uses it (sublinear)."""
    return 1.0 + math.log(count) if count > 0 else 0.0


# Names, places, groups and gatherings carry a story across languages; other capitalised
# words (German nouns among them) only within one: they count for less.
KIND_WEIGHTS = {"e": 1.0, "g": 1.0, "a": 1.0, "p": 1.0, "c": 1.0, "w": 0.4}


def term_counts(terms: Mapping[str, int]) -> dict[int, float]:
    """Hash -> count of each story term, scaled by what kind of term it is."""
    return {term_hash(t): c * KIND_WEIGHTS[t[0]] for t, c in terms.items()}


@dataclass
class Rarity:
    """Document frequencies of story terms in the stored corpus."""

    articles: int = 0
    documents: dict[int, int] = field(default_factory=dict)

    def idf(self, term: int) -> float:
        return math.log((self.articles + 1) / (self.documents.get(term, 0) + 1)) + 1.0

    def count(self, terms: Iterable[int]) -> None:
        self.articles += 1
        for term in terms:
            self.documents[term] = self.documents.get(term, 0) + 1


REPORTS_GATHERINGS_HASH = term_hash(REPORTS_GATHERINGS)


def similarity(article: Mapping[int, float], profile: Mapping[int, float], rarity: Rarity) -> float:
    """Cosine of the tf-idf vectors of an article and a story profile (term counts both)."""
    weights = {t: term_weight(c) * rarity.idf(t) for t, c in article.items() if t != REPORTS_GATHERINGS_HASH}
    story = {t: term_weight(c) * rarity.idf(t) for t, c in profile.items() if t != REPORTS_GATHERINGS_HASH}
    dot = sum(w * story[t] for t, w in weights.items() if t in story)
    norm = math.sqrt(sum(w * w for w in weights.values())) * math.sqrt(sum(w * w for w in story.values()))
    return dot / norm if norm else 0.0


@dataclass(frozen=True)
class Period:
    """When an article appeared, as an interval: a month-precision date covers the whole month."""

    first: date
    last: date

    @classmethod
    def of(cls, published: date | None, precision: str | None) -> Period | None:
        if published is None:
            return None
        if precision == "year":
            return cls(date(published.year, 1, 1), date(published.year, 12, 31))
        if precision == "month":
            following = date(published.year + published.month // 12, published.month % 12 + 1, 1)
            return cls(date(published.year, published.month, 1), following - timedelta(days=1))
        return cls(published, published)


def gap_days(left: Period, right: Period) -> int:
    return max((left.first - right.last).days, (right.first - left.last).days, 0)


@dataclass
class StoryProfile:
    """A story as new articles are compared with it: its time span and its summed term counts."""

    first: date
    last: date
    terms: dict[int, float] = field(default_factory=dict)

    def admits(self, period: Period) -> bool:
        """The article appeared close to the story, and the story stays within its bounded span."""
        span = (max(self.last, period.last) - min(self.first, period.first)).days
        return (
            gap_days(Period(self.first, self.last), period) <= STORY_WINDOW_DAYS and span <= STORY_SPAN_DAYS
        )

    def add(self, period: Period, terms: Mapping[int, float]) -> None:
        self.first, self.last = min(self.first, period.first), max(self.last, period.last)
        for term, count in terms.items():
            self.terms[term] = self.terms.get(term, 0.0) + count
        if len(self.terms) > PROFILE_TERMS:
            kept = sorted(self.terms.items(), key=lambda tc: (-tc[1], tc[0]))[:PROFILE_TERMS]
            self.terms = dict(kept)
