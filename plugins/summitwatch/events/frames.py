"""Sentence level: from mentions to frames (one candidate gathering each).

A sentence is cut into clauses at punctuation and subordinating words. Triggers of one
clause form one frame; a trigger next to a group ("G20-Gipfel", "summit of the SCO")
forms that group's frame. Actors, places and dates attach to frames of their own
clause, or, from a clause without a trigger, to the nearest frame.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from summitwatch.events.dates import DateExpr, new_date_before, resolve
from summitwatch.events.mentions import ActorMention, Analysis, GroupMention, PlaceMention, TriggerMention
from summitwatch.events.model import KIND_PRIORITY
from summitwatch.events.status import clause_status, infinitival, postponed_by_date, settle

# Quotes do not split: "an “informal” summit meeting with Xi" is one phrase.
_SPLIT_PUNCT = frozenset(",;:()\u2013\u2014")


@dataclass
class Frame:
    sentence: int
    kind: str
    groups: tuple[str, ...] = ()
    participants: list[str] = field(default_factory=list)
    via: set[str] = field(default_factory=set)
    location: str | None = None
    country: str | None = None
    date: str | None = None
    date_is_new: bool = False
    status: str | None = None
    evidence: str = ""
    anaphoric: bool = False
    arrival: bool = False
    negated: bool = False
    strength: str = "strong"
    partner_marked: bool = False
    possessive: bool = False
    background: bool = False  # "zuletzt", "previously": told as background, not as the news
    status_basis: str = "none"  # cue | tense | borrowed | none (see status.clause_status)
    sidelines: bool = False  # its own clause says "am Rande"/"on the sidelines" of a group summit
    aside: bool = False  # "am Rande"/"on the sidelines" of any occasion (a funeral, a conference)
    during_visit: bool = False  # "im Rahmen seiner Moskau-Reise", "on the trip": held during a visit
    # One before the one reported: "the previous call", "das vorige Treffen", or the last one
    # before a "first since" one ("their first call since December 2022").
    earlier: bool = False
    pair: bool = False  # both sides named together: "A und B trafen sich", "the two leaders spoke"
    their: bool = False  # "bei ihrem Gespräch", "their talk": a possessive determiner before the noun
    # The pair named before are its two sides: "beide", "the two" in its sentence, "they" in its
    # own clause ("they met"); in another clause "they" is someone else ("a meeting when X told
    # officials they would ...").
    pair_pronoun: bool = False
    series: bool = False  # named only by a noun of a series of talks ("Gespräche mit Putin")
    partners: tuple[str, ...] = ()  # a group's summit with a country ("EU-Indien-Gipfel"): its ISO code
    # A group's summit named as a time ("after the NATO summit"): its tense is the sentence's.
    timed: bool = False
    described: bool = False  # "Es war das erste Treffen ...": a gathering already reported, described
    # Working state while a sentence's frames are built (never read after build_frames):
    trigger_kinds: frozenset[str] = frozenset()  # the kinds of its triggers
    fronted: list[PlaceMention] = field(default_factory=list)  # places in a clause before it

    def add(self, qid: str, via: str) -> None:
        if qid not in self.participants:
            self.participants.append(qid)
        self.via.add(via)


def clauses(an: Analysis) -> list[int]:
    """Clause number of every token."""
    out: list[int] = []
    current = 0
    protected = _punctuation_within_a_phrase(an)  # "Wuhan, China", "Rom-Besuch: ..." stay one phrase
    protected |= _list_commas(an)  # "Macron, Merz and Starmer" is one phrase too
    # "mit Außenminister Heiko Maas (SPD) den russischen …": a one-word parenthesis after a
    # name (a party, a state) is the person's label, no clause of its own
    protected |= {
        k
        for i in {a.end for a in an.actors}
        if i + 2 < len(an.tokens) and an.tokens[i].text == "(" and an.tokens[i + 2].text == ")"
        for k in (i, i + 2)
    }
    words = an.lang.clauses.split_words
    cw = an.lang.clauses
    n = len(an.tokens)
    # "... nach Berlin und nahm im Juli am G20-Gipfel teil": a past verb after "und" opens a clause.
    past_verbs = {
        c.start
        for c in an.cues
        if c.category == "status" and c.value in {"held", "held_weak"} and c.end == c.start + 1
    }
    shape, not_shape = an.lang.tense.past_shape, an.lang.tense.not_past_shape
    if shape is not None:  # "and attended", "und besuchte": a regular past verb
        past_verbs |= {
            k
            for k, t in enumerate(an.tokens)
            if k
            and an.tokens[k - 1].lower in cw.conjunctions
            and t.text[:1].islower()
            and t.lower not in not_shape
            and shape.match(t.lower)
        }
    for i, tok in enumerate(an.tokens):
        nxt = an.tokens[i + 1].lower if i + 1 < n else ""
        # "seit dem Gipfel", "seit zwei Jahren": a preposition. (Before a date, "seit März",
        # the clause stays apart: its date is not the gathering's.)
        preposition = tok.lower in cw.preposition_too and (nxt in cw.determiners or nxt in cw.time_spans)
        coordinated = (
            tok.lower in cw.conjunctions
            and i > 0
            and (nxt in cw.coordinated_auxiliaries or i + 1 in past_verbs)
        )
        if (
            (tok.text in _SPLIT_PUNCT and i not in protected)
            or (tok.lower in words and i > 0 and not preposition)
            or coordinated
        ):
            current += 1
        out.append(current)
    return out


def _punctuation_within_a_phrase(an: Analysis) -> set[int]:
    """Commas after a place, and a headline label's colon, that do not end a clause ("Wuhan,
    China for talks", "in Ukraine, at the base"). Before a person ("in Sochi, Modi praised",
    "Following his stay in Beijing, Chancellor Scholz flies on ...") the comma ends a fronted
    phrase."""
    n = len(an.tokens)
    starts = {a.start for a in an.actors}
    out: set[int] = set()
    for p in an.places:
        k = p.end
        if k >= n or an.tokens[k].text != ",":
            continue
        nxt = an.tokens[k + 1].text if k + 1 < n else ""
        after = an.tokens[k + 2].text if k + 2 < n else ""
        person = k + 1 in starts or k + 2 in starts or (nxt[:1].isupper() and after[:1].isupper())
        if not person:
            out.add(k)
    # "Paris-Reise: Scholz trifft Macron", "Helsinki summit: Trump meets Putin": a headline's
    # label before its colon names the gathering the words after it report.
    colon = next((k for k, t in enumerate(an.tokens) if t.text == ":"), None)
    if (
        colon is not None
        and any(p.end <= colon for p in an.places)
        and not any(a.start < colon for a in an.actors)
    ):
        out.add(colon)
    return out


def _partner_countries(an: Analysis, code: str) -> tuple[str, ...]:
    """'EU-Indien-Gipfel', 'Gipfel der EU mit Indien', 'the EU-China summit', 'a summit between
    the EU and China': a group's summit with one country, whose leader is the other side."""
    out: list[str] = []
    glue = an.lang.clauses.conjunctions | an.lang.clauses.comitative
    for g in an.groups:
        if g.code != code:
            continue
        for p in an.places:
            if p.name is not None or p.country in out:
                continue
            joined = g.end <= p.start <= g.end + 1 and all(
                an.tokens[k].lower in glue for k in range(g.end, p.start)
            )
            if p.start == g.start or joined:
                out.append(p.country)
    return tuple(out)


def _subject(an: Analysis, head: ActorMention) -> list[ActorMention]:
    """The sentence's first person and those joined to them ("Putin and Macron had discussed")."""
    out = [head]
    for a in an.actors:
        if a.start <= out[-1].start:
            continue
        between = [an.tokens[k].lower for k in range(out[-1].end, a.start)]
        if between and len(between) <= 2 and between[-1] in an.lang.clauses.conjunctions | {","}:
            out.append(a)
        else:
            break
    return out


