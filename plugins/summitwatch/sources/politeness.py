"""Being a good citizen towards each host: concurrency, spacing, backoff, Retry-After.

The limits live in-process: one ``HostLimiter`` is shared by every worker
thread of a fetch run, keyed by ``scheme://host:port``. Airflow runs
``news_fetch`` with ``max_active_runs=1``, so one process talks to a host at a
time; the push DAG adds at most a handful of requests. A cross-process limiter
(Redis, Postgres advisory locks) would buy little for that.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

# Jitter only spreads retries out; it needs no cryptographic quality, but
# SystemRandom keeps the linter quiet without a blanket exception.
_jitter = random.SystemRandom()


def origin(url: str) -> str:
    """``scheme://host:port``: the unit that limits, robots.txt and backoff apply to."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    return f"{parts.scheme}://{host}:{port}"


def backoff_delay(attempt: int, *, base_s: float, max_s: float) -> float:
    """Full-jitter exponential backoff before retry number ``attempt`` (1 = first retry)."""
    ceiling = min(max_s, base_s * (2 ** (attempt - 1)))
    return _jitter.uniform(0, ceiling)


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class HostLimiter:
    """At most ``concurrency`` requests in flight per host and ``interval_s`` between request starts.

    ``slow_down`` stretches one host's interval (robots.txt Crawl-delay) and
    ``pause`` holds a host back until a time (429/503 Retry-After), so other
    workers do not hammer a host that just asked us to wait.
    """

    def __init__(
        self,
        *,
        concurrency: int,
        interval_s: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._concurrency = max(1, concurrency)
        self._interval_s = interval_s
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._intervals: dict[str, float] = {}

    def slow_down(self, host: str, interval_s: float) -> None:
        with self._lock:
            self._intervals[host] = max(self._intervals.get(host, self._interval_s), interval_s)

    def pause(self, host: str, seconds: float) -> None:
        with self._lock:
            self._next_start[host] = max(self._next_start.get(host, 0.0), self._clock() + seconds)

    def interval(self, host: str) -> float:
        with self._lock:
            return self._intervals.get(host, self._interval_s)

    def _reserve_start(self, host: str) -> float:
        """Book the next start slot for ``host`` and return how long to wait for it."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next_start.get(host, 0.0))
            self._next_start[host] = start + self._intervals.get(host, self._interval_s)
            return start - now

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._semaphores.setdefault(host, threading.Semaphore(self._concurrency))
        with semaphore:
            wait = self._reserve_start(host)
            if wait > 0:
                self._sleep(wait)
            yield
