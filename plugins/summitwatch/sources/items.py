"""What a source delivers: items, before any cleaning."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

ContentType = Literal["text/plain", "text/html"]
# What became of a feed item's article page (raw.items.page_status); None = no page involved.
PageStatus = Literal["ok", "blocked", "paywalled", "empty", "disallowed", "refused", "unresolved", "error"]


@dataclass(frozen=True)
class FetchedItem:
    item_key: str
    content: str
    content_type: ContentType
    url: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    page_status: PageStatus | None = None

    @property
    def content_sha256(self) -> str:
        return hashlib.sha256(self.content.encode("utf-8")).hexdigest()
