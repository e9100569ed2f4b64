"""Team-written ordinary politics news: leaders named, no gathering. None may give an event.

Each paragraph is a pattern that once made the coder invent a gathering: an office word
next to two names ("as secretary of state"), a leader at his own resort, a TV host, a
leader's speech at home, a topic place ("the war in Ukraine"), politicians of one country
meeting each other (domestic politics, no summitry), and look-alike "summits".
"""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document

ORDINARY_NEWS = [
    (
        "de",
        "Angela Merkel traf sich am Sonntag im Kanzleramt mit Olaf Scholz und Horst Seehofer. "
        "Das Gespräch der Koalitionsspitzen dauerte bis in die Nacht.",
    ),
    (
        "en",
        "Joe Biden met Kamala Harris at the White House on Monday to discuss the campaign. "
        "The talks between the president and his vice president lasted two hours.",
    ),
    (
        "en",
        "Hillary Clinton used a private e-mail server while she served as secretary of state. "
        "Rex Tillerson, who later held the same post, said the department would review the records.",
    ),
    (
        "en",
        "Donald Trump spent the weekend playing golf on a visit to Mar-a-Lago. His company paid lower property "
        "taxes on the club than its neighbours in Palm Beach, county records show.",
    ),
    (
        "en",
        "Fox News host Sean Hannity told viewers on Monday that President Donald Trump had done more "
        "for the economy than any president since Ronald Reagan.",
    ),
    (
        "en",
        "Chancellor Olaf Scholz defended the budget in the Bundestag on Wednesday. Opposition leader "
        "Friedrich Merz accused him of breaking his promises on the war in Ukraine.",
    ),
    (
        "en",
        "The DAX hit a record high on Friday after President Donald Trump announced new tariffs on steel. "
        "Thousands of founders gathered at the Web Summit in Lisbon.",
    ),
    (
        "de",
        "Bundeskanzler Olaf Scholz hat am Mittwoch im Bundestag den Haushalt verteidigt. "
        "Oppositionsführer Friedrich Merz warf ihm vor, beim Krieg in der Ukraine zu zögern.",
    ),
    (
        "de",
        "Der französische Präsident Emmanuel Macron sprach sich in Paris für höhere Verteidigungsausgaben "
        "aus. Kanzler Olaf Scholz äußerte sich dazu in Berlin zurückhaltend.",
    ),
    (
        "de",
        "Der Autogipfel im Kanzleramt brachte keine Einigung. Bergsteiger erreichten den Gipfel des "
        "Mount Everest, und der DAX stieg auf ein Rekordhoch.",
    ),
    (
        "de",
        "US-Präsident Donald Trump verbrachte das Wochenende in seinem Golfclub in Florida. "
        "Bei einem Besuch in Kiew dankte Wolodymyr Selenskyj den Soldaten für ihren Einsatz.",
    ),
]


@pytest.mark.parametrize(("lang", "text"), ORDINARY_NEWS)
def test_ordinary_news_gives_no_event(lang: str, text: str) -> None:
    doc = Document("ordinary", text, date(2025, 3, 12), "day", lang)  # type: ignore[arg-type]
    assert extract_document(doc).events == ()