def _group_for(an: Analysis, trig: TriggerMention) -> list[str]:
    """Groups whose gathering this trigger names."""
    codes: list[str] = []
    for g in an.groups:
        same = g.start == trig.start  # "G20-Gipfels", "EU-Gipfel"
        before = 0 <= trig.start - g.end <= 3  # "SCO summit", "APEC and COP25 summits"
        after = 0 <= g.start - trig.end <= 5  # "summit of the SCO", "Treffens der Brics-Staaten"
        if (same or before or after) and g.code not in codes:
            codes.append(g.code)
    if not codes:
        # "Die EU-Staats- und Regierungschefs werden sich ... treffen", "NATO leaders will meet"
        for g in _collectives_of(an, trig):
            if g.code not in codes:
                codes.append(g.code)
    return codes


def leader_collectives(an: Analysis) -> list[GroupMention]:
    """Groups named through their leaders: "NATO leaders", "die EU-Staats- und Regierungschefs",
    "the leaders of the G20", "die Staats- und Regierungschefs der G7-Gruppe"."""
    cw = an.lang.clauses
    out = []
    for g in an.groups:
        nxt = an.tokens[g.end].lower if g.end < len(an.tokens) else ""
        own = an.tokens[g.start].lower
        before = g.start - 1
        while before >= 0 and g.start - before <= 3 and an.tokens[before].lower in cw.collective_links:
            before -= 1
        of = before < g.start - 1 and before >= 0 and an.tokens[before].lower in cw.collective_of
        if nxt in cw.leader_collective or own.endswith(cw.collective_suffixes) or of:
            out.append(g)
    return out


def _source_before_group(an: Analysis, trig: TriggerMention, lowers: list[str]) -> bool:
    """'from the G20 summit': the source word stands before the group named before the trigger."""
    cw = an.lang.clauses
    for g in an.groups:
        if g.end != trig.start or g.start < 1:
            continue
        k = g.start - 1
        if k >= 1 and (lowers[k] in cw.definite or lowers[k] in cw.indefinite):
            k -= 1
        return lowers[k] in cw.source
    return False


def _earlier_group_summit(an: Analysis, trig: TriggerMention) -> bool:
    """'beim vergangenen G20-Gipfel', 'the previous G20 summit': the summit before the one reported."""
    k = trig.start - 1
    if k >= 0 and any(g.start <= k < g.end for g in an.groups):
        k = min(g.start for g in an.groups if g.start <= k < g.end) - 1  # "previous [G20] summit"
    return k >= 0 and an.tokens[k].lower in an.lang.clauses.earlier


def _collectives_of(an: Analysis, trig: TriggerMention) -> list[GroupMention]:
    """The groups named through their leaders near a trigger whose meeting it may be; not
    across a word of purpose ("will meet in Brussels ahead of an EU leaders' summit", "werden
    sich im Vorfeld des Gipfels der EU-Staats- und Regierungschefs treffen": before it)."""
    purpose = an.lang.tense.purpose_words
    out = []
    for g in leader_collectives(an):
        if abs(trig.start - g.start) > 12:
            continue
        lo, hi = sorted((trig.end, g.start))
        before = [k for k in range(max(g.start - 4, 0), g.start) if an.tokens[k].lower in purpose]
        if any(an.tokens[k].lower in purpose for k in range(lo, hi)) or (
            before and not before[0] <= trig.start < g.end
        ):
            continue
        out.append(g)
    return out


def _collective_subject(an: Analysis, trig: TriggerMention) -> bool:
    return bool(_collectives_of(an, trig))


def _possessive_before(an: Analysis, trig: TriggerMention) -> bool:
    """'Kim's visit', 'Putins Besuch': a particular, known gathering."""
    if trig.start == 0:
        return False
    prev = an.tokens[trig.start - 1].text
    return prev.endswith(("'s", "\u2019s")) or any(a.end == trig.start for a in an.actors)


def _blocked(an: Analysis, trig: TriggerMention, timed_too: bool = True) -> bool:
    """A look-alike ("Web Summit"), or (``timed_too``) a time ("nach dem Gipfel")."""
    for cue in an.cues:
        if cue.category == "blocker" and cue.start <= trig.start < cue.end + 1 and cue.end >= trig.end:
            return True
        if (
            timed_too
            and cue.category == "tempref"
            and 0 <= trig.start - cue.end <= 2
            and not _own_partner(an, trig)
        ):
            return True
    return False


def _own_partner(an: Analysis, trig: TriggerMention) -> bool:
    """'nach dem Treffen mit Xi', 'after his talks with Modi': the time named is a gathering
    of its own, with its partner named right after it."""
    n = len(an.tokens)
    if trig.end >= n or an.tokens[trig.end].lower not in an.lang.clauses.comitative:
        return False
    return any(trig.end < a.start <= trig.end + 5 for a in an.actors)


def _definite(an: Analysis, trig: TriggerMention) -> bool:
    for k in range(trig.start - 1, max(trig.start - 4, -1), -1):
        word = an.tokens[k].lower
        if word in an.lang.clauses.definite:
            return True
        if word in an.lang.clauses.indefinite:
            return False
    return False


