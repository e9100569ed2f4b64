"""HTML to main text for bulk work (pages from web archives), ten and more times faster than
``html.extract_page``.

resiliparse's main-content extraction (lexbor, in C) finds the article body; image alt texts,
comment sections and article meta blocks are left out, as trafilatura leaves them out. It
drops every ``<ul>`` as navigation, so a bulleted list without links (a list of points in
the article) is made an ``<ol>`` first, which it keeps; a list of links stays out. What
it keeps of boilerplate is removed afterwards by the project's line rules
(``clean.boilerplate``), which every page goes through. Title and date come from the page's
metadata: ``og:title`` or ``<title>``; the first publication date among the usual meta tags,
JSON-LD ``datePublished`` (else ``dateCreated``), microdata ``datePublished`` and
``<time datetime>``. ``bench/backfill.py`` measures it against
trafilatura on the fixtures' gold; docs/sources.md says which path is used where.
"""

from __future__ import annotations

import re

from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

from summitwatch.clean.html import ExtractedPage

# Meta tags that carry a page's first publication date, most specific first.
_DATE_META = (
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[property="og:published_time"]',
    'meta[name="date"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dc.date"]',
    'meta[name="pubdate"]',
    'meta[name="publish-date"]',
)
# schema.org in JSON-LD: the publication date, else the creation date.
_JSON_LD_DATES = (
    re.compile(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})'),
    re.compile(r'"dateCreated"\s*:\s*"(\d{4}-\d{2}-\d{2})'),
)
_ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
_MIN_MAIN_CHARS = 80  # as html.extract_page: less is no article body


def extract_bulk_page(html: str) -> ExtractedPage:
    """Main text, title and publication day of an article page, the fast way."""
    tree = HTMLTree.parse(html)
    _keep_lists_of_text(tree)
    text = _plain_text(tree, main_content=True)
    if len(text.strip()) < _MIN_MAIN_CHARS:
        # No main content found (a short page, a fragment): all of its visible text, as html.py does.
        text = _plain_text(tree, main_content=False)
    return ExtractedPage(text=text, title=_title(tree), date=_date(tree, html), method="resiliparse")


def _keep_lists_of_text(tree: HTMLTree) -> None:
    """Each ``<ul>`` without links becomes an ``<ol>``, its items moved over."""
    if tree.document is None:
        return
    for bullets in tree.document.query_selector_all("ul").values():
        parent = bullets.parent
        if parent is None or bullets.query_selector("a") is not None:
            continue
        numbered = tree.create_element("ol")
        if numbered is None:
            return
        for item in list(bullets.child_nodes):
            numbered.append_child(item)
        parent.replace_child(numbered, bullets)


def _plain_text(tree: HTMLTree, *, main_content: bool) -> str:
    return str(
        extract_plain_text(
            tree,
            main_content=main_content,
            list_bullets=False,
            alt_texts=False,
            comments=False,
            post_meta=False,
        )
    )


def _title(tree: HTMLTree) -> str | None:
    head = tree.head
    if head is not None:
        og_title = head.query_selector('meta[property="og:title"]')
        content = og_title.getattr("content") if og_title is not None else None
        if content and content.strip():
            return " ".join(content.split())
    title = tree.title.strip() if tree.title else ""
    return " ".join(title.split()) or None


def _date(tree: HTMLTree, html: str) -> str | None:
    """The page's publication day as ``YYYY-MM-DD``, or None."""
    document = tree.document
    if document is None:
        return None
    for selector in _DATE_META:
        node = document.query_selector(selector)
        day = _ISO_DAY.match(node.getattr("content") or "") if node is not None else None
        if day:
            return day.group(1)
    for pattern in _JSON_LD_DATES:
        json_ld = pattern.search(html)
        if json_ld:
            return json_ld.group(1)
    for selector, attribute in (
        ('[itemprop="datePublished"][content]', "content"),
        ('[itemprop="datePublished"][datetime]', "datetime"),
        ("time[datetime]", "datetime"),
    ):
        node = document.query_selector(selector)
        day = _ISO_DAY.match(node.getattr(attribute) or "") if node is not None else None
        if day:
            return day.group(1)
    return None
