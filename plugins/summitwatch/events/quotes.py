"""Where a quotation is: the span of direct speech around a position of the text.

A first-person pronoun inside a quote ("'Zelenskyy and I will meet tomorrow,' Trump
wrote", "„Ich werde Putin anrufen“, sagte Scholz") is the quoted speaker. Quotes are read
within their paragraph; every quotation mark toggles (German „…“, English “…”, straight
"…", «…» and »…« alike), which is enough to tell inside from outside without knowing
the typographic convention of the source. Apostrophes are not quotation marks.
"""

from __future__ import annotations

import re

QUOTE_MARKS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def quote_span(text: str, pos: int) -> tuple[int, int] | None:
    """(offset of the opening mark, offset of the closing mark or the paragraph's end) of the
    quotation holding ``pos``, or None when ``pos`` is outside any quotation."""
    start = text.rfind("\n\n", 0, pos)
    start = 0 if start < 0 else start
    found = _PARAGRAPH_BREAK.search(text, pos)
    end = found.start() if found else len(text)
    opened = -1
    for k in range(start, end):
        if text[k] not in QUOTE_MARKS:
            continue
        if opened < 0:
            if k >= pos:
                return None
            opened = k
        else:
            if k >= pos:
                return opened, k
            opened = -1
    return (opened, end) if opened >= 0 else None
