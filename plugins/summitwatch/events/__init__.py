"""Summit event extraction (issue 5): documents in, summit events out.

``extract_document`` is the stable entry point; the rules live in ``rules.py`` behind the
``Extractor`` protocol of ``model.py`` so a statistical extractor can replace them.
"""

from __future__ import annotations

from functools import lru_cache

from summitwatch.documents import Document
from summitwatch.events.model import DocumentEvents, Event, Extractor
from summitwatch.events.rules import RuleExtractor

EXTRACTOR_VERSION = "rules-6"

__all__ = [
    "EXTRACTOR_VERSION",
    "DocumentEvents",
    "Event",
    "Extractor",
    "default_extractor",
    "extract_article",
    "extract_document",
]


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """The extractor of this process (reference data is loaded on first use)."""
    return RuleExtractor(EXTRACTOR_VERSION)


def extract_document(document: Document) -> DocumentEvents:
    return DocumentEvents(doc_id=document.doc_id, events=tuple(default_extractor().extract(document)))


def extract_article(document: Document) -> DocumentEvents:
    """The events of a fetched article: its text, and its headline only where the text states none.

    A headline summarises the article in the historical present ("Trump und Putin treffen
    sich in Helsinki" over a report that they met), so read beside the text it would add a
    second, wrongly "planned" frame of the gathering the text reports. Where the text states
    no event (a feed teaser standing in for a page), the headline is the one sentence that
    does, and the document is read again with it (``Document.with_headline``; the rule
    extractor reuses the text's sentence analyses for that second reading).
    """
    return DocumentEvents(doc_id=document.doc_id, events=tuple(default_extractor().extract_article(document)))
