"""Status of a gathering from the cues of its clause: triggers, tense and modality.

Precedence inside one clause: cancelled/postponed (only when the cue governs the
trigger) > ahead ("auf dem Weg zum Gipfel": planned) > invited > proposed (modal: would,
könnte, erwägt) > intended (will, wolle, wants, "ich werde": see ``settle``) > held (past
tense, Perfekt, Plusquamperfekt) > planned (future, "soll stattfinden", scheduled) > an
attributive "abgesagte" > weak held ("was", irregular past forms, "is meeting", "derzeit")
> a past-tense verb shape in the trigger's own clause (held).
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
# A finite verb in the past tense reports what happened ("Beim Gipfel verpflichtete sich ...",
# "Modi pressed Putin at their meeting"): the weakest evidence of "held", used only when no cue
# decides. German weak preterite (-te, -ten, -ete) and English -ed forms; irregular ones are
# lexicon cues of value "held_weak". Shapes that are adjectives (after an article or preposition,
# ordinals and superlatives, listed adjectives and infinitives) do not count, nor does the
# Konjunktiv II of a modal ("dürfte", "könnte": a hypothesis, not a report).
_PAST_DE = re.compile(r"^[a-zäöüß]{3,}(?:t|et)en?$")
_PAST_EN = re.compile(r"^[a-z]{3,}ed$")
_NOT_INFINITIVE = frozenset(
    ["den", "einen", "ihren", "seinen", "unseren", "diesen", "jenen", "allen", "weiteren"]
)
_ZU_INFINITIVE = re.compile(
    r"^(?:ab|an|auf|aus|bei|ein|mit|nach|vor|zurück|zusammen|statt|teil|fest|her|hin|weiter|durch)zu\w+en$"
)
_NOT_PAST_SHAPE = frozenset(
    ["heute", "bitte", "mitte", "leichte", "rechte", "echte", "gesamte", "zweite", "dritte", "vierte",
     "achte", "konflikte", "arbeiten", "erwarten", "halten", "beraten", "leiten", "bitten", "gelten",
     "bieten", "warten", "vertreten", "berichten", "richten", "fürchten", "beobachten", "betrachten",
     "verhalten", "erhalten", "gestalten", "treten", "antreten", "abhalten", "bekannte", "bekannten",
     "meisten", "weiten", "breiten", "seiten", "zeiten", "leuten", "rechten", "letzten", "ersten",
     "nächsten", "guten", "alten", "weitere", "united", "need", "speed", "based", "related", "limited",
     "detailed", "advanced", "concerned", "interested", "armed", "so-called", "alleged", "self-styled",
     "hundred", "indeed", "red", "sollte", "sollten", "dürfte", "dürften", "könnte", "könnten",
     "müsste", "müssten", "möchte", "möchten", "wollte", "wollten", "hätte", "hätten", "würde",
     "würden", "bräuchte"]
)  # fmt: skip
_ARTICLES = frozenset(
    ["der", "die", "das", "dem", "den", "des", "ein", "eine", "einen", "einem", "einer", "eines"]
)
_ATTRIBUTIVE = _ARTICLES | frozenset(
    ["im", "am", "zum", "zur", "beim", "vom", "the", "a", "an", "this", "that", "these", "its", "their",
     "his", "her", "our", "ihr", "ihre", "ihren", "ihrem", "sein", "seine", "seinen", "seinem", "to",
     "be", "been", "being", "zu", "and", "und", "or", "oder", "von", "für", "mit", "for", "with", "of",
     "by", "in", "an", "auf", "bei", "nach", "aus", "über", "unter", "vor", "gegen", "zwischen", "is",
     "are", "am", "ist", "sind", "wird", "werden"]
)  # fmt: skip


def clause_status(
    tokens: list[Token],
    lo: int,
    hi: int,
    cues: list[Cue],
    triggers: list[TriggerMention],
    lang: str,
    own: bool = True,
) -> tuple[str | None, str]:
    """The status the cues in tokens[lo:hi] give a gathering whose triggers are ``triggers``,
    and its basis: "cue" (a status word or the Perfekt) or "tense" (only weak evidence: a past
    form, "am Rande", an attributive "abgesagte"); the basis feeds the event's confidence.

    ``own`` is False when the clause is a neighbour of the triggers' clause: its tense alone
    ("after he pulled out of the deal", "after a call") says nothing about the gathering.
    """
    found: set[str] = set()
    attributive: set[str] = set()
    weak_held = weak_cue = ahead = False
    reporting = set()
    for cue in cues:
        if lo <= cue.start < hi and cue.category == "report":
            reporting.add(cue.start)
        if not (lo <= cue.start < hi) or cue.category != "status":
            continue
        if cue.value == "held_weak":
            weak_cue = True
            continue
        if cue.value in {"cancelled_attr", "postponed_attr"}:
            attributive.add(cue.value.removesuffix("_attr"))
            continue
        if cue.value == "ahead":
            # "auf dem Weg zum Gipfel", "on his way to the summit": the trip's tense is not the summit's.
            ahead = ahead or any(0 <= t.start - cue.end <= 8 for t in triggers)
            continue
        if cue.value in {"cancelled", "postponed"} and not _governs(cue, triggers, tokens):
            continue
        if cue.value in {"cancelled", "postponed"} and _attributive(cue, triggers, tokens):
            attributive.add(cue.value)
            continue
        word = tokens[cue.start].lower
        if cue.value == "held" and word in _WEAK_HELD:
            weak_held = True
            continue
        found.add(cue.value)
    if lang == "de" and _perfect(tokens, lo, hi):
        found.add("held")
    for status in ("cancelled", "postponed"):
        if status in found:
            return status, "cue"
    if ahead:
        return "planned", "cue"
    for status in ("invited", "proposed", "intended"):
        if status in found:
            return status, "cue"
    if "held" in found and "planned" in found:
        # "met yesterday ... will spend more time together today": it is under way.
        return "held", "cue"
    if "held" in found:
        return "held", "cue"
    if "planned" in found:
        return "planned", "cue"
    # "seinen abgesagten Besuch nachholen": an attributive participle yields to the clause's verb.
    for status in ("cancelled", "postponed"):
        if status in attributive:
            return status, "tense"
    if lang == "de" and _infinitival(tokens, lo, hi):
        return (
            None,
            "none",
        )  # "..., am Rande des Gipfels ein Gespräch abzuhalten": the governing clause decides
    if weak_held or (weak_cue and own):
        # "was", "had" are the tense of a neighbouring clause too; "after", "am Rande",
        # "derzeit" only speak of their own clause
        return "held", "tense"
    if lang == "en" and any(
        _PRESENT_EN.match(tokens[t.start].lower)
        and not (t.start and tokens[t.start - 1].lower in _NOUN_BEFORE)
        for t in triggers
    ):
        return "held", "tense"  # "Xi meets Putin"; not the noun in "for talks with Xi"
    if own and _past_shape(tokens, lo, hi, lang, reporting):
        return "held", "tense"
    return None, "none"


def _infinitival(tokens: list[Token], lo: int, hi: int) -> bool:
    """A German zu-infinitive clause ("abzuhalten", "zu treffen") has no tense of its own."""
    for k in range(lo, hi):
        word = tokens[k].lower
        if _ZU_INFINITIVE.match(word):
            return True
        if word == "zu" and k + 1 < hi:
            nxt = tokens[k + 1]
            if nxt.text[:1].islower() and nxt.lower.endswith("en") and nxt.lower not in _NOT_INFINITIVE:
                return True
    return False


def _past_shape(tokens: list[Token], lo: int, hi: int, lang: str, reporting: set[int]) -> bool:
    """A word in tokens[lo:hi] shaped like a finite past-tense verb (see ``_PAST_DE``)."""
    shape = _PAST_DE if lang == "de" else _PAST_EN
    for k in range(lo, hi):
        tok = tokens[k]
        word = tok.lower
        if k in reporting or word in _NOT_PAST_SHAPE or word in _NOT_PAST or not shape.match(word):
            continue
        if not tok.text[:1].islower() or (
            word.endswith(("ste", "sten")) and not word.endswith(("sste", "ssten"))
        ):
            continue  # a noun, a name, an ordinal or superlative
        if lang == "de" and word.startswith("ge") and not word.endswith("ete"):
            continue  # a participle used as adjective ("geplante"); Perfekt is _perfect's
        if lang == "de" and _ZU_INFINITIVE.match(word):
            continue  # "abzuhalten", "auszurichten"
        if k > lo and tokens[k - 1].lower in _ATTRIBUTIVE:
            continue
        nxt = tokens[k + 1].text if k + 1 < hi else ""
        if nxt[:1].isupper() and any(tokens[j].lower in _ARTICLES for j in range(max(lo, k - 3), k)):
            continue  # "des mit Spannung erwarteten Treffens"
        return True
    return False


def settle(status: str | None, kind: str, group: bool, dated: bool, placed: bool) -> str | None:
    """The status of a frame once its date and place are known.

    Wanting to meet ("will ... treffen", "wants to meet") is an announcement when a date or a
    place is named (planned), else a wish (proposed); for a visit the destination is part of
    the wish ("wolle nach Moskau reisen"), so only a date makes it planned. A group's summit is
    a fixture: someone wishing or being invited to meet there does not make it proposed.
    """
    if status == "intended":
        status = "planned" if dated or (placed and kind != "visit") else "proposed"
    if group and status in {"proposed", "invited"}:
        return "planned"
    return status


def postponed_by_date(status: str | None) -> str | None:
    """A gathering that will not take place at the date once named ("nicht mehr im März") is postponed."""
    return "postponed" if status in {None, "planned", "intended", "proposed"} else status


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


def _attributive(cue: Cue, triggers: list[TriggerMention], tokens: list[Token]) -> bool:
    """'his cancelled visit': the participle describes the gathering's past, the verb decides."""
    follows = any(t.start == cue.end for t in triggers)
    return follows and cue.start > 0 and tokens[cue.start - 1].lower in _ATTRIBUTIVE


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
