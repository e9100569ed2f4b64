"""A feed item linking to a host that does not resolve: its own outcome, not a source error.

The feed is served on 127.0.0.1; the dead link's host is under ``.invalid``
(RFC 6761), and the resolver is the edge of the world here: it answers
"no such host" for ``.invalid`` without any query leaving the machine.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg2
import pytest

from summitwatch.local_site import serve_directory
from summitwatch.pipeline.fetch import fetch_all
from summitwatch.sources import safety
from summitwatch.sources.settings import FetchSettings

from .conftest import AddSources, rows

_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Nachrichten</title><link>{base}</link><description>d</description>
<item><guid>dead-link</guid><link>http://gone-newsroom.invalid/gipfel.html</link>
<title>Gipfel in Wien geplant</title><pubDate>Tue, 10 Jul 2018 08:00:00 +0000</pubDate>
<description>Die Außenminister wollen sich im Herbst in Wien treffen.</description></item>
</channel></rss>
"""


@pytest.fixture
def no_such_host(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        if str(host).endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(safety.socket, "getaddrinfo", resolve)


@pytest.fixture
def feed_site(tmp_path: Path) -> Iterator[str]:
    with serve_directory(tmp_path, port=0) as base:
        (tmp_path / "feed.xml").write_text(_FEED.format(base=base), encoding="utf-8")
        yield base


@pytest.mark.usefixtures("no_such_host")
def test_dead_link_is_unresolved_and_the_feed_stays_healthy(
    db: psycopg2.extensions.connection, feed_site: str, add_sources: AddSources, settings: FetchSettings
) -> None:
    add_sources(wire=f"{feed_site}feed.xml")
    summary = fetch_all(db, force=True, settings=settings)

    assert summary.items_landed == 1
    assert rows(db, "SELECT page_status, content FROM raw.items") == [
        ("unresolved", "Die Außenminister wollen sich im Herbst in Wien treffen.")
    ]
    logged = dict(rows(db, "SELECT request_kind, outcome FROM raw.fetch_log"))
    assert logged == {"feed": "ok", "page": "unresolved"}
    (error,) = rows(db, "SELECT error FROM raw.fetch_log WHERE request_kind = 'page'")[0]
    assert "gone-newsroom.invalid" in str(error) and "does not resolve" in str(error)
    assert rows(
        db, "SELECT errors_24h, errors_total, unresolved_pages_7d, last_error FROM reporting.pipeline_health"
    ) == [(0, 0, 1, None)]
