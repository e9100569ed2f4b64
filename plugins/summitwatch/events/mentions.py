"""What a sentence mentions: actors (by name or role), places, groups, triggers and cues.

One pass over the tokens with dictionary look-ups (longest match first); hyphenated
compounds ("US-Präsident", "G20-Gipfels", "Trump-Kim-Gipfel") are also read part by part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from summitwatch.events.dates import opening_words
from summitwatch.events.lang import Language
from summitwatch.events.lang.lexicon import Lexicon, Trigger
from summitwatch.events.quotes import QUOTE_MARKS
from summitwatch.events.reference import Entry, Reference
from summitwatch.events.roles import GROUP_OFFICES, ORG_JURISDICTION, counterpart_office, resolve_role
from summitwatch.events.tokens import Token, strip_possessive

_COP = re.compile(r"^COP\d+$")
_CITY_STATES = frozenset({"VA", "SG", "MC", "SM"})
_DATELINE_DASHES = frozenset({"-", "\u2013", "\u2014"})
# Memo tables are dropped when they grow beyond this (an unbounded vocabulary, e.g. HTML noise).
_MEMO_LIMIT = 200_000


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


@dataclass(slots=True)  # one per sentence: slots make it cheaper to build and read
class Analysis:
    tokens: list[Token]
    lang: Language
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    groups: list[GroupMention] = field(default_factory=list)
    triggers: list[TriggerMention] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    adjectives: list[tuple[str, int, int]] = field(default_factory=list)  # (iso, start, end)
    pair_coref: bool = False
    # Where a bare plural pronoun ("they") of the pair starts: it is the pair only in its clause.
    pair_pronoun_at: list[int] = field(default_factory=list)
    pair_described: bool = False  # "beide", "both sides", "the two": the pair anywhere in the sentence
    pair_leaders: bool = False  # "the two leaders", "beide Staatschefs": a pair of leaders
    single_coref: bool = False
    latter_coref: bool = False  # "Dieser hatte sich mit Kim getroffen": the one named last
    # "den Staatschef", "the president": a definite role of no named country, (office, start, end);
    # the document resolves it to the holder of that office it named last.
    open_roles: list[tuple[str, int, int]] = field(default_factory=list)
    # Tokens where a name stands for no person present: an institution ("the Trump
    # administration") or someone's staff ("an aide to Zelenskiy"). No short form there either.
    not_person: set[int] = field(default_factory=set)
    # Where a role stood for its holder: start -> (office, jurisdiction), to find the holder
    # at another date ("his Russian counterpart" of a call two years ago).
    role_at: dict[int, tuple[str, str]] = field(default_factory=dict)
    # Clause number of every token, once build_frames has split the sentence (None before).
    clause_of: list[int] | None = None


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
        # Compound nouns: Spitzentreffen, Antrittsbesuch (``capitalised``: it may be a noun).
        for suffix, trig in lex.suffixes:
            if last.endswith(suffix):
                out.append(trig)
                if trig.category in {"kind", "arrival", "blocker"}:
                    break
    if len(lex.memo) > _MEMO_LIMIT:
        lex.memo.clear()
    result = lex.memo[key] = tuple(out)
    return result


def _trigger_words(
    lex: Lexicon, tokens: list[Token], lowers: list[str], capitalises_nouns: bool
) -> tuple[list[TriggerMention], list[Cue]]:
    triggers: list[TriggerMention] = []
    cues: list[Cue] = []
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

    memo = lex.memo
    for i, word in enumerate(lowers):
        lengths = phrase_lengths.get(word)
        if lengths:
            for length in lengths:  # longest first
                if length < 2 or length > n - i:
                    continue
                trigs = lex.phrases.get(tuple(lowers[i : i + length]))
                if trigs:
                    emit(trigs, i, i + length)
                    break
        # Where nouns are capitalised, only a capitalised token is a compound noun.
        capitalised = not capitalises_nouns or tokens[i].text[:1].isupper()
        # The memo read inline: this loop runs for every token of every sentence.
        found = memo.get((word, capitalised))
        if found is None:
            found = _token_triggers(lex, word, capitalised)
        if found:
            emit(found, i, i + 1)
    return triggers, cues


_LEADER_ROLES = frozenset({"leader", "head_of_government", "president"})


def analyse(ref: Reference, tokens: list[Token], lang: Language, published: date | None) -> Analysis:
    an = Analysis(tokens, lang)
    words = lang.mentions
    n = len(tokens)
    texts = [t.text for t in tokens]
    memo = ref.token_memo.setdefault(lang.code, {})
    looked: list[int] = []  # the tokens where a mention can start (few)
    for k, word in enumerate(texts):
        look = memo.get(word)
        if look is None:
            look = _needs_look(ref, word, lang)
            if len(memo) > _MEMO_LIMIT:
                memo.clear()
            memo[word] = look
        if look:
            looked.append(k)
    resume = 0  # the first token after the last mention found
    for i in looked:
        if i < resume:
            continue
        word = texts[i]
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
                entries = [e for e in entries if e.lang in {"*", lang.code}] or [
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
                if iso and low[-cut:] in words.adjective_endings:
                    an.adjectives.append((iso, i, i + 1))
                    break
        if not length_found and "-" in texts[i]:
            parts = texts[i].split("-")
            skip = False
            for j, part in enumerate(parts):
                if skip or not part:
                    skip = False
                    continue
                # "G-20-Gipfel", "G-7-Staaten": a name with its own hyphen is one part.
                joined = f"{part}-{parts[j + 1]}" if j + 1 < len(parts) else ""
                if joined and any(e.type == "group" for e in _lookup(ref, (joined,))):
                    part, skip = joined, True
                if _COP.match(part):
                    an.groups.append(GroupMention("UN", i, i + 1))
                    continue
                # "Moskau-Reise", "Helsinki-Gipfel" name a venue; other compounds with a city do not.
                venue = texts[i].lower().endswith(words.trigger_suffixes)
                entries = [e for e in _lookup(ref, (part,)) if e.type != "city" or venue]
                if entries:
                    _record(an, ref, entries, i, i + 1, texts, compound=True)
        elif not length_found and _COP.match(texts[i]):
            an.groups.append(GroupMention("UN", i, i + 1))
        resume = i + max(length_found, 1)

    if not lang.capital_forms.isdisjoint(texts):
        _capitals(an, ref, texts)
    lowers = [t.lower for t in tokens]
    an.triggers, an.cues = _trigger_words(lang.lexicon, tokens, lowers, lang.capitalises_nouns)
    vocabulary = set(lowers)
    pair_first = lang.pair_first
    if not vocabulary.isdisjoint(pair_first):
        for i in range(n):
            if lowers[i] in pair_first:
                for pattern in words.pair_coref:
                    if tuple(lowers[i : i + len(pattern)]) == pattern:
                        an.pair_coref = True
                        if pattern in words.pair_pronouns:
                            an.pair_pronoun_at.append(i)
                        else:
                            an.pair_described = True
                        after = lowers[i + len(pattern) - 1 : i + len(pattern) + 1]
                        if any(lang.roles.plural_words.get(w) in _LEADER_ROLES for w in after):
                            an.pair_leaders = True
    if not vocabulary.isdisjoint(words.latter_coref):
        # a pronoun, not a determiner ("dieser Besuch"): no noun follows
        an.latter_coref = any(
            lowers[i] in words.latter_coref and (i + 1 == n or not tokens[i + 1].text[:1].isupper())
            for i in range(n)
        )
    if not vocabulary.isdisjoint(words.single_coref):
        an.single_coref = True
    elif not vocabulary.isdisjoint(words.nominal_articles):
        articles, nouns = words.nominal_articles, words.nominal_coref
        an.single_coref = any(nxt.endswith(nouns) for word, nxt in pairwise(lowers) if word in articles)
    _institutions(an, lowers)
    _roles(an, ref, published, lowers)
    if not lang.clauses.bilateral.isdisjoint(vocabulary):
        _bilateral_partners(an, ref, published, lowers)
    _proxies(an, lowers)
    _call_verbs(an, lowers)
    if words.invitation_particle and words.invitation_particle in vocabulary:
        _separable_invitation(an, lowers)
    an.triggers.sort(key=lambda t: t.start)
    return an


def _bilateral_partners(an: Analysis, ref: Reference, published: date | None, lowers: list[str]) -> None:
    """'Modi held bilateral talks with Brazil, South Africa and Japan', 'bilaterale Gespräche mit
    Brasilien und Japan', 'his bilateral with Brazil': a country met bilaterally is its leader at
    the time (leaders meet leaders; "talks with Iran" alone may be any negotiation)."""
    cw = an.lang.clauses
    n = len(lowers)
    glue = cw.conjunctions | cw.definite | {","}
    taken = {k for a in an.actors for k in range(a.start, a.end)}
    countries = {p.start: p for p in an.places if p.name is None}
    for i, word in enumerate(lowers):
        if word not in cw.bilateral:
            continue
        k = next((j for j in range(i + 1, min(i + 3, n)) if lowers[j] in cw.comitative), None)
        j = k + 1 if k is not None else n
        while j < n:
            place = countries.get(j)
            if place is not None:
                holder = resolve_role(ref, "leader", place.country, published)
                if holder is not None and taken.isdisjoint(range(place.start, place.end)):
                    an.actors.append(ActorMention(holder.qid, place.start, place.end, "role"))
                    an.role_at[place.start] = ("leader", place.country)
                j = place.end
            elif j in taken:
                j = next(a.end for a in an.actors if a.start <= j < a.end)
            elif lowers[j] in glue:
                j += 1
            else:
                break
    an.actors.sort(key=lambda a: a.start)


def _institutions(an: Analysis, lowers: list[str]) -> None:
    """Drop names that modify an institution: "the Trump administration", "die Trump-Regierung"."""
    after, before = an.lang.roles.institution_after, an.lang.roles.institution_before
    for a in an.actors:  # a compound with a name is always read as an actor mention
        word = lowers[a.start]
        if a.end == a.start + 1 and "-" in word and word.rsplit("-", 1)[-1] in after:
            an.not_person.add(a.start)  # "Trump-Regierung", "Obama-era"
    if not (after.isdisjoint(lowers) and before.isdisjoint(lowers)):
        # Also short forms the document resolves later: the capitalised word beside the noun.
        n = len(lowers)
        for k, word in enumerate(lowers):
            if word in after and k > 0 and an.tokens[k - 1].text[:1].isupper():
                an.not_person.add(k - 1)  # "Trump administration"
            if word in before and k + 1 < n and an.tokens[k + 1].text[:1].isupper():
                an.not_person.add(k + 1)  # "Regierung Merkel"
    if an.not_person:
        an.actors = [a for a in an.actors if not an.not_person.intersection(range(a.start, a.end))]


_CLAUSE_END = frozenset([",", ";", ".", ":", "!", "?", "(", ")"])


def _proxies(an: Analysis, lowers: list[str]) -> None:
    """Drop people named only as someone's boss: "a top aide to Zelenskiy", "Putin's envoy",
    "ein Berater des Präsidenten", "Putins Sprecher": the aide is there, not the person.

    Runs after the roles, so "an aide to the president" drops the holder too.
    """
    roles = an.lang.roles
    nouns = roles.proxy_nouns
    if not nouns or not an.actors:
        return
    n = len(lowers)
    adjectives = {k for _iso, s, e in an.adjectives for k in range(s, e)}
    dropped: set[int] = set()
    for a in an.actors:
        k, linked = a.start - 1, False
        while k >= 0 and a.start - k <= 3 and (lowers[k] in roles.proxy_links or lowers[k] in roles.gap):
            linked = linked or lowers[k] in roles.proxy_links
            k -= 1
        last = an.tokens[a.end - 1].text
        genitive = last.endswith(("s", "'s", "\u2019s"))
        if k >= 0 and k < a.start - 1 and linked and lowers[k].endswith(nouns):
            dropped.add(a.start)  # "an aide to Zelenskiy", "Berater des Präsidenten"
        elif k == a.start - 1 and genitive and an.lang.capitalises_nouns and lowers[k].endswith(nouns):
            dropped.add(a.start)  # "Berater Selenskyjs"
        else:
            j = a.end
            while j < n and j - a.end < 2 and (j in adjectives or not an.tokens[j].text[:1].isupper()):
                if lowers[j].endswith(nouns):
                    break
                j += 1  # "Putin's top aide", "Putins außenpolitischer Berater"
            if genitive and j < n and lowers[j].endswith(nouns):
                dropped.add(a.start)
    if dropped:
        for a in an.actors:
            if a.start in dropped:
                an.not_person.update(range(a.start, a.end))
        an.actors = [a for a in an.actors if a.start not in dropped]


def _separable_invitation(an: Analysis, lowers: list[str]) -> None:
    """Separable verbs of invitation: "Putin lud Trump nach Moskau ein", "Xi lädt Putin ein"."""
    words = an.lang.mentions
    have = {t.start for t in an.triggers}
    for i, word in enumerate(lowers):
        if word not in words.invitation_stems or i in have:
            continue
        for k in range(i + 1, min(i + 15, len(lowers))):
            if lowers[k] in _CLAUSE_END:
                break
            if lowers[k] == words.invitation_particle:
                an.triggers.append(TriggerMention("visit", "weak", i, i + 1, False, False))
                an.cues.append(Cue("status", "invited", i, i + 1))
                break


_QUOTES = frozenset({'"', "\u201c", "\u201d", "'", "\u2019"})


def _call_verbs(an: Analysis, lowers: list[str]) -> None:
    words = an.lang.mentions
    if (words.call_verbs.isdisjoint(lowers) and words.call_nouns.isdisjoint(lowers)) or not an.actors:
        return
    starts = {a.start for a in an.actors}
    for i, word in enumerate(lowers):
        if word in words.call_nouns and i + 1 < len(lowers) and lowers[i + 1] in an.lang.clauses.comitative:
            # "held calls with Trump", "ein Anruf mit Macron": a call noun with its partner
            if any(i + 1 < a.start <= i + 5 for a in an.actors):
                an.triggers.append(TriggerMention("call", "strong", i, i + 1, False, False))
            continue
        if (
            word in words.bare_call_nouns
            and i > 0
            and (lowers[i - 1] in words.call_before or lowers[i - 1] in _QUOTES)
        ):
            nxt = lowers[i + 1] if i + 1 < len(lowers) else ""
            when = lowers[i + 2] if i + 2 < len(lowers) else ""
            dated = nxt == words.call_date_preposition and (
                when in words.call_weekdays or when[:1].isdigit()
            )  # "a call on Thursday"
            if (dated or nxt not in words.call_not_after) and i not in {t.start for t in an.triggers}:
                # "after a 'very productive' call", "the call": the noun is a phone call
                an.triggers.append(TriggerMention("call", "strong", i, i + 1, False, False))
                continue
        if word not in words.call_verbs:
            continue
        k = i + 1
        while (
            k < len(lowers)
            and k <= i + 3
            and k not in starts
            and (
                lowers[k] in words.call_gap
                or an.tokens[k].text[:1].isupper()  # "called Ukrainian President X"
            )
        ):
            k += 1
        if k in starts or (word in words.call_verbs_after_object and any(a.end <= i for a in an.actors)):
            an.triggers.append(TriggerMention("call", "strong", i, i + 1, False, False))


def _needs_look(ref: Reference, word: str, lang: Language) -> bool:
    """Whether the mention pass can find anything at a token ``word`` (false for most words)."""
    if word in ref.first_tokens or "-" in word or _COP.match(word):
        return True
    if word[:1].isupper() and (word.isupper() or word.endswith("s")):
        return True
    if word[:1].islower():
        for cut in (1, 2):
            if (
                len(word) > cut + 3
                and word[:-cut] in ref.adjectives
                and word[-cut:] in lang.mentions.adjective_endings
            ):
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
    words = an.lang.mentions
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
    after_locative = prev in words.locative or (prev in words.place_articles and prev2 in words.locative)
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
    compound_place = compound and texts[start].lower().endswith(words.trigger_suffixes)
    nxt = texts[end].lower() if end < len(texts) else ""
    nxt2 = texts[end + 1].lower() if end + 1 < len(texts) else ""
    # Of a compound only the part before a trigger is a venue: "zum Ukraine-Krieg" is none.
    locative = compound_place or (
        not compound
        and (
            prev in words.locative
            or prev2 in words.locative
            or (start == 0 and (texts[start].isupper() or nxt in _DATELINE_DASHES))
            or nxt in words.where
            or nxt2 in words.where
            or nxt.endswith(words.trigger_suffixes)
        )
    )
    if not locative and not compound and start > 0 and an.adjectives and an.adjectives[-1][2] == start:
        locative = prev2 in words.locative or (start > 2 and texts[start - 3].lower() in words.locative)
    if locative and _topic_place(texts, start, an.lang):
        locative = False
    name = place.key if place.type == "city" else None
    if name is None and place.country in _CITY_STATES:
        name = ref.capitals.get(place.country)  # "im Vatikan", "in Singapur": the state is its city
    country = place.country
    if (
        place.type == "country"
        and an.places
        and an.places[-1].name is not None
        and an.places[-1].end + 1 == start
        and texts[start - 1] == ","
    ):
        # "Wuhan, China": the country qualifies the city before it ("Brazil, Japan" is a list).
        an.places[-1].locative = an.places[-1].locative or locative
        return
    # "HANOI:", "BUENOS AIRES, Argentina -", "Hanoi - Nach seinem Gipfel ...": where the report was filed
    dateline = (
        start == 0
        and (texts[start].isupper() or nxt in _DATELINE_DASHES)
        and not (prev in words.locative or compound_place)
    )
    an.places.append(PlaceMention(name, country, start, end, locative, dateline))


def _capitals(an: Analysis, ref: Reference, texts: list[str]) -> None:
    """'in der russischen Hauptstadt', 'in Vietnams Hauptstadt', 'the Chinese capital': its capital.

    Not when the city is named right after ("in der indonesischen Hauptstadt Jakarta").
    """
    words = an.lang.mentions
    named = {p.start for p in an.places if p.name}
    for i, word in enumerate(texts):
        if word.lower() not in words.capital_words or i + 1 in named:
            continue
        iso = next((a for a, _s, e in an.adjectives if e == i), None) or next(
            (p.country for p in an.places if p.name is None and p.end == i), None
        )
        if iso is None and i + 2 < len(texts) and texts[i + 1] in words.genitive_of:
            iso = next((p.country for p in an.places if p.name is None and p.start == i + 2), None)
        capital = ref.capitals.get(iso or "")
        if not capital or iso is None:
            continue
        start = i
        while start > 0 and (
            texts[start - 1].lower() in words.capital_articles
            or start - 1 in {s for _a, s, _e in an.adjectives}
        ):
            start -= 1  # "in der russischen Hauptstadt": the locative stands before the article
        while start > 0 and start - 1 in {p.end - 1 for p in an.places if p.name is None}:
            start -= 1  # "in Vietnams Hauptstadt"
        locative = start > 0 and texts[start - 1].lower() in words.locative
        an.places = [
            p
            for p in an.places
            if not (p.name is None and p.country == iso and p.end <= i + 3 and p.end >= start)
        ]
        an.places.append(PlaceMention(capital, iso, i, i + 1, locative))
        an.places.sort(key=lambda p: p.start)


def _topic_place(texts: list[str], start: int, lang: Language) -> bool:
    """'the war in Ukraine', 'returned to Ukraine': a topic or a way home, not a venue."""
    words = lang.mentions
    for k in range(start - 1, max(start - 4, 0) - 1, -1):
        if texts[k].lower() in words.locative:
            before = texts[k - 1].lower() if k > 0 else ""
            return (
                before in words.topic_nouns
                or before in words.return_words
                or before.endswith(words.topic_suffixes)
            )
    return False


def _country_before(an: Analysis, idx: int) -> str | None:
    for iso, _s, e in an.adjectives:
        if e == idx or (e == idx - 1 and an.tokens[idx - 1].lower in an.lang.roles.conjunctions):
            return iso
    for p in an.places:
        if (p.name is None or p.country in _CITY_STATES) and p.end == idx:
            return p.country  # "US President", "Russia's foreign minister", "Singapurs Premier"
    return None


def _country_after(an: Analysis, idx: int) -> str | None:
    """'Präsident Russlands', 'President of Russia'."""
    for p in an.places:
        if p.name is None and (
            p.start == idx or (p.start == idx + 1 and an.tokens[idx].lower in an.lang.mentions.genitive_of)
        ):
            return p.country
    return None


def _group_before(an: Analysis, idx: int, token_idx: int) -> str | None:
    for g in an.groups:
        if g.end == idx or g.start == token_idx:
            return g.code
    return None


def _roles(an: Analysis, ref: Reference, published: date | None, lowers: list[str]) -> None:
    lang = an.lang
    roles = lang.roles
    starts = lang.role_starts
    tokens = an.tokens
    # One string of the sentence's words: most sentences have no apostrophe and no hyphen,
    # and a test on it skips the word-by-word passes for them.
    joined = " ".join(lowers)
    if "'" in joined or "\u2019" in joined:
        # "the chancellor's visit"; most tokens have no apostrophe, so skip the call for them
        lowers = [strip_possessive(w) if "'" in w or "\u2019" in w else w for w in lowers]
    else:
        lowers = list(lowers)  # this function's own copy
    if starts.isdisjoint(lowers) and not (
        "-" in joined and any(w.rsplit("-", 1)[-1] in starts for w in [w for w in lowers if "-" in w])
    ):
        an.actors.sort(key=lambda a: a.start)
        return  # no word of the sentence can start a role (most sentences)
    named = {(a.start, a.end) for a in an.actors}
    n = len(tokens)
    i = 0
    while i < n:
        word = lowers[i]
        if not (word in starts or ("-" in word and word.rsplit("-", 1)[-1] in starts)):
            i += 1  # no role word, role phrase or implied role starts here
            continue
        office = None
        jurisdiction = None
        end = i + 1
        plural = _plural_role(lowers, i, lang)
        if plural is not None:
            office, end = plural
            if not _joined_adjectives(an, i, lowers):
                listed = _jurisdiction_list(an, ref, office, i, end, lowers, published)
                an.actors.extend(listed)
                # "the heads of state of France and Germany": one each; "European leaders": a
                # collective, nobody in particular
                i = max([end] + [a.end for a in listed])
                continue
        for length in (3, 2) if office is None else ():
            key = tuple(lowers[i : i + length])
            if key in roles.implied_phrases and i + length <= n:
                office, jurisdiction = roles.implied_phrases[key]
                end = i + length
                break
            if key in roles.phrases and i + length <= n:
                office, end = roles.phrases[key], i + length
                break
        if office is None:
            last = word.rsplit("-", 1)[-1]
            if word in roles.implied:
                office, jurisdiction = roles.implied[word]
            elif last in roles.implied:
                office, jurisdiction = roles.implied[last]
            elif roles.words.get(last):
                office = roles.words[last]
                if last != word:  # "US-Präsident", "Nato-Generalsekretär"
                    prefix = word.rsplit("-", 1)[0]
                    hits = [e for e in ref.entries.get((tokens[i].text.rsplit("-", 1)[0],), [])]
                    for e in hits:
                        if e.type in {"country", "adjective"}:
                            jurisdiction = e.country or e.key
                        elif e.type == "group":
                            jurisdiction = "group:" + e.key
                    if not hits:
                        jurisdiction = next(
                            (iso for p, iso in roles.implied_prefixes.items() if prefix.startswith(p)), None
                        )
        if office is None:
            i += 1
            continue
        if _not_the_holder(lowers, i, an):
            i = end  # "as secretary of state", "the former chancellor", "Ex-Präsident": nobody in office now
            continue
        if _portfolio_follows(tokens, end, lang) or _unknown_name_before(an, i, lowers):
            # "Secretary of State for Work and Pensions": another office than the one its words
            # name alone; "Jane Doe, Secretary of State": the role says who she is, no holder.
            i = end
            continue
        # A role followed by a name is an apposition: the name is the mention.
        titled = end < n and (tokens[end].text[:1].isupper() or tokens[end].text == ",")
        if any(
            s == end or (s == end + 1 and titled and not _other_country(an, ref, i, s)) for s, _ in named
        ) or _unknown_name_follows(tokens, end, lang):
            i = end
            continue
        if jurisdiction is None and office:
            # "die Verteidigungsminister der USA und Russlands": one holder of each
            listed = _jurisdiction_list(an, ref, office, i, end, lowers, published)
            if listed:
                an.actors.extend(listed)
                i = listed[-1].end
                continue
        if jurisdiction is None:
            jurisdiction = _country_before(an, i) or _country_after(an, end)
            group = _group_before(an, i, i)
            if group:
                jurisdiction = "group:" + group
        if jurisdiction is None:
            jurisdiction = roles.default_jurisdiction.get(office)
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
            # "the president"; a capitalised title opening the sentence is definite too
            # ("Prime Minister met both ...", '"Präsident sagte ...')
            and (
                (i > 0 and lowers[i - 1] in roles.definite)
                or ((i == 0 or tokens[i - 1].text in QUOTE_MARKS) and tokens[i].text[:1].isupper())
            )
        ):
            an.open_roles.append((office, i, end))
        if office and jurisdiction:
            holder = resolve_role(ref, office, jurisdiction, published)
            if holder:
                an.actors.append(ActorMention(holder.qid, i, end, "role"))
                an.role_at[i] = (office, jurisdiction)
                # "The Chinese and Russian leaders": a second adjective joined by "and".
                for _iso, adj_start, adj_end in an.adjectives:
                    if adj_end == i and adj_start >= 2 and lowers[adj_start - 1] in roles.conjunctions:
                        first = next((a for a in an.adjectives if a[2] == adj_start - 1), None)
                        other = resolve_role(ref, office, first[0], published) if first else None
                        if other and first:
                            an.actors.append(ActorMention(other.qid, first[1], end, "role"))
        i = end
    an.actors.sort(key=lambda a: a.start)


def _jurisdiction_list(
    an: Analysis, ref: Reference, office: str, role: int, end: int, lowers: list[str], published: date | None
) -> list[ActorMention]:
    """'the defence ministers of the US and Russia', 'die Präsidenten des Europäischen Rates und
    der EU-Kommission': a role followed by two or more jurisdictions joined by "and" is one
    holder of each (at the publication date). Fewer than two: nothing (the caller goes on)."""
    roles = an.lang.roles
    n = len(lowers)
    countries = {p.start: p for p in an.places if p.name is None}
    skip = roles.genitive_markers | roles.definite
    items: list[tuple[str, str, int, int]] = []  # office, jurisdiction, start, end
    j = end
    while j < n:
        k = j
        while k < n and lowers[k] in skip:
            k += 1
        found = None
        place = countries.get(k)
        adjective = next((a for a in an.adjectives if a[1] == k and k > end), None)  # "of the US"
        if place is not None:
            found = (office, place.country, place.start, place.end)
        elif adjective is not None:
            found = (office, adjective[0], adjective[1], adjective[2])
        elif office in {"president", "leader"}:
            for length in (3, 2, 1):
                head = roles.institutions.get(tuple(lowers[k : k + length]))
                if head:
                    found = (head, ORG_JURISDICTION.get(head, ""), k, k + length)
                    break
        # The first needs "of"/"der" before it, or is itself a genitive ("Russlands").
        marked = k > end or an.tokens[k].text.endswith("s") if k < n else False
        if found is None or (not items and not marked):
            break
        items.append(found)
        j = found[3]
        if j + 1 < n and (lowers[j] in roles.conjunctions or lowers[j] == ","):
            j += 1
            continue
        break
    if len(items) < 2:
        return []
    out = []
    # the first holder's mention starts at the role ("a call between the defence chiefs of France and …")
    items[0] = (items[0][0], items[0][1], role, items[0][3])
    for item_office, jurisdiction, start, stop in items:
        holder = resolve_role(ref, item_office, jurisdiction, published)
        if holder is not None:
            out.append(ActorMention(holder.qid, start, stop, "role"))
            an.role_at[start] = (item_office, jurisdiction)
    return out if len(out) >= 2 else []


def _not_the_holder(lowers: list[str], i: int, an: Analysis) -> bool:
    roles = an.lang.roles
    word = lowers[i]
    if "-" in word and word.split("-", 1)[0] in roles.not_holder_prefixes:
        return True  # "Ex-Präsident", "Altkanzler" is one word, "Vize-Kanzler" another office
    adjectives = {s for _iso, s, _e in an.adjectives}
    k = i - 1
    while k >= 0 and (lowers[k] in roles.gap or k in adjectives):
        k -= 1  # "as the Chinese president", "der frühere russische Präsident"
    return k >= 0 and lowers[k] in roles.not_holder


def _portfolio_follows(tokens: list[Token], end: int, lang: Language) -> bool:
    """'Secretary of State for Work', 'Minister für Arbeit': the portfolio names the office."""
    return (
        end + 1 < len(tokens)
        and tokens[end].lower in lang.roles.portfolio_prepositions
        and tokens[end + 1].text[:1].isupper()
    )


def _unknown_name_before(an: Analysis, i: int, lowers: list[str]) -> bool:
    """'Jane Doe, Secretary of State', 'Anna Berger, Österreichs Außenministerin': an apposition.

    A role right after a comma that follows a name of two capitalised words the reference does
    not know describes that person. Known names are left alone: a known person's apposition
    resolves to that person anyway, and a comma after a clause ("After meeting Putin, the US
    president said") is no apposition.
    """
    roles = an.lang.roles
    adjectives = {k for _iso, s, e in an.adjectives for k in range(s, e)}
    places = {k for p in an.places if p.name is None for k in range(p.start, p.end)}
    k = i - 1
    while k >= 0 and (lowers[k] in roles.gap or k in adjectives or k in places):
        k -= 1  # "Jane Doe, the British foreign secretary", "Anna Berger, Österreichs Außenministerin"
    if k < 2 or an.tokens[k].text != ",":
        return False
    mentioned = {m for a in an.actors for m in range(a.start, a.end)}
    mentioned |= {m for p in an.places for m in range(p.start, p.end)}
    mentioned |= {m for g in an.groups for m in range(g.start, g.end)} | adjectives
    lang = an.lang
    closed = lang.clauses.split_words | lang.mentions.locative | lang.document.sentence_openers
    closed |= lang.clauses.partner_markers | lang.mentions.genitive_of | lang.tense.articles | roles.gap
    if k >= 3 and lowers[k - 3] in closed:
        return False  # "According to Reuters News,", "During the Asia Summit,": no person's name
    mentioned |= {m for t in an.triggers for m in range(t.start, t.end)}
    for m in (k - 1, k - 2):
        word = an.tokens[m].text
        if (
            not word[:1].isupper()
            or not word.replace("-", "").isalpha()
            or m in mentioned
            or lowers[m] in opening_words(an.lang)
            or lowers[m] in closed
        ):
            return False
    return True


def _other_country(an: Analysis, ref: Reference, role_start: int, name_start: int) -> bool:
    """'the Russian leader, Trump said': the name after the comma is no apposition of the role."""
    iso = _country_before(an, role_start)
    actor = next((a for a in an.actors if a.start == name_start), None)
    home = ref.actors[actor.qid].country if actor and actor.qid in ref.actors else None
    return bool(iso and home and iso != home)


_OPEN_OFFICES = frozenset(
    {"leader", "president", "head_of_government", "foreign_minister", "defence_minister", "monarch"}
)


def _plural_role(lowers: list[str], i: int, lang: Language) -> tuple[str, int] | None:
    """(office, end) of a plural role word or phrase starting at token ``i``."""
    for length in (3, 2):  # "heads of state", "foreign ministers"
        key = tuple(lowers[i : i + length])
        if len(key) == length and key in lang.roles.plural_phrases:
            return lang.roles.plural_phrases[key], i + length
    office = lang.roles.plural_words.get(lowers[i])
    return (office, i + 1) if office else None


def _joined_adjectives(an: Analysis, i: int, lowers: list[str]) -> bool:
    """Two country adjectives joined by "and"/"und" end right before token ``i``."""
    for _iso, adj_start, adj_end in an.adjectives:
        if adj_end == i and adj_start >= 2 and lowers[adj_start - 1] in an.lang.roles.conjunctions:
            return any(a[2] == adj_start - 1 for a in an.adjectives)
    return False


def _unknown_name_follows(tokens: list[Token], idx: int, lang: Language) -> bool:
    """'Vizeaußenminister Sergej Rjabkow', 'Foreign Minister Teodoro Ribera': a person we do not know."""
    if idx >= len(tokens):
        return False
    first = tokens[idx].text
    if not first[:1].isupper() or not first.isalpha() or tokens[idx].lower in opening_words(lang):
        return False  # "des ukrainischen Präsidenten Ende Februar": a date follows, no name
    if lang.capitalises_nouns:  # one capital is any noun: an unknown name has two
        return idx + 1 < len(tokens) and tokens[idx + 1].text[:1].isupper() and tokens[idx + 1].text.isalpha()
    return True
