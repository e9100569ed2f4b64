"""LSH bands: documents whose signatures agree on a whole band become candidates.

With b bands of r rows a pair of Jaccard similarity s shares at least one band
with probability 1 - (1 - s**r)**b. Candidates are then verified on the full
signature, so the bands only decide what is looked at, never what is a
duplicate. Band hashes are signed 64-bit integers: PostgreSQL's bigint.
"""

from __future__ import annotations

import hashlib

from summitwatch.dedupe.signatures import Signature


def band_hashes(signature: Signature, bands: int, rows: int, *, first_band: int = 0) -> list[tuple[int, int]]:
    """(band number, hash) for each band of ``signature``; band numbers start at ``first_band``."""
    if bands * rows > len(signature):
        raise ValueError(
            f"{bands} bands x {rows} rows need {bands * rows} permutations, have {len(signature)}"
        )
    data = signature.astype("<u4").tobytes()
    width = rows * 4
    out = []
    for band in range(bands):
        digest = hashlib.blake2b(data[band * width : (band + 1) * width], digest_size=8).digest()
        out.append((first_band + band, int.from_bytes(digest, "little", signed=True)))
    return out


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """Chance that a pair with this Jaccard similarity shares at least one band."""
    return float(1.0 - (1.0 - similarity**rows) ** bands)
