"""Status of a gathering from the cues of its clause: triggers, tense and modality.

Precedence inside one clause: cancelled/postponed (only when the cue governs the
trigger) > invited > proposed (modal: would, wolle, erwägt) > held (past tense,
Perfekt, Plusquamperfekt) > planned (future, "soll stattfinden", scheduled).
Across sentences the document keeps the latest stage (see ``STATUS_RANK``).
"""

from __future__ import annotations

import re

from summitwatch.events.mentions import Cue, TriggerMention
from summitwatch.events.tokens import Token

# The later stage of a gathering's life wins when two mentions are merged.
STATUS_RANK = {"proposed": 0, "invited": 1, "planned": 2, "held": 3, "postponed": 4, "cancelled": 5}
FUTURE = frozenset({"proposed", "invited", "planned"})
_AUX_DE = frozenset(
    [
        "hat",
        "haben",
        "hatte",
        "hatten",
        "ist",
        "sind",
        "war",
        "waren",
        "sei",
        "seien",
        "habe",
        "wurde",
        "wurden",
        "worden",
    ]
)
_WEAK_HELD = frozenset(["was", "were", "had", "war", "waren", "hatte", "hatten", "wurde", "wurden"])
_PARTICIPLE = re.compile(
    r"^(?:(?:ein|zusammen|ab|an|auf|aus|vor|nach|über|zu|mit)?ge\w{3,}(?:t|en)|\w+iert|empfangen|begonnen|"
    r"besucht|eingeladen)$"
)
# Participles that announce rather than report, and words that only look like participles.
_NOT_PAST = frozenset(
    [
        "geplant",
        "geplante",
        "vereinbart",
        "angekündigt",
        "angesetzt",
        "gesagt",
        "gefordert",
        "gewünscht",
        "erwartet",
        "gegen",
        "genau",
        "gerade",
        "gemeinsam",
        "getrennt",
        "gestern",
        "geehrt",
        "gesucht",
    ]
)
_NOUN_BEFORE = frozenset(
    {"for", "the", "of", "in", "hold", "holds", "held", "new", "further", "more", "direct"}
)
_PRESENT_EN = re.compile(r"^(meets|visits|hosts|holds|arrives|talks|speaks|welcomes|receives)$")


def clause_status(
    tokens: list[Token], lo: int, hi: int, cues: list[Cue], triggers: list[TriggerMention], lang: str
) -> str | None:
    """The status the cues in tokens[lo:hi] give a gathering whose triggers are ``triggers``."""
    found: set[str] = set()
    weak_held = False
    for cue in cues:
        if not (lo <= cue.start < hi) or cue.category != "status":
            continue
        if cue.value in {"cancelled", "postponed"} and not _governs(cue, triggers, tokens):
            continue
        word = tokens[cue.start].lower
        if cue.value == "held" and word in _WEAK_HELD:
            weak_held = True
            continue
        found.add(cue.value)
    if lang == "de" and _perfect(tokens, lo, hi):
        found.add("held")
    for status in ("cancelled", "postponed", "invited", "proposed"):
        if status in found:
            return status
    if "held" in found and "planned" in found:
        # "met yesterday ... will spend more time together today": it is under way.
        return "held"
    if "held" in found:
        return "held"
    if "planned" in found:
        return "planned"
    if weak_held:
        return "held"
    if lang == "en" and any(
        _PRESENT_EN.match(tokens[t.start].lower)
        and not (t.start and tokens[t.start - 1].lower in _NOUN_BEFORE)
        for t in triggers
    ):
        return "held"  # "Xi meets Putin"; not the noun in "for talks with Xi"
    return None


def _governs(cue: Cue, triggers: list[TriggerMention], tokens: list[Token]) -> bool:
    """'cancel the summit' / 'the summit was cancelled' / 'Gipfel abgesagt' / 'Absage des Gipfels'."""
    for t in triggers:
        after = 0 <= t.start - cue.end <= 5
        before = 0 <= cue.start - t.end <= 16
        if after and not _object_boundary(tokens, cue.end, t.start):
            return True
        if before and _passive(tokens, t.end, cue.start, cue):
            return True
        if t.start <= cue.start < t.end:  # "Absage" inside a compound
            return True
    return False


def _object_boundary(tokens: list[Token], lo: int, hi: int) -> bool:
    """A noun that is not a trigger sits between verb and trigger: 'cancel a signing ceremony'."""
    return any(tokens[k].lower in {"ceremony", "zeremonie", "plans", "pläne"} for k in range(lo, hi))


def _passive(tokens: list[Token], lo: int, hi: int, cue: Cue) -> bool:
    word = tokens[cue.start].lower
    if word.startswith(("ab", "ver", "ge")) or word in {"postponement", "cancellation"}:
        return True  # German participles and nouns stand after their noun
    between = {tokens[k].lower for k in range(lo, hi)}
    return bool(between & {"was", "were", "been", "be", "is", "are", "has", "had", "wurde", "ist", "sei"})


def _perfect(tokens: list[Token], lo: int, hi: int) -> bool:
    has_aux = any(tokens[k].lower in _AUX_DE for k in range(lo, hi))
    if not has_aux:
        return False
    lowers = [tokens[k].lower for k in range(lo, hi)]
    if "wird" in lowers or "werden" in lowers:
        return False
    return any(_PARTICIPLE.match(w) for w in lowers if w not in _NOT_PAST)
