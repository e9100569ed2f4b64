"""Tokens with character offsets, shared by every matcher.

Normalisation keeps the text length (``U.S.`` becomes ``US  ``) so offsets into the
normalised text are offsets into the original, and evidence can be cut from it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Words joined by hyphens or apostrophes stay one token (G20-Gipfels, Kim Jong-un, Putin's).
_TOKEN = re.compile(r"\w+(?:[-'\u2019]\w+)*-?|[^\w\s]")
_DOTTED = re.compile(r"\b(U\.S\.|U\.N\.|U\.K\.|E\.U\.)")
_POSSESSIVE = ("'s", "\u2019s")


class Token(NamedTuple):
    """A token; a named tuple because millions are created (cheaper than a frozen dataclass)."""

    text: str
    start: int
    end: int
    lower: str  # computed once: every matcher compares lower-case forms


def normalise(text: str) -> str:
    """Same-length normalisation: dotted acronyms lose their dots, typographic quotes unify."""
    text = _DOTTED.sub(lambda m: m.group(1).replace(".", "") + " " * m.group(1).count("."), text)
    return text.replace("\u2019", "'").replace("\u00a0", " ")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    new = tuple.__new__  # skips the Python-level NamedTuple constructor
    # One span() call instead of start() and end(): this runs for every word of every text.
    return [
        new(Token, (w, s + offset, e + offset, w.lower()))
        for m in _TOKEN.finditer(text)
        for w in (m.group(),)
        for s, e in (m.span(),)
    ]


def strip_possessive(word: str) -> str:
    for suffix in _POSSESSIVE:
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def tokenize_phrase(phrase: str) -> tuple[str, ...]:
    """Token key of a lexicon entry, tokenised exactly as text is."""
    return tuple(t.text for t in tokenize(normalise(phrase)))
