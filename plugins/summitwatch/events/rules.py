"""The rule-based extractor: sentences -> frames -> one event per gathering.

Document level: actors named in full make their short forms usable later ("Kim");
"beide", "the two leaders", "er" point back to recent actors; a definite "das Treffen",
"the summit" continues the gathering last spoken of; frames of the same gathering merge
and keep the latest status; arrivals at a group summit's venue become its participants.
"""

from __future__ import annotations

import copy
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from summitwatch.clean.language import detect_language
from summitwatch.documents import Document
from summitwatch.events.dates import find_dates, leading_date, report_month, report_timestamp
from summitwatch.events.frames import Frame, build_frames, clauses, leader_collectives
from summitwatch.events.lang import FALLBACK, Language, language_for
from summitwatch.events.mentions import ActorMention, Analysis, GroupMention, analyse
from summitwatch.events.model import KIND_PRIORITY, Event, Evidence, event_confidence
from summitwatch.events.quotes import QUOTE_MARKS, quote_span, quote_spans
from summitwatch.events.reference import Reference, load_reference
from summitwatch.events.roles import resolve_role
from summitwatch.events.sentences import Sentence, split_sentences
from summitwatch.events.status import FUTURE, STATUS_RANK
from summitwatch.events.tokens import Token, normalise, strip_possessive, tokenize

_BASIS_STRENGTH = {"cue": 3, "tense": 2, "borrowed": 1, "none": 0}
# Offices whose holders meet at "summits" (heads of state and government).
_COREF_WINDOW = 3
_LEADER_OFFICES = frozenset({"president", "head_of_government", "supreme_leader", "monarch"})
# An attribution after a quote ('," the president added', '“, sagte Kanzler Scholz') is short.
_ATTRIBUTION_TOKENS = 8
# Longer "sentences" are read in windows of this many tokens (real ones have far fewer).
_MAX_TOKENS = 250
# What ``Document.with_headline`` puts between the headline and the text.
_HEADLINE_BREAK = "\n\n"
_LOWER = itemgetter(3)  # Token.lower, read in C
_TEXT = itemgetter(0)  # Token.text
# A short form as a token: bare, possessive ("Putin's") or with the genitive/plural "s".
_SHORT_FORM_ENDINGS = ("", "'s", "\u2019s", "s", "s's", "s\u2019s")


@dataclass
class _Gathering:
    frame: Frame
    mentions: int = 1
    sentences: list[int] = field(default_factory=list)

    @property
    def specific(self) -> bool:
        return bool(self.frame.location or self.frame.country or self.frame.date)


class RuleExtractor:
    """Dictionary-and-rules extractor; a statistical one can implement the same ``Extractor`` protocol."""

    def __init__(self, version: str, reference: Reference | None = None) -> None:
        self.version = version
        self._reference = reference

    @property
    def reference(self) -> Reference:
        if self._reference is None:
            self._reference = load_reference()
        return self._reference

    def extract(self, document: Document) -> list[Event]:
        setting = self._setting(document)
        return [] if setting is None else _DocumentRun(self.reference, document.text or "", *setting).run()

    def extract_article(self, document: Document) -> list[Event]:
        """The events of the text, and only where it states none, of the text read with its
        headline first (``Document.with_headline``); ``events.extract_article`` says why.

        The second reading is the first one with the headline's sentences before it, so the
        text is not analysed twice: its sentences' analyses (the costly part, and the same
        whatever was read before them) are kept from the first reading and only the
        document-level steps (who is meant, which gathering) run again after the headline.
        A headline that names no one, no place and no gathering changes none of those steps:
        it is analysed and nothing is read again. Where the headline would change how the
        text is read as a whole (its language, its report date, where its sentences end),
        the document is read again from the start, as before.
        """
        headed = document.with_headline()
        setting = self._setting(document)
        if setting is None:
            return [] if headed is document else self.extract(headed)
        run = _DocumentRun(self.reference, document.text or "", *setting)
        # Without a headline there is no second reading: no analyses to keep for it.
        events = run.run(keep_analyses=headed is not document)
        if events or headed is document:
            return events
        if self._setting(headed) != setting:
            return self.extract(headed)
        headline = headed.text[: len(headed.text) - len(run.text) - len(_HEADLINE_BREAK)]
        again = run.after_headline(headline)
        return self.extract(headed) if again is None else again

    def _setting(self, document: Document) -> tuple[Language, date | None, str | None] | None:
        """(language pack, report date, its precision) the document is read with; None
        when no language pack reads it."""
        text = document.text or ""
        lang = language_for(document.language or detect_language(text) or FALLBACK)
        if lang is None:
            return None  # no language pack: no rules to read it with
        published, precision = document.published, document.published_precision
        if published is None:
            published = leading_date(text, lang)
            precision = "day" if published else None
        if precision != "day":
            # A header known to the month, and a time stamp of that month in the text: its day.
            stamp = report_timestamp(text, lang)
            if stamp and (
                published is None or (stamp.year, stamp.month) == (published.year, published.month)
            ):
                published, precision = stamp, "day"
        return lang, published, precision


