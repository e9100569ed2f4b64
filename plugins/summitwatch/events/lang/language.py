"""The ``Language`` object: everything the rules need to know about one language.

The rules (``rules.py``, ``frames.py``, ``status.py``, ``mentions.py``, ``dates.py``,
``sentences.py``) are written once; the words and shapes they look for come from the
document's ``Language``, built by its pack (``lang/<code>/__init__.py``, trigger lexicon in
``lang/<code>/triggers.csv``). A word set a language has no use for stays empty, and the
rule that reads it does nothing for that language. See docs/extraction.md, "Language packs".

The fields are grouped by the step of the extraction that reads them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from summitwatch.events.lang.lexicon import Lexicon, read_lexicon

Words = frozenset[str]
NONE: Words = frozenset()


@dataclass(frozen=True)
class SentenceWords:
    """Sentence splitting (``sentences.py``): a full stop after these ends no sentence."""

    abbreviations: Words = NONE  # lower case, without the final dot ("dr", "z.b", "mr")


@dataclass(frozen=True)
class DateWords:
    """Date expressions (``dates.py``): the words, and the patterns that use them.

    A pattern is ``(kind, regular expression)``; the kinds are ``dates.KINDS`` (how each
    resolves), and ``{M}``, ``{W}``, ``{N}``, ``{Y}`` in the expression stand for a group
    of the month names, weekday names, number words (or digits) and a four-digit year.
    Patterns are tried in order: longer forms first.
    """

    months: Mapping[str, int] = field(default_factory=dict)  # full names, lower case -> 1..12
    month_abbreviations: Mapping[str, int] = field(default_factory=dict)  # "okt", "sept"
    weekdays: Mapping[str, int] = field(default_factory=dict)  # -> 0 (Monday) .. 6
    numbers: Mapping[str, int] = field(default_factory=dict)  # "zwei Monate", "a week"
    patterns: tuple[tuple[str, str], ...] = ()
    next_words: Words = NONE  # "kommenden", "next": one unit ahead
    last_words: Words = NONE  # "vergangenen", "last": one unit back
    relative_days: Mapping[str, int] = field(default_factory=dict)  # "gestern": -1 (others: 0)
    later_words: Words = NONE  # "two months later": after the report's reference point
    month_units: tuple[str, ...] = ()  # prefixes of the unit words ("month", "monat")
    week_units: tuple[str, ...] = ()
    day_units: tuple[str, ...] = ()
    clock_prepositions: Words = NONE  # "um 18:44", "at 10:30": a time stamp's clock time
    new_date: Words = NONE  # "bis", "until": a date after them is a postponed gathering's new one
    new_date_articles: Words = NONE  # "auf den", "bis zum"
    openers: Words = NONE  # "Ende Februar", "Mitte Mai": a capitalised word opening a date
    ambiguous_months: Words = NONE  # "May": a month only where it is no name or verb
    name_before_month: re.Pattern[str] | None = None  # "Theresa May"
    # Substrings of the lower-cased text without which no relative-day / unit pattern matches.
    relday_hints: tuple[str, ...] = ()
    unit_hints: tuple[str, ...] = ()

    @cached_property
    def month_number(self) -> dict[str, int]:
        return {**self.months, **self.month_abbreviations}


@dataclass(frozen=True)
class TenseWords:
    """Tense and mood of a gathering's clause (``status.clause_status``)."""

    # Perfect and pluperfect: an auxiliary with a past participle reports ("hat getroffen").
    perfect_auxiliaries: Words = NONE
    future_auxiliaries: Words = NONE  # "wird ... empfangen": a participle with them is no report
    participle: re.Pattern[str] | None = None  # the shape of a past participle
    # Participles that announce rather than report ("geplant", "vereinbart") or only look like one.
    announcing_participles: Words = NONE
    weak_past: Words = NONE  # "was", "war": a past form that may be a neighbouring clause's
    present_triggers: Words = NONE  # "meets", "visits": the present of the report ("Xi meets Putin")
    noun_before: Words = NONE  # "for talks": the word before makes the present form a noun
    past_shape: re.Pattern[str] | None = None  # a finite past-tense verb ("traf" is a cue; "-te", "-ed")
    not_past_shape: Words = NONE  # words of that shape that are no past verb ("heute", "united")
    not_verb_shape: re.Pattern[str] | None = None  # ordinals and superlatives ("ersten", "letzten")
    adjectival_participle: re.Pattern[str] | None = None  # "geplante": a participle used as adjective
    zu_infinitive: re.Pattern[str] | None = None  # "abzuhalten": an infinitive clause has no tense
    infinitive_marker: str = ""  # "zu" before an infinitive
    infinitive_ending: str = ""  # "-en": the word after the marker is an infinitive
    not_infinitive: Words = NONE  # words after the marker that are no infinitive ("zu den")
    articles: Words = NONE
    attributive: Words = NONE  # words before an adjective ("the", "im", "to"): the shape is no verb
    object_nouns: Words = NONE  # "cancel a signing ceremony": a noun that is not the gathering
    postposed_cue_prefixes: tuple[str, ...] = ()  # "abgesagt" stands after its noun
    postposed_cue_words: Words = NONE  # "the summit's postponement"
    passive_auxiliaries: Words = NONE  # "the summit was cancelled"
    # Reported speech: "said he would meet" is the reported "I will meet", not a hypothesis.
    backshifted_modals: Words = NONE  # "would", "würde"
    progressive_auxiliaries: Words = NONE  # "is meeting": the present, a weekday with it is coming
    wish_words: Words = NONE  # "would like to", "würde gerne": a wish even in reported speech
    purpose_words: Words = (
        NONE  # "ahead of", "zur Vorbereitung": the later gathering a clause's subject serves
    )
    concessive: Words = NONE  # "trotz", "despite": a cancellation named there is not the clause's
    reporting_verbs: Words = NONE  # "said", "sagte": the verb of saying before them
    reported_subject_gap: Words = NONE  # lower-case words between ("he", "that", "on"); names pass


