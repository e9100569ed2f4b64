"""Words as sameness sees them: case, accents and punctuation folded.

"Sebastián Piñera" and "Sebastian Pinera" are the same words, as are curly
and straight quotes; numbers are words too (dates and figures carry news).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """Lower case without accents; ß stays ß so German words are not merged with others."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded words of ``text`` in order."""
    return [fold_word(w) for w in _WORD.findall(text)]