class _DocumentRun:
    def __init__(
        self, ref: Reference, text: str, lang: Language, published: date | None, precision: str | None
    ):
        self.ref = ref
        self.text = text
        self.norm = normalise(text)
        self.lang = lang
        self.published = published
        self.precision = precision
        self.short_forms: dict[str, str] = {}
        # Every token text that can read as a short form (with "s", "'s"): a sentence
        # holding none of them skips the token-by-token search for short forms.
        self.short_form_spellings: set[str] = set()
        self.seen: set[str] = set()
        self.history: list[tuple[int, list[str]]] = []
        self.gatherings: list[_Gathering] = []
        self.last_place: tuple[str | None, str] | None = None
        self.sentence_starts: dict[int, int] = {}
        self.speakers: dict[int, str | None] = {}  # opening mark of a quote -> its speaker
        self._quotes: list[tuple[int, int]] | None = None  # the text's quotations, once needed
        # Groups named through their leaders so far ("die Staats- und Regierungschefs der G7").
        self.collective_groups: list[str] = []
        # Heads of group names read so far: "der Kontaktgruppe" after "Ukraine-Kontaktgruppe".
        self.group_heads: dict[tuple[str, ...], str] = {}
        # Each sentence (or window) read, with its analysis as ``analyse`` made it: what a
        # second reading after the headline reuses (``after_headline``). State that one
        # sentence leaves for the next (the fields above) must be covered by that method's
        # test of a headline that changes nothing.
        self.analysed: list[tuple[Sentence, list[Token], Analysis]] = []
        self.sentences: list[Sentence] = []

    # -- actors ---------------------------------------------------------------
    def _disambiguate(self, an: Analysis) -> None:
        by_span: dict[tuple[int, int], list[ActorMention]] = {}
        for a in an.actors:
            by_span.setdefault((a.start, a.end), []).append(a)
        kept: list[ActorMention] = []
        covered: set[int] = set()
        for (start, end), cands in sorted(by_span.items()):
            if any(k in covered for k in range(start, end)) and all(c.via == "surname" for c in cands):
                continue
            if all(c.via == "surname" for c in cands) and self._other_given_name(an, start, cands):
                continue
            # "Trump-Kim-Gipfel", "the Putin-Trump meeting": each part of the compound is a person.
            for part in (
                _compound_parts(self.ref, an.tokens[start].text, cands) if end == start + 1 else [cands]
            ):
                chosen = self._choose(part)
                if chosen is None:
                    continue
                kept.append(chosen)
                covered.update(range(start, end))
                if chosen.via == "name":
                    self._register(chosen, an)
        # Short forms of people named in full earlier in this document ("Kim", "Mr Trump").
        short_forms, not_person = self.short_forms, an.not_person
        search = short_forms and not self.short_form_spellings.isdisjoint(map(_TEXT, an.tokens))
        for i, tok in enumerate(an.tokens if search else ()):
            if not tok.text[:1].isupper() or i in covered or i in not_person:
                continue
            word = strip_possessive(tok.text)
            qid = short_forms.get(word) or (short_forms.get(word[:-1]) if word.endswith("s") else None)
            if qid:
                kept.append(ActorMention(qid, i, i + 1, "surname"))
        kept.extend(self._open_roles(an, kept, covered))
        an.actors = sorted(kept, key=lambda a: a.start)
        self.seen.update(a.qid for a in kept)

    def _open_roles(self, an: Analysis, kept: list[ActorMention], covered: set[int]) -> list[ActorMention]:
        """'Merkel traf den Staatschef in Sotschi': the holder of that office named last, if any."""
        out: list[ActorMention] = []
        if not an.open_roles or self.published is None:
            return out
        here = {a.qid for a in kept}
        for office, start, end in an.open_roles:
            if any(k in covered for k in range(start, end)):
                continue
            wanted = _LEADER_OFFICES if office == "leader" else {office}
            for _s, qids in reversed(self.history[-_COREF_WINDOW:]):
                match = next(
                    (
                        q
                        for q in qids
                        if q not in here
                        and any(t.office in wanted for t in self.ref.offices_of(q, self.published))
                    ),
                    None,
                )
                if match:
                    out.append(ActorMention(match, start, end, "role"))
                    here.add(match)
                    break
        return out

    def _other_given_name(self, an: Analysis, start: int, cands: list[ActorMention]) -> bool:
        """'Kamala Harris' is not Simon Harris: another given name before a known surname.

        A given name the reference knows ("Timothy Morrison") says so in any language; an
        unknown capitalised word only where not every noun is capitalised ("Amtskollege Putin").
        """
        if start == 0:
            return False
        prev = an.tokens[start - 1].text
        if not (prev[:1].isupper() and prev.replace("-", "").isalpha() and len(prev) > 1) or prev.isupper():
            return False
        low = prev.lower()
        words = self.lang.document
        if low in words.title_words or low in self.lang.roles.words or low in self.lang.roles.implied:
            return False
        mentioned = {k for p in an.places for k in range(p.start, p.end)}
        mentioned |= {k for g in an.groups for k in range(g.start, g.end)}
        mentioned |= {k for _iso, s, e in an.adjectives for k in range(s, e)}
        if start - 1 in mentioned:
            return False
        if prev in self.ref.given_names:
            # The candidate's own given name, or a form of it ("Joe"/"Joseph"), is the same person.
            initials = {self.ref.actors[c.qid].name[:1] for c in cands if c.qid in self.ref.actors}
            return prev[:1] not in initials
        if self.lang.capitalises_nouns:
            return False
        if start - 1 == 0 and low in words.sentence_openers:
            return False
        return not any(a.start != start and a.start <= start - 1 < a.end for a in an.actors)

    def _choose(self, cands: list[ActorMention]) -> ActorMention | None:
        if len(cands) == 1 and cands[0].via != "surname":
            return cands[0]
        seen = [c for c in cands if c.qid in self.seen]
        if seen:
            return seen[0]
        if self.published is None:
            return cands[0] if len(cands) == 1 else None
        current = [c for c in cands if self.ref.was_in_office(c.qid, self.published, slack_days=730)]
        if len(current) == 1:
            return current[0]
        if len(current) > 1:
            strict = [c for c in current if self.ref.offices_of(c.qid, self.published)]
            return strict[0] if len(strict) == 1 else None
        return None

    def _register(self, mention: ActorMention, an: Analysis) -> None:
        actor = self.ref.actors.get(mention.qid)
        if actor is None:
            return
        words = actor.name.split()
        matched = [an.tokens[k].text for k in range(mention.start, mention.end)]
        short = {words[0] if actor.family_first else words[-1]}
        if matched:
            short.add(matched[0] if actor.family_first else strip_possessive(matched[-1]))
        for s in short:
            if len(s) > 1 and s[:1].isupper():
                self.short_forms.setdefault(s, mention.qid)
                # what strip_possessive and the plural "s" below turn into ``s``
                self.short_form_spellings.update(s + p for p in _SHORT_FORM_ENDINGS)

    def _recent(self, index: int, minimum: int) -> list[str]:
        for s, qids in reversed(self.history):
            if index - s > _COREF_WINDOW:
                break
            if len(qids) >= minimum:
                return qids
        return []

    def _holders_then(self, frame: Frame, an: Analysis) -> None:
        """'Pistorius had not phoned his Chinese counterpart since June 2023': the people a role
        names in the earlier gathering are the holders at its date, not today's."""
        if not frame.date:
            return
        day = date.fromisoformat(
            (frame.date + "-07-01")[:10] if len(frame.date) == 4 else (frame.date + "-15")[:10]
        )
        for a in an.actors:
            if a.via != "role" or a.start not in an.role_at or a.qid not in frame.participants:
                continue
            holder = resolve_role(self.ref, *an.role_at[a.start], day)
            if holder is not None and holder.qid not in frame.participants:
                frame.participants[frame.participants.index(a.qid)] = holder.qid

    def _before_report_year(self, when: str) -> bool:
        return self.published is not None and when[:4] < str(self.published.year)

    def _recent_leaders(self, index: int) -> list[str]:
        """'The two leaders': the two heads of state or government named most recently, not the
        ministers who announced their meeting."""
        if self.published is None:
            return []
        for s, qids in reversed(self.history):
            if index - s > _COREF_WINDOW:
                break
            leaders = [q for q in qids if _leader(self.ref, q, self.published)]
            if len(leaders) >= 2:
                return leaders
        return []

    def _bilateral_kind(self, f: Frame) -> str:
        """Two leaders meeting, in a text about no group's summit (SCHEMA conventions): in a
        third country they hold a summit; in one side's country it is that side's visit."""
        if (
            f.groups
            or f.kind != "meeting"
            or f.during_visit
            or f.aside  # "am Rande der Trauerfeier": a meeting beside another occasion
            or len(f.participants) != 2
            or not f.location
            or not self.published
        ):
            return f.kind
        actors = [self.ref.actors.get(q) for q in f.participants]
        if any(a is None for a in actors) or not all(
            _leader(self.ref, q, self.published) for q in f.participants
        ):
            return f.kind
        return "visit" if any(a.country == f.country for a in actors if a) else "summit"

    # -- the run --------------------------------------------------------------
    def run(self, keep_analyses: bool = False) -> list[Event]:
        """The document's events; ``keep_analyses`` keeps each sentence's analysis for
        ``after_headline`` (copying them costs about a twentieth of a reading, so only a
        reading that may be followed by one after the headline keeps them)."""
        self.sentences = split_sentences(self.norm, self.lang)
        for sent, tokens in _pieces_of(self.sentences):
            an = analyse(self.ref, tokens, self.lang, self.published)
            if keep_analyses:
                # Kept as analysed: the document-level steps below replace its actors.
                self.analysed.append((sent, tokens, copy.copy(an)))
            self._sentence(sent, tokens, an)
        return self._events()

    def after_headline(self, headline: str) -> list[Event] | None:
        """What one reading of ``headline``, then this run's text, finds (``run`` has run).

        None when the headline changes where the text's sentences end; the caller then
        reads the whole document again.
        """
        offset = len(headline) + len(_HEADLINE_BREAK)
        together = _DocumentRun(
            self.ref, headline + _HEADLINE_BREAK + self.text, self.lang, self.published, self.precision
        )
        head = split_sentences(normalise(headline), self.lang)
        expected = [(s.start, s.end, s.text) for s in head]
        expected += [(s.start + offset, s.end + offset, s.text) for s in self.sentences]
        if [(s.start, s.end, s.text) for s in split_sentences(together.norm, self.lang)] != expected:
            return None
        read = [(s, t, analyse(self.ref, t, self.lang, self.published)) for s, t in _pieces_of(head)]
        if not any(an.triggers or an.actors or an.groups or an.places for _s, _t, an in read):
            # Sentences that name no one, no group, no place and no gathering leave nothing
            # for the sentences after them (no short form, no one to refer back to, no
            # gathering, no place, no group), so the text reads as it did alone: no event.
            return []
        for sent, tokens, an in read:
            together._sentence(sent, tokens, an)
        for sent, tokens, an in self.analysed:
            # Where the sentence stands in one reading of both, numbered after the headline's.
            moved = Sentence(sent.index + len(head), sent.start + offset, sent.end + offset, sent.text)
            shifted = [tuple.__new__(Token, (t[0], t[1] + offset, t[2] + offset, t[3])) for t in tokens]
            again = copy.copy(an)
            again.tokens = shifted
            together._sentence(moved, shifted, again)
        return together._events()

    def _sentence(self, sent: Sentence, tokens: list[Token], an: Analysis) -> None:
        """The document-level steps for one analysed sentence."""
        self._disambiguate(an)
        self.sentence_starts[sent.index] = sent.start
        self._quoted_first_person(an, sent)
        self._group_short_forms(an)
        if an.groups:
            self.collective_groups.extend(g.code for g in leader_collectives(an))
        dates = []
        # Dates only matter for sentences that can hold a gathering.
        if an.triggers:
            ends = [t.end for t in tokens]
            last = len(tokens) - 1
            for expr in find_dates(sent.text, self.lang):
                idx = min(bisect_right(ends, sent.start + expr.start), last)  # first token ending after it
                dates.append((idx, expr))
        evidence = self.text[sent.start : sent.end]
        frames = build_frames(an, sent.index, evidence, dates, self.published, self.precision, self.ref.homes)
        for frame in frames:
            self._coref(frame, an, sent.index)
            if frame.earlier or (frame.date and self._before_report_year(frame.date)):
                # a role in a gathering of an earlier year is the holder then (SCHEMA)
                self._holders_then(frame, an)
        # "Beide trafen sich am Rande des Asean-Treffens": who meets on the sidelines is there.
        for other in (f for f in frames if f.sidelines):
            for summit in (f for f in frames if f.groups):
                for qid in other.participants:
                    summit.add(qid, "coref")
        for frame in frames:
            self._accept(frame)
        located = [p for p in an.places if p.locative]
        if located:
            # "in Rio de Janeiro in Brasilien": a country after its own city names no other place.
            final = located[-1]
            city = next((pl for pl in reversed(located) if pl.name and pl.country == final.country), final)
            self.last_place = (city.name, city.country)
        qids = list(dict.fromkeys(a.qid for a in an.actors))
        if qids:
            self.history.append((sent.index, qids))

    def _quoted_first_person(self, an: Analysis, sent: Sentence) -> None:
        """'"President Zelenskyy and I will sit down on Friday," Trump wrote', '„Ich werde
        Putin anrufen“, sagte Scholz': a first-person pronoun inside a quote is the speaker,
        a person in its place in the sentence like any other."""
        words = self.lang.mentions.first_person
        if words.isdisjoint(map(_LOWER, an.tokens)):  # itemgetter: no generator per sentence
            return
        taken = {k for a in an.actors for k in range(a.start, a.end)}
        added: list[ActorMention] = []
        closing: dict[int, str] = {}  # offset of a closing mark in this sentence -> the speaker
        for k, tok in enumerate(an.tokens):
            if tok.lower not in words or k in taken:
                continue
            if self._quotes is None:
                self._quotes = quote_spans(self.norm)
            span = quote_span(self._quotes, tok.start)
            if span is None:
                continue
            if span[0] not in self.speakers:
                self.speakers[span[0]] = self._attributed(span[1]) or self._before_quote(span[0], an, sent)
            speaker = self.speakers[span[0]]
            if speaker is None:
                continue
            if not any(a.qid == speaker for a in added):
                added.append(ActorMention(speaker, k, k + 1, "coref"))
            if span[1] < sent.end:
                closing[span[1]] = speaker
        # '…," the president added': whoever the attribution names is that speaker.
        for offset, speaker in closing.items():
            after = [k for k, t in enumerate(an.tokens) if t.start > offset][:_ATTRIBUTION_TOKENS]
            an.actors = [
                ActorMention(speaker, a.start, a.end, a.via) if a.start in after else a for a in an.actors
            ]
        if added:
            an.actors = sorted(an.actors + added, key=lambda a: a.start)
            self.seen.update(a.qid for a in added)

    def _attributed(self, closing: int) -> str | None:
        """The person a quote's attribution names right after it ('," Trump said', '“, so
        Scholz', '“, sagte der Kanzler'), if the attribution has a verb of saying."""
        if closing >= len(self.norm) or self.norm[closing] not in QUOTE_MARKS:
            return None
        tail = self.norm[closing + 1 : closing + 100]
        stop = next((k for k, ch in enumerate(tail) if ch in ".!?\n" or ch in QUOTE_MARKS), len(tail))
        tokens = tokenize(tail[:stop], closing + 1)
        saying = self.lang.clauses.speech_verbs | self.lang.clauses.statement_verbs
        saying |= self.lang.tense.reporting_verbs | self.lang.mentions.attribution_words
        if not tokens or len(tokens) > _ATTRIBUTION_TOKENS or saying.isdisjoint(t.lower for t in tokens):
            return None
        an = analyse(self.ref, tokens, self.lang, self.published)
        topic = self.lang.clauses.topic_markers  # "the reporter wrote about Scholz": not him
        for (start, end), cands in _by_span(an.actors):
            if not topic.isdisjoint(t.lower for t in tokens[:start]):
                break
            chosen = self._choose(cands)
            if chosen is not None:
                return chosen.qid
            short = next(
                (self.short_forms[t.text] for t in tokens[start:end] if t.text in self.short_forms), None
            )
            if short is not None:
                return short
        # "…," the president added: the holder of that office named last
        roles = self._open_roles(an, [], set())
        return roles[0].qid if roles else None

    def _before_quote(self, opening: int, an: Analysis, sent: Sentence) -> str | None:
        """A quote without a named attribution after it is the speech of the person named
        before it: in its own sentence ('Macron sagte: „Ich …“'), else the subject of the
        last sentence before the quote opened."""
        if opening >= sent.start:
            before = [a for a in an.actors if an.tokens[a.start].start < opening]
            return before[0].qid if before else None
        for index, qids in reversed(self.history):
            if self.sentence_starts.get(index, opening) < opening:
                return qids[0]
        return None

    def _coref(self, frame: Frame, an: Analysis, index: int) -> None:
        if frame.pair_pronoun and len(frame.participants) < 2 and not frame.groups:
            # "beide", "the two": a pair, the first two named in the sentence that named several
            pair = (self._recent_leaders(index) if an.pair_leaders else []) or self._recent(index, 2)
            for qid in [q for q in pair if q not in frame.participants][: 2 - len(frame.participants)]:
                frame.add(qid, "coref")
            frame.pair = len(frame.participants) >= 2  # "the two leaders last spoke in 2022"
        # "er"/"sie" stands for the subject of a recent sentence when the frame has none,
        # or only a partner ("Dort wird sie vom Präsidenten empfangen").
        lacks_subject = not frame.participants or (len(frame.participants) == 1 and frame.partner_marked)
        if an.latter_coref and len(frame.participants) < 2:
            recent = self._recent(index, 1)  # "Dieser", "the latter": the one named last
            if recent and recent[-1] not in frame.participants:
                frame.add(recent[-1], "coref")
        elif an.single_coref and lacks_subject:
            # "Trump hatte mit Putin telefoniert und angekündigt, dass er sich mit dem Kremlchef
            # treffen wolle": "er" is the subject of a clause before it in the sentence, if any;
            # else the subject of a recent sentence
            here = _subject_before_pronoun(an)
            recent = [here] if here else self._recent(index, 1)
            if recent and recent[0] not in frame.participants:
                frame.add(recent[0], "coref")
        if (
            frame.location is None
            and frame.country is None
            and self.last_place
            and any(t.lower in self.lang.document.there for t in an.tokens)
        ):
            frame.location, frame.country = self.last_place

    def _accept(self, frame: Frame) -> None:
        if frame.negated:
            return
        if frame.described and not frame.groups:
            # "Es ist das erste Treffen zwischen Merkel und Putin seit 2014": said of the gathering
            # reported before, never a new one (a date of its own: "the first took place on 25 June")
            target = self._antecedent(frame)
            if target is None:
                return
            if _dates_compatible(target.frame.date, frame.date):
                self._absorb(target, frame)
                return
        if frame.groups:
            self._merge_or_add(frame)
            return
        if frame.arrival and not (frame.location or frame.country):
            return  # "expected to announce progress" is no arrival anywhere
        groups = self._summit_group(frame)
        if groups:
            frame.groups = groups
            if frame.date is None:
                self._merge_or_add(frame)
                return
            # The group's summit of another year (the undated one is the report's).
            year = frame.date[:4]
            same = [
                g for g in self.gatherings if g.frame.groups == groups and (g.frame.date or "")[:4] == year
            ]
            if same:
                self._absorb(same[0], frame)
            else:
                self.gatherings.append(_Gathering(frame, 1, [frame.sentence]))
            return
        if frame.anaphoric and frame.kind == "summit" and len(frame.participants) <= 1 and frame.date:
            # "Biden's news conference on Thursday at the summit": the group's summit, on a day of it
            target = self._antecedent(frame)
            if (
                target is not None
                and target.frame.groups
                and _places_compatible(target.frame, frame)
                and _dates_compatible(target.frame.date, frame.date)
            ):
                self._absorb(target, frame)
                return
        if frame.anaphoric and not (frame.location or frame.date):
            target = self._antecedent(frame)
            if target is not None:
                self._absorb(target, frame)
                return
            if not frame.participants:
                for qid in self._recent(frame.sentence, 2):
                    frame.add(qid, "coref")
        elif frame.anaphoric and len(frame.participants) < 2:
            # "Das Treffen sei in Genf geplant", "the meeting will be on Thursday": the gathering
            # last spoken of, now with its place or date.
            target = self._antecedent(frame)
            if (
                target is not None
                and set(frame.participants) <= set(target.frame.participants)
                and (frame.kind == "call") == (target.frame.kind == "call")
                and frame.status in {None, target.frame.status}
                and _places_compatible(target.frame, frame)
                and _dates_compatible(target.frame.date, frame.date)
            ):
                self._absorb(target, frame)
                return
        if frame.series and not (frame.location or frame.country or frame.date):
            return  # "nahm direkte Gespräche mit Putin auf": talks going on, no one gathering
        n = len(frame.participants)
        if frame.anaphoric and "coref" in frame.via:
            pass  # "Das Gespräch fand statt": the people come from the sentences before
        elif (
            frame.strength == "weak"
            and not (n >= 2 and (frame.partner_marked or frame.pair or frame.their or frame.kind == "visit"))
            and not (frame.kind == "visit" and n == 1 and (frame.location or frame.country))
        ):
            return
        if n == 1 and frame.kind == "visit" and frame.country:
            self._add_host(frame)
        if n >= 2 or (frame.kind == "visit" and n == 1 and (frame.location or frame.country)):
            self._merge_or_add(frame)

    def _group_short_forms(self, an: Analysis) -> None:
        """'die Ukraine-Kontaktgruppe ... ein Treffen der Kontaktgruppe', 'the Ukraine Defense
        Contact Group ... the contact group': a group named in full makes the head of its name,
        after a definite article, usable later in the document (like a person's surname)."""
        tokens = an.tokens
        for g in an.groups:
            words = tuple(t.text for t in tokens[g.start : g.end])
            if not any(e.type == "group" for e in self.ref.entries.get(words, [])):
                continue  # "G20-Gipfel": a part of the compound is the group's name
            if len(words) == 1 and "-" in words[0]:
                last = words[0].rsplit("-", 1)[-1].lower()
                if len(last) >= 9:  # a compound head ("Kontaktgruppe"), not "Gruppe" or "Format"
                    self.group_heads.setdefault((last,), g.code)
            elif len(words) >= 3:
                self.group_heads.setdefault(tuple(w.lower() for w in words[-2:]), g.code)
        if not self.group_heads:
            return
        covered = {k for g in an.groups for k in range(g.start, g.end)}
        definite = self.lang.clauses.definite
        found = []
        for k in range(1, len(tokens)):
            if k in covered or tokens[k - 1].lower not in definite:
                continue
            for head, code in self.group_heads.items():
                end = k + len(head)
                if tuple(t.lower for t in tokens[k:end]) == head:
                    found.append(GroupMention(code, k, end))
        if found:
            an.groups = sorted([*an.groups, *found], key=lambda g: g.start)

    def _summit_group(self, frame: Frame) -> tuple[str, ...]:
        """The group whose summit a definite "der Gipfel", "the summit" is, when it is not yet
        one the document has reported: in a text about a group's leaders ("die Staats- und
        Regierungschefs der G7 ... am zweiten Tag des Gipfels") that group's; told with another
        year than the group's summit of the text ("Vor einem Jahr endete der Gipfel im Eklat")
        that group's summit of that year."""
        if frame.kind != "summit" or not frame.anaphoric or frame.groups:
            return ()
        if frame.possessive and len(frame.participants) > 1:
            return ()  # "ihr erster Gipfel": their own
        if any(not g.frame.groups and g.frame.kind == "summit" for g in self.gatherings):
            return ()  # people's own summit already reported: "the summit" may be theirs
        groups = [g for g in self.gatherings if g.frame.groups]
        if not groups:
            return (self.collective_groups[-1],) if self.collective_groups else ()
        latest = max(groups, key=lambda g: g.sentences[-1])
        reported = latest.frame.date or (self.published.isoformat() if self.published else "")
        if frame.date and reported and frame.date[:4] != reported[:4]:
            return latest.frame.groups
        return ()

    def _trip_beside(self, a: Frame, b: Frame) -> bool:
        """One person's trip to a country and a gathering of theirs with someone not of that
        country are two ("Er werde nach Südkorea reisen" beside his offer to meet Kim)."""
        for trip, other in ((a, b), (b, a)):
            if (
                trip.kind == "visit"
                and not trip.arrival  # "wo Selenskyj erwartet wird": there for the gathering
                and len(trip.participants) == 1
                and trip.country
                and not trip.groups
            ):
                others = set(other.participants) - set(trip.participants)
                if others and any(self._home(q) != trip.country for q in others):
                    return True
        return False

    def _add_host(self, frame: Frame) -> None:
        """'Xi auf Staatsbesuch in Moskau' in a story that names Putin: he is the host.

        Only a head of state or government is received by the host country's leader; a
        minister expected in Paris meets his counterparts, not the president."""
        visitor = frame.participants[0]
        if not frame.country or frame.country == self._home(visitor):
            return
        if self.published is not None and not _leader(self.ref, visitor, self.published):
            return
        host = resolve_role(self.ref, "leader", frame.country, self.published)
        if host is not None and host.qid in self.seen and host.qid not in frame.participants:
            frame.participants.append(host.qid)

    def _home(self, qid: str) -> str:
        actor = self.ref.actors.get(qid)
        return actor.country if actor else ""

    def _antecedent(self, frame: Frame) -> _Gathering | None:
        """The gathering a definite 'the summit', 'das Telefonat', 'Kim's visit' refers to."""
        mine = set(frame.participants)
        theirs_own = len(mine) > 1 and any(
            not g.frame.groups and mine <= set(g.frame.participants) for g in self.gatherings
        )  # "President Xi and PM Modi decided to hold the informal summit": their own summit
        if (
            frame.kind == "summit"
            and not (frame.possessive and len(frame.participants) > 1)
            and not theirs_own
        ):
            # "an dem Gipfel teilnehmen" continues the group's summit; "ihr erster Gipfel" is their own.
            groups = [g for g in self.gatherings if g.frame.groups]
            if groups:
                return max(groups, key=lambda g: g.sentences[-1])
        for g in reversed(self.gatherings):
            if frame.sentence - g.sentences[-1] > 6:
                break
            call = frame if frame.kind == "call" else g.frame
            if (frame.kind == "call") != (g.frame.kind == "call") and call.strength == "strong":
                continue  # a phone call and a meeting in person are two gatherings
            if g.frame.groups:
                continue  # only a summit-kind mention continues a group's summit (above)
            theirs = set(g.frame.participants)
            # A vague definite mention may carry another tense ("their talks would yield"): no status check.
            if not mine or mine <= theirs or theirs <= mine:
                return g
        return None

    def _merge_or_add(self, frame: Frame) -> None:
        for g in self.gatherings:
            if _same(g.frame, frame) and not self._trip_beside(g.frame, frame):
                self._absorb(g, frame)
                return
        self.gatherings.append(_Gathering(frame, 1, [frame.sentence]))

    @staticmethod
    def _absorb(g: _Gathering, frame: Frame) -> None:
        base = g.frame
        g.mentions += 1
        g.sentences.append(frame.sentence)
        for qid in frame.participants:
            if qid not in base.participants:
                base.participants.append(qid)
        base.via |= frame.via
        base.background = base.background and frame.background
        sidelines = (base.sidelines or frame.sidelines) and "call" not in {base.kind, frame.kind}
        base.sidelines = base.sidelines or frame.sidelines
        base.aside = base.aside or frame.aside
        if sidelines and not base.groups:
            base.kind = "meeting"  # a bilateral on the sidelines of a summit is a meeting (SCHEMA)
        elif frame.kind != base.kind and not base.groups:
            other_specific = bool(frame.location or frame.date)
            base_specific = bool(base.location or base.date)
            if (other_specific and not base_specific) or (
                other_specific == base_specific and KIND_PRIORITY[frame.kind] > KIND_PRIORITY[base.kind]
            ):
                base.kind = frame.kind
        if frame.location and not base.location:
            base.location, base.country = frame.location, frame.country
        elif frame.country and not base.country:
            base.country = frame.country
        new_status = frame.status or "planned"
        old_status = base.status or "planned"
        if (
            frame.status == base.status
            and _BASIS_STRENGTH[frame.status_basis] > _BASIS_STRENGTH[base.status_basis]
        ):
            base.status_basis = frame.status_basis
        if frame.status and (base.status is None or STATUS_RANK[new_status] > STATUS_RANK[old_status]):
            base.status, base.status_basis = frame.status, frame.status_basis
            if frame.status == "postponed" and frame.date:
                base.date = frame.date
        if frame.date and (
            not base.date or (frame.date.startswith(base.date) and len(frame.date) > len(base.date))
        ):
            base.date = frame.date  # none yet, or the same month told to the day

    @staticmethod
    def _meetings_at_summit(kept: list[_Gathering], summits: list[_Gathering]) -> None:
        """'Scholz trifft Biden' in a report of the G7 summit at Elmau, 'a meeting with Sánchez on
        the sidelines of the G20 summit': a meeting with no place of its own, of a summit's
        participant, at the summit's time, is at the summit's venue. Only when the document's
        group summits are at one place; a meeting told as background is elsewhere."""
        venues = {(s.frame.location, s.frame.country) for s in summits if s.frame.location}
        if len(venues) != 1:
            return
        for g in kept:
            f = g.frame
            if f.groups or f.kind != "meeting" or f.location or f.country or f.background:
                continue
            for s in summits:
                if not s.frame.location or not _dates_compatible(f.date, s.frame.date):
                    continue
                # a wish to meet ("bot an, Kim zu treffen") is not yet anywhere
                same_time = f.sidelines or (
                    f.status in {None, "planned", "held"}
                    and _status_class(f.status) == _status_class(s.frame.status)
                )
                if same_time and set(f.participants) & set(s.frame.participants):
                    f.location, f.country = s.frame.location, s.frame.country
                    break

    def _meetings_during_visit(self, kept: list[_Gathering]) -> None:
        """'Xi traf in der Früh Ministerpräsident Mischustin' in a report of Xi's visit to Moscow,
        talks with the premier 'on the one-day trip': a meeting of the visitor with someone of
        the host country, with no place of its own, is where the visit is (and, when the text
        names the visit as its occasion, on the visit's day)."""
        visits = [g.frame for g in kept if g.frame.kind == "visit" and g.frame.location]
        for g in kept:
            f = g.frame
            if f.groups or f.kind != "meeting" or f.location or f.country or f.background:
                continue
            for v in visits:
                visitors = [q for q in f.participants if q in v.participants and self._home(q) != v.country]
                hosts = [q for q in f.participants if q not in visitors and self._home(q) == v.country]
                if not visitors or len(visitors) + len(hosts) != len(f.participants):
                    continue
                at_once = f.during_visit or (
                    f.status in {None, "planned", "held"}
                    and _status_class(f.status) == _status_class(v.status)
                    and _dates_compatible(f.date, v.date)
                )
                if at_once:
                    f.location, f.country = v.location, v.country
                    if f.during_visit and f.date is None:
                        f.date = v.date
                    f.during_visit = True  # a meeting within the visit, not a visit of its own
                    break

    def _events(self) -> list[Event]:
        # Arrivals at a group summit's venue are participation in that summit.
        summits = [g for g in self.gatherings if g.frame.groups]
        kept: list[_Gathering] = []
        for g in self.gatherings:
            f = g.frame
            host = None
            if not f.groups and f.kind == "visit" and len(f.participants) <= 2:
                host = next(
                    (
                        s
                        for s in summits
                        if (f.location and f.location == s.frame.location)
                        or (
                            f.arrival
                            and s.frame.location is None
                            and s.frame.country in (None, f.country)
                            and abs(s.sentences[0] - g.sentences[0]) <= 1
                        )
                    ),
                    None,
                )
            if host is not None:
                for qid in f.participants:
                    if qid not in host.frame.participants:
                        host.frame.participants.append(qid)
                if host.frame.location is None and f.location:
                    host.frame.location, host.frame.country = f.location, f.country
                continue
            if not f.groups and f.kind == "visit" and len(f.participants) == 1 and f.country:
                if f.country == self._home(f.participants[0]):
                    continue  # "Trump at Mar-a-Lago", "Selenskyj in Kiew": at home, visiting nobody
                self._add_host(f)  # the host may be named after the visit
            kept.append(g)
        # A group summit without a place takes the place of its participants' gathering.
        for s in summits:
            if s.frame.location or not s.frame.participants:
                continue
            for g in kept:
                f = g.frame
                if (
                    f.groups
                    or not f.location
                    or s.frame.country not in (None, f.country)
                    or not set(f.participants) <= set(s.frame.participants)
                ):
                    continue
                if _status_class(f.status) == _status_class(s.frame.status) and _dates_compatible(
                    f.date, s.frame.date
                ):
                    s.frame.location, s.frame.country = f.location, f.country
                    if s.frame.date is None and f.date:
                        s.frame.date = f.date[:7]  # a group's summit lasts days: its month
                    break
        self._meetings_at_summit(kept, summits)
        self._meetings_during_visit(kept)
        for g in kept:
            if not any(_at_summit(g.frame, s.frame) for s in summits):
                g.frame.kind = self._bilateral_kind(g.frame)
        events = []
        for g in kept:
            f = g.frame
            if f.kind == "call":
                # A call joins two places: "in Washington" is where a caller was, or where an
                # earlier gathering was ("a day after the G20 summit in Osaka closed").
                f.location = f.country = None
            participants = f.participants
            if f.groups and f.status in {"cancelled", "postponed"}:
                participants = []  # whoever announces a cancellation is not taking part
            for iso in f.partners:  # "der EU-Indien-Gipfel": India's leader is the other side
                other = resolve_role(self.ref, "leader", iso, self.published)
                if other is not None and other.qid not in participants:
                    participants = [*participants, other.qid]
            homes = {self._home(q) for q in participants}
            if not f.groups and len(participants) >= 2 and len(homes) == 1 and "" not in homes:
                continue  # "Merkel, Seehofer und Scholz trafen sich": domestic politics, no summitry
            names = tuple(self.ref.actors[q].name for q in participants if q in self.ref.actors)
            if not f.groups and len(set(names)) < 1:
                continue
            status = f.status or self.lang.document.default_status.get(f.kind, "planned")
            evidence = Evidence(
                status_basis=f.status_basis if f.status else "none",
                mentions=g.mentions,
                named="name" in f.via,
                coref=bool(f.via & {"coref"}),
                placed=bool(f.location or f.country),
                dated=bool(f.date),
                group=bool(f.groups),
                kind=f.kind,
                participants=len(names),
            )
            events.append(
                Event(
                    kind=f.kind,  # type: ignore[arg-type]
                    status=status,  # type: ignore[arg-type]
                    participants=names,
                    organizations=f.groups,
                    location=f.location,
                    country=f.country,
                    date=f.date or report_month(self.published, status, f.background),
                    evidence=f.evidence,
                    confidence=event_confidence(evidence),
                    basis=evidence,
                )
            )
        return events


