"""The sameness decisions, against an index of earlier articles.

Articles are decided in order (article id in the pipeline, input order in the
CLI) and only against earlier ones, so a decision never changes when later
articles arrive or when an article is processed again:

- exact duplicate: the earliest earlier article with the same content hash;
- near duplicate: verified LSH candidates (body view, or lead view for a
  truncated copy) that appeared within ``NEAR_DUPLICATE_WINDOW_DAYS``;
  ``near_duplicate_of`` is the root of the earliest match, so every copy points
  at one original (exact duplicates are near duplicates too);
- story: a near duplicate joins its original's story; otherwise the most
  similar story (``stories.similarity`` of the article to the story's profile,
  at least ``STORY_SIMILARITY``) among the stories of earlier articles that share
  an indexed term and that admit the article's time; otherwise the article
  founds a story named after itself. A story that disagrees with the article on
  what happened needs ``STORY_SIMILARITY_UNLIKE``: one of the two reports
  gatherings and the other none, or the story tells another step of one of the
  article's gatherings (``GatheringStatuses.contradicts``: planned, then called
  off). Not a veto, so one misread status does not split a story.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from summitwatch.dedupe.fingerprint import Fingerprint
from summitwatch.dedupe.signatures import estimated_jaccard
from summitwatch.dedupe.stories import (
    REPORTS_GATHERINGS_HASH,
    STORY_SIMILARITY,
    STORY_SIMILARITY_UNLIKE,
    Period,
    Rarity,
    StoryProfile,
    similarity,
)

# Estimated Jaccard similarity of 3-word shingle sets of the whole body.
BODY_THRESHOLD = 0.4
# Of the lead views, when the body similarity is low because one text is a truncated copy.
LEAD_THRESHOLD = 0.6
# Share of the shorter text's shingles found in the longer one, for a lead match to count.
CONTAINMENT_THRESHOLD = 0.5
# Copies appear within days of their original: an earlier article is a near-duplicate candidate
# only when its first day lies this close to the new article's time. It bounds what a batch reads
# and writes in PostgreSQL to the band partitions of its window (sql/0090), whatever is stored.
# Exact duplicates (same content hash) are found at any distance.
NEAR_DUPLICATE_WINDOW_DAYS = 90


def within_near_window(earlier: Period, later: Period) -> bool:
    """The earlier article's first day is within NEAR_DUPLICATE_WINDOW_DAYS of the later's time."""
    window = timedelta(days=NEAR_DUPLICATE_WINDOW_DAYS)
    return later.first - window <= earlier.first <= later.last + window


def estimated_containment(jaccard: float, left_size: int, right_size: int) -> float:
    """|A ∩ B| / min(|A|, |B|) from a Jaccard estimate and the set sizes."""
    smaller = min(left_size, right_size)
    if smaller == 0:
        return 0.0
    return min(1.0, jaccard * (left_size + right_size) / (1.0 + jaccard) / smaller)


def near_duplicates(left: Fingerprint, right: Fingerprint) -> bool:
    if left.content_hash == right.content_hash:
        return True
    body = estimated_jaccard(left.body, right.body)
    if body >= BODY_THRESHOLD:
        return True
    return (
        estimated_jaccard(left.lead, right.lead) >= LEAD_THRESHOLD
        and estimated_containment(body, left.shingles, right.shingles) >= CONTAINMENT_THRESHOLD
    )


@dataclass(frozen=True)
class Decision:
    key: int
    exact_duplicate_of: int | None
    near_duplicate_of: int | None
    story: int


@dataclass
class SamenessIndex:
    """Earlier articles by band, content hash and story term, with their decisions."""

    fingerprints: dict[int, Fingerprint] = field(default_factory=dict)
    decisions: dict[int, Decision] = field(default_factory=dict)
    by_band: defaultdict[tuple[int, int], list[int]] = field(default_factory=lambda: defaultdict(list))
    by_hash: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_term: defaultdict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    stories: dict[int, StoryProfile] = field(default_factory=dict)
    rarity: Rarity = field(default_factory=Rarity)

    def add(self, fingerprint: Fingerprint, decision: Decision) -> None:
        key = decision.key
        if key in self.fingerprints:
            return
        self.fingerprints[key] = fingerprint
        self.decisions[key] = decision
        for band in fingerprint.bands:
            self.by_band[band].append(key)
        self.by_hash[fingerprint.content_hash].append(key)
        for term in fingerprint.terms:
            self.by_term[term].append(key)

    def _root(self, key: int) -> int:
        return self.decisions[key].near_duplicate_of or key

    def decide(self, key: int, fingerprint: Fingerprint) -> Decision:
        """Decide ``key`` against every earlier article in the index (does not add it)."""
        earlier_same_hash = [k for k in self.by_hash.get(fingerprint.content_hash, ()) if k < key]
        exact = min(earlier_same_hash) if earlier_same_hash else None

        candidates = {
            k
            for band in fingerprint.bands
            for k in self.by_band.get(band, ())
            if k < key and within_near_window(self.fingerprints[k].period, fingerprint.period)
        }
        roots = {self._root(k) for k in candidates if near_duplicates(fingerprint, self.fingerprints[k])}
        if exact is not None:
            roots.add(self._root(exact))
        near = min(roots) if roots else None
        if near is not None:
            return Decision(key, exact, near, self.decisions[near].story)

        candidates = {
            self.decisions[k].story
            for term in fingerprint.terms
            for k in self.by_term.get(term, ())
            if k < key
        }
        reports = REPORTS_GATHERINGS_HASH in fingerprint.profile
        best, best_score = key, 0.0
        for story in sorted(candidates):
            profile = self.stories.get(story)
            if profile is None or not profile.admits(fingerprint.period):
                continue
            alike = (REPORTS_GATHERINGS_HASH in profile.terms) == reports and not (
                fingerprint.gatherings.contradicts(profile.terms)
            )  # else they disagree on what happened
            score = similarity(fingerprint.profile, profile.terms, self.rarity)
            if score >= (STORY_SIMILARITY if alike else STORY_SIMILARITY_UNLIKE) and score > best_score:
                best, best_score = story, score
        return Decision(key, exact, None, best)

    def learn(self, fingerprint: Fingerprint, decision: Decision) -> None:
        """Count the article's terms in the corpus and add it to its story's profile."""
        self.rarity.count(fingerprint.profile)
        profile = self.stories.setdefault(
            decision.story, StoryProfile(fingerprint.period.first, fingerprint.period.last)
        )
        profile.add(fingerprint.period, fingerprint.profile)

    def decide_and_add(self, key: int, fingerprint: Fingerprint) -> Decision:
        decision = self.decide(key, fingerprint)
        self.add(fingerprint, decision)
        self.learn(fingerprint, decision)
        return decision
