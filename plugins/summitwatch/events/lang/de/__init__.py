"""German: the words and shapes the rules look for (triggers and cues: ``triggers.csv``)."""

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

_ARTICLES = frozenset(
    ["der", "die", "das", "dem", "den", "des", "ein", "eine", "einen", "einem", "einer", "eines"]
)
_POSSESSIVES = frozenset(
    ["ihr", "ihre", "ihrem", "ihren", "ihres", "sein", "seine", "seinem", "seinen", "seines"]
)

SENTENCES = SentenceWords(
    abbreviations=frozenset(
        ["dr", "prof", "st", "nr", "bzw", "vgl", "ca", "usw", "etc", "sog", "inkl", "ggf", "evtl", "gen", "vs",
         "jan", "feb", "apr", "aug", "sept", "sep", "okt", "nov", "dez", "u.a", "z.b", "d.h", "v.a", "o.ä", "s.o"]
    ),
)  # fmt: skip

DATES = DateWords(
    months={
        "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
        "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    },
    month_abbreviations={
        "jan": 1, "feb": 2, "apr": 4, "aug": 8, "sept": 9, "sep": 9, "okt": 10, "nov": 11, "dez": 12,
    },
    weekdays={
        "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
        "sonnabend": 5, "sonntag": 6,
    },
    numbers={"ein": 1, "einem": 1, "einen": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6},
    patterns=(
        ("range_dm", r"\b(\d{1,2})\.\s*(?:bis(?:\s+zum)?|-|\u2013)\s*(\d{1,2})\.\s*{M}\b(?:\s+{Y})?"),  # 27. bis 28. April
        ("range_md", r"\b{M}\.?\s+(\d{1,2})\s*(?:-|\u2013)\s*(\d{1,2})\b(?:,?\s+{Y})?"),
        ("range_dm", r"\b(\d{1,2})\s*(?:-|\u2013)\s*(\d{1,2})\s+{M}\b(?:,?\s+{Y})?"),  # 27-28 April
        ("numeric", r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b"),  # 16.03.2018
        ("day_month", r"\b(\d{1,2})\.?\s*{M}\b\.?(?:,?\s+{Y})?"),  # am 16. Juli
        ("month_day", r"\b{M}\.?\s+(\d{1,2})\b(?!\s*(?:%|Prozent))(?:,?\s+{Y})?"),
        ("month_rel", r"\b(?:(?:im|in)\s+)?(vergangenen|letzten|kommenden|nächsten|diesen)\s+{M}\b"),  # im vergangenen Mai
        ("month", r"\b(?:bis\s+)?(?:in|im|ende|anfang|mitte|bis|seit|und|oder)[\s-]+{M}\b(?:\s+{Y})?"),
        ("month", r"\b{M}\s+{Y}\b"),
        ("weekday", r"\b(?:(kommenden|nächsten|diesen|vergangenen|letzten)\s+)?{W}(?:vormittag|nachmittag|abend|mittag|morgen|nacht)?\b"),
        ("relday", r"\b(gestern|vorgestern|heute|morgen|übermorgen|vortag|am nachmittag|am vormittag|am abend|in der früh)\b"),
        ("relweek", r"\b(?:in\s+der\s+)?(kommenden|nächsten|nächste|vergangenen|letzten|letzte|dieser|diese)\s+woche\b"),
        ("relmonth", r"\b(?:im\s+)?(kommenden|nächsten|vergangenen|letzten)\s+monat(?:s)?\b"),
        ("relyear", r"\b(?:(?:im\s+)?(kommenden|nächsten|vergangenen|letzten)\s+jahr(?:es)?|(nächstes|letztes|dieses|diesem)\s+jahr|(heuer))\b"),
        ("weekend", r"\b(dieses|diesem|am|kommenden|kommendes|nächsten|nächstes|letzten|letztes|vergangenen|vergangenes)\s+wochenende\b"),
        ("offset", r"\b{N}\s+(monate[n]?|wochen|jahre[n]?)\s+(nach|später|zuvor|davor)\b"),
        ("offset_ago", r"\bvor\s+(?:(?:knapp|gut|etwa|rund|fast|über|mehr\s+als)\s+)?{N}\s+(monaten|monat|wochen|woche|jahren|jahr|tagen)\b"),  # vor zwei Monaten
        ("year", r"\b(?:(?:in|im\s+jahr|im|seit|bis)\s+|(?:anfang|mitte|ende)[\s-]+){Y}\b"),
    ),
    next_words=frozenset(["kommenden", "kommendes", "nächsten", "nächstes", "nächste"]),
    last_words=frozenset(["vergangenen", "vergangenes", "letzten", "letztes", "letzte"]),
    relative_days={"gestern": -1, "vorgestern": -2, "vortag": -1, "morgen": 1, "übermorgen": 2},
    later_words=frozenset(["später"]),
    month_units=("monat",),
    week_units=("woche",),
    day_units=("tag",),
    clock_prepositions=frozenset(["um"]),
    new_date=frozenset(["bis", "auf"]),
    new_date_articles=frozenset(["den", "dem", "zum"]),
    openers=frozenset(["ende", "anfang", "mitte"]),
    relday_hints=("gestern", "heute", "morgen", "vortag", "nachmittag", "vormittag", "abend", "früh"),
    unit_hints=("woche", "monat", "jahr", "heuer"),
)  # fmt: skip

TENSE = TenseWords(
    perfect_auxiliaries=frozenset(
        ["hat", "haben", "hatte", "hatten", "ist", "sind", "war", "waren", "sei", "seien", "habe", "wurde",
         "wurden", "worden"]
    ),
    future_auxiliaries=frozenset(["wird", "werden"]),
    participle=re.compile(
        r"^(?:(?:ein|zusammen|ab|an|auf|aus|vor|nach|über|zu|mit)?ge\w{3,}(?:t|en)|\w+iert|empfangen|begonnen|"
        r"besucht|eingeladen)$"
    ),
    announcing_participles=frozenset(
        ["geplant", "geplante", "vereinbart", "angekündigt", "angesetzt", "gesagt", "gefordert", "gewünscht",
         "erwartet", "gegen", "genau", "gerade", "gemeinsam", "getrennt", "gestern", "geehrt", "gesucht"]
    ),
    weak_past=frozenset(["war", "waren", "hatte", "hatten", "wurde", "wurden"]),
    # Weak preterite (-te, -ten, -ete); irregular ones are lexicon cues of value "held_weak".
    past_shape=re.compile(r"^[a-zäöüß]{3,}(?:t|et)en?$"),
    not_past_shape=frozenset(
        ["heute", "bitte", "mitte", "leichte", "rechte", "echte", "gesamte", "zweite", "dritte", "vierte",
         "achte", "konflikte", "arbeiten", "erwarten", "halten", "beraten", "leiten", "bitten", "gelten",
         "bieten", "warten", "vertreten", "berichten", "richten", "fürchten", "beobachten", "betrachten",
         "verhalten", "erhalten", "gestalten", "treten", "antreten", "abhalten", "bekannte", "bekannten",
         "meisten", "weiten", "breiten", "seiten", "zeiten", "leuten", "rechten", "letzten", "ersten",
         "nächsten", "guten", "alten", "weitere",
         # the Konjunktiv II of a modal is a hypothesis, not a report
         "sollte", "sollten", "dürfte", "dürften", "könnte", "könnten", "müsste", "müssten", "möchte",
         "möchten", "wollte", "wollten", "hätte", "hätten", "würde", "würden", "bräuchte"]
    ),
    not_verb_shape=re.compile(r"(?<!s)sten?$"),  # ordinals and superlatives, not "musste"
    adjectival_participle=re.compile(r"^ge.*(?<!ete)$"),
    zu_infinitive=re.compile(
        r"^(?:ab|an|auf|aus|bei|ein|mit|nach|vor|zurück|zusammen|statt|teil|fest|her|hin|weiter|durch)zu\w+en$"
    ),
    infinitive_marker="zu",
    infinitive_ending="en",
    not_infinitive=frozenset(
        ["den", "einen", "ihren", "seinen", "unseren", "diesen", "jenen", "allen", "weiteren"]
    ),
    articles=_ARTICLES,
    attributive=_ARTICLES
    | frozenset(
        ["im", "am", "zum", "zur", "beim", "vom", "ihr", "ihre", "ihren", "ihrem", "sein", "seine", "seinen",
         "seinem", "zu", "und", "oder", "von", "für", "mit", "in", "an", "auf", "bei", "nach", "aus", "über",
         "unter", "vor", "gegen", "zwischen", "ist", "sind", "wird", "werden"]
    ),
    object_nouns=frozenset(["zeremonie", "pläne"]),
    postposed_cue_prefixes=("ab", "ver", "ge"),
    passive_auxiliaries=frozenset(["wurde", "ist", "sei"]),
    backshifted_modals=frozenset(["würde", "würden"]),
    wish_words=frozenset(["gerne", "gern", "lieber"]),
    purpose_words=frozenset(["vorfeld", "vorbereitung"]),
    concessive=frozenset(["trotz", "ungeachtet"]),
    reporting_verbs=frozenset(["sagte", "erklärte", "kündigte", "betonte", "versicherte", "twitterte"]),
    reported_subject_gap=frozenset([",", "er", "sie", "dass", "am", "an"]),
)  # fmt: skip

CLAUSES = ClauseWords(
    split_words=frozenset(
        ["nachdem", "bevor", "seit", "während", "als", "wo", "weil", "obwohl", "aber", "doch", "ob", "dass",
         "wie", "sondern"]
    ),
    since=frozenset(["seit", "seitdem"]),
    preposition_too=frozenset(["während", "seit"]),
    time_spans=frozenset(
        ["zwei", "drei", "vier", "fünf", "sechs", "langem", "kurzem", "jahren", "monaten", "wochen"]
    ),
    coordinated_auxiliaries=frozenset(
        ["werde", "wird", "werden", "würde", "habe", "hat", "haben", "hatte", "hatten", "ist", "sind", "war",
         "waren", "soll", "solle", "sollen", "will", "wolle", "wollen", "wollte", "kann", "könne", "könnte"]
    ),
    determiners=_ARTICLES | frozenset(["ihres", "ihrem", "ihren", "seines", "seinem", "seinen"]),
    where=frozenset(["wo"]),
    temporal=frozenset(["nach", "vor", "nachdem", "bevor", "seit"]),
    sidelines=frozenset(["rande"]),
    setting=frozenset(["rahmen", "bei", "beim", "während"]),
    conditional=frozenset(["falls", "sofern"]),
    earlier=frozenset(
        ["vorherige", "vorherigen", "vorige", "vorigen", "vorangegangene", "vorangegangenen", "vergangene",
         "vergangenen", "letzte", "letzten"]
    ),
    place_prepositions=frozenset(["in", "im", "auf", "nach"]),
    statement_verbs=frozenset(["twitterte", "schrieb", "bestätigte", "kündigte", "teilte"]),
    statement_gap=frozenset(["am", "in", "einer", "einem"]),
    reciprocal=frozenset(["miteinander", "einander"]),
    venue_verbs=frozenset(["stattfinden", "stattfand", "stattfindet", "statt"]),
    relative=frozenset(["das", "der", "die"]),
    planned=frozenset(["geplant", "vorgesehen"]),
    speech_verbs=frozenset(["sagte", "sagt", "erklärte", "betonte", "meinte", "kritisierte", "warnte"]),
    third_person=frozenset(["er", "sie"]),
    speaker_pronouns=frozenset(["ich", "wir", "mein", "meine", "unser", "unsere"]),
    partner_markers=frozenset(["mit", "zwischen", "zu", "vom", "von"]),
    comitative=frozenset(["mit"]),
    bilateral=frozenset(["bilateral", "bilaterale", "bilateralen", "bilateralem", "bilaterales", "bilateraler"]),
    habitual=frozenset(["üblich", "üblicherweise", "traditionell", "traditionsgemäß", "gewöhnlich"]),
    recipient_verbs=frozenset(["informiert", "unterrichtet", "mitgeteilt", "gebrieft", "informierte", "unterrichtete"]),
    comparison=frozenset(["wie"]),
    possessives=_POSSESSIVES,
    definite=frozenset(["der", "die", "das", "dem", "den", "des", "diese", "dieses", "diesem", "dieser"])
    | _POSSESSIVES,
    indefinite=frozenset(["ein", "eine", "einem", "einen", "einer", "eines"]),
    leader_collective=frozenset(["staats-", "regierungschefs", "staatschefs", "außenminister", "spitzen"]),
    collective_suffixes=("-staats-", "-staats", "-regierungschefs", "-staaten"),
    collective_of=frozenset(["regierungschefs", "staatschefs", "spitzen"]),
    collective_links=frozenset(["der", "des"]),
    minister_stem="minister",
    topic_markers=frozenset(["über"]),
    topic_prepositions=frozenset(["über"]),
    respectively=frozenset(["beziehungsweise", "jeweils"]),
    offset_after=frozenset(["nach"]),
    between=frozenset(["zwischen", "von"]),
    phrase_glue=frozenset(["und", "sowie", ",", "der", "die", "das", "dem", "den", "des", "beiden"]),
    conjunctions=frozenset(["und"]),
    list_joints=frozenset([",", "und", "sowie"]),
    plural_calls=frozenset(["telefonate", "telefonaten", "gespräche", "gesprächen"]),
    series_nouns=frozenset(["gespräche", "gesprächen"]),
    refusal=frozenset(["weigert", "lehnte", "abgelehnt", "ausgeschlossen"]),
    source=frozenset(["vom", "von", "aus"]),
    copular_subjects=frozenset(["es", "das", "dies"]),
    copulas=frozenset(["ist", "war", "wäre", "sei", "wird", "würde"]),
    intention_nouns=frozenset(["grund", "anlass", "absicht", "pläne", "plan", "bedarf", "interesse"]),
    pro_verbs=frozenset([("es", "tun"), ("dies", "tun"), ("das", "tun"), ("es", "wiederholen")]),
)  # fmt: skip

MENTIONS = MentionWords(
    locative=frozenset(
        ["in", "im", "nach", "auf", "am", "bei", "nahe", "zum", "zur", "hauptstadt", "stadt", "schloss",
         "besucht", "besuchte", "besuchen"]
    ),
    place_articles=frozenset(["der", "dem", "den"]),
    topic_nouns=frozenset(
        ["krieg", "konflikt", "krise", "kämpfe", "frieden", "waffenruhe", "lage", "situation", "invasion",
         "gewalt", "offensive", "einmarsch"]
    ),
    topic_suffixes=("krieg", "krieges", "kriegs", "konflikt", "konflikts", "konfliktes", "krise"),
    return_words=frozenset(["zurück", "rückkehr", "heimreise", "heimkehr"]),
    pair_coref=(("beide",), ("beiden",)),
    single_coref=frozenset(["er", "sie", "ihr", "ihre", "ihrem", "ihren", "seine", "seinem", "dort"]),
    first_person=frozenset(["ich", "mich", "mir", "wir", "uns"]),
    attribution_words=frozenset(["so"]),
    latter_coref=frozenset(["dieser", "letzterer", "letztere"]),
    nominal_coref=("politiker", "politikerin", "kanzlerin"),
    nominal_articles=frozenset(["die", "der"]),
    adjective_endings=frozenset(["e", "en", "er", "es", "em"]),
    trigger_suffixes=("gipfel", "gipfels", "treffen", "treffens", "besuch", "besuchs", "reise"),
    where=frozenset(["wo"]),
    capital_words=frozenset(["hauptstadt"]),
    capital_articles=frozenset(["der", "die", "dem", "den"]),
    invitation_stems=frozenset(["lud", "luden", "lädt", "lade", "laden", "ladet"]),
    invitation_particle="ein",
    call_verbs=frozenset(["ruft", "rief", "anrufen", "angerufen"]),
    call_verbs_after_object=frozenset(["anrufen", "angerufen"]),
    call_nouns=frozenset(["anruf", "anrufe", "anrufs"]),
    call_gap=frozenset(["den", "die", "dem", "seinen", "ihren"]),
    call_weekdays=frozenset(),
)  # fmt: skip

ROLES = RoleWords(
    words={
        "präsident": "president", "präsidenten": "president", "präsidentin": "president",
        "staatspräsident": "president", "staatspräsidenten": "president", "staatspräsidentin": "president",
        "staatschef": "leader", "staatschefin": "leader", "machthaber": "leader", "führung": "",
        "regierungschef": "head_of_government", "regierungschefin": "head_of_government",
        "ministerpräsident": "head_of_government", "ministerpräsidenten": "head_of_government",
        "ministerpräsidentin": "head_of_government", "premierminister": "head_of_government",
        "premierministerin": "head_of_government", "premier": "head_of_government",
        "kanzler": "head_of_government", "kanzlerin": "head_of_government",
        "außenminister": "foreign_minister", "außenministerin": "foreign_minister",
        "aussenminister": "foreign_minister", "chefdiplomat": "foreign_minister",
        "verteidigungsminister": "defence_minister", "verteidigungsministerin": "defence_minister",
        "kollege": "counterpart", "kollegen": "counterpart", "kollegin": "counterpart",
        "amtskollege": "counterpart", "amtskollegen": "counterpart", "amtskollegin": "counterpart",
        "könig": "monarch", "emir": "monarch",
        # genitive singular ("ein Besuch des britischen Premierministers")
        "premierministers": "head_of_government", "kanzlers": "head_of_government",
        "außenministers": "foreign_minister", "aussenministers": "foreign_minister",
        "verteidigungsministers": "defence_minister", "königs": "monarch",
        "generalsekretärs": "secretary_general",
        "generalsekretär": "secretary_general", "kommissionspräsident": "eu_commission_president",
        "kommissionspräsidentin": "eu_commission_president", "ratspräsident": "eu_council_president",
        "ratspräsidentin": "eu_council_president", "außenbeauftragte": "eu_high_representative",
        "außenbeauftragter": "eu_high_representative",
    },
    plural_words={
        "staatschefs": "leader", "regierungschefs": "head_of_government", "präsidentinnen": "president",
    },
    institutions={
        ("europäischen", "kommission"): "eu_commission_president", ("eu-kommission",): "eu_commission_president",
        ("europäischen", "rates"): "eu_council_president", ("europäischen", "rats"): "eu_council_president",
        ("eu-rates",): "eu_council_president", ("eu-rats",): "eu_council_president",
    },
    genitive_markers=frozenset(["der", "des"]),
    implied={
        "bundeskanzler": ("head_of_government", "DE"),
        "bundeskanzlerin": ("head_of_government", "DE"),
        "bundespräsident": ("president", "DE"),
        "bundespräsidentin": ("president", "DE"),
        "bundesaußenminister": ("foreign_minister", "DE"),
        "bundesaußenministerin": ("foreign_minister", "DE"),
        "bundesverteidigungsminister": ("defence_minister", "DE"),
        "bundesverteidigungsministerin": ("defence_minister", "DE"),
        "bundeskanzlers": ("head_of_government", "DE"),
        "bundespräsidenten": ("president", "DE"),
        "bundesaußenministers": ("foreign_minister", "DE"),
        "bundesverteidigungsministers": ("defence_minister", "DE"),
        "kremlchef": ("president", "RU"),
        "kremlchefs": ("president", "RU"),
        "kreml-chef": ("president", "RU"),
        "pentagon-chef": ("defence_minister", "US"),
        "pentagonchef": ("defence_minister", "US"),
    },
    implied_prefixes={"bundes": "DE"},
    default_jurisdiction={"head_of_government": "DE"},  # without a country, "Kanzler(in)" is German
    not_holder=frozenset(
        ["als", "ex", "ehemalige", "ehemaliger", "ehemaligen", "ehemaligem", "früherer", "frühere",
         "früheren", "früherem", "einstige", "einstiger", "einstigen", "künftige", "künftiger", "künftigen",
         "designierte", "designierter", "designierten", "scheidende", "scheidender", "scheidenden",
         # "der erste ausländische Regierungschef": not of the default country
         "ausländische", "ausländischer", "ausländischen", "ausländischem",
         # "Abe ist der erste Regierungschef, den …": a role said of the subject
         "ist", "war"]
    ),
    not_holder_prefixes=frozenset(["ex", "alt", "vize"]),
    gap=frozenset(["der", "die", "den", "dem", "des", "ein", "eine", "einen", "einem", "erste", "ersten"]),
    definite=frozenset(["der", "den", "dem", "des", "die"]),
    conjunctions=frozenset(["und"]),
    portfolio_prepositions=frozenset(["für"]),
    institution_after=frozenset(
        ["regierung", "administration", "kabinett", "ära", "lager", "regime", "kampagne", "stiftung",
         "doktrin", "präsidentschaft"]
    ),
    institution_before=frozenset(["regierung", "administration", "kabinett", "ära"]),
    proxy_nouns=(
        "berater", "beraterin", "beraterinnen", "sprecher", "sprecherin", "gesandte", "gesandter",
        "gesandten", "anwalt", "anwältin", "vertraute", "vertrauter", "vertrauten", "emissär",
        "mitarbeiter", "mitarbeiterin", "verbündete", "verbündeter",
    ),
    proxy_links=frozenset(["von", "des", "der"]),
)  # fmt: skip

DOCUMENT = DocumentWords(there=frozenset(["dort", "dorthin"]))

LANGUAGE = Language(
    code="de",
    name="German",
    pack=Path(__file__).parent,
    capitalises_nouns=True,
    sentences=SENTENCES,
    dates=DATES,
    tense=TENSE,
    clauses=CLAUSES,
    mentions=MENTIONS,
    roles=ROLES,
    document=DOCUMENT,
)