def build_frames(
    an: Analysis,
    sentence_index: int,
    evidence: str,
    dates: list[tuple[int, DateExpr]],
    published: date | None,
    precision: str | None,
    homes: Mapping[str, str],
) -> list[Frame]:
    """The gatherings one sentence states. ``homes``: each actor's home country (visit vs meeting)."""
    if not an.triggers:
        return []
    lang = an.lang
    clause_of = clauses(an)
    an.clause_of = clause_of
    n = len(an.tokens)
    lowers = [t.lower for t in an.tokens]  # the word scans below are set tests on slices of it
    # Clauses are contiguous: (first token, one past the last token) of each.
    bounds: dict[int, tuple[int, int]] = {}
    for k, c in enumerate(clause_of):
        lo_hi = bounds.get(c)
        bounds[c] = (k, k + 1) if lo_hi is None else (lo_hi[0], k + 1)
    frames: list[tuple[Frame, list[TriggerMention], int]] = []  # frame, its triggers, clause
    usable = [t for t in an.triggers if not _blocked(an, t)]
    group_triggers: set[int] = set()
    # A group's summit named as a time ("a day after the NATO summit in Washington ended",
    # "nach dem G20-Gipfel in Osaka") is still that summit, a fixture of the text.
    for trig in (t for t in an.triggers if not _blocked(an, t, timed_too=False)):
        if trig.kind not in {"summit", "meeting"} and not trig.group_only:
            continue
        word = an.tokens[trig.start].text
        # Only a noun names a group's gathering ("die G7 trifft keine Beschlüsse" is not one).
        noun = word[:1].isupper() if lang.capitalises_nouns else word.lower() in lang.clauses.group_nouns
        if not noun and not _collective_subject(an, trig):
            continue
        for code in _group_for(an, trig):
            existing = next((f for f, _, c in frames if f.groups == (code,)), None)
            if existing is None:
                frame = Frame(sentence_index, _group_kind(an, trig, code), (code,), evidence=evidence)
                frame.partners = _partner_countries(an, code)
                frame.earlier = _earlier_group_summit(an, trig)
                frame.timed = trig not in usable
                frames.append((frame, [trig], clause_of[trig.start]))
            group_triggers.add(id(trig))
    partner_places = {
        id(p) for p in an.places if any(p.country in f.partners and p.name is None for f, _t, _c in frames)
    }
    # "Er werde vom G20-Gipfel nach Südkorea reisen": a trip from the summit is no trip to it.
    group_clauses = {
        clause_of[t.start]
        for _f, trigs, _c in frames
        for t in trigs
        if not (t.start and lowers[t.start - 1] in lang.clauses.source)
        and not _source_before_group(an, t, lowers)
        and t in usable  # "Nach dem G20-Gipfel reist Trump nach Seoul": a trip after it
    }
    # "ein Treffen zwischen Trump und Putin", "a meeting between Lavrov and Rubio": the noun
    # phrase names its own people, apart from the clause's other gathering.
    owned: dict[int, set[int]] = {}  # trigger id -> starts of the actors its phrase names
    by_clause: dict[tuple[int, int], list[TriggerMention]] = {}
    candidates = [t for t in usable if id(t) not in group_triggers and not t.group_only]
    for trig in candidates:
        c = clause_of[trig.start]
        starts = _between(an, trig) or _compound_people(an, trig)
        if starts:
            owned[id(trig)] = starts
            by_clause[(c, trig.start)] = [trig]
        else:
            by_clause.setdefault((c, -1), []).append(trig)
    np_frames: dict[int, set[int]] = {}  # frame id -> starts of its own actors
    for (c, np_start), trigs in by_clause.items():
        if c in group_clauses and not any(t.kind in {"meeting", "call"} for t in trigs):
            continue  # "travel to ... for the G20 summit": the group's frame covers it
        kind, during_visit = _occasion_kind(an, trigs)
        frame = Frame(sentence_index, kind, evidence=evidence, during_visit=during_visit)
        frame.arrival = all(t.arrival for t in trigs)
        frame.strength = "strong" if any(t.strength == "strong" for t in trigs) else "weak"
        frame.anaphoric = any(_definite(an, t) or _possessive_before(an, t) for t in trigs)
        lo, hi = bounds[c]
        frame.aside = not lang.clauses.sidelines.isdisjoint(lowers[lo:hi])
        frame.sidelines = c in group_clauses and frame.aside
        # "sprachen miteinander", "spoke to each other": the two named are the two sides.
        frame.partner_marked = not lang.clauses.reciprocal.isdisjoint(
            lowers[lo:hi]
        ) or not lang.clauses.reciprocal_phrases.isdisjoint(pairwise(lowers[lo:hi]))
        frame.pair_pronoun = an.pair_described or any(clause_of[k] == c for k in an.pair_pronoun_at)
        frame.their = any(
            not lang.clauses.possessives.isdisjoint(lowers[max(t.start - 3, 0) : t.start]) for t in trigs
        )
        frame.possessive = frame.their or any(_possessive_before(an, t) for t in trigs)
        frame.trigger_kinds = frozenset(t.kind for t in trigs)
        frame.series = all(
            t.strength == "weak" and an.tokens[t.start].lower in an.lang.clauses.series_nouns for t in trigs
        )
        frame.earlier = any(
            t.start and an.tokens[t.start - 1].lower in an.lang.clauses.earlier for t in trigs
        )
        frame.described = any(_described(an, t) for t in trigs)
        if np_start >= 0:
            np_frames[id(frame)] = owned[id(trigs[0])]
        frames.append((frame, trigs, c))
    if not frames:
        return []
    frame_clauses = {c for _, _, c in frames}

    def targets(token_index: int) -> list[tuple[Frame, list[TriggerMention], int]]:
        c = clause_of[token_index]
        own = [f for f in frames if f[2] == c]
        if own:
            return own
        nearest = min(frames, key=lambda f: min(abs(t.start - token_index) for t in f[1]))
        return [nearest]

    def date_targets(token_index: int) -> list[tuple[Frame, list[TriggerMention], int]]:
        """A date in a clause without a gathering belongs to the gathering before it (the
        subject of "…, soll am Dienstag stattfinden"), not to one in a later relative clause."""
        c = clause_of[token_index]
        own = [f for f in frames if f[2] == c]
        if own:
            return own
        before = [f for f in frames if f[2] < c]
        if not before:
            return targets(token_index)
        return [min(before, key=lambda f: min(abs(t.start - token_index) for t in f[1]))]

    def partner(a_start: int) -> bool:
        return not lang.clauses.partner_markers.isdisjoint(lowers[max(a_start - 4, 0) : a_start])

    # Actors of a frame's own clause first; a clause without a trigger only fills a frame
    # that still lacks one side ("X called Y, after his talks with Z": Z is not in X's call).
    own_first = sorted(an.actors, key=lambda a: clause_of[a.start] not in frame_clauses)
    phrase_of = {start: fid for fid, starts in np_frames.items() for start in starts}
    # ";" joins independent sentences: a name does not cross it to fill a frame.
    part_of: list[int] = []
    part = 0
    for tok in an.tokens:
        part += tok.text == ";"
        part_of.append(part)
    for a in own_first:
        foreign = clause_of[a.start] not in frame_clauses
        chosen = targets(a.start)
        if a.start in phrase_of:
            chosen = [f for f in chosen if id(f[0]) == phrase_of[a.start]] or chosen
        else:
            chosen = [f for f in chosen if id(f[0]) not in np_frames]  # a phrase's people are complete
        for frame, trigs, fc in chosen:
            # "Merz kündigte an, mit Macron und Starmer telefonieren zu wollen", "Merz announced
            # that he would call Macron and Starmer": a zu-infinitive has the subject of the
            # clause that governs it, "he" is the announcer; so the announcer is the caller,
            # also beside two people of the clause's own
            governed = (
                foreign
                and clause_of[a.start] < fc
                and _speaker(an, a, clause_of, announcing=True)
                and (infinitival(an.tokens, *bounds[fc], lang) or _pronoun_subject(an, bounds[fc]))
            )
            if (
                foreign
                and not governed
                and (len(frame.participants) >= 2 or part_of[a.start] != part_of[trigs[0].start])
            ):
                continue
            reported = clause_of[a.start] < fc and not _pronoun_subject(an, bounds[fc]) and not governed
            if foreign and _speaker(an, a, clause_of) and (frame.groups or reported):
                # "Merkel sagte, es werde einen Text wie beim G20-Gipfel geben", "Borrell erklärte,
                # Orban habe für seine Reise kein Mandat": a comment. "Trump sagte, er werde ...
                # treffen" keeps the speaker: the pronoun is him.
                continue
            if _topic(an, a, trigs, clause_of):
                continue  # "talks to a reporter about Starmer", "sprach mit Macron über Putin"
            frame.add(a.qid, a.via)
            if partner(a.start):
                frame.partner_marked = True
    told_clauses = (
        set()
        if lang.clauses.recipient_verbs.isdisjoint(lowers)
        else {clause_of[k] for k, w in enumerate(lowers) if w in lang.clauses.recipient_verbs}
    )
    for frame, _trigs, c in frames:
        # "The call was communicated to Tusk and Zelensky", "Über das Telefonat wurden Tusk und
        # Selenskyj informiert": who is told of a gathering named before is not in it
        told = {o for o in told_clauses if o >= c}
        if frame.anaphoric and not frame.possessive and not frame.groups and told:
            # ("briefed Zelenskyy on his call with Putin": the owner and partner stay, below)
            recipients = {a.qid for a in an.actors if clause_of[a.start] in told}
            recipients -= {a.qid for a in an.actors if clause_of[a.start] not in told}
            frame.participants = [q for q in frame.participants if q not in recipients]
    for frame, trigs, c in frames:
        # "Merkel und Putin sprachen über die Ukraine" may be two statements, not one talk.
        topic = any(
            t.end < len(an.tokens) and an.tokens[t.end].lower in lang.clauses.topic_prepositions
            for t in trigs
        )
        frame.pair = not topic and _coordinated(an, bounds[c], frame.participants)
    # "… will meet Putin after a very productive call", "… following their Anchorage summit":
    # a gathering named in a temporal phrase without people of its own is theirs.
    for frame, _trigs, c in frames:
        if (
            frame.groups
            or frame.participants
            or not (_first_word(an, bounds[c]) in an.lang.clauses.temporal or frame.their)
        ):
            continue
        earlier = [(fc, f) for f, _t, fc in frames if fc < c and len(f.participants) >= 2]
        before = max(earlier, key=lambda item: item[0])[1] if earlier else None
        if before is not None:
            for qid in before.participants:
                frame.add(qid, "coref")
            frame.pair = True
    # A clause without its own subject shares the sentence's: "Macron called Zelenskyy after
    # holding a phone call with Putin", "Merz, der nach dem Treffen mit Macron ...".
    for frame, trigs, _c in frames:
        _possessed_partner(an, frame, trigs)
    # "... for the G20 meeting, where he had planned to meet Putin": a gathering in a
    # "where" clause after a group summit is at that summit, so its people are there.
    for frame, _trigs, c in frames:
        if frame.groups or _first_word(an, bounds[c]) not in an.lang.clauses.where:
            continue
        for host, _t, hc in frames:
            if host.groups and hc < c:
                for qid in frame.participants:
                    host.add(qid, "name")
    head = an.actors[0] if an.actors else None
    if head is not None and clause_of[head.start] == 0 and not partner(head.start):
        for frame, trigs, c in frames:
            if c == 0 or frame.groups or len(frame.participants) != 1 or not frame.partner_marked:
                continue
            first = min(t.start for t in trigs)
            between = {an.tokens[k].lower for k in range(head.end, first)}
            if head.qid not in frame.participants and between.isdisjoint(an.lang.clauses.speaker_pronouns):
                frame.add(head.qid, head.via)
    # "Following his stay in Beijing, Chancellor Scholz flies on ...", "Nach seinem Besuch in
    # Peking fliegt Scholz ...": a fronted clause's "his" is the person the sentence names next.
    if head is not None and not partner(head.start):
        singular = lang.mentions.single_coref & lang.clauses.possessives
        for frame, trigs, c in frames:
            if frame.groups or frame.participants or c >= clause_of[head.start]:
                continue
            if any(not singular.isdisjoint(lowers[max(t.start - 2, 0) : t.start]) for t in trigs):
                for a in _subject(an, head):
                    frame.add(a.qid, a.via)
    # "Putin kam nach Berlin und nahm am G20-Gipfel teil": a coordinated clause has the
    # subject of the clause before, and only it, unless it names its own people.
    for frame, _trigs, c in frames:
        lo, _hi = bounds[c]
        if not c or an.tokens[lo].lower not in an.lang.clauses.conjunctions:
            continue
        if any(clause_of[a.start] == c for a in an.actors):
            continue
        earlier_actors = [a for a in an.actors if clause_of[a.start] < c]
        if not earlier_actors:
            continue
        first_clause = max(clause_of[a.start] for a in earlier_actors)
        opener = next(a for a in earlier_actors if clause_of[a.start] == first_clause)
        if partner(opener.start):
            continue  # "mit Macron": the clause before has its subject elsewhere
        subject = _subject(an, opener)
        frame.participants = [a.qid for a in subject]
        frame.via = {a.via for a in subject}
        frame.pair = len(subject) >= 2  # "Putin and Macron had discussed ... and described the call"
    # "ein Vierer-Treffen in Berlin und der G20-Gipfel in Hamburg": a place right after a
    # trigger is that gathering's, whatever else its clause holds.
    attached = {
        id(p): f
        for p in an.places
        if p.name and p.locative and not p.dateline
        for f in _right_after(an, p, frames)
    }
    # A dateline place comes last: a venue named in the sentence ("in Wuhan") wins over it.
    # "Nach seinem Besuch in Moskau wird Modi nach Wien reisen": the place of a gathering named
    # only as a time is that gathering's, not the clause's.
    timed = [t for t in an.triggers if t not in usable]
    for p in sorted(an.places, key=lambda p: p.dateline):
        if not p.locative or id(p) in partner_places:
            continue  # "EU-Indien-Gipfel": India is the other side, not the venue
        own = attached.get(id(p))
        if own is not None:
            own.location, own.country = p.name, p.country
            continue
        if any(
            t.end < p.start <= t.end + 2 and lowers[t.end] in lang.clauses.place_prepositions for t in timed
        ):
            continue
        span = bounds[clause_of[p.start]]
        if clause_of[p.start] not in frame_clauses and not lang.clauses.speech_verbs.isdisjoint(
            lowers[span[0] : span[1]]
        ):
            continue  # "…," Trump told reporters at the White House: where he spoke
        own_clause = clause_of[p.start] in frame_clauses or p.dateline or _venue_clause(an, span)
        chosen = frames if p.dateline else targets(p.start)
        if not own_clause and _bare_place(an, p, span) and clause_of[p.start] - 1 in frame_clauses:
            # "they meet on Friday, at the White House, where ...": a clause that is only
            # the place phrase says where the gathering of the clause before happens.
            chosen = [f for f in frames if f[2] == clause_of[p.start] - 1]
            own_clause = True
        # The dateline ("BUENOS AIRES, Argentina -", "ELMAU (dpa) -") is where the report
        # was filed: the venue of what its sentence reports, unless the sentence names one.
        for frame, _trigs, c in chosen:
            if p.dateline and (frame.location or frame.country or frame.kind == "visit" or frame.fronted):
                # a visit is travel away from where the reporter may be; a place the sentence
                # fronts ("On a day India took charge ... at Samarkand, Modi pressed Putin") is nearer
                continue
            if not own_clause and frame.kind == "visit" and not frame.arrival:
                continue
            if not own_clause and c != clause_of[p.start]:
                frame.fronted.append(p)
                continue
            if (frame.location is None and frame.country is None) or (
                frame.location is None and p.name and (frame.country in (None, p.country))
            ):
                frame.location, frame.country = p.name, p.country
    trigger_free = set(bounds) - frame_clauses
    # "wie üblich", "as usual" tells of the one reported; any other habitual word, of a custom
    habitual_at = (
        []
        if lang.clauses.habitual.isdisjoint(lowers)
        else [
            k
            for k, w in enumerate(lowers)
            if w in lang.clauses.habitual and (k == 0 or lowers[k - 1] not in lang.clauses.comparison)
        ]
    )
    # "erstmals seit zwei Jahren": measured against the past, the gathering itself is the news.
    background_at = [
        cue.start
        for cue in an.cues
        if cue.category == "background"
        and not (cue.end < n and an.tokens[cue.end].lower in an.lang.clauses.since)
    ]
    for frame, trigs, c in frames:
        lo, hi = bounds[c]
        frame.status, frame.status_basis = clause_status(an.tokens, lo, hi, an.cues, trigs, lang)
        if (
            frame.status == "held"
            and frame.status_basis == "tense"
            and _first_word(an, bounds[c]) in lang.clauses.temporal
            and any(
                cue.category == "status"
                and cue.value in {"planned", "intended"}
                and lowers[cue.start] in lang.tense.future_auxiliaries
                and clause_of[cue.start] != c
                for cue in an.cues
            )
        ):
            # "Following his stay in Beijing, Scholz will fly on to Japan": the time named by
            # the future is no past
            frame.status, frame.status_basis = None, "none"
        fronted_phrase = (
            c == 0 and c + 1 in bounds and not any(clause_of[a.start] == c for a in an.actors)
        )  # "At their meeting in Sochi, Modi praised Putin": the phrase has the next clause's verb
        if frame.status is None and fronted_phrase:
            nlo, nhi = bounds[c + 1]
            borrowed, _ = clause_status(an.tokens, nlo, nhi, an.cues, trigs, lang)
            if borrowed:
                frame.status, frame.status_basis = borrowed, "borrowed"
        if frame.status is None:
            # A clause without its own tense: borrow from the clauses around it without triggers.
            for other in sorted(trigger_free, key=lambda o: (abs(o - c), o)):
                olo, ohi = bounds[other]
                borrowed, _ = clause_status(an.tokens, olo, ohi, an.cues, trigs, lang, own=False)
                if borrowed:
                    frame.status, frame.status_basis = borrowed, "borrowed"
                    break
        if frame.status in {"planned", "intended"} and (
            not lang.clauses.conditional.isdisjoint(lowers[lo:hi])
            or any(o in bounds and _conditional(an, bounds[o]) for o in (c - 1, c + 1))
        ):
            # "We'll meet him if he is ready", "wird ihn treffen, falls er zustimmt": a condition
            frame.status = "proposed"
        if _refusal_denied(an, lo, hi):
            # "er habe nie ein Treffen mit Selenski abgelehnt", "did not rule out a meeting":
            # the refusal is denied, the gathering stays open
            frame.status, frame.status_basis = "proposed", "cue"
        else:
            frame.negated = _negated(an, trigs, lo, hi) and frame.status != "invited"
        # "Es ist üblich, dass sich die Regierungschefs … besuchen", "traditionally, leaders
        # visit …": a custom, told of no one gathering
        if any(k < hi for k in habitual_at):
            frame.negated = True
        frame.background = any(lo <= k < hi for k in background_at)
        fronted = frame.fronted
        if frame.location is None and frame.country is None and fronted and frame.status == "held":
            frame.location, frame.country = fronted[0].name, fronted[0].country
    # "A meeting between Lavrov and Rubio, ahead of a summit of their presidents, has been
    # postponed": the verb after the phrase of purpose is the subject's, the gathering before it.
    for frame, _t, c in frames:
        if frame.status is not None or c + 1 not in bounds:
            continue
        plo, phi = bounds[c + 1]
        opening = {lowers[k] for k in range(plo, min(plo + 3, phi))}
        if opening.isdisjoint(lang.tense.purpose_words):
            continue
        if c + 2 in bounds and c + 2 not in frame_clauses:
            phi = bounds[c + 2][1]  # "…, zur Vorbereitung eines Gipfels, ist verschoben worden"
        for cue in an.cues:
            if cue.category != "status" or cue.value not in {"cancelled", "postponed"}:
                continue
            if plo <= cue.start < phi and all(
                t.end <= cue.start for _f, trigs2, c2 in frames if c2 == c + 1 for t in trigs2
            ):
                frame.status, frame.status_basis = cue.value, "cue"
                break
    # "Blinken telefonierte mit Lawrow, einen Tag nach dem Nato-Gipfel": what came after it
    # happened, so it did too.
    for frame, _t, _c in frames:
        if frame.timed and frame.status is None:
            after = {f.status for f, _t2, _c2 in frames if f is not frame and f.status in {"held", "planned"}}
            if len(after) == 1:
                frame.status, frame.status_basis = after.pop(), "borrowed"
    frames.extend(_repeated(an, frames, bounds, lowers))
    respectively = not lang.clauses.respectively.isdisjoint(lowers)
    group_frames = [f for f, _, _ in frames if f.groups]
    zipped = respectively and len(group_frames) > 1
    month_dates = [(i, e) for i, e in dates if e.kind == "month"]
    assigned: dict[int, int] = {}  # frame id -> distance of its date
    if zipped and len(month_dates) == len(group_frames):
        # "the APEC and COP25 summits, scheduled for November and December, respectively"
        for frame, (_, expr) in zip(group_frames, month_dates, strict=True):
            frame.date = resolve(expr, published, precision, True)
            assigned[id(frame)] = -1  # paired explicitly: no nearer date replaces it
    since = an.lang.clauses.since
    references: list[tuple[Frame, str]] = []  # "their first call since December 2022": the call then
    for tok_index, expr in dates:
        if an.tokens[_clause_start(clause_of, tok_index)].lower in since or _dateline(an, tok_index):
            at_since = {an.tokens[k].lower for k in (tok_index - 1, tok_index) if k >= 0}
            if not at_since.isdisjoint(since):
                references.extend(_last_before(an, frames, clause_of, tok_index, expr, published, precision))
            continue
        if _since_phrase(an, tok_index, clause_of):
            continue  # "das erste Treffen seit der Annexion der Krim im März 2014": a point of reference
        if _said_when(an, tok_index, clause_of):
            continue  # "Blinken said Tuesday that he had scrapped the meeting": when it was said
        anchor = tok_index
        if expr.kind == "offset" and str(expr.groups[2]).lower() in lang.clauses.offset_after:
            anchor = min(tok_index + len(expr.text.split()), n - 1)  # "two months after X": X's date
        negated_date = _negated_date(an, tok_index, clause_of)
        for frame, trigs, c in date_targets(anchor):
            if zipped and frame.groups and expr.kind == "month":
                continue
            if negated_date and clause_of[tok_index] == c:
                frame.status = postponed_by_date(frame.status)
                continue
            future = None if frame.status is None else frame.status != "held"
            if future is False and _present(an, bounds[c]):
                future = None  # "is meeting Wang Yi on Thursday": today or the coming Thursday
            value = resolve(expr, published, precision, future)
            if value is None:
                continue
            distance = min(abs(t.start - anchor) for t in trigs) + (0 if clause_of[anchor] == c else 50)
            preceding = [an.tokens[k].lower for k in range(max(tok_index - 2, 0), tok_index)]
            new_date = (expr.is_new_date or new_date_before(preceding, lang)) and frame.status == "postponed"
            if frame.status == "postponed" and not new_date:
                continue  # the date it was planned for is no longer its date (SCHEMA)
            if (
                frame.date is None
                or new_date
                or (distance < assigned.get(id(frame), 999) and not frame.date_is_new)
            ):
                frame.date, frame.date_is_new = value, new_date
                assigned[id(frame)] = distance
    for frame, _, _ in frames:
        frame.status = settle(
            frame.status,
            frame.kind,
            bool(frame.groups),
            bool(frame.date),
            bool(frame.location or frame.country),
        )
        # Travelling to a third country for talks is a meeting, not a visit to the other side.
        if (
            frame.kind == "visit"
            and "meeting" in frame.trigger_kinds
            and frame.country
            and frame.participants
            and frame.country not in {homes.get(a, "") for a in frame.participants}
        ):
            frame.kind = "meeting"
    out: list[Frame] = []
    for f, trigs, _ in frames:
        out.extend(_each_with(an, f, trigs))
    for f, value in references:
        out.append(
            replace(
                f, status="held", status_basis="cue", date=value, date_is_new=False, background=True,
                earlier=True, anaphoric=False, negated=False, described=False,
                participants=list(f.participants),
                via=set(f.via),
            )
        )  # fmt: skip
    return out