def _at_summit(f: Frame, summit: Frame) -> bool:
    """The gathering may be one on the summit's sidelines: at its place, or, where the summit's
    place is unknown, at its time ("Mr Trump's one-on-one with Putin in Helsinki" in a story
    about the G20 summit at Osaka is a summit of its own)."""
    if f.sidelines or not f.location:
        return True
    if summit.location:
        return summit.location == f.location
    return summit.country in (None, f.country) and _dates_compatible(f.date, summit.date)


def _subject_before_pronoun(an: Analysis) -> str | None:
    """The person a "he"/"er" of this sentence stands for: the first person, not after
    "with"/"mit", of the nearest clause before the pronoun's that names one."""
    cw = an.lang.clauses
    pronouns = [k for k, t in enumerate(an.tokens) if t.lower in cw.third_person]
    if not pronouns or not an.actors:
        return None
    clause_of = an.clause_of if an.clause_of is not None else clauses(an)
    for k in reversed(pronouns):
        for c in range(clause_of[k] - 1, -1, -1):
            own = [a for a in an.actors if clause_of[a.start] == c]
            subject = next(
                (
                    a
                    for a in own
                    if cw.partner_markers.isdisjoint(
                        t.lower for t in an.tokens[max(a.start - 3, 0) : a.start]
                    )
                ),
                None,
            )
            if subject is not None:
                return subject.qid
            if own:
                break
    return None


