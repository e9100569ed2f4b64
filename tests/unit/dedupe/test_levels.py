"""Every level of sameness, decided by the same code the pipeline uses."""

from datetime import date

from summitwatch.dedupe.decide import SamenessIndex
from summitwatch.dedupe.documents import dedupe_documents, document_fingerprint
from summitwatch.dedupe.stories import (
    STORY_SIMILARITY,
    STORY_SIMILARITY_UNLIKE,
    Period,
    StoryProfile,
    similarity,
    story_terms,
)
from summitwatch.documents import Document
from summitwatch.events import extract_document

from .texts import (
    CANCELLED_DE,
    CANCELLED_EN,
    OTHER_DE,
    OTHER_EN,
    REWRITE_DE,
    REWRITE_EN,
    SPEECH_DE,
    WIRE_DE,
    WIRE_DE_COPY,
    WIRE_DE_LEAD,
    WIRE_EN,
)

DAY = date(2024, 5, 14)


def _decide(*documents: Document) -> dict[str, tuple[str | None, str]]:
    return {r.doc_id: (r.duplicate_of, r.story) for r in dedupe_documents(documents)}


def _decide_with_gatherings(*documents: Document) -> dict[str, str]:
    """Stories as the pipeline decides them: on the text and the gatherings the extractor finds."""
    return {r.doc_id: r.story for r in dedupe_documents(documents, lambda d: extract_document(d).events)}


def test_exact_duplicate() -> None:
    result = _decide(Document("a", WIRE_DE, DAY, "day"), Document("b", WIRE_DE + "\n", DAY, "day"))
    assert result["b"] == ("a", "a")


def test_near_duplicate_with_boilerplate_byline_and_edits() -> None:
    result = _decide(Document("wire", WIRE_DE, DAY, "day"), Document("copy", WIRE_DE_COPY, DAY, "day"))
    assert result["copy"] == ("wire", "wire")


def test_truncated_to_the_lead_is_a_near_duplicate() -> None:
    result = _decide(Document("wire", WIRE_DE, DAY, "day"), Document("lead", WIRE_DE_LEAD, DAY, "day"))
    assert result["lead"] == ("wire", "wire")


def test_copies_point_at_one_original() -> None:
    result = _decide(
        Document("wire", WIRE_DE, DAY, "day"),
        Document("copy", WIRE_DE_COPY, DAY, "day"),
        Document("lead", WIRE_DE_LEAD, DAY, "day"),
    )
    assert result["copy"][0] == result["lead"][0] == "wire"


def test_rewritten_story_is_a_story_not_a_duplicate() -> None:
    result = _decide(Document("wire", WIRE_DE, DAY, "day"), Document("rewrite", REWRITE_DE, DAY, "day"))
    assert result["rewrite"] == (None, "wire")


def test_english_rewrite_joins_the_english_story() -> None:
    result = _decide(Document("wire", WIRE_EN, DAY, "day"), Document("rewrite", REWRITE_EN, DAY, "day"))
    assert result["rewrite"] == (None, "wire")


def test_german_and_english_versions_are_one_story_but_no_duplicates() -> None:
    result = _decide(Document("de", WIRE_DE, DAY, "day"), Document("en", WIRE_EN, DAY, "day"))
    assert result["en"] == (None, "de")


def test_same_names_outside_the_time_window_are_another_story() -> None:
    result = _decide(
        Document("wire", WIRE_DE, DAY, "day"), Document("later", REWRITE_DE, date(2024, 6, 20), "day")
    )
    assert result["later"] == (None, "later")


def test_unrelated_articles_stay_apart() -> None:
    result = _decide(
        Document("wire", WIRE_DE, DAY, "day"),
        Document("flood", OTHER_DE, DAY, "day"),
        Document("bank", OTHER_EN, DAY, "day"),
    )
    assert result["flood"] == (None, "flood")
    assert result["bank"] == (None, "bank")