def _since_phrase(an: Analysis, tok_index: int, clause_of: list[int]) -> bool:
    """The date stands in a "seit"/"since" phrase of its clause, no gathering named between."""
    c = clause_of[tok_index]
    for k in range(tok_index - 1, max(tok_index - 10, -1), -1):
        if clause_of[k] != c or any(t.start == k for t in an.triggers):
            return False
        if an.tokens[k].lower in an.lang.clauses.since:
            return True
    return False


def _last_before(
    an: Analysis,
    frames: list[tuple[Frame, list[TriggerMention], int]],
    clause_of: list[int],
    tok_index: int,
    expr: DateExpr,
    published: date | None,
    precision: str | None,
) -> list[tuple[Frame, str]]:
    """'their first direct conversation since December 2022', 'hat seit März 2023 nicht mehr mit
    ihm gesprochen': the same people's gathering of that kind then (the last one before)."""
    c = clause_of[tok_index]
    value = resolve(expr, published, precision, False)
    if value is None:
        return []
    own = [f for f, _t, fc in frames if fc == c]
    if not own:  # "spoke with Putin on Friday, (marking) the first (time) since ...": the clause before
        before = [fc for _f, _t, fc in frames if fc < c]
        own = [f for f, _t, fc in frames if before and fc == max(before)]
    return [(f, value) for f in own if not f.groups and f.status in (None, "held")]


