"""English: the words and shapes the rules look for (triggers and cues: ``triggers.csv``)."""

from __future__ import annotations

import re
from pathlib import Path

from summitwatch.events.lang.language import (
    ClauseWords,
    DateWords,
    DocumentWords,
    Language,
    MentionWords,
    RoleWords,
    SentenceWords,
    TenseWords,
)

_POSSESSIVES = frozenset(["their", "his", "her"])

SENTENCES = SentenceWords(
    abbreviations=frozenset(
        ["dr", "prof", "mr", "mrs", "ms", "st", "jr", "sr", "gen", "col", "lt", "sen", "rep", "gov", "no", "vs",
         "etc", "ca", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec"]
    ),
)  # fmt: skip

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
DATES = DateWords(
    months={
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
    },
    month_abbreviations={
        "jan": 1, "feb": 2, "apr": 4, "aug": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    },
    weekdays=WEEKDAYS,
    numbers={"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1},
    patterns=(
        ("range_md", r"\b{M}\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and|until)\s*(\d{1,2})\b(?:,?\s+{Y})?"),  # April 27 to 28
        ("range_dm", r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|\u2013|to|and|until)\s*(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?{M}\b(?:,?\s+{Y})?"),
        ("numeric", r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b"),
        ("day_month", r"\b(\d{1,2})\.?\s*(?:of\s+)?{M}\b\.?(?:,?\s+{Y})?"),  # 16 July, 16th of July
        ("month_day", r"\b{M}\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent))(?:,?\s+{Y})?"),  # July 16
        ("month_rel", r"\b(?:in\s+)?(last|next|this)\s+{M}\b"),  # last May
        ("month", r"\b(?:until\s+)?(?:in|early|mid|late|end|until|by|for|since|and|or)[\s-]+(?:of\s+)?{M}\b(?:\s+{Y})?"),
        ("month", r"\b{M}\s+{Y}\b"),
        ("weekday", r"\b(?:(next|this|last)\s+)?{W}\b"),
        ("relday", r"\b(yesterday|today|tonight|tomorrow|this afternoon|this morning|this evening)\b"),
        ("relweek", r"\b(next|this|last)\s+week\b"),
        ("relmonth", r"\b(next|this|last)\s+month\b"),
        ("relyear", r"\b(next|this|last)\s+year\b"),
        ("weekend", r"\b(this|next|last|the)\s+weekend\b"),
        ("offset", r"\b{N}\s+(months?|weeks?|years?)\s+(ago|after|later|earlier|before)\b"),  # two months ago
        ("year", r"\b(?:(?:in|of|since|until)\s+|(?:mid|early|late|end)[\s-]+){Y}\b"),
    ),
    next_words=frozenset(["next"]),
    last_words=frozenset(["last"]),
    relative_days={"yesterday": -1, "tomorrow": 1},
    later_words=frozenset(["later"]),
    month_units=("month",),
    week_units=("week",),
    day_units=("day",),
    clock_prepositions=frozenset(["at"]),
    new_date=frozenset(["until", "till", "to"]),
    new_date_articles=frozenset(["the"]),
    openers=frozenset(["end", "mid"]),
    ambiguous_months=frozenset(["may"]),
    name_before_month=re.compile(r"(Theresa|Mrs\.?|Ms\.?)\s*$"),
    relday_hints=("yesterday", "today", "tonight", "tomorrow", "afternoon", "morning", "evening"),
    unit_hints=("week", "month", "year"),
)  # fmt: skip

TENSE = TenseWords(
    future_auxiliaries=frozenset(["will", "'ll", "shall"]),
    weak_past=frozenset(["was", "were", "had"]),
    present_triggers=frozenset(
        ["meets", "visits", "hosts", "holds", "arrives", "talks", "speaks", "welcomes", "receives"]
    ),
    noun_before=frozenset(
        ["for", "the", "of", "in", "hold", "holds", "held", "new", "further", "more", "direct"]
    ),
    past_shape=re.compile(r"^[a-z]{3,}ed$"),  # irregular past forms are lexicon cues of value "held_weak"
    not_past_shape=frozenset(
        ["united", "need", "speed", "based", "related", "limited", "detailed", "advanced", "concerned",
         "interested", "armed", "so-called", "alleged", "self-styled", "hundred", "indeed", "red"]
    ),
    attributive=frozenset(
        ["the", "a", "an", "this", "that", "these", "its", "their", "his", "her", "our", "to", "be", "been",
         "being", "and", "or", "for", "with", "of", "by", "in", "is", "are", "am"]
    ),
    object_nouns=frozenset(["ceremony", "plans"]),
    postposed_cue_words=frozenset(["postponement", "cancellation"]),
    passive_auxiliaries=frozenset(["was", "were", "been", "be", "is", "are", "has", "had"]),
    backshifted_modals=frozenset(["would", "'d"]),
    progressive_auxiliaries=frozenset(["is", "are", "am"]),
    wish_words=frozenset(["like", "love", "prefer", "welcome"]),
    purpose_words=frozenset(["ahead", "preparation", "preparing", "run-up"]),
    concessive=frozenset(["despite", "notwithstanding", "spite"]),
    reporting_verbs=frozenset(
        ["said", "told", "announced", "added", "stated", "wrote", "tweeted", "confirmed"]
    ),
    reported_subject_gap=frozenset(
        ["he", "she", "they", "it", "that", "on", "the", "reporters", "in", "a", "an", "statement",
         "interview", "social", "media"]
    ),
)  # fmt: skip

CLAUSES = ClauseWords(
    split_words=frozenset(
        ["after", "following", "before", "since", "while", "when", "where", "who", "which", "whose", "but",
         "because", "although", "as", "whether", "that"]
    ),
    since=frozenset(["since"]),
    coordinated_auxiliaries=frozenset(
        ["will", "would", "has", "had", "is", "was", "wants", "plans", "could", "should"]
    ),
    where=frozenset(["where"]),
    temporal=frozenset(["after", "before", "following", "since"]),
    sidelines=frozenset(["sidelines", "sideline", "margins", "margin"]),
    setting=frozenset(["during", "on", "at"]),
    modified_nouns=frozenset(["details", "preparations", "plans", "agenda", "venue", "logistics"]),
    conditional=frozenset(["if", "unless"]),
    earlier=frozenset(["previous", "prior", "last"]),
    place_prepositions=frozenset(["in", "at", "on", "to"]),
    statement_verbs=frozenset(["announced", "confirmed", "tweeted", "wrote"]),
    statement_gap=frozenset(["on", "in", "a", "an", "social", "media", "statement"]),
    reciprocal_phrases=frozenset(
        [("each", "other"), ("each", "another"), ("one", "other"), ("one", "another")]
    ),
    venue_verbs=frozenset(["place", "hosted"]),
    relative=frozenset(["which", "that"]),
    planned=frozenset(["planned", "scheduled", "held"]),
    speech_verbs=frozenset(["said", "says", "told", "added", "stated", "noted", "warned"]),
    third_person=frozenset(["he", "she"]),
    speaker_pronouns=frozenset(["i", "we", "my", "our"]),
    partner_markers=frozenset(["with", "between", "to", "by"]),
    comitative=frozenset(["with"]),
    bilateral=frozenset(["bilateral", "bilaterals"]),
    habitual=frozenset(["customary", "traditionally", "usually", "customarily"]),
    recipient_verbs=frozenset(["communicated", "informed", "briefed", "notified"]),
    comparison=frozenset(["as"]),
    possessives=_POSSESSIVES,
    definite=frozenset(["the", "this"]) | _POSSESSIVES,
    indefinite=frozenset(["a", "an"]),
    group_nouns=frozenset(
        ["summit", "summits", "meeting", "meetings", "conference", "gathering", "gatherings", "talks"]
    ),
    leader_collective=frozenset(["leaders", "heads", "foreign", "ministers", "countries", "nations"]),
    collective_of=frozenset(["leaders", "heads", "government"]),  # "heads of state and government of"
    collective_links=frozenset(["of", "the"]),
    minister_stem="minister",
    topic_markers=frozenset(["about", "regarding", "concerning"]),
    topic_prepositions=frozenset(["about", "of"]),
    respectively=frozenset(["respectively"]),
    offset_after=frozenset(["after"]),
    between=frozenset(["between", "of"]),
    phrase_glue=frozenset(["and", ",", "the", "their", "two"]),
    conjunctions=frozenset(["and"]),
    list_joints=frozenset([",", "and"]),
    plural_calls=frozenset(["calls", "talks"]),
    series_nouns=frozenset(["discussions"]),
    refusal=frozenset(["refused", "refusing", "declined", "ruled", "rule", "rules", "rejected"]),
    source=frozenset(["from"]),
    copular_subjects=frozenset(["it", "this", "that"]),
    copulas=frozenset(["is", "was", "would", "will", "be", "'s"]),
    intention_nouns=frozenset(["reason", "reasons", "plan", "plans", "intention", "desire", "need", "interest"]),
    pro_verbs=frozenset([("do", "so"), ("do", "it", "again"), ("do", "the", "same"), ("follow", "up")]),
)  # fmt: skip

MENTIONS = MentionWords(
    locative=frozenset(
        ["in", "to", "at", "near", "into", "outside", "off", "city", "capital", "visit", "visits", "visited",
         "visiting"]
    ),
    place_articles=frozenset(["the"]),
    topic_nouns=frozenset(
        ["war", "conflict", "crisis", "fighting", "invasion", "peace", "ceasefire", "situation", "violence",
         "offensive", "aggression"]
    ),
    return_words=frozenset(["return", "returns", "returned", "returning", "back", "home"]),
    pair_coref=(
        ("both", "leaders"), ("both", "men"), ("both", "sides"), ("the", "two"), ("the", "pair"), ("they",),
        ("both",),
    ),
    pair_pronouns=frozenset([("they",)]),
    single_coref=frozenset(["he", "she", "his", "her", "there"]),
    first_person=frozenset(["i", "me", "we"]),  # not "us": "US" is the country
    latter_coref=frozenset(["latter"]),
    nominal_coref=("politician",),
    nominal_articles=frozenset(["the"]),
    trigger_suffixes=("summit", "talks"),
    where=frozenset(["where"]),
    capital_words=frozenset(["capital"]),
    genitive_of=frozenset(["of"]),
    capital_articles=frozenset(["the", "its"]),
    call_verbs=frozenset(["call", "calls", "called", "calling", "phone", "phones", "rang"]),
    call_nouns=frozenset(["call", "calls"]),
    bare_call_nouns=frozenset(["call", "calls"]),
    call_before=frozenset(
        ["a", "the", "their", "his", "her", "this", "that", "first", "second", "last", "latest", "lengthy",
         "long", "brief", "productive", "constructive", "friendly", "frank", "tense"]
    ),
    call_not_after=frozenset(["for", "on", "off", "up", "out", "to", "it", "of"]),
    call_gap=frozenset(["the", "his", "her", "their"]),
    call_date_preposition="on",
    call_weekdays=frozenset(WEEKDAYS),
)  # fmt: skip

ROLES = RoleWords(
    words={
        "president": "president", "leader": "leader", "pm": "head_of_government",
        "premier": "head_of_government", "chancellor": "head_of_government", "counterpart": "counterpart",
        "king": "monarch", "emir": "monarch",
    },
    phrases={
        ("prime", "minister"): "head_of_government",
        ("foreign", "minister"): "foreign_minister",
        ("foreign", "secretary"): "foreign_minister",
        ("secretary", "of", "state"): "foreign_minister",
        ("defence", "minister"): "defence_minister",
        ("defense", "minister"): "defence_minister",
        ("defence", "secretary"): "defence_minister",
        ("defense", "secretary"): "defence_minister",
        ("secretary", "of", "defense"): "defence_minister",
        ("secretary", "of", "defence"): "defence_minister",
        ("external", "affairs", "minister"): "foreign_minister",
        ("secretary", "general"): "secretary_general",
        ("secretary-general",): "secretary_general",
        ("commission", "president"): "eu_commission_president",
        ("council", "president"): "eu_council_president",
        ("foreign", "policy", "chief"): "eu_high_representative",
    },
    plural_words={"leaders": "leader", "presidents": "president"},
    institutions={
        ("european", "commission"): "eu_commission_president", ("eu", "commission"): "eu_commission_president",
        ("european", "union", "commission"): "eu_commission_president",
        ("european", "council"): "eu_council_president", ("eu", "council"): "eu_council_president",
        ("european", "union", "council"): "eu_council_president",
    },
    genitive_markers=frozenset(["of"]),
    plural_phrases={
        ("heads", "of", "state"): "leader",
        ("heads", "of", "government"): "head_of_government",
        ("heads", "of", "defence"): "defence_minister",
        ("heads", "of", "defense"): "defence_minister",
        ("prime", "ministers"): "head_of_government",
        ("foreign", "ministers"): "foreign_minister",
        ("defence", "ministers"): "defence_minister",
        ("defense", "ministers"): "defence_minister",
    },
    implied_phrases={
        ("pentagon", "chief"): ("defence_minister", "US"),
        ("kremlin", "leader"): ("president", "RU"),
        ("kremlin", "chief"): ("president", "RU"),
        ("secretary", "of", "state"): ("foreign_minister", "US"),
    },
    not_holder=frozenset(
        ["as", "former", "ex", "late", "then", "incoming", "future", "outgoing", "designated",
         "foreign",  # "a foreign leader": not of the default country
         "is", "was"]  # "Abe is the first leader who …": a role said of the subject
    ),
    not_holder_prefixes=frozenset(["ex"]),
    gap=frozenset(["the", "a", "first"]),
    definite=frozenset(["the"]),
    conjunctions=frozenset(["and"]),
    portfolio_prepositions=frozenset(["for"]),
    institution_after=frozenset(
        ["administration", "administrations", "admin", "government", "campaign", "cabinet", "era", "camp",
         "presidency", "regime", "foundation", "organization", "organisation", "doctrine"]
    ),
    proxy_nouns=(
        "aide", "aides", "adviser", "advisers", "advisor", "advisors", "spokesman", "spokeswoman",
        "spokesperson", "envoy", "envoys", "emissary", "lawyer", "attorney", "confidant", "ally", "allies",
    ),
    proxy_links=frozenset(["to", "of", "for"]),
)  # fmt: skip

DOCUMENT = DocumentWords(
    title_words=frozenset(
        ["mr", "mrs", "ms", "dr", "sir", "lord", "lady", "king", "queen", "prince", "princess", "senator",
         "governor", "ambassador", "envoy", "general", "admiral", "chairman", "chief", "premier",
         "chancellor", "minister", "secretary", "leader", "speaker"]
    ),
    sentence_openers=frozenset(
        ["when", "after", "but", "and", "then", "later", "meanwhile", "also", "yesterday", "today", "so",
         "as", "while", "if", "since", "before", "because", "though", "although", "now", "still", "yet", "in",
         "on", "at", "for", "with", "by", "from", "under", "over"]
    ),
    there=frozenset(["there"]),
    default_status={"call": "held"},  # "X held a call with Y": a call is reported once it happened
)  # fmt: skip

LANGUAGE = Language(
    code="en",
    name="English",
    pack=Path(__file__).parent,
    capitalises_nouns=False,
    sentences=SENTENCES,
    dates=DATES,
    tense=TENSE,
    clauses=CLAUSES,
    mentions=MENTIONS,
    roles=ROLES,
    document=DOCUMENT,
)