@dataclass(frozen=True)
class ClauseWords:
    """Clauses of a sentence and the frames in them (``frames.py``)."""

    split_words: Words = NONE  # subordinating words and conjunctions that open a clause
    since: Words = NONE  # a clause opened by "since" tells the past: its dates are not the gathering's
    preposition_too: Words = NONE  # "während", "seit": a preposition before a determiner, no clause
    determiners: Words = NONE  # the determiners that make them prepositions
    time_spans: Words = NONE  # "seit zwei Jahren", "seit langem": a span of time makes them prepositions too
    # "und"/"and" before one of these joins a second clause to the same subject ("hat telefoniert
    # und wird ... reisen", "spoke ... and will travel"): a clause of its own.
    coordinated_auxiliaries: Words = NONE
    where: Words = NONE  # "where", "wo": a relative clause of place
    temporal: Words = NONE  # "after", "nach": a temporal phrase naming an earlier gathering
    sidelines: Words = NONE  # "am Rande", "on the sidelines" of a group's summit
    # Prepositions that name the occasion of what the clause reports: "im Rahmen seiner
    # Moskau-Reise", "bei einem Treffen", "on the one-day trip", "during his visit".
    setting: Words = NONE
    modified_nouns: Words = NONE  # "summit details": the trigger is a modifier, no gathering
    conditional: Words = NONE  # "if", "falls": a gathering in or after such a clause is hypothetical
    earlier: Words = NONE  # "the previous call", "das vorige Treffen": another, earlier gathering
    place_prepositions: Words = NONE  # "Gipfel in Hamburg": a place right after a trigger is its own
    statement_verbs: Words = (
        NONE  # "announced Tuesday": with speech_verbs, a date right after dates the saying
    )
    statement_gap: Words = NONE  # words between such a verb and its date ("on social media")
    reciprocal: Words = NONE  # "miteinander": the two named are the two sides
    reciprocal_phrases: frozenset[tuple[str, str]] = frozenset()  # "each other"
    venue_verbs: Words = NONE  # "stattfinden", "take place": the clause says where
    relative: Words = NONE  # relative pronouns ("das", "which")
    planned: Words = NONE  # "geplant", "scheduled" in a relative clause of place
    speech_verbs: Words = NONE  # a subject of saying comments, it does not attend
    third_person: Words = NONE  # "er", "he": the clause has a subject of its own
    speaker_pronouns: Words = NONE  # "ich", "we": a first-person speaker is no reported subject
    partner_markers: Words = NONE  # "mit", "with", "by": the other side of a gathering
    comitative: Words = NONE  # "with", "mit" right after a call noun: its partner follows
    # "bilateral talks with Iran and Turkey": a country met bilaterally is its leader, and
    # several partners after "with" are one meeting each
    bilateral: Words = NONE
    habitual: Words = NONE  # "üblich", "traditionally": a custom, not a gathering
    recipient_verbs: Words = NONE  # "informed", "briefed", "mitgeteilt": who is told of a gathering
    comparison: Words = NONE  # "wie üblich", "as usual": a habitual word that tells of this one
    possessives: Words = NONE  # "their", "ihr": a possessed gathering ("ihr Treffen")
    definite: Words = NONE  # definite articles and demonstratives: a gathering already spoken of
    indefinite: Words = NONE  # "a", "ein": a new gathering
    # Only a noun names a group's gathering: where nouns are capitalised that shows it,
    # elsewhere these words are the nouns (``Language.capitalises_nouns``).
    group_nouns: Words = NONE
    leader_collective: Words = NONE  # "leaders", "Staats- und Regierungschefs" after a group
    collective_suffixes: tuple[str, ...] = ()  # "EU-Staats-" written as one compound
    # "the leaders of the G20", "die Staats- und Regierungschefs der G7": the collective stands
    # before the group, joined by these links.
    collective_of: Words = NONE
    collective_links: Words = NONE
    minister_stem: str = ""  # "Außenministertreffen", "foreign ministers' meeting": no summit
    topic_markers: Words = NONE  # "talks to X about Starmer": who comes after it is the topic
    topic_prepositions: Words = NONE  # "sprachen über": a topic, maybe no gathering
    respectively: Words = NONE  # "APEC and COP25, in November and December, respectively"
    offset_after: Words = NONE  # "two months after X": the date is X's
    between: Words = NONE  # "a meeting between A and B"
    phrase_glue: Words = NONE  # words inside such a phrase ("and", "the", "beiden")
    conjunctions: Words = NONE  # "and", "und"
    list_joints: Words = NONE  # "," "and" "sowie" inside an enumeration of people
    plural_calls: Words = NONE  # "calls with Trump": one call of each
    # "direkte Gespräche mit Putin aufnehmen", "discussions with Beijing": a series of talks,
    # a gathering only once a date or a place says which one.
    series_nouns: Words = NONE
    refusal: Words = NONE  # "refused", "lehnte ab": negation of the whole clause
    source: Words = NONE  # "vom G20-Gipfel nach Südkorea", "from the summit to Seoul": where a trip starts
    # "Es war das erste Treffen ...", "It would be the first meeting ...": a copular sentence
    # describes a gathering already reported (subjects, then copulas before the article).
    copular_subjects: Words = NONE
    copulas: Words = NONE
    # "no good reason to talk to Putin", "keine Absicht, Putin zu treffen": a negated intention.
    intention_nouns: Words = NONE
    # "und werde es auch im Nachgang tun", "and plans to follow up with him again": a coordinated
    # clause that repeats the gathering of the clause before (its words, in order, in the clause).
    pro_verbs: frozenset[tuple[str, ...]] = frozenset()


