"""The event contract (../shared/eval/SCHEMA.md) as Python types."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from summitwatch.documents import Document

Kind = Literal["summit", "meeting", "visit", "call"]
Status = Literal["proposed", "invited", "planned", "held", "postponed", "cancelled"]

KINDS: tuple[Kind, ...] = ("summit", "meeting", "visit", "call")
STATUSES: tuple[Status, ...] = ("proposed", "invited", "planned", "held", "postponed", "cancelled")
# Which kind wins when the triggers of one gathering disagree: how people met (a call is a
# call even when it is about a summit), then the summit, the visit, the plain meeting.
KIND_PRIORITY: dict[str, int] = {"call": 4, "summit": 3, "visit": 2, "meeting": 1}


@dataclass(frozen=True, slots=True)
class Evidence:
    """What an event rests on: the features its confidence is computed from."""

    status_basis: str  # cue | tense | borrowed | none (see status.clause_status)
    mentions: int  # sentences of the document that report the gathering
    named: bool  # a participant named in full, not only by role or pronoun
    coref: bool  # a participant supplied by a reference back ("beide", "the two leaders")
    placed: bool  # a place from the text
    dated: bool  # a date from the text (not the report's month)
    group: bool  # a group's summit
    kind: str
    participants: int


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
    basis: Evidence | None = field(default=None, compare=False, repr=False)  # what confidence rests on

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


def confidence_features(ev: Evidence) -> dict[str, bool]:
    """The binary features of the confidence model (their weights: ``CONFIDENCE_WEIGHTS``)."""
    return {
        "status_from_tense": ev.status_basis == "tense",  # a past form, "am Rande": no status word
        "status_borrowed": ev.status_basis == "borrowed",  # from a neighbouring clause
        "status_default": ev.status_basis == "none",  # nothing in the text: the default status
        "second_mention": ev.mentions >= 2,
        "third_mention": ev.mentions >= 3,
        "named": ev.named,
        "placed": ev.placed,
        "dated": ev.dated,
        "meeting": ev.kind == "meeting",  # the vaguest kind ("talks", "Gespräch")
        "odd_participants": not ev.group and ev.participants != 2,
    }


# The direction each feature may push (a fit on a few hundred events is held to it): less
# support never raises the confidence, more support never lowers it.
CONFIDENCE_SIGNS = {
    "status_from_tense": -1,
    "status_borrowed": -1,
    "status_default": -1,
    "second_mention": 1,
    "third_mention": 1,
    "named": 1,
    "placed": 1,
    "dated": 1,
    "meeting": -1,
    "odd_participants": -1,
}

# Logistic weights fitted on ../shared/eval/dev.jsonl (``tools/eval_dev.py --fit-confidence``
# refits them; its reliability table shows whether they still hold).
CONFIDENCE_BIAS = 0.82
CONFIDENCE_WEIGHTS = {
    "status_from_tense": 0.00,
    "status_borrowed": -0.09,
    "status_default": -1.45,
    "second_mention": 0.15,
    "third_mention": 0.00,
    "named": 0.12,
    "placed": 0.44,
    "dated": 1.02,
    "meeting": -0.68,
    "odd_participants": -1.01,
}


def event_confidence(ev: Evidence) -> float:
    """Probability that the event is right: a real gathering of these participants (or this
    group) with this status (see docs/analyst-guide.md)."""
    z = CONFIDENCE_BIAS + sum(CONFIDENCE_WEIGHTS[name] for name, on in confidence_features(ev).items() if on)
    return 1.0 / (1.0 + math.exp(-z))


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

    # The events of the text, and of the text read with its headline first where the text
    # states none (``events.extract_article``): ``extract(document)``, and where that is
    # empty, ``extract(document.with_headline())``; one may do that with less work.
    def extract_article(self, document: Document) -> list[Event]: ...