def _by_span(actors: list[ActorMention]) -> list[tuple[tuple[int, int], list[ActorMention]]]:
    spans: dict[tuple[int, int], list[ActorMention]] = {}
    for a in actors:
        spans.setdefault((a.start, a.end), []).append(a)
    return sorted(spans.items())


def _leader(ref: Reference, qid: str, day: date) -> bool:
    return any(t.office in _LEADER_OFFICES for t in ref.offices_of(qid, day))


def _compound_parts(ref: Reference, text: str, cands: list[ActorMention]) -> list[list[ActorMention]]:
    """The candidates of each part of a hyphenated compound ("Putin-Trump"), or all as one."""
    if "-" not in text or len({c.qid for c in cands}) < 2:
        return [cands]
    parts: list[list[ActorMention]] = []
    for piece in text.split("-"):
        word = strip_possessive(piece)
        keys = {
            e.key
            for e in ref.entries.get((word,), []) + ref.entries.get((word[:-1],), [])
            if e.type in {"actor", "surname"}
        }
        mine = [c for c in cands if c.qid in keys]
        if mine:
            parts.append(mine)
    return parts if len(parts) > 1 else [cands]


def _pieces_of(sentences: list[Sentence]) -> Iterator[tuple[Sentence, list[Token]]]:
    """Each sentence (or window of one) that has tokens, with its tokens."""
    for whole in sentences:
        for sent, tokens in _pieces(whole, tokenize(whole.text, whole.start)):
            if tokens:
                yield sent, tokens