@dataclass(frozen=True)
class MentionWords:
    """What a sentence mentions (``mentions.py``): places, references back, calls."""

    locative: Words = NONE  # words before a venue ("in", "nach", "visit")
    place_articles: Words = NONE  # "in the", "in der" before a venue
    topic_nouns: Words = NONE  # "the war in Ukraine": a topic, not a venue
    topic_suffixes: tuple[str, ...] = ()  # "Ukrainekrieg"
    return_words: Words = NONE  # "returned to Ukraine": a way home
    pair_coref: tuple[tuple[str, ...], ...] = ()  # "beide", "the two": the pair named before
    pair_pronouns: frozenset[tuple[str, ...]] = (
        frozenset()
    )  # of those, bare pronouns ("they"): own clause only
    single_coref: Words = NONE  # "er", "he", "dort": one actor named before
    latter_coref: Words = NONE  # "dieser", "the latter": the actor named last before
    first_person: Words = NONE  # "ich", "I", "wir": inside a quote, the quoted speaker
    attribution_words: Words = NONE  # '“, so Scholz': besides verbs of saying, words naming a speaker
    nominal_coref: tuple[str, ...] = ()  # "die Politikerin": a person named before
    nominal_articles: Words = NONE
    adjective_endings: Words = NONE  # inflected country adjectives ("russischen" -> russisch)
    trigger_suffixes: tuple[str, ...] = ()  # "Moskau-Reise", "Helsinki summit": a venue in a compound
    where: Words = NONE  # "Helsinki, where": a venue
    capital_words: Words = NONE  # "die russische Hauptstadt", "the capital of"
    genitive_of: Words = NONE  # "President of Russia", "capital of"
    capital_articles: Words = NONE  # "in der russischen Hauptstadt"
    # Separable verbs of invitation ("lud ... ein"): stems, and the particle that ends them.
    invitation_stems: Words = NONE
    invitation_particle: str = ""
    call_verbs: Words = NONE  # "called Zelenskyy", "rief ... an"
    call_verbs_after_object: Words = NONE  # "hat Putin angerufen": the object stands before
    call_nouns: Words = NONE  # "a call with", "ein Anruf mit"
    bare_call_nouns: Words = NONE  # "the call": a phone call without a partner after it
    call_before: Words = NONE  # words before a bare call noun ("the", "productive")
    call_not_after: Words = NONE  # "called for", "called on": no person called
    call_gap: Words = NONE  # "called his counterpart": words between verb and person
    call_date_preposition: str = ""  # "a call on Thursday"
    call_weekdays: Words = NONE


