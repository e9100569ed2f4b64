"""Everything the sameness decisions need to know about one text, computed once.

Two MinHash views: the whole body, and its lead (the first LEAD_WORDS words).
The body view finds copies with small edits, added or removed boilerplate and
reordered paragraphs; the lead view finds a copy truncated to its lead (a
feed summary of the full article), whose Jaccard similarity with the whole
body is far too low for any body threshold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from summitwatch.dedupe.bands import band_hashes
from summitwatch.dedupe.signatures import Signature, minhash, shingle_hashes
from summitwatch.dedupe.stories import (
    GatheringStatuses,
    Period,
    index_terms,
    story_terms,
    term_counts,
    term_hash,
)
from summitwatch.dedupe.tokens import words
from summitwatch.events.model import Event

SHINGLE_WORDS = 3
LEAD_WORDS = 50
# LSH: 16 bands x 4 rows on the body view, 16 x 4 on the lead view (band numbers 100...). 32 body bands
# find more edited copies (97 % instead of 94 %, precision unchanged) but 50 % more band rows made a
# batch 33 % slower at 1M stored articles than at 10k (docs/dedupe.md).
BODY_BANDS, BODY_ROWS = 16, 4
LEAD_BANDS, LEAD_ROWS = 16, 4
LEAD_FIRST_BAND = 100


@dataclass(frozen=True)
class Fingerprint:
    content_hash: str
    body: Signature
    lead: Signature
    shingles: int  # distinct body shingles, to turn a Jaccard estimate into containment
    lead_is_whole: bool  # the text is no longer than its lead
    bands: tuple[tuple[int, int], ...]
    terms: frozenset[int]  # the story terms it is indexed by (hashes)
    period: Period
    # Every story term's hash -> how often the article uses it (for the story profile).
    profile: dict[int, float] = field(default_factory=dict)
    # The gatherings it reports with their status (only needed while it is decided).
    gatherings: GatheringStatuses = field(default_factory=GatheringStatuses)


def lsh_bands(body: Signature, lead: Signature) -> list[tuple[int, int]]:
    """(band number, hash) of both views: what the LSH index stores for an article."""
    return band_hashes(body, BODY_BANDS, BODY_ROWS) + band_hashes(
        lead, LEAD_BANDS, LEAD_ROWS, first_band=LEAD_FIRST_BAND
    )


def fingerprint(text: str, content_hash: str, period: Period, events: Iterable[Event] = ()) -> Fingerprint:
    tokens = words(text)
    body_shingles = shingle_hashes(tokens, SHINGLE_WORDS)
    body = minhash(body_shingles)
    lead = minhash(shingle_hashes(tokens[:LEAD_WORDS], SHINGLE_WORDS))
    bands = lsh_bands(body, lead)
    events = tuple(events)
    terms = story_terms(text, events)
    return Fingerprint(
        content_hash=content_hash,
        body=body,
        lead=lead,
        shingles=int(body_shingles.size),
        lead_is_whole=len(tokens) <= LEAD_WORDS,
        bands=tuple(bands),
        terms=frozenset(term_hash(t) for t in index_terms(terms)),
        period=period,
        profile=term_counts(terms),
        gatherings=GatheringStatuses.of(events),
    )
