"""Team-written headlines whose label before a colon names the gathering (issue 11).

"Rom-Besuch: Meloni empfängt Scholz", "Vienna summit: Biden meets Xi": the label names the
place and the kind; the words after the colon name the people. They are one clause, so the
place belongs to the gathering the headline reports. A label that names a person already
("Scholz in Rom: ...") is a clause of its own as before.
"""

from __future__ import annotations

from datetime import date

import pytest

from summitwatch.documents import Document
from summitwatch.events import extract_document


@pytest.mark.parametrize(
    ("text", "lang", "location", "participants"),
    [
        ("Rom-Besuch: Meloni empfängt Scholz", "de", "Rome", {"Giorgia Meloni", "Olaf Scholz"}),
        (
            "Wien-Reise: Scholz trifft Van der Bellen",
            "de",
            "Vienna",
            {"Olaf Scholz", "Alexander Van der Bellen"},
        ),
        ("Vienna summit: Biden meets Xi", "en", "Vienna", {"Joe Biden", "Xi Jinping"}),
        ("Rome visit: Meloni receives Scholz", "en", "Rome", {"Giorgia Meloni", "Olaf Scholz"}),
    ],
)
def test_a_headline_label_places_the_gathering_after_its_colon(
    text: str, lang: str, location: str, participants: set[str]
) -> None:
    doc = Document(doc_id="headline", text=text, published=date(2023, 4, 18), language=lang)
    events = extract_document(doc).events
    assert [(e.location, set(e.participants)) for e in events] == [(location, participants)]


def test_without_the_label_the_people_are_not_placed() -> None:
    """The place comes from the label: the same words after the colon alone name none."""
    doc = Document(
        doc_id="headline", text="Meloni empfängt Scholz", published=date(2023, 4, 18), language="de"
    )
    assert [e.location for e in extract_document(doc).events] == [None]
