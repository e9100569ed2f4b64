"""HTML to main text.

trafilatura finds the article body and its metadata on real news pages far
better than hand-written selectors; for fragments (feed summaries) and pages
where it finds nothing, beautifulsoup4's text with block-level line breaks is
the fallback.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bs4 import BeautifulSoup

# trafilatura logs every page it considers too short at WARNING.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "article",
    "section",
    "blockquote",
)


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # ISO date string from page metadata
    language: str | None = None
    method: str = "bs4"


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed summary), keeping paragraph breaks."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
    lines = (" ".join(line.split()) for line in soup.get_text().splitlines())
    return "\n".join(line for line in lines if line)


def extract_page(html: str) -> ExtractedPage:
    """Main text and metadata of an article page."""
    import trafilatura  # heavy import; only when a page is actually cleaned

    document = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, favor_precision=True, with_metadata=True
    )
    if isinstance(document, dict):  # older trafilatura answers with a dict
        document = None
    if document is not None and document.text and len(document.text) >= 80:
        return ExtractedPage(
            text=document.text,
            title=document.title,
            author=document.author,
            date=document.date,
            language=document.language,
            method="trafilatura",
        )
    soup = BeautifulSoup(html, "lxml")
    title = soup.title.get_text(strip=True) if soup.title else None
    body = soup.body or soup
    return ExtractedPage(text=fragment_text(str(body)), title=title or None, method="bs4")