def _right_after(
    an: Analysis, place: PlaceMention, frames: list[tuple[Frame, list[TriggerMention], int]]
) -> list[Frame]:
    """The frame whose trigger the place directly follows ('Gipfel in Hamburg', 'summit at Camp
    David'), with only a preposition or article between; none when two frames share the trigger."""
    prepositions = an.lang.clauses.place_prepositions
    mine = [
        f
        for f, trigs, _c in frames
        if any(
            t.end < place.start <= t.end + 2
            and an.tokens[t.end].lower in prepositions
            and all(an.tokens[k].text[:1].islower() for k in range(t.end, place.start))
            for t in trigs
        )
    ]
    return mine if len(mine) == 1 else []


def _in_setting(an: Analysis, trig: TriggerMention) -> bool:
    """The trigger stands in a phrase naming an occasion: 'im Rahmen seiner Reise', 'on the trip'."""
    return any(
        an.tokens[k].lower in an.lang.clauses.setting for k in range(max(trig.start - 3, 0), trig.start)
    )


def _occasion_kind(an: Analysis, trigs: list[TriggerMention]) -> tuple[str, bool]:
    """The kind of a clause's gathering, and whether it happens during a visit.

    A trigger naming the occasion is the setting, not the gathering: talks held "on the
    one-day trip", "im Rahmen seiner Moskau-Reise" are a meeting during that visit; having
    spoken "bei einem Treffen" is the meeting, not a phone call. A trigger that only
    modifies another noun ("to sort out summit details") names no gathering of the clause.
    """
    if len(trigs) == 1:
        return trigs[0].kind, False  # one trigger: nothing to choose between
    modifiers = an.lang.clauses.modified_nouns
    n = len(an.tokens)
    heads = [t for t in trigs if not (t.end < n and an.tokens[t.end].lower in modifiers)]
    if heads:
        trigs = heads
    setting = [t for t in trigs if _in_setting(an, t)]
    rest = [t for t in trigs if t not in setting]
    counted = list(trigs)
    during_visit = False
    if setting and rest:
        if all(t.kind == "visit" for t in setting) and any(t.kind != "visit" for t in rest):
            counted = rest
            during_visit = True
        elif all(t.kind != "call" for t in setting):
            counted = setting + [t for t in rest if not (t.kind == "call" and t.strength == "weak")]
    return max((t.kind for t in counted), key=lambda k: KIND_PRIORITY[k]), during_visit


