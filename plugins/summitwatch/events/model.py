"""The event contract (../shared/eval/SCHEMA.md) as Python types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from summitwatch.documents import Document

Kind = Literal["summit", "meeting", "visit", "call"]
Status = Literal["proposed", "invited", "planned", "held", "postponed", "cancelled"]

KINDS: tuple[Kind, ...] = ("summit", "meeting", "visit", "call")
STATUSES: tuple[Status, ...] = ("proposed", "invited", "planned", "held", "postponed", "cancelled")


@dataclass(frozen=True)
class Event:
    """One gathering as one document reports it (a *mention* once stored)."""

    kind: Kind
    status: Status
    participants: tuple[str, ...]
    organizations: tuple[str, ...]
    location: str | None
    country: str | None
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    evidence: str
    confidence: float = 0.5

    def to_schema(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "status": self.status,
            "participants": list(self.participants),
            "organizations": list(self.organizations),
            "location": self.location,
            "country": self.country,
            "date": self.date,
            "evidence": self.evidence,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class DocumentEvents:
    doc_id: str
    events: tuple[Event, ...] = field(default_factory=tuple)

    @property
    def summit_related(self) -> bool:
        return bool(self.events)

    def to_schema(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "summit_related": self.summit_related,
            "events": [e.to_schema() for e in self.events],
        }


class Extractor(Protocol):
    """Anything that turns a document into events; rules today, a model later."""

    version: str

    def extract(self, document: Document) -> list[Event]: ...
