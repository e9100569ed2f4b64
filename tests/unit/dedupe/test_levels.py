"""Every level of sameness, decided by the same code the pipeline uses."""

from datetime import date

from summitwatch.dedupe.documents import dedupe_documents
from summitwatch.dedupe.stories import Period, StoryProfile, story_terms
from summitwatch.documents import Document

from .texts import OTHER_DE, OTHER_EN, REWRITE_DE, REWRITE_EN, WIRE_DE, WIRE_DE_COPY, WIRE_DE_LEAD, WIRE_EN

DAY = date(2024, 5, 14)


def _decide(*documents: Document) -> dict[str, tuple[str | None, str]]:
    return {r.doc_id: (r.duplicate_of, r.story) for r in dedupe_documents(documents)}


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