def _between(an: Analysis, trig: TriggerMention) -> set[int]:
    """Starts of the people a 'meeting between A and B' / 'Treffen zwischen A und B' names (two or more)."""
    n = len(an.tokens)
    if trig.end >= n or an.tokens[trig.end].lower not in an.lang.clauses.between:
        return set()
    starts = {a.start: a for a in an.actors}
    adjectives = {s for _iso, s, _e in an.adjectives}
    found: set[int] = set()
    k = trig.end + 1
    while k < n and k <= trig.end + 16:
        if k in starts:
            found.add(k)
            k = starts[k].end
            continue
        tok = an.tokens[k]
        if tok.lower in an.lang.clauses.phrase_glue or k in adjectives or tok.text[:1].isupper():
            k += 1
            continue
        break
    return found if len(found) >= 2 else set()


def _topic(an: Analysis, actor: ActorMention, trigs: list[TriggerMention], clause_of: list[int]) -> bool:
    """The actor is what the gathering is about: "talks to a reporter about Starmer".

    A topic word ("about", "über") stands between the frame's trigger and the actor, in the
    actor's clause, with no partner word after it ("über eine Stunde mit Putin" is a partner).
    """
    words = an.lang.clauses
    c = clause_of[actor.start]
    first = min((t.end for t in trigs if t.end <= actor.start), default=None)
    if first is None:
        return False
    for k in range(actor.start - 1, first - 1, -1):
        word = an.tokens[k].lower
        if clause_of[k] != c:
            return False
        if word in words.partner_markers:
            return _topic_partner(an, k, first, c, clause_of)
        if word in words.topic_markers:
            return True
    return False


