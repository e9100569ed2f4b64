"""Story terms and the time window: the looser sameness of one story told by several outlets.

Rewritten versions of one report share few phrases but the same names:
who, where, which summit. A story's terms are the most frequent capitalised
words of the text (names, places, organisations; German nouns too), folded
like every other word. Two articles tell the same story when, within
STORY_WINDOW_DAYS of each other, their story terms overlap enough.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from summitwatch.dedupe.tokens import fold_word

STORY_TERMS = 6
# At least this share of the smaller term set, and at least MIN_SHARED_TERMS terms.
STORY_OVERLAP = 0.5
MIN_SHARED_TERMS = 3
STORY_WINDOW_DAYS = 3

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


def story_terms(text: str, count: int | None = None) -> tuple[str, ...]:
    """The ``count`` most frequent capitalised words of ``text``, most frequent first.

    Ties go to the word that comes first: news puts what matters in the lead.
    """
    frequency: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for position, match in enumerate(_CAPITALISED.finditer(text)):
        word = fold_word(match.group())
        if len(word) >= 3 and word not in _NOT_STORY_TERMS and not word.isdigit():
            frequency[word] += 1
            first_seen.setdefault(word, position)
    ranked = sorted(frequency, key=lambda word: (-frequency[word], first_seen[word]))
    return tuple(ranked[: STORY_TERMS if count is None else count])


def term_hash(term: str) -> int:
    """A story term as a signed 64-bit integer (PostgreSQL bigint)."""
    return int.from_bytes(
        hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little", signed=True
    )


def same_story_terms(left: frozenset[int], right: frozenset[int]) -> bool:
    shared = len(left & right)
    smaller = min(len(left), len(right))
    return smaller > 0 and shared >= MIN_SHARED_TERMS and shared / smaller >= STORY_OVERLAP


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


def within_window(left: Period | None, right: Period | None, days: int = STORY_WINDOW_DAYS) -> bool:
    """True when the two periods come within ``days`` of each other; an unknown time cannot rule it out."""
    if left is None or right is None:
        return True
    gap = max((left.first - right.last).days, (right.first - left.last).days, 0)
    return gap <= days
