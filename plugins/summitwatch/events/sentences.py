"""Sentence splitting that survives German dates and abbreviations.

A full stop ends a sentence unless it follows an ordinal day ("16. Juli"), an
abbreviation of the language ("Dr.", "z.B.", "Mr.": ``SentenceWords``), an initial
("Donald J. Trump") or a number, and the next word starts with a capital letter or a
quote. Line breaks between paragraphs always end a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from summitwatch.events.lang import Language

_BOUNDARY = re.compile(r"([.!?]+)([\"'”“»«)]*)(\s+)(?=[\"'„“”«»(]*[A-ZÄÖÜ0-9])")
# A blank line, or a line break after sentence-final punctuation, ends a paragraph; other
# single line breaks are wrapped lines of one sentence.
_PARAGRAPH = re.compile(r"\n\s*\n|(?<=[.!?\"”:])[ \t]*\n")
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_SHORT_LINE_WORDS = 12
_ORDINAL_BEFORE_MONTH = re.compile(r"\b\d{1,2}\.$", re.IGNORECASE)
_SHORT_LOWER = re.compile(r"[a-zäöü](?:\.[a-zäöü])?")  # "z.B", "s." - not "ab", "an", "zu" (particles)
_INITIAL = re.compile(r"[A-ZÄÖÜ]")
_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,2}\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@cache
def _month_after(lang: Language) -> re.Pattern[str]:
    months = "|".join(re.escape(m) for m in lang.dates.months) or "(?!)"
    return re.compile(rf"^({months})\b", re.IGNORECASE)


def _is_false_boundary(before: str, after: str, lang: Language) -> bool:
    # The word the stop ends (a split, not a regex search: this runs at every full stop).
    parts = before.rsplit(None, 1)
    word = parts[-1] if parts and not before[-1:].isspace() else ""
    last = word.rstrip(".").lower()
    if last in lang.sentences.abbreviations or _SHORT_LOWER.fullmatch(last):
        return True
    if _INITIAL.fullmatch(word.rstrip(".")):
        return True  # an initial: "Donald J. Trump"
    if _ORDINAL_BEFORE_MONTH.search(before) and _month_after(lang).match(after):
        return True
    # "am 16. Juli" is handled above; "der 3. Gipfel" (ordinal + noun) also stays together.
    return bool(_ORDINAL_END.search(before)) and not after[:1].isdigit()


def split_sentences(text: str, lang: Language) -> list[Sentence]:
    spans: list[tuple[int, int]] = []
    for para in _paragraphs(text):
        start = para[0]
        chunk = text[para[0] : para[1]]
        for m in _BOUNDARY.finditer(chunk):
            cut = m.end(2)
            # Only the few characters around the full stop matter (keeps splitting linear).
            before = chunk[max(m.start(1) - 40, 0) : m.start(1) + 1]
            if m.group(1) == "." and _is_false_boundary(before, chunk[m.end() : m.end() + 40], lang):
                continue
            spans.append((start, para[0] + cut))
            start = para[0] + m.end()
        spans.append((start, para[1]))
    out: list[Sentence] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(len(out), s, e, text[s:e]))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH.finditer(text):
        out.extend(_short_lines(text, start, m.start()))
        start = m.end()
    out.extend(_short_lines(text, start, len(text)))
    return [(s, e) for s, e in out if e > s]


def _short_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A short line (headline, byline, time stamp) ends its unit at its line break.

    A wrapped line of running text is longer and stays joined to the next line.
    """
    out: list[tuple[int, int]] = []
    unit_start = line_start = start
    for m in _LINE_BREAK.finditer(text, start, end):
        if len(text[line_start : m.start()].split()) <= _SHORT_LINE_WORDS:
            out.append((unit_start, m.start()))
            unit_start = m.end()
        line_start = m.end()
    out.append((unit_start, end))
    return out
