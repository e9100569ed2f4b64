from __future__ import annotations

from datetime import UTC, datetime

from summitwatch.sources.robots import RobotsEntry

NOW = datetime(2026, 3, 2, tzinfo=UTC)
AGENT = "SummitWatch/0.1.0 (+https://github.com/summitwatch/summitwatch; news research crawler)"


def _entry(status: int | None, body: str = "") -> RobotsEntry:
    return RobotsEntry("https://example.org:443", status, body, NOW, NOW)


def test_rules_for_everyone_and_for_us() -> None:
    parser = _entry(
        200, "User-agent: *\nDisallow: /intern/\n\nUser-agent: SummitWatch\nDisallow: /archiv/\n"
    ).parser()
    assert parser.can_fetch(AGENT, "https://example.org/politik/gipfel.html")
    assert not parser.can_fetch(AGENT, "https://example.org/archiv/2019.html")


def test_missing_robots_allows_and_server_error_disallows() -> None:
    assert _entry(404).parser().can_fetch(AGENT, "https://example.org/x")
    assert not _entry(503).parser().can_fetch(AGENT, "https://example.org/x")
    assert not _entry(None).parser().can_fetch(AGENT, "https://example.org/x")


def test_crawl_delay() -> None:
    assert _entry(200, "User-agent: *\nCrawl-delay: 4\n").parser().crawl_delay(AGENT) == 4
