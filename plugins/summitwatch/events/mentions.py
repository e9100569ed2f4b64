"""What a sentence mentions: actors (by name or role), places, groups, triggers and cues.

One pass over the tokens with dictionary look-ups (longest match first); hyphenated
compounds ("US-Präsident", "G20-Gipfels", "Trump-Kim-Gipfel") are also read part by part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from summitwatch.events.reference import Entry, Lexicon, Reference, Trigger
from summitwatch.events.roles import (
    DEFAULT_COUNTRY_DE,
    GROUP_OFFICES,
    IMPLIED,
    IMPLIED_PHRASES,
    INSTITUTION_AFTER,
    INSTITUTION_BEFORE,
    ORG_JURISDICTION,
    PLURAL_ROLE_PHRASES,
    PLURAL_ROLE_WORDS,
    ROLE_PHRASES,
    ROLE_WORDS,
    counterpart_office,
    resolve_role,
)
from summitwatch.events.tokens import Token, strip_possessive

_COP = re.compile(r"^COP\d+$")
_LOCATIVE = frozenset(
    [
        "in",
        "im",
        "nach",
        "to",
        "at",
        "auf",
        "am",
        "bei",
        "near",
        "nahe",
        "into",
        "zum",
        "zur",
        "outside",
        "off",
        "city",
        "capital",
        "hauptstadt",
        "stadt",
        "schloss",
        "visit",
        "visits",
        "visited",
        "visiting",
        "besucht",
        "besuchte",
        "besuchen",
    ]
)
# "the war in Ukraine", "der Krieg in der Ukraine", "peace in the Middle East": the
# place is the topic of a noun, not the venue of a gathering.
_TOPIC_NOUNS = frozenset(
    [
        "war",
        "conflict",
        "crisis",
        "fighting",
        "invasion",
        "peace",
        "ceasefire",
        "situation",
        "violence",
        "offensive",
        "aggression",
        "krieg",
        "konflikt",
        "krise",
        "kämpfe",
        "frieden",
        "waffenruhe",
        "lage",
        "situation",
        "invasion",
        "gewalt",
        "offensive",
        "einmarsch",
    ]
)
_CITY_STATES = frozenset({"VA", "SG", "MC", "SM"})
_TOPIC_SUFFIXES = ("krieg", "krieges", "kriegs", "konflikt", "konflikts", "konfliktes", "krise")
# "before returning to Ukraine", "zurück nach Kiew": going home, not the venue.
_RETURN_WORDS = frozenset(
    [
        "return",
        "returns",
        "returned",
        "returning",
        "back",
        "home",
        "zurück",
        "rückkehr",
        "heimreise",
        "heimkehr",
    ]
)
_PAIR_COREF = (
    ("beide",),
    ("beiden",),
    ("both", "leaders"),
    ("both", "men"),
    ("both", "sides"),
    ("the", "two"),
    ("the", "pair"),
    ("they",),
    ("both",),
)
_PAIR_FIRST = frozenset(p[0] for p in _PAIR_COREF)
_SINGLE_COREF = frozenset(
    {
        "he",
        "she",
        "er",
        "sie",
        "his",
        "her",
        "ihr",
        "ihre",
        "ihrem",
        "ihren",
        "seine",
        "seinem",
        "dort",
        "there",
    }
)
_NOMINAL_COREF = ("politiker", "politikerin", "kanzlerin", "politician")
_NOMINAL_ARTICLES = frozenset({"die", "der", "the"})
_ADJ_ENDINGS = frozenset({"e", "en", "er", "es", "em"})
# Memo tables are dropped when they grow beyond this (an unbounded vocabulary, e.g. HTML noise).
_MEMO_LIMIT = 200_000
_TRIGGER_SUFFIXES = (
    "gipfel",
    "gipfels",
    "treffen",
    "treffens",
    "besuch",
    "besuchs",
    "reise",
    "summit",
    "talks",
)


@dataclass(slots=True)
class ActorMention:
    qid: str
    start: int  # token index
    end: int
    via: str  # name | surname | role


@dataclass(slots=True)
class PlaceMention:
    name: str | None  # city in English, None for a country
    country: str
    start: int
    end: int
    locative: bool  # introduced by a preposition ("in Helsinki", "nach Moskau") or a trigger
    dateline: bool = False  # "NEW DELHI:" opening a report: where the reporter is, maybe not the event


@dataclass(slots=True)
class GroupMention:
    code: str
    start: int
    end: int


@dataclass(slots=True)
class TriggerMention:
    kind: str
    strength: str
    start: int
    end: int
    arrival: bool
    group_only: bool


@dataclass(slots=True)
class Cue:
    category: str
    value: str
    start: int
    end: int


@dataclass
class Analysis:
    tokens: list[Token]
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    groups: list[GroupMention] = field(default_factory=list)
    triggers: list[TriggerMention] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    adjectives: list[tuple[str, int, int]] = field(default_factory=list)  # (iso, start, end)
    pair_coref: bool = False
    single_coref: bool = False
    # "den Staatschef", "the president": a definite role of no named country, (office, start, end);
    # the document resolves it to the holder of that office it named last.
    open_roles: list[tuple[str, int, int]] = field(default_factory=list)
    # Tokens where a name stands for an institution ("the Trump administration"): no person there.
    institutional: set[int] = field(default_factory=set)


def _lookup(ref: Reference, key: tuple[str, ...]) -> list[Entry]:
    found = ref.entries.get(key)
    if found:
        return found
    last = key[-1]
    # Possessive and German genitive: "Putin's", "Putins", "Russlands".
    stripped = strip_possessive(last)
    if stripped != last:
        found = ref.entries.get((*key[:-1], stripped))
        if found:
            return found
    if len(last) > 3 and last.endswith("s") and last[0].isupper():
        found = ref.entries.get((*key[:-1], last[:-1]))
        if found:
            return [e for e in found if e.type in {"actor", "surname", "country", "city"}]
    if all(k.isupper() for k in key) and len(last) > 3:
        # datelines: "HANOI", "ELMAU", "BUENOS AIRES"
        return [
            e for e in ref.entries.get(tuple(k.title() for k in key), []) if e.type in {"city", "country"}
        ]
    return []


def _token_triggers(lex: Lexicon, word: str, capitalised: bool) -> tuple[Trigger, ...]:
    """Word and compound-suffix triggers of one token (memoised per lexicon)."""
    key = (word, capitalised)
    found = lex.memo.get(key)
    if found is not None:
        return found
    last = word.rsplit("-", 1)[-1] if "-" in word else word
    trigs = lex.words.get(word) or (lex.words.get(last) if last != word else None)
    out: list[Trigger] = []
    if trigs:
        out.extend(trigs)
    elif lex.suffixes and len(last) > 5 and capitalised:
        # Compound nouns (German nouns are capitalised): Spitzentreffen, Antrittsbesuch.
        for suffix, trig in lex.suffixes:
            if last.endswith(suffix):
                out.append(trig)
                if trig.category in {"kind", "arrival", "blocker"}:
                    break
    if len(lex.memo) > _MEMO_LIMIT:
        lex.memo.clear()
    result = lex.memo[key] = tuple(out)
    return result


def _trigger_words(lex: Lexicon, tokens: list[Token]) -> tuple[list[TriggerMention], list[Cue]]:
    triggers: list[TriggerMention] = []
    cues: list[Cue] = []
    lowers = [t.lower for t in tokens]
    n = len(tokens)
    phrase_lengths = lex.phrase_lengths

    def emit(trigs: Iterable[Trigger], start: int, end: int) -> None:
        for trig in trigs:
            if trig.category in {"kind", "arrival"}:
                triggers.append(
                    TriggerMention(
                        trig.value,
                        trig.strength,
                        start,
                        end,
                        trig.category == "arrival",
                        trig.strength == "group",
                    )
                )
            else:
                cues.append(Cue(trig.category, trig.value, start, end))

    for i in range(n):
        word = lowers[i]
        lengths = phrase_lengths.get(word)
        if lengths:
            for length in lengths:  # longest first
                if length < 2 or length > n - i:
                    continue
                trigs = lex.phrases.get(tuple(lowers[i : i + length]))
                if trigs:
                    emit(trigs, i, i + length)
                    break
        found = _token_triggers(lex, word, tokens[i].text[:1].isupper())
        if found:
            emit(found, i, i + 1)
    return triggers, cues


def analyse(ref: Reference, tokens: list[Token], lang: str, published: date | None) -> Analysis:
    an = Analysis(tokens)
    n = len(tokens)
    texts = [t.text for t in tokens]
    i = 0
    memo = ref.token_memo
    while i < n:
        word = texts[i]
        look = memo.get(word)
        if look is None:
            look = _needs_look(ref, word)
            if len(memo) > _MEMO_LIMIT:
                memo.clear()
            memo[word] = look
        if not look:
            i += 1
            continue
        length_found = 0
        longest = ref.first_tokens.get(word) or (
            ref.first_tokens.get(word.title()) if word.isupper() else None
        )
        if longest:
            lengths = range(min(longest, n - i), 0, -1)
        elif word[:1].isupper() and (word.isupper() or word.endswith("s")):
            lengths = range(1, 0, -1)  # only "HANOI", "Putins", "Putin's" need a second look
        else:
            lengths = range(0)
        if lengths:
            for length in lengths:
                entries = _lookup(ref, tuple(texts[i : i + length]))
                entries = [e for e in entries if e.lang in {"*", lang}] or [
                    e for e in entries if e.type in {"city", "country", "group"}
                ]
                if entries:
                    _record(an, ref, entries, i, i + length, texts)
                    length_found = length
                    break
        if not length_found and texts[i][:1].islower():
            # German adjectives inflect: russischen, russischer -> russisch.
            low = texts[i]
            for cut in (1, 2):
                iso = ref.adjectives.get(low[:-cut]) if len(low) > cut + 3 else None
                if iso and low[-cut:] in {"e", "en", "er", "es", "em"}:
                    an.adjectives.append((iso, i, i + 1))
                    break
        if not length_found and "-" in texts[i]:
            for part in texts[i].split("-"):
                if not part:
                    continue
                if _COP.match(part):
                    an.groups.append(GroupMention("UN", i, i + 1))
                    continue
                # "Moskau-Reise", "Helsinki-Gipfel" name a venue; other compounds with a city do not.
                venue = texts[i].lower().endswith(_TRIGGER_SUFFIXES)
                entries = [e for e in _lookup(ref, (part,)) if e.type != "city" or venue]
                if entries:
                    _record(an, ref, entries, i, i + 1, texts, compound=True)
        elif not length_found and _COP.match(texts[i]):
            an.groups.append(GroupMention("UN", i, i + 1))
        i += max(length_found, 1)

    if "hauptstadt" in texts or "capital" in texts or "Hauptstadt" in texts:
        _capitals(an, ref, texts)
    lex = ref.lexicons.get(lang) or ref.lexicons["en"]
    an.triggers, an.cues = _trigger_words(lex, tokens)
    lowers = [t.lower for t in tokens]
    vocabulary = set(lowers)
    if not vocabulary.isdisjoint(_PAIR_FIRST):
        for i in range(n):
            if lowers[i] in _PAIR_FIRST:
                for pattern in _PAIR_COREF:
                    if tuple(lowers[i : i + len(pattern)]) == pattern:
                        an.pair_coref = True
    if not vocabulary.isdisjoint(_SINGLE_COREF):
        an.single_coref = True
    elif not vocabulary.isdisjoint(_NOMINAL_ARTICLES):
        an.single_coref = any(
            lowers[i + 1].endswith(_NOMINAL_COREF) for i in range(n - 1) if lowers[i] in _NOMINAL_ARTICLES
        )
    _institutions(an, lowers)
    _roles(an, ref, lang, published)
    _call_verbs(an, lowers)
    if lang == "de" and "ein" in vocabulary:
        _separable_invitation(an, lowers)
    an.triggers.sort(key=lambda t: t.start)
    return an


def _institutions(an: Analysis, lowers: list[str]) -> None:
    """Drop names that modify an institution: "the Trump administration", "die Trump-Regierung"."""
    n = len(lowers)
    for k, word in enumerate(lowers):
        if "-" in word and word.rsplit("-", 1)[-1] in INSTITUTION_AFTER:
            an.institutional.add(k)  # "Trump-Regierung", "Obama-era"
        elif k + 1 < n and lowers[k + 1] in INSTITUTION_AFTER and an.tokens[k].text[:1].isupper():
            an.institutional.add(k)  # "Trump administration", "Obama's government"
        elif k > 0 and lowers[k - 1] in INSTITUTION_BEFORE and an.tokens[k].text[:1].isupper():
            an.institutional.add(k)  # "Regierung Merkel"
    if an.institutional:
        an.actors = [a for a in an.actors if not an.institutional.intersection(range(a.start, a.end))]


# German separable verbs: "Putin lud Trump nach Moskau ein", "Xi lädt Putin ein".
_INVITE_STEMS = frozenset(["lud", "luden", "lädt", "lade", "laden", "ladet"])
_CLAUSE_END = frozenset([",", ";", ".", ":", "!", "?", "(", ")"])


def _separable_invitation(an: Analysis, lowers: list[str]) -> None:
    have = {t.start for t in an.triggers}
    for i, word in enumerate(lowers):
        if word not in _INVITE_STEMS or i in have:
            continue
        for k in range(i + 1, min(i + 15, len(lowers))):
            if lowers[k] in _CLAUSE_END:
                break
            if lowers[k] == "ein":
                an.triggers.append(TriggerMention("visit", "weak", i, i + 1, False, False))
                an.cues.append(Cue("status", "invited", i, i + 1))
                break


# "Macron called Zelenskyy", "Trump rief Putin an": a calling verb whose object is a person.
# "called for", "called on", "so-called", "called it" have no person right after them.
_CALL_VERBS = frozenset(
    ["call", "calls", "called", "calling", "phone", "phones", "rang", "ruft", "rief", "anrufen", "angerufen"]
)
_CALL_BEFORE = frozenset(
    [
        "a",
        "the",
        "their",
        "his",
        "her",
        "this",
        "that",
        "first",
        "second",
        "last",
        "latest",
        "lengthy",
        "long",
        "brief",
        "productive",
        "constructive",
        "friendly",
        "frank",
        "tense",
    ]
)
_QUOTES = frozenset({'"', "\u201c", "\u201d", "'", "\u2019"})
_WEEKDAYS_EN = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_CALL_NOT_AFTER = frozenset({"for", "on", "off", "up", "out", "to", "it", "of"})
_CALL_NOUNS = frozenset(["call", "calls", "anruf", "anrufe", "anrufs"])
_CALL_GAP = frozenset(["the", "his", "her", "their", "den", "die", "dem", "seinen", "ihren"])


def _call_verbs(an: Analysis, lowers: list[str]) -> None:
    if (_CALL_VERBS.isdisjoint(lowers) and _CALL_NOUNS.isdisjoint(lowers)) or not an.actors:
        return
    starts = {a.start for a in an.actors}
    for i, word in enumerate(lowers):
        if word in _CALL_NOUNS and i + 1 < len(lowers) and lowers[i + 1] in {"with", "mit"}:
            # "held calls with Trump", "ein Anruf mit Macron": a call noun with its partner
            if any(i + 1 < a.start <= i + 5 for a in an.actors):
                an.triggers.append(TriggerMention("call", "strong", i, i + 1, False, False))
            continue
        if (
            word in {"call", "calls"}
            and i > 0
            and (lowers[i - 1] in _CALL_BEFORE or lowers[i - 1] in _QUOTES)
        ):
            nxt = lowers[i + 1] if i + 1 < len(lowers) else ""
            when = lowers[i + 2] if i + 2 < len(lowers) else ""
            dated = nxt == "on" and (when in _WEEKDAYS_EN or when[:1].isdigit())  # "a call on Thursday"
            if (dated or nxt not in _CALL_NOT_AFTER) and i not in {t.start for t in an.triggers}:
                # "after a 'very productive' call", "the call": the noun is a phone call
                an.triggers.append(TriggerMention("call", "strong", i, i + 1, False, False))
                continue
        if word not in _CALL_VERBS:
            continue
        k = i + 1
        while (
            k < len(lowers)
            and k <= i + 3
            and k not in starts
            and (
                lowers[k] in _CALL_GAP or an.tokens[k].text[:1].isupper()  # "called Ukrainian President X"
            )
        ):
            k += 1
        if k in starts or (word in {"anrufen", "angerufen"} and any(a.end <= i for a in an.actors)):
            an.triggers.append(TriggerMention("call", "strong", i, i + 1, False, False))


def _needs_look(ref: Reference, word: str) -> bool:
    """Whether the mention pass can find anything at a token ``word`` (false for most words)."""
    if word in ref.first_tokens or "-" in word or _COP.match(word):
        return True
    if word[:1].isupper() and (word.isupper() or word.endswith("s")):
        return True
    if word[:1].islower():
        for cut in (1, 2):
            if len(word) > cut + 3 and word[:-cut] in ref.adjectives and word[-cut:] in _ADJ_ENDINGS:
                return True
    return False


def _record(
    an: Analysis,
    ref: Reference,
    entries: list[Entry],
    start: int,
    end: int,
    texts: list[str],
    compound: bool = False,
) -> None:
    kinds = {e.type for e in entries}
    prev = texts[start - 1].lower() if start > 0 else ""
    prev2 = texts[start - 2].lower() if start > 1 else ""
    if "actor" in kinds or "surname" in kinds:
        for e in entries:
            if e.type in {"actor", "surname"}:
                an.actors.append(ActorMention(e.key, start, end, "name" if e.type == "actor" else "surname"))
        return
    if "group" in kinds:
        for e in entries:
            if e.type == "group":
                an.groups.append(GroupMention(e.key, start, end))
        return
    after_locative = prev in _LOCATIVE or (prev in {"the", "der", "dem", "den"} and prev2 in _LOCATIVE)
    if "adjective" in kinds and not (kinds & {"city", "country"} and after_locative):
        e = next(e for e in entries if e.type == "adjective")
        an.adjectives.append((e.key, start, end))
        # "im litauischen Vilnius": the adjective is part of a locative phrase.
        return
    place = next((e for e in entries if e.type == "city"), None) or next(
        (e for e in entries if e.type == "country"), None
    )
    if place is None:
        return
    # "Helsinki-Gipfel" names the place of the gathering; "Ukraine-Verhandlungen" does not.
    compound_place = compound and texts[start].lower().endswith(_TRIGGER_SUFFIXES)
    nxt = texts[end].lower() if end < len(texts) else ""
    nxt2 = texts[end + 1].lower() if end + 1 < len(texts) else ""
    # Of a compound only the part before a trigger is a venue: "zum Ukraine-Krieg" is none.
    locative = compound_place or (
        not compound
        and (
            prev in _LOCATIVE
            or prev2 in _LOCATIVE
            or (start == 0 and texts[start].isupper())
            or nxt in {"where", "wo"}
            or nxt2 in {"where", "wo"}
            or nxt.endswith(_TRIGGER_SUFFIXES)
        )
    )
    if not locative and not compound and start > 0 and an.adjectives and an.adjectives[-1][2] == start:
        locative = prev2 in _LOCATIVE or (start > 2 and texts[start - 3].lower() in _LOCATIVE)
    if locative and _topic_place(texts, start):
        locative = False
    name = place.key if place.type == "city" else None
    if name is None and place.country in _CITY_STATES:
        name = ref.capitals.get(place.country)  # "im Vatikan", "in Singapur": the state is its city
    country = place.country
    if place.type == "country" and an.places and an.places[-1].end + 1 == start and texts[start - 1] == ",":
        # "Wuhan, China": the country qualifies the city before it.
        an.places[-1].locative = an.places[-1].locative or locative
        return
    dateline = start == 0 and texts[start].isupper() and not (prev in _LOCATIVE or compound_place)
    an.places.append(PlaceMention(name, country, start, end, locative, dateline))


def _capitals(an: Analysis, ref: Reference, texts: list[str]) -> None:
    """'in der russischen Hauptstadt', 'in Vietnams Hauptstadt', 'the Chinese capital': its capital.

    Not when the city is named right after ("in der indonesischen Hauptstadt Jakarta").
    """
    named = {p.start for p in an.places if p.name}
    for i, word in enumerate(texts):
        if word.lower() not in {"hauptstadt", "capital"} or i + 1 in named:
            continue
        iso = next((a for a, _s, e in an.adjectives if e == i), None) or next(
            (p.country for p in an.places if p.name is None and p.end == i), None
        )
        if iso is None and i + 2 < len(texts) and texts[i + 1] == "of":
            iso = next((p.country for p in an.places if p.name is None and p.start == i + 2), None)
        capital = ref.capitals.get(iso or "")
        if not capital or iso is None:
            continue
        start = i
        while start > 0 and (
            texts[start - 1].lower() in _ARTICLES or start - 1 in {s for _a, s, _e in an.adjectives}
        ):
            start -= 1  # "in der russischen Hauptstadt": the locative stands before the article
        while start > 0 and start - 1 in {p.end - 1 for p in an.places if p.name is None}:
            start -= 1  # "in Vietnams Hauptstadt"
        locative = start > 0 and texts[start - 1].lower() in _LOCATIVE
        an.places = [
            p
            for p in an.places
            if not (p.name is None and p.country == iso and p.end <= i + 3 and p.end >= start)
        ]
        an.places.append(PlaceMention(capital, iso, i, i + 1, locative))
        an.places.sort(key=lambda p: p.start)


_ARTICLES = frozenset({"der", "die", "dem", "den", "the", "its"})


def _topic_place(texts: list[str], start: int) -> bool:
    """'the war in Ukraine', 'returned to Ukraine': a topic or a way home, not a venue."""
    for k in range(start - 1, max(start - 4, 0) - 1, -1):
        if texts[k].lower() in _LOCATIVE:
            before = texts[k - 1].lower() if k > 0 else ""
            return before in _TOPIC_NOUNS or before in _RETURN_WORDS or before.endswith(_TOPIC_SUFFIXES)
    return False


def _country_before(an: Analysis, idx: int) -> str | None:
    for iso, _s, e in an.adjectives:
        if e == idx or (e == idx - 1 and an.tokens[idx - 1].lower in {"and", "und"}):
            return iso
    for p in an.places:
        if (p.name is None or p.country in _CITY_STATES) and p.end == idx:
            return p.country  # "US President", "Russia's foreign minister", "Singapurs Premier"
    return None


def _country_after(an: Analysis, idx: int) -> str | None:
    """'Präsident Russlands', 'President of Russia'."""
    for p in an.places:
        if p.name is None and (p.start == idx or (p.start == idx + 1 and an.tokens[idx].lower == "of")):
            return p.country
    return None


def _group_before(an: Analysis, idx: int, token_idx: int) -> str | None:
    for g in an.groups:
        if g.end == idx or g.start == token_idx:
            return g.code
    return None


# Every word a role can start with (whole token or last part of a compound).
_ROLE_START = frozenset(
    [w for w, office in ROLE_WORDS.items() if office]
    + list(IMPLIED)
    + [k[0] for k in ROLE_PHRASES]
    + [k[0] for k in IMPLIED_PHRASES]
    + list(PLURAL_ROLE_WORDS)
    + [k[0] for k in PLURAL_ROLE_PHRASES]
)


def _roles(an: Analysis, ref: Reference, lang: str, published: date | None) -> None:
    tokens = an.tokens
    lowers = [t.lower for t in tokens]
    named = {(a.start, a.end) for a in an.actors}
    n = len(tokens)
    i = 0
    while i < n:
        word = lowers[i]
        if not (word in _ROLE_START or ("-" in word and word.rsplit("-", 1)[-1] in _ROLE_START)):
            i += 1  # no role word, role phrase or implied role starts here
            continue
        office = None
        jurisdiction = None
        end = i + 1
        plural = _plural_role(lowers, i)
        if plural is not None:
            office, end = plural
            if not _joined_adjectives(an, i, lowers):
                i = end  # "European leaders": a collective, nobody in particular
                continue
        for length in (3, 2) if office is None else ():
            key = tuple(lowers[i : i + length])
            if key in IMPLIED_PHRASES and i + length <= n:
                office, jurisdiction = IMPLIED_PHRASES[key]
                end = i + length
                break
            if key in ROLE_PHRASES and i + length <= n:
                office, end = ROLE_PHRASES[key], i + length
                break
        if office is None:
            last = word.rsplit("-", 1)[-1]
            if word in IMPLIED:
                office, jurisdiction = IMPLIED[word]
            elif last in IMPLIED:
                office, jurisdiction = IMPLIED[last]
            elif ROLE_WORDS.get(last):
                office = ROLE_WORDS[last]
                if last != word:  # "US-Präsident", "Nato-Generalsekretär"
                    prefix = word.rsplit("-", 1)[0]
                    hits = [e for e in ref.entries.get((tokens[i].text.rsplit("-", 1)[0],), [])]
                    for e in hits:
                        if e.type in {"country", "adjective"}:
                            jurisdiction = e.country or e.key
                        elif e.type == "group":
                            jurisdiction = "group:" + e.key
                    if not hits and prefix.startswith("bundes"):
                        jurisdiction = "DE"
        if office is None:
            i += 1
            continue
        if _not_the_holder(lowers, i, an):
            i = end  # "as secretary of state", "the former chancellor", "Ex-Präsident": nobody in office now
            continue
        # A role followed by a name is an apposition: the name is the mention.
        titled = end < n and (tokens[end].text[:1].isupper() or tokens[end].text == ",")
        if any(
            s == end or (s == end + 1 and titled and not _other_country(an, ref, i, s)) for s, _ in named
        ) or _unknown_name_follows(tokens, end, lang):
            i = end
            continue
        if jurisdiction is None:
            jurisdiction = _country_before(an, i) or _country_after(an, end)
            group = _group_before(an, i, i)
            if group:
                jurisdiction = "group:" + group
        if jurisdiction is None and lang == "de":
            jurisdiction = DEFAULT_COUNTRY_DE.get(office)
        if jurisdiction and jurisdiction.startswith("group:"):
            office = GROUP_OFFICES.get((jurisdiction[6:], office), "")
            jurisdiction = ORG_JURISDICTION.get(office, "")
        elif office in ORG_JURISDICTION:
            jurisdiction = ORG_JURISDICTION[office]
        if office == "counterpart" and jurisdiction:
            subject = next((a for a in an.actors if a.start < i), None)
            office = counterpart_office(ref, subject.qid, published) if subject else None
        if (
            office
            and not jurisdiction
            and office in _OPEN_OFFICES
            and i > 0
            and lowers[i - 1] in _DEFINITE_ROLE
        ):
            an.open_roles.append((office, i, end))
        if office and jurisdiction:
            holder = resolve_role(ref, office, jurisdiction, published)
            if holder:
                an.actors.append(ActorMention(holder.qid, i, end, "role"))
                # "The Chinese and Russian leaders": a second adjective joined by "and".
                for _iso, adj_start, adj_end in an.adjectives:
                    if adj_end == i and adj_start >= 2 and lowers[adj_start - 1] in {"and", "und"}:
                        first = next((a for a in an.adjectives if a[2] == adj_start - 1), None)
                        other = resolve_role(ref, office, first[0], published) if first else None
                        if other and first:
                            an.actors.append(ActorMention(other.qid, first[1], end, "role"))
        i = end
    an.actors.sort(key=lambda a: a.start)


# Before a role: it is said of someone ("as secretary of state", "als Kanzlerin") or names a
# holder other than the current one ("former", "ehemalige", "incoming", "künftige").
_NOT_HOLDER = frozenset(
    [
        "as",
        "als",
        "former",
        "ex",
        "late",
        "then",
        "incoming",
        "future",
        "outgoing",
        "designated",
        "ehemalige",
        "ehemaliger",
        "ehemaligen",
        "ehemaligem",
        "früherer",
        "frühere",
        "früheren",
        "früherem",
        "einstige",
        "einstiger",
        "einstigen",
        "künftige",
        "künftiger",
        "künftigen",
        "designierte",
        "designierter",
        "designierten",
        "scheidende",
        "scheidender",
        "scheidenden",
        # "a foreign leader", "der erste ausländische Regierungschef": not of the default country
        "foreign",
        "ausländische",
        "ausländischer",
        "ausländischen",
        "ausländischem",
        # "Abe ist der erste Regierungschef, den …": a role said of the subject
        "ist",
        "war",
        "is",
        "was",
    ]
)
_ROLE_GAP = frozenset(
    {
        "the",
        "a",
        "der",
        "die",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "first",
        "erste",
        "ersten",
    }
)


def _not_the_holder(lowers: list[str], i: int, an: Analysis) -> bool:
    word = lowers[i]
    if "-" in word and word.split("-", 1)[0] in {"ex", "alt", "vize"}:
        return True  # "Ex-Präsident", "Altkanzler" is one word, "Vize-Kanzler" another office
    adjectives = {s for _iso, s, _e in an.adjectives}
    k = i - 1
    while k >= 0 and (lowers[k] in _ROLE_GAP or k in adjectives):
        k -= 1  # "as the Chinese president", "der frühere russische Präsident"
    return k >= 0 and lowers[k] in _NOT_HOLDER


def _other_country(an: Analysis, ref: Reference, role_start: int, name_start: int) -> bool:
    """'the Russian leader, Trump said': the name after the comma is no apposition of the role."""
    iso = _country_before(an, role_start)
    actor = next((a for a in an.actors if a.start == name_start), None)
    home = ref.actors[actor.qid].country if actor and actor.qid in ref.actors else None
    return bool(iso and home and iso != home)


_DEFINITE_ROLE = frozenset({"the", "der", "den", "dem", "des", "die"})
_OPEN_OFFICES = frozenset(
    {"leader", "president", "head_of_government", "foreign_minister", "defence_minister"}
)


def _plural_role(lowers: list[str], i: int) -> tuple[str, int] | None:
    """(office, end) of a plural role word or phrase starting at token ``i``."""
    pair = tuple(lowers[i : i + 2])
    if len(pair) == 2 and pair in PLURAL_ROLE_PHRASES:
        return PLURAL_ROLE_PHRASES[pair], i + 2
    office = PLURAL_ROLE_WORDS.get(lowers[i])
    return (office, i + 1) if office else None


def _joined_adjectives(an: Analysis, i: int, lowers: list[str]) -> bool:
    """Two country adjectives joined by "and"/"und" end right before token ``i``."""
    for _iso, adj_start, adj_end in an.adjectives:
        if adj_end == i and adj_start >= 2 and lowers[adj_start - 1] in {"and", "und"}:
            return any(a[2] == adj_start - 1 for a in an.adjectives)
    return False


def _unknown_name_follows(tokens: list[Token], idx: int, lang: str) -> bool:
    """'Vizeaußenminister Sergej Rjabkow', 'Foreign Minister Teodoro Ribera': a person we do not know."""
    if idx >= len(tokens):
        return False
    first = tokens[idx].text
    if not first[:1].isupper() or not first.isalpha():
        return False
    if lang == "de":
        return idx + 1 < len(tokens) and tokens[idx + 1].text[:1].isupper() and tokens[idx + 1].text.isalpha()
    return True
