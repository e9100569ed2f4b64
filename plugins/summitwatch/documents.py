"""A news document as every stage after fetching sees it.

Plain-text documents may begin with a header line `` date YYYY-MM`` or
`` date YYYY-MM-DD`` (note the leading space, see ../shared/eval/SCHEMA.md):
it is the publication date at that precision and not part of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

DatePrecision = Literal["day", "month", "year"]

# The header may be followed directly by body text on the same line (the seed
# article is written that way), so only the date token itself is consumed.
_HEADER = re.compile(r"^\ufeff?\s?date\s+(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?=\s|$)[ \t]*\n?")


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    published: date | None = None
    published_precision: DatePrecision | None = None
    language: str | None = None
    url: str | None = None
    title: str | None = None

    def with_headline(self) -> Document:
        """The document with its headline as a paragraph (and so a sentence) of its own before the text.

        When the extractor reads it is decided in one place, ``events.extract_article``. A
        text that already opens with its headline is left as it is.
        """
        headline = (self.title or "").strip()
        if not headline or self.text.lstrip().startswith(headline):
            return self
        return replace(self, text=f"{headline}\n\n{self.text}")


class DocumentError(ValueError):
    """A document that cannot be read; the message names the document."""


def split_date_header(raw: str) -> tuple[str, date | None, DatePrecision | None]:
    """Return (body, publication date, precision) for a plain-text document.

    A month-precision date is represented by the first day of that month and
    the precision ``"month"``; callers must not read a day into it.
    """
    match = _HEADER.match(raw)
    if not match:
        return raw, None, None
    year, month, day = match.groups()
    try:
        published = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        # A malformed header is still a header: drop it, keep no date.
        return raw[match.end() :], None, None
    precision: DatePrecision = "day" if day else "month" if month else "year"
    return raw[match.end() :], published, precision


def read_document_text(path: Path) -> str:
    """A document file's text, read exactly as the folder source reads it (``charsets.decode_document``:
    BOM, declaration, detection; binary refused), without NULs (never content, as in the cleaner)."""
    from summitwatch.sources.binary import BinaryContent
    from summitwatch.sources.charsets import decode_document

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        return decode_document(raw).text.replace("\x00", "")
    except BinaryContent as exc:
        raise DocumentError(f"{path}: {exc}") from exc


def read_text_document(path: Path) -> Document:
    """Read a ``.txt`` document; the ``doc_id`` is the file name without extension."""
    body, published, precision = split_date_header(read_document_text(path))
    return Document(doc_id=path.stem, text=body, published=published, published_precision=precision)
