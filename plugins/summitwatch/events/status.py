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

from summitwatch.events.lang import Language
from summitwatch.events.mentions import Cue, TriggerMention
from summitwatch.events.tokens import Token

# The later stage of a gathering's life wins when two mentions are merged.
STATUS_RANK = {"proposed": 0, "invited": 1, "planned": 2, "held": 3, "postponed": 4, "cancelled": 5}
FUTURE = frozenset({"proposed", "invited", "planned"})


def clause_status(
    tokens: list[Token],
    lo: int,
    hi: int,
    cues: list[Cue],
    triggers: list[TriggerMention],
    lang: Language,
    own: bool = True,
) -> tuple[str | None, str]:
    """The status the cues in tokens[lo:hi] give a gathering whose triggers are ``triggers``,
    and its basis: "cue" (a status word or the Perfekt) or "tense" (only weak evidence: a past
    form, "am Rande", an attributive "abgesagte"); the basis feeds the event's confidence.

    ``own`` is False when the clause is a neighbour of the triggers' clause: its tense alone
    ("after he pulled out of the deal", "after a call") says nothing about the gathering.
    """
    words = lang.tense
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
        if cue.value in {"cancelled", "postponed"} and any(
            tokens[k].lower in words.concessive for k in range(max(cue.start - 3, 0), cue.start)
        ):
            continue  # "der Besuch findet trotz der Verschiebung statt": despite it, not it
        if cue.value in {"cancelled", "postponed"} and not _governs(cue, triggers, tokens, lang):
            continue
        if cue.value in {"cancelled", "postponed"} and _attributive(cue, triggers, tokens, lang):
            attributive.add(cue.value)
            continue
        word = tokens[cue.start].lower
        if cue.value == "held" and word in words.weak_past:
            weak_held = True
            continue
        wish = any(tokens[k].lower in words.wish_words for k in range(cue.start + 1, min(cue.start + 4, hi)))
        if (
            cue.value == "proposed"
            and word in words.backshifted_modals
            and not wish
            and _reported(tokens, cue.start, lang)
        ):
            found.add("intended")  # "Trump said he would meet Putin": the reported "I will meet"
            continue
        found.add(cue.value)
    if _perfect(tokens, lo, hi, lang):
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
    if infinitival(tokens, lo, hi, lang):
        return (
            None,
            "none",
        )  # "..., am Rande des Gipfels ein Gespräch abzuhalten": the governing clause decides
    if weak_held or (weak_cue and own):
        # "was", "had" are the tense of a neighbouring clause too; "after", "am Rande",
        # "derzeit" only speak of their own clause
        return "held", "tense"
    if any(
        tokens[t.start].lower in words.present_triggers
        and not (t.start and tokens[t.start - 1].lower in words.noun_before)
        for t in triggers
    ):
        return "held", "tense"  # "Xi meets Putin"; not the noun in "for talks with Xi"
    if own and _past_shape(tokens, lo, hi, lang, reporting):
        return "held", "tense"
    return None, "none"


def _reported(tokens: list[Token], k: int, lang: Language) -> bool:
    """The modal at ``k`` is the future of reported speech: a verb of saying stands a few words
    before it, with only its subject between ("said he would", "sagte, er würde", "said Thursday
    that he would")."""
    words = lang.tense
    for j in range(k - 1, max(k - 9, -1), -1):
        word = tokens[j].lower
        if word in words.reporting_verbs:
            return True
        if word in words.reported_subject_gap or (tokens[j].text[:1].isupper() and tokens[j].text.isalpha()):
            continue  # the subject, "that", a weekday; a quotation mark or colon ends the search
        return False
    return False


def infinitival(tokens: list[Token], lo: int, hi: int, lang: Language) -> bool:
    """A zu-infinitive clause ("abzuhalten", "zu treffen") has no tense of its own."""
    words = lang.tense
    if words.zu_infinitive is None:
        return False
    for k in range(lo, hi):
        word = tokens[k].lower
        if words.zu_infinitive.match(word):
            return True
        if word == words.infinitive_marker and k + 1 < hi:
            nxt = tokens[k + 1]
            infinitive = nxt.lower.endswith(words.infinitive_ending) and nxt.lower not in words.not_infinitive
            if nxt.text[:1].islower() and infinitive:
                return True
    return False


