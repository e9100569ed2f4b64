"""One raw item in, one clean article record out.

Publication time comes from the best source available, in this order: the
feed's own date, the page's metadata, a `` date YYYY-MM`` header, else none;
its precision is kept with it so a month is never read as a day.

Pages from a web archive (``archived_at`` set: WARC backfills, thousands of pages a file) take
the bulk page path (``bulk_page.extract_bulk_page``); every other page takes
``html.extract_page`` (trafilatura). docs/sources.md says why.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime

from summitwatch.clean.boilerplate import strip_boilerplate
from summitwatch.clean.bulk_page import extract_bulk_page
from summitwatch.clean.html import extract_page
from summitwatch.clean.language import detect_language
from summitwatch.clean.text import repair_text
from summitwatch.clean.urls import canonical_url
from summitwatch.documents import Document, split_date_header
from summitwatch.sources.items import ContentType


@dataclass(frozen=True)
class RawItem:
    item_id: int
    source_name: str
    item_key: str
    url: str | None
    title: str | None
    published_at: datetime | None
    content: str
    content_type: ContentType
    file_name: str | None = None
    # When a web archive captured the page (WARC-Date): the date of last resort.
    archived_at: datetime | None = None


@dataclass(frozen=True)
class Article:
    item_id: int
    source_name: str
    doc_id: str
    canonical_url: str | None
    title: str | None
    body: str
    language: str | None
    published_at: datetime | None
    published_precision: str | None
    content_hash: str

    def as_document(self) -> Document:
        precision = (
            self.published_precision if self.published_precision in ("day", "month", "year") else "day"
        )
        published = self.published_at.date() if self.published_at else None
        return Document(
            doc_id=self.doc_id,
            text=self.body,
            published=published,
            published_precision=precision if published else None,  # type: ignore[arg-type]
            language=self.language,
            url=self.canonical_url,
            title=self.title,
        )


class EmptyArticle(ValueError):
    """The item has no text worth keeping (empty page, paywall stub)."""


def normalize_text(text: str) -> str:
    """NFC, unified whitespace, paragraphs apart by one blank line: the form that is hashed and stored.

    The blank line between paragraphs is kept (a run of them is one): the extractor's
    sentence splitter ends a sentence there (``events.sentences``), and read without it
    a headline or caption with no full stop joins the paragraph after it. The content
    hash folds white space, so it does not change with them.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\x00", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    paragraphs = "\n".join(lines).split("\n\n")
    return "\n\n".join(p.strip("\n") for p in paragraphs if p.strip("\n"))


def content_hash(body: str) -> str:
    """SHA-256 of the body with case and punctuation folded: equal hashes are exact duplicates."""
    folded = re.sub(r"[\W_]+", " ", body.casefold()).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _as_datetime(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _doc_id(item: RawItem) -> str:
    if item.file_name:
        return item.file_name.rsplit(".", 1)[0]
    return f"{item.source_name}:{item.item_key}"


def clean_item(item: RawItem) -> Article:
    published_at, precision = item.published_at, "second" if item.published_at else None
    title = repair_text(item.title) if item.title else None
    content = repair_text(item.content)
    if item.content_type == "text/plain":
        body, header_date, header_precision = split_date_header(content)
        if published_at is None and header_date is not None:
            published_at, precision = _as_datetime(header_date), header_precision
    else:
        page = extract_bulk_page(content) if item.archived_at is not None else extract_page(content)
        body, title = page.text, title or page.title
        if published_at is None and page.date:
            try:
                published_at, precision = _as_datetime(date.fromisoformat(page.date[:10])), "day"
            except ValueError:
                published_at = None
        if published_at is None and item.archived_at is not None:
            # A news crawl archives pages within a day or so of publication; a page's own date wins.
            published_at, precision = _as_datetime(item.archived_at.date()), "day"
    body = normalize_text(strip_boilerplate(body))
    if len(body) < 40:
        raise EmptyArticle(f"only {len(body)} characters of text")
    return Article(
        item_id=item.item_id,
        source_name=item.source_name,
        doc_id=_doc_id(item),
        canonical_url=canonical_url(item.url),
        title=title,
        body=body,
        language=detect_language(body, sample_chars=1000),  # 1000 characters decide de/en reliably
        published_at=published_at,
        published_precision=precision,
        content_hash=content_hash(body),
    )