def test_decisions_do_not_depend_on_later_documents() -> None:
    alone = _decide(Document("wire", WIRE_DE, DAY, "day"), Document("copy", WIRE_DE_COPY, DAY, "day"))
    more = _decide(
        Document("wire", WIRE_DE, DAY, "day"),
        Document("copy", WIRE_DE_COPY, DAY, "day"),
        Document("flood", OTHER_DE, DAY, "day"),
    )
    assert more["copy"] == alone["copy"]


def test_story_terms_are_names_normalised_through_the_reference_data() -> None:
    terms = story_terms(WIRE_DE)
    assert {"a:olaf scholz", "a:emmanuel macron", "p:berlin"} <= set(terms)
    assert "w:der" not in terms
    # One term in either language: Moskau/Moscow, Wladimir/Vladimir Putin.
    german = story_terms("Wladimir Putin empfing in Moskau den Gast.")
    english = story_terms("Vladimir Putin received the guest in Moscow.")
    assert {"a:vladimir putin", "p:moscow"} <= set(german) & set(english)


def test_a_story_spans_a_bounded_time() -> None:
    may = Period.of(date(2024, 5, 1), "month")
    assert may == Period(date(2024, 5, 1), date(2024, 5, 31))
    story = StoryProfile(date(2024, 5, 1), date(2024, 5, 31))
    assert story.admits(Period(date(2024, 6, 2), date(2024, 6, 2)))
    assert not story.admits(Period(date(2024, 6, 10), date(2024, 6, 10)))
    # Joined day by day, a story still ends: its span is bounded.
    story = StoryProfile(date(2024, 5, 1), date(2024, 5, 1))
    day = date(2024, 5, 1)
    while story.admits(Period(day, day)):
        story.add(Period(day, day), {})
        day = day.fromordinal(day.toordinal() + 2)
    assert (story.last - story.first).days <= 45


NEXT_DAY = date(2024, 5, 15)


def _similarity_to_first(first: Document, second: Document) -> float:
    """How alike two documents' story terms are, gatherings included (the first as a story)."""
    index = SamenessIndex()
    prints = [document_fingerprint(d, extract_document(d).events) for d in (first, second)]
    index.decide_and_add(0, prints[0])
    return similarity(prints[1].profile, index.stories[0].terms, index.rarity)


def test_another_step_of_the_same_gathering_is_another_story() -> None:
    # Announced on Tuesday, called off on Wednesday: same people, same place, two reports.
    wire, called_off = (
        Document("wire", WIRE_DE, DAY, "day"),
        Document("called-off", CANCELLED_DE, NEXT_DAY, "day"),
    )
    # alike enough by their names to join, were it not for what they report
    assert STORY_SIMILARITY <= _similarity_to_first(wire, called_off) < STORY_SIMILARITY_UNLIKE
    result = _decide_with_gatherings(
        wire,
        Document("en", WIRE_EN, DAY, "day"),
        called_off,
        Document("called-off-en", CANCELLED_EN, NEXT_DAY, "day"),
    )
    assert result == {"wire": "wire", "en": "wire", "called-off": "called-off", "called-off-en": "called-off"}


def test_a_report_of_no_gathering_does_not_join_a_gathering_story() -> None:
    wire, speech = Document("wire", WIRE_DE, DAY, "day"), Document("speech", SPEECH_DE, DAY, "day")
    assert not extract_document(speech).events
    assert STORY_SIMILARITY <= _similarity_to_first(wire, speech) < STORY_SIMILARITY_UNLIKE
    assert _decide_with_gatherings(wire, speech)["speech"] == "speech"


def test_a_rewrite_whose_status_was_misread_still_joins_when_alike() -> None:
    # The extractor reads the rewrite's "fliegt am Donnerstag" as held, the wire's as planned; the
    # rewrite is alike enough for the stricter threshold, so a misread does not split the story.
    wire, rewrite = Document("wire", WIRE_DE, DAY, "day"), Document("rewrite", REWRITE_DE, DAY, "day")
    assert _similarity_to_first(wire, rewrite) >= STORY_SIMILARITY_UNLIKE
    assert _decide_with_gatherings(wire, rewrite)["rewrite"] == "wire"