def _topic_partner(an: Analysis, marker: int, first: int, c: int, clause_of: list[int]) -> bool:
    """'berichten über das Treffen mit Putin': the partner of the noun a topic word
    introduces is part of the topic; 'sprach über eine Stunde mit Putin' (no definite noun)
    is a span of time, and Putin the partner."""
    words = an.lang.clauses
    for m in range(marker - 1, first - 1, -1):
        word = an.tokens[m].lower
        if clause_of[m] != c or word in words.partner_markers or any(a.start <= m < a.end for a in an.actors):
            return False
        if word in words.topic_markers:
            return an.tokens[m + 1].lower in words.definite  # a definite noun: what is told about
    return False


def _coordinated(an: Analysis, span: tuple[int, int], qids: list[str]) -> bool:
    """Two of the frame's people joined by "and"/"und" in its clause ("Austin and Belousov spoke")."""
    mine = [a for a in an.actors if span[0] <= a.start < span[1] and a.qid in qids]
    for first, second in pairwise(mine):
        between = [an.tokens[k].lower for k in range(first.end, second.start)]
        if (
            first.qid != second.qid
            and len(between) <= 6
            and not an.lang.clauses.conjunctions.isdisjoint(between)
        ):
            return True
    return False


def _each_with(an: Analysis, frame: Frame, trigs: list[TriggerMention]) -> list[Frame]:
    """'Macron, Merz and Starmer held calls with Trump': one call of each with Trump.

    A plural call noun with one partner after "with"/"mit" and several people before it is
    distributive; a singular one ("had a call with Trump") is one call of them all.
    """
    if frame.groups or len(frame.participants) < 3:
        return [frame]
    if frame.kind != "call":
        return _each_bilateral(an, frame, trigs)
    t = next((t for t in trigs if an.tokens[t.start].lower in an.lang.clauses.plural_calls), None)
    if t is None or t.end >= len(an.tokens) or an.tokens[t.end].lower not in an.lang.clauses.comitative:
        return [frame]
    partners = [a.qid for a in an.actors if t.end < a.start <= t.end + 5]
    if len(set(partners)) != 1:
        return [frame]
    others = [q for q in frame.participants if q != partners[0]]
    return [replace(frame, participants=[q, partners[0]], via=set(frame.via)) for q in others]


def _each_bilateral(an: Analysis, frame: Frame, trigs: list[TriggerMention]) -> list[Frame]:
    """'Modi held bilateral talks with Brazil, South Africa and Japan': one meeting with each.

    "bilateral" before the trigger (or in it, "his bilateral with") and several partners
    after "with"/"mit", one person before: each partner is a meeting of its own."""
    cw = an.lang.clauses
    t = next(
        (
            t
            for t in trigs
            if not cw.bilateral.isdisjoint(an.tokens[k].lower for k in range(max(t.start - 1, 0), t.end))
        ),
        None,
    )
    if t is None:
        return [frame]
    k = next(
        (j for j in range(t.start, min(t.end + 1, len(an.tokens))) if an.tokens[j].lower in cw.comitative),
        None,
    )
    if k is None:
        return [frame]
    partners = list(dict.fromkeys(a.qid for a in an.actors if a.start > k and a.qid in frame.participants))
    others = [q for q in frame.participants if q not in partners]
    if len(partners) < 2 or len(others) != 1:
        return [frame]
    return [replace(frame, participants=[others[0], q], via=set(frame.via)) for q in partners]


def _list_commas(an: Analysis) -> set[int]:
    """Commas inside an enumeration of people ("Macron, Merz and Starmer", "A, B, C und D")."""
    out: set[int] = set()
    n = len(an.tokens)
    for a in an.actors:
        k = a.end
        if k >= n or an.tokens[k].text != ",":
            continue
        nxt = next((b for b in an.actors if k < b.start <= k + 5), None)
        if nxt is not None and nxt.end < n and an.tokens[nxt.end].lower in an.lang.clauses.list_joints:
            out.add(k)
    return out


# Groups that meet as ministers or officials, never as leaders at a summit.
_MEETING_GROUPS = frozenset({"Ukraine Defense Contact Group"})


def _group_kind(an: Analysis, trig: TriggerMention, code: str) -> str:
    """A group's gathering is a summit, unless ministers meet ("Außenministertreffen der Asean",
    "ASEAN foreign ministers' meeting", "NATO defence ministers met") or the group never holds summits."""
    if code in _MEETING_GROUPS:
        return "meeting"
    words = [an.tokens[k].lower for k in range(max(trig.start - 3, 0), trig.end)]
    stem = an.lang.clauses.minister_stem
    if stem and any(stem in w for w in words):
        return "meeting"
    return "summit"


def _present(an: Analysis, span: tuple[int, int]) -> bool:
    """The clause reports in the present progressive ("is meeting", "are holding talks"), no past form."""
    tw = an.lang.tense
    words = [an.tokens[k].lower for k in range(*span)]
    if any(w in tw.weak_past or w in tw.perfect_auxiliaries for w in words):
        return False
    return any(w in tw.progressive_auxiliaries and nxt.endswith("ing") for w, nxt in pairwise(words))


def _conditional(an: Analysis, span: tuple[int, int]) -> bool:
    """The clause opens with a word of condition ("if", "falls"), after any quotation mark."""
    first = next((an.tokens[k].lower for k in range(*span) if an.tokens[k].text[:1].isalnum()), "")
    return first in an.lang.clauses.conditional


def _first_word(an: Analysis, span: tuple[int, int]) -> str:
    """The clause's first word, after the punctuation that opened it."""
    return next((an.tokens[k].lower for k in range(*span) if an.tokens[k].text not in _SPLIT_PUNCT), "")


def _bare_place(an: Analysis, place: PlaceMention, span: tuple[int, int]) -> bool:
    """The clause holds nothing but the place and the words that introduce it ("in the")."""
    glue = an.lang.mentions.locative | an.lang.clauses.definite
    return all(
        place.start <= k < place.end or an.tokens[k].text in _SPLIT_PUNCT or an.tokens[k].lower in glue
        for k in range(*span)
    )


def _venue_clause(an: Analysis, span: tuple[int, int]) -> bool:
    """A clause that only says where its noun happens: 'das für den 3. Oktober in Wien geplant
    ist', 'soll am Dienstag in Kananaskis stattfinden', 'which will take place in Geneva'."""
    words = [an.tokens[k].lower for k in range(*span) if an.tokens[k].text not in _SPLIT_PUNCT]
    return any(w in an.lang.clauses.venue_verbs for w in words) or (
        bool(words)
        and words[0] in an.lang.clauses.relative
        and any(w in an.lang.clauses.planned for w in words)
    )


def _pronoun_subject(an: Analysis, span: tuple[int, int]) -> bool:
    return any(an.tokens[k].lower in an.lang.clauses.third_person for k in range(*span))


def _compound_people(an: Analysis, trig: TriggerMention) -> set[int]:
    """'the Putin-Trump meeting', 'der Trump-Kim-Gipfel': a compound of two people names the frame's."""
    for k in (trig.start - 1, trig.start):
        if k >= 0 and "-" in an.tokens[k].text and len({a.qid for a in an.actors if a.start == k}) >= 2:
            return {k}
    return set()


