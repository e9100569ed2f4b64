"""Text with NUL characters, stored exactly.

PostgreSQL ``text`` cannot hold the NUL character (U+0000). Rather than refuse such
text or silently drop the characters, the loader takes them out and records their
positions in a companion ``integer[]`` column (``<column>_nul_offsets``); reading
the two back gives the original string. Analysts see the text without the NULs,
which are invisible anyway.
"""

from __future__ import annotations

from collections.abc import Sequence

NUL = "\x00"


def take_out_nul(text: str) -> tuple[str, list[int] | None]:
    """``text`` without NUL characters, and their 0-based positions in ``text`` (None: there were none)."""
    if NUL not in text:
        return text, None
    offsets = []
    position = text.find(NUL)
    while position != -1:
        offsets.append(position)
        position = text.find(NUL, position + 1)
    return text.replace(NUL, ""), offsets


def restore_nul(text: str | None, offsets: Sequence[int] | None) -> str | None:
    """The original text: ``text`` with NUL characters put back at ``offsets``."""
    if text is None or not offsets:
        return text
    pieces = []
    taken = 0  # characters of ``text`` used so far
    for count, offset in enumerate(offsets):
        # ``offset`` counts the NULs before it; ``count`` of them came earlier.
        end = offset - count
        if end < taken or end > len(text):
            raise ValueError(f"NUL offset {offset} does not fit a text of {len(text)} characters")
        pieces.append(text[taken:end])
        pieces.append(NUL)
        taken = end
    pieces.append(text[taken:])
    return "".join(pieces)