@dataclass(frozen=True)
class RoleWords:
    """Roles that stand for a person (``mentions._roles``; offices in roles.py)."""

    words: Mapping[str, str] = field(default_factory=dict)  # role word -> office ("" names nobody)
    phrases: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    plural_words: Mapping[str, str] = field(default_factory=dict)  # "leaders": only after two adjectives
    plural_phrases: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    # "the Presidents of the European Council and the European Commission": an institution
    # named after a role is the office of its head
    institutions: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    genitive_markers: Words = (
        NONE  # "of", "der": a role's jurisdiction follows ("ministers of the US and Russia")
    )
    implied: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # "kremlchef": (office, country)
    implied_phrases: Mapping[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    implied_prefixes: Mapping[str, str] = field(default_factory=dict)  # "bundes-": the country
    default_jurisdiction: Mapping[str, str] = field(default_factory=dict)  # "Kanzler": the German one
    not_holder: Words = NONE  # "as", "former", "ehemalige": nobody in office now
    not_holder_prefixes: Words = NONE  # "Ex-Präsident", "Vize-Kanzler"
    gap: Words = NONE  # words between such a word and the role ("the", "erste")
    definite: Words = NONE  # "the president": the holder named last
    conjunctions: Words = NONE  # "the Chinese and Russian leaders"
    portfolio_prepositions: Words = NONE  # "Secretary of State for Work": the portfolio names the office
    # A name that modifies an institution stands for it, not for the person: "the Trump
    # administration", "die Trump-Regierung" (the noun after the name or last in its compound),
    # "die Regierung Merkel" (the noun before it).
    institution_after: Words = NONE
    # Staff named by their boss ("an aide to Zelenskiy", "Putins Sprecher"): the boss is not there.
    # Endings, so compounds count ("Sicherheitsberater"); links are the words between ("to", "des").
    proxy_nouns: tuple[str, ...] = ()
    proxy_links: Words = NONE
    institution_before: Words = NONE


@dataclass(frozen=True)
class DocumentWords:
    """Document-level rules (``rules.py``)."""

    title_words: Words = NONE  # "Mr", "Senator": not a given name before a surname
    sentence_openers: Words = NONE  # "When", "After": not a given name either
    there: Words = NONE  # "dort", "there": the place last named
    # The status of a gathering whose text states none, by kind ("held a call": it happened).
    default_status: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Language:
    code: str  # ISO 639-1, as ``clean.language.detect_language`` and ``Document.language`` say it
    name: str
    pack: Path  # the pack's directory (its ``triggers.csv``)
    # German capitalises every noun: a capital says nothing about names (given names,
    # unknown names) and says everything about nouns (a group's "Gipfel").
    capitalises_nouns: bool
    sentences: SentenceWords
    dates: DateWords
    tense: TenseWords
    clauses: ClauseWords
    mentions: MentionWords
    roles: RoleWords
    document: DocumentWords

    @cached_property
    def lexicon(self) -> Lexicon:
        """Kind triggers, status cues, negation, blockers (``triggers.csv``), read on first use."""
        return read_lexicon(self.pack / "triggers.csv")

    @cached_property
    def pair_first(self) -> Words:
        """First words of the pair references back ("beide", "the two")."""
        return frozenset(p[0] for p in self.mentions.pair_coref)

    @cached_property
    def capital_forms(self) -> Words:
        """Token texts that make a sentence worth a look for "the capital": "capital";
        "Hauptstadt" and "hauptstadt" where nouns are capitalised."""
        words = self.mentions.capital_words
        return words | frozenset(w.title() for w in words if self.capitalises_nouns)

    @cached_property
    def role_starts(self) -> Words:
        """Every word a role can start with (whole token or last part of a compound)."""
        r = self.roles
        return frozenset(
            [w for w, office in r.words.items() if office]
            + list(r.implied)
            + [k[0] for k in r.phrases]
            + [k[0] for k in r.implied_phrases]
            + list(r.plural_words)
            + [k[0] for k in r.plural_phrases]
        )
