"""Team-written sentences (German and English) for whether a gathering is found at all, and
whether one is invented (issue 11, "what/when"):

- a group named through its leaders with the collective before it ("the leaders of the G20",
  "die Staats- und Regierungschefs der G7") is named like "G20 leaders": their meeting is the
  group's summit, and a later definite "the summit", "des Gipfels" of that text is the group's;
- a definite summit told with another year than the group's summit of the text ("Vor einem
  Jahr endete der Gipfel im Eklat") is that group's summit of that year;
- "beim vergangenen G20-Gipfel", "the previous G20 summit" is not the summit reported;
- a country alone does not part two mentions of one group's summit ("support Ukraine's armed
  forces" is a topic, not a second venue);
- the past tense of a verb of saying ("underscored the importance of talks") is not the tense
  of the gathering it speaks of.
"""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document
from summitwatch.events.model import Event


def run(text: str, lang: str, published: date) -> list[Event]:
    return list(extract_document(Document("t", text, published, "day", lang)).events)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The leaders of the G20 met in Rome on Saturday.", "en"),
        ("Die Staats- und Regierungschefs der G20 trafen sich am Samstag in Rom.", "de"),
    ],
)
def test_leaders_named_before_their_group_meet_at_its_summit(text: str, lang: str) -> None:
    events = run(text, lang, date(2021, 11, 1))
    assert [(e.kind, e.organizations, e.location, e.status) for e in events] == [
        ("summit", ("G20",), "Rome", "held")
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The leaders of the G7 posed for a photo in the garden. On the second day of the summit, "
            "Zelenskyy arrives as a guest.",
            "en",
        ),
        (
            "Die Staats- und Regierungschefs der G7 posierten im Garten für ein Foto. Am zweiten Tag "
            "des Gipfels reist Selenskyj als Gast an.",
            "de",
        ),
        (
            "The G7 countries were almost written off. Now Macron and Trump celebrate the summit as a success.",
            "en",
        ),
        (
            "Die G7-Staaten waren schon fast abgeschrieben. Nun feiern Macron und Trump den Gipfel als Erfolg.",
            "de",
        ),
    ],
)
def test_the_summit_of_a_text_about_a_groups_leaders_is_the_groups(text: str, lang: str) -> None:
    events = run(text, lang, date(2025, 6, 16))
    assert [(e.kind, e.organizations) for e in events] == [("summit", ("G7",))]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Macron hosted the G7 summit in Biarritz this week. A year ago the summit ended in a row "
            "when Trump withdrew from the statement in 2018.",
            "en",
        ),
        (
            "Macron war Gastgeber des G7-Gipfels in Biarritz. Vor einem Jahr endete der Gipfel im Eklat, "
            "als Trump die Erklärung aufkündigte.",
            "de",
        ),
    ],
)
def test_the_summit_of_another_year_is_the_groups_summit_of_that_year(text: str, lang: str) -> None:
    events = run(text, lang, date(2019, 8, 27))
    assert sorted((e.date or "", e.organizations, e.location or "", e.participants) for e in events) == [
        ("2018", ("G7",), "", ("Donald Trump",)),
        ("2019-08", ("G7",), "Biarritz", ("Emmanuel Macron",)),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Merkel said the statement would resemble the one of the previous G20 summit in Argentina. "
            "Trump is attending the G20 summit in Osaka.",
            "en",
        ),
        (
            "Merkel sagte, es werde einen Text wie beim vergangenen G20-Gipfel in Argentinien geben. "
            "Trump nimmt am G20-Gipfel in Osaka teil.",
            "de",
        ),
    ],
)
def test_the_previous_summit_of_a_group_is_another_summit(text: str, lang: str) -> None:
    summits = [e for e in run(text, lang, date(2019, 6, 29)) if e.organizations == ("G20",)]
    assert len(summits) == 2
    assert "Osaka" in {e.location for e in summits}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Trump and Zelenskyy met on the sidelines of the NATO summit in The Hague. The NATO summit "
            "ended with a pledge to support Ukraine's armed forces.",
            "en",
        ),
        (
            "Trump und Selenskyj trafen sich am Rande des Nato-Gipfels in Den Haag. Beim Nato-Gipfel "
            "sagten die Verbündeten weitere Waffenlieferungen in die Ukraine zu.",
            "de",
        ),
    ],
)
def test_a_country_alone_does_not_part_a_groups_summit(text: str, lang: str) -> None:
    summits = [e for e in run(text, lang, date(2025, 6, 25)) if e.organizations]
    assert [(e.organizations, e.location) for e in summits] == [(("NATO",), "The Hague")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Modi will pay a two-day visit to Moscow from July 8, at the invitation of Putin. The minister "
            "underscored the importance of direct talks between Modi and Putin.",
            "en",
        ),
        (
            "Modi wird ab dem 8. Juli auf Einladung Putins zu einem zweitägigen Besuch nach Moskau reisen. "
            "Der Minister unterstrich die Bedeutung direkter Gespräche zwischen Modi und Putin.",
            "de",
        ),
    ],
)
def test_the_tense_of_a_verb_of_saying_is_not_the_gatherings(text: str, lang: str) -> None:
    events = run(text, lang, date(2024, 7, 1))
    assert [(e.kind, e.status, e.location) for e in events] == [("visit", "planned", "Moscow")]
