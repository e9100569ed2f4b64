"""Fetching against a local server that serves every fault of issue 3, with a real PostgreSQL.

Each fault fails alone with a clear recorded error, and every good item of
the same run still lands.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import psycopg2

from summitwatch.pipeline.fetch import fetch_all
from summitwatch.sources.settings import FetchSettings

from .conftest import AddSources, FaultServer, rows


def _page_outcomes(db: psycopg2.extensions.connection) -> dict[str, tuple[str, str, str]]:
    found = rows(db, "SELECT item_key, page_status, content_type, content FROM raw.items")
    return {str(k): (str(s), str(t), str(c)) for k, s, t, c in found}


def _page_errors(db: psycopg2.extensions.connection) -> dict[str, tuple[str, str | None, int]]:
    found = rows(
        db,
        "SELECT url, outcome, error, attempts FROM raw.fetch_log WHERE request_kind = 'page' ORDER BY fetch_id",
    )
    return {str(u): (str(o), e, int(a)) for u, o, e, a in found}  # type: ignore[misc]


def test_page_faults_fail_alone_and_good_items_land(
    db: psycopg2.extensions.connection, fault: FaultServer, add_sources: AddSources, settings: FetchSettings
) -> None:
    add_sources(main=fault.url("/feeds/main.rss"))
    summary = fetch_all(db, force=True, settings=settings)

    items = _page_outcomes(db)
    assert summary.items_landed == len(items) == 16  # every item lands, with its page or its summary
    statuses = {key: status for key, (status, _t, _c) in items.items()}
    assert statuses == {
        "paris": "ok",
        "geneva": "ok",
        "latin1": "ok",
        "utf8": "ok",
        "flaky": "ok",
        "missing": "error",
        "forbidden": "blocked",
        "paywall": "paywalled",
        "empty": "empty",
        "slow": "error",
        "endless": "error",
        "bomb": "error",
        "loop": "error",
        "robots": "disallowed",
        "metadata": "refused",
        "to-metadata": "refused",
    }
    # Pages with text are stored as HTML; the others stand in with the feed's cleaned summary.
    assert items["paris"][1] == "text/html" and "Olaf Scholz traf am Montag in Paris" in items["paris"][2]
    assert items["paywall"][1] == "text/plain"
    assert "abonnieren" not in items["paywall"][2] and "Warschau" in items["paywall"][2]
    assert items["forbidden"][2] == "Kanzler und Präsident berieten in Paris über Europas Sicherheit."
    # Wrong declared charsets: the umlauts survive both ways.
    for key in ("latin1", "utf8"):
        assert "Die Außenministerin führte am Dienstag in Wien Gespräche" in items[key][2], key
        assert "Ã" not in items[key][2] and "\ufffd" not in items[key][2]

    log = _page_errors(db)
    u = fault.url
    expectations = {
        u("/articles/missing.html"): ("error", "HTTP 404"),
        u("/articles/forbidden.html"): ("blocked", "HTTP 403"),
        u("/articles/paywall.html"): ("blocked", "paywalled"),
        u("/articles/empty.html"): ("error", "empty"),
        u("/articles/slow.html"): ("error", "timed out"),
        u("/articles/endless.html"): ("error", "larger than 1000000 bytes"),
        u("/articles/bomb.html"): ("error", "after decompression"),
        u("/articles/loop-a.html"): ("error", "redirect loop"),
        u("/private/secret.html"): ("blocked", "robots.txt"),
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/": ("refused", "169.254.169.254"),
        u("/articles/to-metadata.html"): ("refused", "169.254.169.254"),
    }
    for url, (outcome, message) in expectations.items():
        got_outcome, error, _attempts = log[url]
        assert got_outcome == outcome and error and message in error, (url, log[url])
    assert log[u("/articles/slow.html")][2] == settings.max_attempts  # timeouts are retried
    assert log[u("/articles/flaky.html")] == ("ok", None, 2)  # 500, then recovery
    assert log["http://169.254.169.254/latest/meta-data/iam/security-credentials/"][2] == 0  # never sent
    assert fault.hits["/private/secret.html"] == 0
    assert fault.hits["/robots.txt"] == 1  # asked once for all pages of the host
    # The feed's own row counts its entries and landed items.
    [(found, landed, outcome)] = rows(
        db, "SELECT items_found, items_landed, outcome FROM raw.fetch_log WHERE request_kind = 'feed'"
    )
    assert (found, landed, outcome) == (16, 16, "ok")
    assert not summary.errors  # page faults are the items' business, not the source's


def test_feed_faults_fail_alone(
    db: psycopg2.extensions.connection, fault: FaultServer, add_sources: AddSources, settings: FetchSettings
) -> None:
    feeds = {
        "missing": "/feeds/missing.rss",
        "flaky": "/feeds/flaky.rss",
        "down": "/feeds/down.rss",
        "slow": "/feeds/slow.rss",
        "endless": "/feeds/endless.rss",
        "bomb": "/feeds/bomb.rss",
        "loop": "/feeds/loop.rss",
        "laughs": "/feeds/billion-laughs.rss",
        "xxe": "/feeds/external-entity.rss",
        "latin1": "/feeds/latin1-declared-utf8.rss",
        "utf8": "/feeds/utf8-declared-latin1.rss",
        "truncated": "/feeds/truncated.rss",
        "metadata": "/feeds/metadata-link.rss",
        "ratelimited": "/feeds/rate-limited.rss",
        "ratelimited-long": "/feeds/rate-limited-long.rss",
        "not-a-feed": "/feeds/not-a-feed.rss",
        "rss091": "/feeds/rss091.xml",
        "rss090": "/feeds/rss090.rdf",
        "rss10": "/feeds/rss10.rdf",
        "atom": "/feeds/atom.xml",
    }
    add_sources(**{name.replace("-", "_"): fault.url(path) for name, path in feeds.items()})
    before = datetime.now(UTC)
    summary = fetch_all(db, force=True, settings=settings)

    log = {
        str(s): (str(o), e, int(a), w)
        for s, o, e, a, w in rows(
            db,
            "SELECT source_name, outcome, error, attempts, warning FROM raw.fetch_log WHERE request_kind = 'feed'",
        )
    }
    failures = {
        "missing": ("error", "HTTP 404"),
        "down": ("error", "HTTP 503 after 3 attempts"),
        "slow": ("error", "timed out"),
        "endless": ("error", "larger than"),
        "bomb": ("error", "after decompression"),
        "loop": ("error", "redirect loop"),
        "laughs": ("refused", "declares 10 entities"),
        "xxe": ("refused", "external"),
        "ratelimited-long": ("error", "Retry-After 3600s"),
        "not-a-feed": ("error", "no readable entries"),
    }
    for name, (outcome, message) in failures.items():
        got, error, _attempts, _warning = log[name]
        assert got == outcome and error and message in error, (name, log[name])
    assert {e.split(":")[0] for e in summary.errors} == set(failures)

    ok = set(feeds) - set(failures)
    assert {name for name in ok if log[name][0] == "ok"} == ok
    assert log["flaky"][2] == 2 and log["ratelimited"][2] == 2  # recovered on the second attempt
    assert "malformed feed" in (log["truncated"][3] or "")
    assert "bytes are UTF-8" in (log["utf8"][3] or "")

    titles = dict(
        rows(db, "SELECT source_name, title FROM raw.items WHERE source_name IN ('latin1', 'utf8')")
    )
    assert titles == {"latin1": "Gespräche über Außenpolitik", "utf8": "Gespräche über Außenpolitik"}
    landed = {str(s): int(n) for s, n in rows(db, "SELECT source_name, count(*) FROM raw.items GROUP BY 1")}
    assert landed == {
        "flaky": 1,
        "latin1": 1,
        "utf8": 1,
        "truncated": 2,
        "metadata": 2,
        "ratelimited": 1,
        "rss091": 1,
        "rss090": 1,
        "rss10": 1,
        "atom": 1,
    }
    # The entity feeds never reached the parser's expansion; nothing of /etc/passwd anywhere.
    assert rows(db, "SELECT count(*) FROM raw.items WHERE content LIKE '%root:%'") == [(0,)]
    # Relative Atom links are resolved against the feed's URL.
    assert rows(db, "SELECT url FROM raw.items WHERE source_name = 'atom'") == [(fault.url("/atom/1"),)]
    # Metadata link refused, the good item of the same feed landed with its page.
    assert dict(rows(db, "SELECT item_key, page_status FROM raw.items WHERE source_name = 'metadata'")) == {
        "md-1": "refused",
        "md-2": "ok",
    }
    # A failing source rests; a too-long Retry-After is respected across runs.
    state = dict(
        rows(db, "SELECT name, next_poll_not_before FROM raw.sources WHERE consecutive_failures = 1")
    )
    assert set(state) == set(failures)
    assert state["ratelimited-long"] >= before + timedelta(seconds=3600)
    assert all(state[name] > before for name in failures)


def test_second_poll_is_conditional_and_lands_nothing(
    db: psycopg2.extensions.connection, fault: FaultServer, add_sources: AddSources, settings: FetchSettings
) -> None:
    add_sources(main=fault.url("/feeds/main.rss"), plain=fault.url("/feeds/no-validators.rss"))
    first = fetch_all(db, force=True, settings=settings)
    assert first.items_landed == 17
    page_requests = sum(fault.hits.values())

    second = fetch_all(db, force=True, settings=settings)
    assert second.items_landed == 0 and second.not_modified == 1
    [first_headers, second_headers] = fault.requests_to("/feeds/main.rss")
    assert "if-none-match" not in first_headers
    assert second_headers["if-none-match"] == '"main-v1"' and "if-modified-since" in second_headers
    outcomes = rows(
        db,
        "SELECT source_name, outcome FROM raw.fetch_log WHERE request_kind = 'feed' ORDER BY fetch_id DESC LIMIT 2",
    )
    assert dict(outcomes) == {
        "main": "not_modified",
        "plain": "unchanged",
    }  # body hash for the server without
    # Only the two feeds were asked again: no page, no robots.txt (cached in raw.robots_txt).
    assert sum(fault.hits.values()) == page_requests + 2
    assert rows(db, "SELECT count(*) FROM raw.robots_txt") == [(1,)]


def test_due_sources_only_without_force(
    db: psycopg2.extensions.connection, fault: FaultServer, add_sources: AddSources, settings: FetchSettings
) -> None:
    add_sources(down=fault.url("/feeds/down.rss"), plain=fault.url("/feeds/no-validators.rss"))
    now = datetime.now(UTC)
    assert fetch_all(db, now=now, settings=settings).sources_polled == 2
    # 15 minutes later the healthy source is due again; the failed one rests twice as long only
    # after a second failure, so it is due too - but not a minute later.
    assert fetch_all(db, now=now + timedelta(minutes=1), settings=settings).sources_polled == 0
    assert fetch_all(db, now=now + timedelta(minutes=16), settings=settings).sources_polled == 2
    [(failures,)] = rows(db, "SELECT consecutive_failures FROM raw.sources WHERE name = 'down'")
    assert failures == 2
    assert fetch_all(db, now=now + timedelta(minutes=32), settings=settings).sources_polled == 1  # plain only
