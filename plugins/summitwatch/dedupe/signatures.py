"""MinHash signatures over word shingles, vectorised with numpy.

datasketch's ``MinHash.update`` hashes one shingle per Python call, which
makes it the slowest step of cleaning a 3 KB article (see bench/dedupe.py);
the same permutation scheme ((a*x + b) mod p over 32-bit shingle hashes) done
on whole arrays is about two orders of magnitude faster. The seed and the
number of permutations are fixed: signatures are persisted, and a change of
either makes every stored signature incomparable (bump SIGNATURE_VERSION).
"""

from __future__ import annotations

import zlib
from functools import lru_cache

import numpy as np
import numpy.typing as npt

SIGNATURE_VERSION = 2  # 2: story terms normalised through the reference data (issue 12)
NUM_PERM = 128
SEED = 20_240_401
_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)

Signature = npt.NDArray[np.uint32]


@lru_cache(maxsize=1)
def _permutations() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    rng = np.random.RandomState(SEED)
    a = rng.randint(1, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    b = rng.randint(0, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    return a, b


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def shingle_hashes(tokens: list[str], size: int) -> npt.NDArray[np.uint64]:
    """32-bit hashes of the distinct ``size``-word shingles of ``tokens``.

    A text shorter than one shingle is one shingle of all its words.
    """
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.fromiter((_word_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))
    if len(tokens) < size:
        size = len(tokens)
    combined = hashes[: len(hashes) - size + 1].copy()
    for offset in range(1, size):
        # polynomial combination, then a 64-bit mix so shingles spread over 32 bits
        combined = combined * np.uint64(0x100000001B3) + hashes[offset : len(hashes) - size + 1 + offset]
    combined ^= combined >> np.uint64(33)
    combined *= np.uint64(0xFF51AFD7ED558CCD)
    combined ^= combined >> np.uint64(33)
    return np.unique(combined & _MAX_HASH)


def minhash(shingles: npt.NDArray[np.uint64]) -> Signature:
    """MinHash signature (NUM_PERM minima) of a set of 32-bit shingle hashes."""
    if shingles.size == 0:
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    a, b = _permutations()
    # uint64 arithmetic wraps like datasketch's; the mod prime then spreads it
    values = (np.outer(shingles, a) + b) % _MERSENNE_PRIME & _MAX_HASH
    return values.min(axis=0).astype(np.uint32)


def estimated_jaccard(left: Signature, right: Signature) -> float:
    """Share of equal positions: an unbiased estimate of the shingle sets' Jaccard similarity."""
    return float(np.count_nonzero(left == right)) / len(left)


def signature_bytes(signature: Signature) -> bytes:
    return signature.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> Signature:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)
