"""Sameness of a list of documents, in memory: the ``dedupe`` CLI and the benchmarks.

The texts go through the same cleaning steps as the pipeline's articles
(encoding repair, boilerplate lines, normalisation, content hash) and the same
decisions (``decide``); only the index lives in memory instead of PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from summitwatch.clean.article import content_hash, normalize_text
from summitwatch.clean.boilerplate import strip_boilerplate
from summitwatch.clean.text import repair_text
from summitwatch.dedupe.decide import SamenessIndex
from summitwatch.dedupe.fingerprint import Fingerprint, fingerprint
from summitwatch.dedupe.stories import Period
from summitwatch.documents import Document
from summitwatch.events.model import Event


@dataclass(frozen=True)
class DocumentSameness:
    doc_id: str
    duplicate_of: str | None
    story: str

    def as_dict(self) -> dict[str, str | None]:
        return {"doc_id": self.doc_id, "duplicate_of": self.duplicate_of, "story": self.story}


def clean_body(text: str) -> str:
    """The body as the pipeline stores it."""
    return normalize_text(strip_boilerplate(repair_text(text)))


def document_fingerprint(document: Document, events: Iterable[Event] = ()) -> Fingerprint:
    """A document's fingerprint; without a publication date it appeared when it was read (today)."""
    body = clean_body(document.text)
    today = datetime.now(UTC).date()
    period = Period.of(document.published, document.published_precision) or Period(today, today)
    return fingerprint(body, content_hash(body), period, events)


def dedupe_documents(
    documents: Iterable[Document], events: Callable[[Document], Iterable[Event]] | None = None
) -> Iterator[DocumentSameness]:
    """Decide each document against the ones before it, in order; ``events`` extracts gatherings."""
    index = SamenessIndex()
    doc_ids: list[str] = []
    for position, document in enumerate(documents):
        doc_ids.append(document.doc_id)
        found = events(document) if events is not None else ()
        decision = index.decide_and_add(position, document_fingerprint(document, found))
        near = decision.near_duplicate_of
        yield DocumentSameness(
            doc_id=document.doc_id,
            duplicate_of=doc_ids[near] if near is not None else None,
            story=doc_ids[decision.story],
        )
