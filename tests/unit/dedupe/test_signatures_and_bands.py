import numpy as np

from summitwatch.dedupe.bands import band_hashes, candidate_probability
from summitwatch.dedupe.signatures import (
    NUM_PERM,
    estimated_jaccard,
    minhash,
    shingle_hashes,
    signature_bytes,
    signature_from_bytes,
)
from summitwatch.dedupe.tokens import words

from .texts import OTHER_EN, WIRE_DE, WIRE_DE_COPY


def test_words_fold_case_and_accents() -> None:
    assert words("Sebastián Piñera, PARIS") == ["sebastian", "pinera", "paris"]


def test_signature_is_deterministic_and_round_trips() -> None:
    first = minhash(shingle_hashes(words(WIRE_DE), 3))
    again = minhash(shingle_hashes(words(WIRE_DE), 3))
    assert first.shape == (NUM_PERM,)
    assert np.array_equal(first, again)
    assert np.array_equal(signature_from_bytes(signature_bytes(first)), first)


def test_jaccard_estimate_orders_texts() -> None:
    original = minhash(shingle_hashes(words(WIRE_DE), 3))
    copy = minhash(shingle_hashes(words(WIRE_DE_COPY), 3))
    other = minhash(shingle_hashes(words(OTHER_EN), 3))
    assert estimated_jaccard(original, copy) > 0.6
    assert estimated_jaccard(original, other) < 0.05


def test_bands_of_equal_signatures_are_equal() -> None:
    signature = minhash(shingle_hashes(words(WIRE_DE), 3))
    bands = band_hashes(signature, 16, 4, first_band=100)
    assert [b for b, _ in bands] == list(range(100, 116))
    assert bands == band_hashes(signature.copy(), 16, 4, first_band=100)
    assert all(-(2**63) <= h < 2**63 for _, h in bands)


def test_candidate_probability_is_an_s_curve() -> None:
    assert candidate_probability(0.2, 16, 4) < 0.05
    assert candidate_probability(0.6, 16, 4) > 0.85
