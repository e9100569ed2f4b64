"""robots.txt: asked once per origin and TTL, through the same safe client.

Rules (RFC 9309): a 2xx answer is parsed with ``urllib.robotparser``; 4xx
(no robots.txt, or not for us) allows everything; a 5xx answer or no answer
at all disallows everything for an hour, because the site may be in trouble.
A ``Crawl-delay`` for our agent (or ``*``) stretches the host's request
interval, capped by ``FetchSettings.max_crawl_delay_s``.

Article pages are checked; feeds are not. A feed URL is configured by an
operator and published for machines to poll; many sites that disallow
crawlers on ``/`` still want their RSS read.

Entries live in memory for the run (``RobotsCache``) and in ``raw.robots_txt``
between runs, so a host is asked at most once per TTL (24 h) across runs.
"""

from __future__ import annotations

import threading
import urllib.robotparser
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import psycopg2.extensions

from summitwatch.sources.http import FetchError, HttpClient
from summitwatch.sources.landing import FetchRecord
from summitwatch.sources.politeness import origin
from summitwatch.sources.safety import UnsafeURL, refusal_outcome

ROBOTS_AGENT = "SummitWatch"


@dataclass(frozen=True)
class RobotsEntry:
    origin: str
    http_status: int | None
    body: str
    fetched_at: datetime
    expires_at: datetime

    def parser(self) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser()
        parser.modified()  # can_fetch answers False until the parser believes it has read the file
        if self.http_status is not None and 200 <= self.http_status < 300:
            parser.parse(self.body.splitlines())
        elif self.http_status is not None and 400 <= self.http_status < 500:
            parser.parse([])  # no rules: everything allowed
        else:
            parser.parse(["User-agent: *", "Disallow: /"])  # server error or unreachable: assume disallow
        return parser


@dataclass(frozen=True)
class RobotsVerdict:
    allowed: bool
    crawl_delay_s: float | None
    record: FetchRecord | None  # the robots.txt request made for this verdict, if one was made


class RobotsCache:
    def __init__(self, client: HttpClient, entries: dict[str, RobotsEntry] | None = None) -> None:
        self._client = client
        self._entries = dict(entries or {})
        self._parsers: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._fetched: dict[str, RobotsEntry] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def fresh_entries(self) -> list[RobotsEntry]:
        """Entries fetched during this run, for ``save_robots_entries``."""
        with self._lock:
            return list(self._fetched.values())

    def check(
        self, url: str, *, source_name: str, allow_private_network: bool, now: datetime | None = None
    ) -> RobotsVerdict:
        key = origin(url)
        with self._lock:
            host_lock = self._locks.setdefault(key, threading.Lock())
        # One worker fetches a host's robots.txt; the others wait for its answer.
        with host_lock:
            now = now or datetime.now(UTC)
            record = None
            entry = self._entries.get(key)
            if entry is None or entry.expires_at <= now:
                entry, record = self._fetch(url, key, source_name, allow_private_network, now)
                with self._lock:
                    self._entries[key] = entry
                    self._fetched[key] = entry
                    self._parsers.pop(key, None)
            parser = self._parsers.get(key) or self._parsers.setdefault(key, entry.parser())
        agent = self._client.settings.user_agent
        allowed = parser.can_fetch(agent, url)
        delay = parser.crawl_delay(agent)
        crawl_delay = min(float(delay), self._client.settings.max_crawl_delay_s) if delay else None
        if crawl_delay:
            self._client.limiter.slow_down(key, crawl_delay)
        return RobotsVerdict(allowed, crawl_delay, record)

    def sitemaps(
        self, url: str, *, source_name: str, allow_private_network: bool
    ) -> tuple[list[str], RobotsVerdict]:
        """The ``Sitemap:`` URLs of the robots.txt of ``url``'s host (fetched or cached as for ``check``)."""
        verdict = self.check(url, source_name=source_name, allow_private_network=allow_private_network)
        with self._lock:
            parser = self._parsers[origin(url)]
        return list(parser.site_maps() or []), verdict

    def _fetch(
        self, url: str, key: str, source_name: str, allow_private_network: bool, now: datetime
    ) -> tuple[RobotsEntry, FetchRecord]:
        robots_url = f"{key.rsplit(':', 1)[0]}{_port_suffix(key)}/robots.txt"
        settings = self._client.settings
        try:
            response = self._client.get(
                robots_url,
                allow_private_network=allow_private_network,
                max_bytes=settings.max_robots_bytes,
                accept="text/plain",
            )
        except (FetchError, UnsafeURL) as exc:
            entry = RobotsEntry(key, None, "", now, now + timedelta(seconds=settings.robots_error_ttl_s))
            attempts = exc.attempts if isinstance(exc, FetchError) else 0
            record = FetchRecord(
                source_name,
                robots_url,
                refusal_outcome(exc) if isinstance(exc, UnsafeURL) else "error",
                error=f"robots.txt unavailable, pages of this host are not fetched for now: {exc}",
                request_kind="robots",
                attempts=attempts,
            )
            return entry, record
        ttl = settings.robots_ttl_s if response.status < 500 else settings.robots_error_ttl_s
        body = response.body.decode("utf-8", errors="replace") if 200 <= response.status < 300 else ""
        entry = RobotsEntry(key, response.status, body, now, now + timedelta(seconds=ttl))
        failed = response.status >= 500
        record = FetchRecord(
            source_name,
            robots_url,
            "error" if failed else "ok",
            response.status,
            len(response.body),
            response.duration_ms,
            error=f"HTTP {response.status}: pages of this host are not fetched for now" if failed else None,
            request_kind="robots",
            attempts=response.attempts,
            final_url=response.final_url,
        )
        return entry, record


def _port_suffix(key: str) -> str:
    scheme, rest = key.split("://", 1)
    port = rest.rsplit(":", 1)[1]
    default = "443" if scheme == "https" else "80"
    return "" if port == default else f":{port}"


def load_robots_entries(cur: psycopg2.extensions.cursor, now: datetime) -> dict[str, RobotsEntry]:
    cur.execute(
        "SELECT origin, http_status, body, fetched_at, expires_at FROM raw.robots_txt WHERE expires_at > %s",
        (now,),
    )
    return {row[0]: RobotsEntry(*row) for row in cur.fetchall()}


def save_robots_entries(cur: psycopg2.extensions.cursor, entries: list[RobotsEntry]) -> None:
    for e in entries:
        cur.execute(
            """
            INSERT INTO raw.robots_txt (origin, http_status, body, fetched_at, expires_at)
            VALUES (%s, %s, %s, %s, %s)
            ON CONFLICT (origin) DO UPDATE SET http_status = EXCLUDED.http_status, body = EXCLUDED.body,
                fetched_at = EXCLUDED.fetched_at, expires_at = EXCLUDED.expires_at
            """,
            (e.origin, e.http_status, e.body.replace("\x00", ""), e.fetched_at, e.expires_at),
        )