def _speaker(an: Analysis, actor: ActorMention, clause_of: list[int], announcing: bool = False) -> bool:
    """The actor is the subject of a verb of saying in its own clause ("Merkel sagte", "Trump said");
    with ``announcing`` also of announcing ("kündigte an", "announced")."""
    c = clause_of[actor.start]
    verbs = an.lang.clauses.speech_verbs
    if announcing:
        verbs = verbs | an.lang.clauses.statement_verbs | an.lang.tense.reporting_verbs
    for k in (actor.end, actor.end + 1, actor.start - 1):
        if 0 <= k < len(an.tokens) and clause_of[k] == c and an.tokens[k].lower in verbs:
            return True
    return False


def _possessed_partner(an: Analysis, frame: Frame, trigs: list[TriggerMention]) -> None:
    """'his phone call with Putin', 'ihr Treffen mit Xi': the owner and the partner only.

    The noun phrase names its own people: the sentence's subject (whom the possessive
    stands for) and the person after "with"/"mit". Others in the clause ("briefed his
    Ukrainian counterpart on his call with Putin") are not in that gathering.
    """
    if frame.groups or len(frame.participants) < 3:
        return
    n = len(an.tokens)
    for t in trigs:
        if not any(
            an.tokens[k].lower in an.lang.clauses.possessives for k in range(max(t.start - 2, 0), t.start)
        ):
            continue
        if t.end >= n or an.tokens[t.end].lower not in an.lang.clauses.comitative:
            continue
        partner = next((a for a in an.actors if t.end < a.start <= t.end + 5), None)
        owner = next((a for a in an.actors if a.start < t.start), None)
        if partner is None or owner is None or owner.qid == partner.qid:
            continue
        frame.participants = [owner.qid, partner.qid]
        return


def _dateline(an: Analysis, idx: int) -> bool:
    """'STEPANAKERT, MAY 14, ARTSAKHPRESS:' - the date of the report, not of the gathering."""
    head = an.tokens[0].text
    return (
        idx < 6
        and head.isupper()
        and len(head) > 2
        and any(t.text in {":", "/"} for t in an.tokens[idx : idx + 6])
    )


def _said_when(an: Analysis, idx: int, clause_of: list[int]) -> bool:
    """The date stands right after a verb of saying ("said Tuesday", "sagte am Dienstag", "said
    on social media Thursday") in a clause without a trigger: it dates the statement."""
    cw = an.lang.clauses
    c = clause_of[idx]
    if any(clause_of[t.start] == c for t in an.triggers):
        return False
    for k in range(idx - 1, max(idx - 5, -1), -1):
        if clause_of[k] != c:
            return False
        word = an.tokens[k].lower
        if word in cw.speech_verbs or word in cw.statement_verbs:
            return True
        if not (word in cw.statement_gap or not an.tokens[k].text[:1].islower()):
            return False  # a capitalised word ("Tuesday", "Twitter") may stand between
    return False


def _clause_start(clause_of: list[int], idx: int) -> int:
    c = clause_of[idx]
    while idx > 0 and clause_of[idx - 1] == c:
        idx -= 1
    return idx


def _negated_date(an: Analysis, tok_index: int, clause_of: list[int]) -> bool:
    """'nicht mehr im März', 'no longer take place in March': the negation is scoped over the
    date, not over a gathering (no trigger stands between them)."""
    for cue in an.cues:
        if cue.category != "negation" or not 0 < tok_index - cue.start <= 4:
            continue
        if clause_of[cue.start] == clause_of[tok_index] and not any(
            cue.start < t.start < tok_index for t in an.triggers
        ):
            return True
    return False


def _described(an: Analysis, trig: TriggerMention) -> bool:
    """'Es war das erste persönliche Treffen zwischen ...', 'It would be the first meeting since
    ...': a pronoun, a copula and a definite article before the trigger (adjectives between)."""
    cw = an.lang.clauses
    k = trig.start - 1
    while k >= 0 and trig.start - k <= 4 and an.tokens[k].lower not in cw.definite:
        if not an.tokens[k].text[:1].islower():
            return False  # a name, a number or punctuation: no adjective of the trigger
        k -= 1
    if k < 0 or an.tokens[k].lower not in cw.definite or an.tokens[k].lower in cw.possessives:
        return False
    k -= 1
    copulas = 0
    while k >= 0 and copulas < 2 and an.tokens[k].lower in cw.copulas:
        k -= 1
        copulas += 1
    return copulas > 0 and k >= 0 and an.tokens[k].lower in cw.copular_subjects


def _repeated(
    an: Analysis,
    frames: list[tuple[Frame, list[TriggerMention], int]],
    bounds: dict[int, tuple[int, int]],
    lowers: list[str],
) -> list[tuple[Frame, list[TriggerMention], int]]:
    """'hat mit Macron gesprochen und wird es morgen wieder tun', 'called Macron and will
    follow up with him next week': a coordinated clause with a pro-verb
    repeats the gathering of the clause before, in its own tense."""
    lang = an.lang
    out = []
    for c, (lo, hi) in bounds.items():
        if not c or lowers[lo] not in lang.clauses.conjunctions:
            continue
        words = lowers[lo:hi]
        if not any(_in_order(words, pv) for pv in lang.clauses.pro_verbs):
            continue
        before = [(f, t) for f, t, fc in frames if fc < c and len(f.participants) >= 2 and not f.groups]
        if not before:
            continue
        prev, trigs = before[-1]
        status, basis = clause_status(an.tokens, lo, hi, an.cues, [], lang)
        if status is None or status == prev.status:
            continue
        again = replace(
            prev, status=status, status_basis=basis, participants=list(prev.participants), via=set(prev.via),
            date=None, date_is_new=False, location=None, country=None, fronted=[], anaphoric=False,
            possessive=False, their=False, described=False, background=False,
        )  # fmt: skip
        out.append((again, trigs, c))
    return out


def _in_order(words: list[str], wanted: tuple[str, ...]) -> bool:
    it = iter(words)
    return all(w in it for w in wanted)


def _refusal_denied(an: Analysis, lo: int, hi: int) -> bool:
    """A negation before a word of refusal in the clause: 'never refused', 'nie abgelehnt'."""
    negations = [c for c in an.cues if c.category == "negation" and lo <= c.start < hi]
    refusal = an.lang.clauses.refusal
    return any(
        an.tokens[b.start].lower in refusal
        and an.tokens[a.start].lower not in refusal
        and 0 < b.start - a.start <= 8
        for a in negations
        for b in negations
    )


def _intention_negated(an: Analysis, trigs: list[TriggerMention]) -> bool:
    """'sees no real reason at the moment to talk with Xi', 'hat keine Absicht, Xi zu treffen': the
    negation of an intention governs the gathering of its infinitive."""
    nouns = an.lang.clauses.intention_nouns
    for cue in an.cues:
        if cue.category != "negation":
            continue
        for k in range(cue.start + 1, min(cue.start + 4, len(an.tokens))):
            if an.tokens[k].lower in nouns and any(0 < t.start - k <= 8 for t in trigs):
                return True
    return False


def _negated(an: Analysis, trigs: list[TriggerMention], lo: int, hi: int) -> bool:
    if _intention_negated(an, trigs):
        return True
    for cue in an.cues:
        if cue.category != "negation" or not (lo <= cue.start < hi):
            continue
        word = an.tokens[cue.start].lower
        if word in an.lang.clauses.refusal:
            return True
        if any(0 < t.start - cue.start <= 4 for t in trigs):
            return True
    return False
