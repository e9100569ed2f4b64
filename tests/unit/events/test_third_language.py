"""A third language needs a pack, not a change to the rules.

The test writes a small Dutch pack (``nl/__init__.py`` and ``nl/triggers.csv``, in a
temporary directory, exactly as a pack under ``events/lang/`` is laid out), registers it
and runs Dutch text through the extractor (text -> events). The sentences are the team's.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.lang import Language, language_for, register, unregister
from summitwatch.events.model import Event

PUBLISHED = date(2023, 3, 20)  # a Monday

DUTCH_PACK = '''
"""Dutch, as far as this test needs it."""

import re
from pathlib import Path

from summitwatch.events.lang import (
    ClauseWords, DateWords, DocumentWords, Language, MentionWords, RoleWords, SentenceWords, TenseWords,
)

LANGUAGE = Language(
    code="nl",
    name="Dutch",
    pack=Path(__file__).parent,
    capitalises_nouns=False,
    sentences=SentenceWords(abbreviations=frozenset(["dhr", "mevr", "bijv", "o.a"])),
    dates=DateWords(
        months={"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
                "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12},
        weekdays={"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
                  "zaterdag": 5, "zondag": 6},
        patterns=(
            ("day_month", r"\\b(\\d{1,2})\\s+{M}\\b(?:\\s+{Y})?"),
            ("weekday", r"\\b(?:(volgende|komende|vorige|afgelopen)\\s+)?{W}\\b"),
            ("relweek", r"\\b(volgende|komende|vorige|deze)\\s+week\\b"),
        ),
        next_words=frozenset(["volgende", "komende"]),
        last_words=frozenset(["vorige", "afgelopen"]),
        unit_hints=("week",),
    ),
    tense=TenseWords(
        perfect_auxiliaries=frozenset(["heeft", "hebben", "had", "hadden"]),
        future_auxiliaries=frozenset(["zal", "zullen"]),
        participle=re.compile(r"^(?:ge\\w{3,}(?:d|t|en)|ontmoet|bezocht)$"),
        weak_past=frozenset(["was", "waren"]),
        passive_auxiliaries=frozenset(["is", "werd", "wordt", "zijn"]),
    ),
    clauses=ClauseWords(
        split_words=frozenset(["nadat", "voordat", "terwijl", "omdat", "maar", "dat", "waar"]),
        partner_markers=frozenset(["met", "tussen", "door"]),
        comitative=frozenset(["met"]),
        definite=frozenset(["de", "het", "deze", "dit"]),
        indefinite=frozenset(["een"]),
        group_nouns=frozenset(["top", "ontmoeting"]),
        between=frozenset(["tussen"]),
        phrase_glue=frozenset(["en", "de", "het"]),
        conjunctions=frozenset(["en"]),
        list_joints=frozenset([",", "en"]),
    ),
    mentions=MentionWords(
        locative=frozenset(["in", "naar", "op", "bij"]),
        single_coref=frozenset(["hij", "zij", "daar"]),
    ),
    roles=RoleWords(
        words={"president": "president", "premier": "head_of_government"},
        implied={"bondskanselier": ("head_of_government", "DE")},
        not_holder=frozenset(["als", "voormalig", "voormalige", "oud"]),
        gap=frozenset(["de", "het", "een"]),
        definite=frozenset(["de"]),
        conjunctions=frozenset(["en"]),
    ),
    document=DocumentWords(there=frozenset(["daar"])),
)
'''

DUTCH_TRIGGERS = """\
# Dutch trigger lexicon (columns as in lang/de/triggers.csv).
form,match,category,value,strength
top,word,kind,summit,strong
ontmoeting,word,kind,meeting,strong
ontmoette,word,kind,meeting,strong
ontmoetten,word,kind,meeting,strong
ontmoet,word,kind,meeting,strong
ontmoeten,word,kind,meeting,strong
bezoek,word,kind,visit,strong
bezoeken,word,kind,visit,strong
bezocht,word,kind,visit,strong
telefoneerde,word,kind,call,strong
ontmoette,word,status,held,
ontmoetten,word,status,held,
bezocht,word,status,held,
telefoneerde,word,status,held,
zal,word,status,planned,
zullen,word,status,planned,
afgelast,word,status,cancelled,
uitgesteld,word,status,postponed,
niet,word,negation,,
nooit,word,negation,,
web summit,phrase,blocker,,
"""


def _load_pack(root: Path) -> Language:
    pack = root / "nl"
    pack.mkdir()
    (pack / "__init__.py").write_text(DUTCH_PACK, encoding="utf-8")
    (pack / "triggers.csv").write_text(DUTCH_TRIGGERS, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("dutch_test_pack", pack / "__init__.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    language: Language = module.LANGUAGE
    return language


@pytest.fixture(scope="module")
def dutch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Language]:
    language = _load_pack(tmp_path_factory.mktemp("packs"))
    register(language)
    yield language
    unregister(language.code)
    sys.modules.pop("dutch_test_pack", None)


def run(text: str) -> list[Event]:
    return list(extract_document(Document("nl-test", text, PUBLISHED, "day", "nl")).events)


def people(event: Event) -> set[str]:
    return {name.split()[-1] for name in event.participants}


def test_the_registry_serves_the_written_pack(dutch: Language) -> None:
    assert language_for("nl") is dutch
    assert dutch.lexicon.words["top"][0].value == "summit"


def test_a_dutch_report_of_a_meeting_held(dutch: Language) -> None:
    # Place names come from the reference data (seeds/places.csv, by language); Helsinki is
    # spelled alike in every language it has.
    text = "Bondskanselier Olaf Scholz heeft op 12 maart in Helsinki president Emmanuel Macron ontmoet."
    (event,) = run(text)
    assert people(event) == {"Scholz", "Macron"}
    assert event.status == "held"  # the perfect of the pack: "heeft ... ontmoet"
    assert event.date == "2023-03-12"
    assert (event.location, event.country) == ("Helsinki", "FI")
    assert event.kind == "summit"  # two leaders in a third country (SCHEMA)


def test_a_dutch_role_and_a_relative_week(dutch: Language) -> None:
    (event,) = run("De bondskanselier zal Macron volgende week bezoeken.")
    assert people(event) == {"Scholz", "Macron"}  # "bondskanselier": the German head of government
    assert (event.kind, event.status) == ("visit", "planned")
    assert event.date == "2023-03"


def test_a_dutch_summit_called_off(dutch: Language) -> None:
    (event,) = run("De top tussen Joe Biden en Xi Jinping is afgelast.")
    assert people(event) == {"Biden", "Jinping"}
    assert (event.kind, event.status) == ("summit", "cancelled")


def test_dutch_negation_and_blockers(dutch: Language) -> None:
    assert run("Olaf Scholz heeft Emmanuel Macron nooit ontmoet.") == []
    assert run("Op de Web Summit in Lissabon ontmoette Joe Biden niemand.") == []


def test_the_same_words_in_a_pack_less_language_give_nothing() -> None:
    assert language_for("xx") is None
    text = "De top tussen Joe Biden en Xi Jinping is afgelast."
    assert extract_document(Document("xx", text, PUBLISHED, "day", "xx")).events == ()
