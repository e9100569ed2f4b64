"""The load stage: writing one processed batch into PostgreSQL.

Rows are built by field name: each target's row is a ``NamedTuple`` whose fields
are the target's column list (``ArticleRow._fields`` is ``ARTICLES.columns``), so a
row cannot drift out of step with its columns, and it is still the plain tuple the
generic upsert engine (``db.upsert``) and the COPY encoder (``db.copy_text``) read
by position on the hot path: no dict lookups per value, no conversion before COPY.
(Dicts keyed by column would need both; dataclasses would need a conversion to a
tuple per row.)
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from summitwatch.db.upsert import UpsertTarget


class ArticleRow(NamedTuple):
    """One ``core.articles`` row as ``ARTICLES`` loads it."""

    # Handed out with the batch's write turn (``pipeline.write_turns``): used when the item
    # is new, never rewritten when the item already has its article.
    article_id: int | None
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


ARTICLES = UpsertTarget(
    table="core.articles",
    columns=ArticleRow._fields,
    key=("item_id",),
    update=ArticleRow._fields[2:],
    touch="updated_at",
    returning=("article_id",),
    exact_text=("title", "body"),
)


class MentionRow(NamedTuple):
    """One ``events.mentions`` row as ``MENTIONS`` loads it."""

    article_id: int
    event_id: int
    extractor_version: str
    kind: str
    status: str
    participants: list[str]
    organizations: list[str]
    location: str | None
    country: str | None
    event_date: str | None
    evidence: str
    confidence: float


MENTIONS = UpsertTarget(
    table="events.mentions",
    columns=MentionRow._fields,
    key=("article_id", "event_id", "extractor_version"),
    returning=("mention_id",),
)
