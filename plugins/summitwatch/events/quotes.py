"""Where a quotation is: the span of direct speech around a position of the text.

A first-person pronoun inside a quote ("'Zelenskyy and I will sit down on Friday,' Trump
wrote", "„Ich werde Putin anrufen“, sagte Scholz") is the quoted speaker. Quotes are read
within their paragraph; every quotation mark toggles (German „…“, English “…”, straight
"…", «…» and »…« alike), which is enough to tell inside from outside without knowing
the typographic convention of the source. Apostrophes are not quotation marks.
"""

from __future__ import annotations

import re
from bisect import bisect_right

QUOTE_MARKS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
_MARK = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Every quotation of the text: (offset of the opening mark, offset of the closing mark,
    or the paragraph's end when it is not closed), in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        opened = -1
        for m in _MARK.finditer(text, start, end):
            if opened < 0:
                opened = m.start()
            else:
                spans.append((opened, m.start()))
                opened = -1
        if opened >= 0:
            spans.append((opened, end))
        start = brk.end() if brk else end
    return spans


def quote_span(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The quotation of ``spans`` (from ``quote_spans``) holding ``pos``, or None."""
    k = bisect_right(spans, (pos, float("inf"))) - 1  # the last quotation opened before pos
    if k >= 0 and spans[k][0] < pos < spans[k][1]:
        return spans[k]
    return None