def _pieces(sent: Sentence, tokens: list[Token]) -> list[tuple[Sentence, list[Token]]]:
    """A sentence, or windows of it when it is far longer than any real sentence.

    Text without punctuation (HTML or script remnants, tables) would otherwise make one
    "sentence" of thousands of tokens, and the clause logic is quadratic in its length.
    """
    if len(tokens) <= _MAX_TOKENS:
        return [(sent, tokens)]
    out = []
    for k in range(0, len(tokens), _MAX_TOKENS):
        window = tokens[k : k + _MAX_TOKENS]
        start, end = window[0].start, window[-1].end
        text = sent.text[start - sent.start : end - sent.start]
        out.append((Sentence(sent.index, start, end, text), window))
    return out


def _status_class(status: str | None) -> str:
    if status is None:
        return "any"
    return "future" if status in FUTURE or status in {"postponed", "cancelled"} else "past"


def _places_compatible(a: Frame, b: Frame) -> bool:
    if a.location and b.location:
        return a.location == b.location
    if a.country and b.country:
        return a.country == b.country
    return True


def _dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    if a.startswith(b) or b.startswith(a):
        return True
    if len(a) == len(b) == 10:  # two reports of one day may differ by the day of reporting
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= 3
    return False


def _same(a: Frame, b: Frame) -> bool:
    """Two frames of one document name the same gathering."""
    if a.groups or b.groups:
        # One document rarely speaks of two summits of one group; dates of the same year are noise.
        same_year = not a.date or not b.date or a.date[:4] == b.date[:4]
        # Only two venues part them: a country alone is often a topic ("support Ukraine's
        # armed forces") or a stop on the way ("a visit to Japan ... the APEC summit").
        venues = not (a.location and b.location) or a.location == b.location
        # "beim vergangenen G20-Gipfel" is not the G20 summit reported
        earlier = a.earlier == b.earlier or bool(a.date and b.date and _dates_compatible(a.date, b.date))
        return a.groups == b.groups and same_year and venues and earlier
    if (a.kind == "call") != (b.kind == "call") and (a if a.kind == "call" else b).strength == "strong":
        other = b if a.kind == "call" else a
        # A phone call and a meeting in person are two ("the two spoke" may be the meeting);
        # but a weak "das Gespräch", "the talks" with no place and no other date, told in the
        # same tense, may be that call ("Ich rufe Putin wieder an" ... "er wolle das Gespräch
        # mit dem Kremlchef weiterführen"; "Videoschalte am Dienstag" ... "werden am Dienstag
        # miteinander sprechen").
        classes = {_status_class(a.status), _status_class(b.status)}
        if not (
            other.strength == "weak"
            and not (other.location or other.country)
            and _dates_compatible(a.date, b.date)
            and (len(classes) == 1 or "any" in classes)
            and set(a.participants) == set(b.participants)
        ):
            return False
        talk_of_the_call = True
    else:
        talk_of_the_call = False
    pa, pb = set(a.participants), set(b.participants)
    if not (pa <= pb or pb <= pa):
        return False
    if a.earlier != b.earlier and not (a.date and b.date and _dates_compatible(a.date, b.date)):
        # "the previous call took place on 18 February" is not the call reported, nor is
        # "the first call since December 2022" the December call
        return False
    ca, cb = _status_class(a.status), _status_class(b.status)
    same_place = bool(a.location) and a.location == b.location
    if "any" not in (ca, cb) and ca != cb and not same_place:
        return False  # the planned gathering and the one held: the same only at the same place
    if not (_places_compatible(a, b) and _dates_compatible(a.date, b.date)):
        return False
    if a.kind == b.kind:
        return True
    # A vague mention ("a further summit") is the specific gathering of the same people.
    vague_a = not (a.location or a.country or a.date)
    vague_b = not (b.location or b.country or b.date)
    if vague_a or vague_b or pa != pb or talk_of_the_call:
        return True
    # The same people, in the same tense, at a compatible place and date, are one
    # gathering whatever a sentence calls it ("the summit", "the talks", "the visit");
    # a phone call stays apart from meeting in person.
    return ca == cb and "call" not in {a.kind, b.kind}