def _past_shape(tokens: list[Token], lo: int, hi: int, lang: Language, reporting: set[int]) -> bool:
    """A word in tokens[lo:hi] shaped like a finite past-tense verb (``TenseWords.past_shape``)."""
    words = lang.tense
    shape = words.past_shape
    if shape is None:
        return False
    for k in range(lo, hi):
        tok = tokens[k]
        word = tok.lower
        if (
            k in reporting
            or word in words.not_past_shape
            or word in words.announcing_participles
            or not shape.match(word)
        ):
            continue
        if not tok.text[:1].islower() or (words.not_verb_shape and words.not_verb_shape.search(word)):
            continue  # a noun, a name, an ordinal or superlative
        if words.adjectival_participle and words.adjectival_participle.match(word):
            continue  # a participle used as adjective ("geplante"); the Perfekt is _perfect's
        if words.zu_infinitive and words.zu_infinitive.match(word):
            continue  # "abzuhalten", "auszurichten"
        before = tokens[k - 1] if k > lo else None
        if before is not None and (
            before.lower in words.attributive or before.text.endswith(("'s", "\u2019s"))
        ):
            continue  # "the planned talks", "India's continued engagement": an adjective
        nxt = tokens[k + 1].text if k + 1 < hi else ""
        if nxt[:1].isupper() and any(tokens[j].lower in words.articles for j in range(max(lo, k - 3), k)):
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


def _governs(cue: Cue, triggers: list[TriggerMention], tokens: list[Token], lang: Language) -> bool:
    """'cancel the summit' / 'the summit was cancelled' / 'Gipfel abgesagt' / 'Absage des Gipfels'."""
    for t in triggers:
        after = 0 <= t.start - cue.end <= 5
        before = 0 <= cue.start - t.end <= 16
        if after and not any(tokens[k].lower in lang.tense.object_nouns for k in range(cue.end, t.start)):
            return True  # not "cancel a signing ceremony": a noun between verb and trigger
        ahead_of = any(
            tokens[k].lower in lang.tense.purpose_words for k in range(max(t.start - 4, 0), t.start)
        )
        if before and _passive(tokens, t.end, cue.start, cue, lang) and not ahead_of:
            # not "a meeting of the ministers, ahead of a summit of the presidents, was postponed"
            return True
        if t.start <= cue.start < t.end:  # "Absage" inside a compound
            return True
    return False


def _attributive(cue: Cue, triggers: list[TriggerMention], tokens: list[Token], lang: Language) -> bool:
    """'his cancelled visit': the participle describes the gathering's past, the verb decides."""
    follows = any(t.start == cue.end for t in triggers)
    return follows and cue.start > 0 and tokens[cue.start - 1].lower in lang.tense.attributive


def _passive(tokens: list[Token], lo: int, hi: int, cue: Cue, lang: Language) -> bool:
    words = lang.tense
    word = tokens[cue.start].lower
    if word.startswith(words.postposed_cue_prefixes) or word in words.postposed_cue_words:
        return True  # German participles and nouns stand after their noun
    return any(tokens[k].lower in words.passive_auxiliaries for k in range(lo, hi))


def _perfect(tokens: list[Token], lo: int, hi: int, lang: Language) -> bool:
    """Perfect or pluperfect ("hat ... getroffen", "war ... gereist"): a report of the past."""
    words = lang.tense
    participle = words.participle
    if participle is None or not any(tokens[k].lower in words.perfect_auxiliaries for k in range(lo, hi)):
        return False
    lowers = [tokens[k].lower for k in range(lo, hi)]
    if not words.future_auxiliaries.isdisjoint(lowers):
        return False
    return any(participle.match(w) for w in lowers if w not in words.announcing_participles)
