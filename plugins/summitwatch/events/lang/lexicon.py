"""A language's trigger lexicon (its pack's ``triggers.csv``): kind triggers and cues.

Matching a sentence is a dict look-up per token: whole words, token phrases, and
German-style compound suffixes ("Spitzentreffen", "Antrittsbesuch").
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from summitwatch.events.tokens import tokenize_phrase


@dataclass(frozen=True, slots=True)
class Trigger:
    category: str  # kind | arrival | status | negation | blocker | tempref | report | background
    value: str
    strength: str


@dataclass
class Lexicon:
    words: dict[str, list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    phrases: dict[tuple[str, ...], list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    suffixes: list[tuple[str, Trigger]] = field(default_factory=list)
    max_phrase: int = 1
    # First word of a phrase -> the phrase lengths starting with it, longest first.
    phrase_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # Memo of the word and suffix triggers of one token: (lower form, capitalised) -> triggers.
    memo: dict[tuple[str, bool], tuple[Trigger, ...]] = field(default_factory=dict)


def read_lexicon(path: Path) -> Lexicon:
    """The lexicon of one ``triggers.csv`` (columns form, match, category, value, strength)."""
    lex = Lexicon()
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    for row in rows:
        trig = Trigger(row["category"], row["value"], row["strength"])
        form = row["form"].lower()
        if row["match"] == "suffix":
            lex.suffixes.append((form, trig))
        elif row["match"] == "phrase":
            key = tuple(t.lower() for t in tokenize_phrase(form))
            lex.phrases[key].append(trig)
            lex.max_phrase = max(lex.max_phrase, len(key))
        elif row["match"] == "word":
            lex.words[form].append(trig)
        else:
            raise ValueError(f"{path}: match must be word, phrase or suffix, not {row['match']!r} ({form})")
    # Longest suffix first, so "gipfeltreffen" wins over "treffen".
    lex.suffixes.sort(key=lambda item: -len(item[0]))
    lengths: dict[str, set[int]] = defaultdict(set)
    for key in lex.phrases:
        lengths[key[0]].add(len(key))
    lex.phrase_lengths = {w: tuple(sorted(ls, reverse=True)) for w, ls in lengths.items()}
    return lex
