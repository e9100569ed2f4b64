"""How hard and how long the crawler may try: every politeness and safety limit in one place.

Defaults are for live runs against real publishers; every value can be set
from the environment (``SUMMITWATCH_FETCH_<NAME>``, e.g.
``SUMMITWATCH_FETCH_TIMEOUT_S=5``), and tests pass their own ``FetchSettings``.

Decisions (see docs/sources.md):

- per host at most 2 requests in flight and 1 s between request starts;
  a robots.txt ``Crawl-delay`` raises the interval, capped at 10 s;
- 3 attempts per request, retried only on timeouts, connection errors, 5xx
  and 429, with exponential backoff and full jitter (base 1 s, cap 30 s);
- ``Retry-After`` is honoured up to 120 s; a longer one ends the request and
  the source is not polled again before that time;
- 15 s per network read, 60 s for the whole response, 10 MiB per body
  (counted after decompression), 5 redirects.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TypeVar

from summitwatch import __version__

S = TypeVar("S")

USER_AGENT = f"SummitWatch/{__version__} (+https://github.com/summitwatch/summitwatch; news research crawler)"


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = USER_AGENT
    connect_timeout_s: float = 10.0
    timeout_s: float = 15.0  # per network read
    deadline_s: float = 60.0  # whole response, so a server trickling bytes cannot hold us forever
    max_bytes: int = 10 * 1024 * 1024  # after decompression: a gzip bomb stops here
    max_redirects: int = 5
    max_attempts: int = 3
    backoff_base_s: float = 1.0
    backoff_max_s: float = 30.0
    max_retry_after_s: float = 120.0
    per_host_concurrency: int = 2
    per_host_interval_s: float = 1.0
    max_crawl_delay_s: float = 10.0
    workers: int = 8  # sources polled at once (different hosts run in parallel)
    fetch_pages: bool = True
    max_pages_per_poll: int = 60  # new items beyond this wait for the next poll
    robots_ttl_s: float = 24 * 3600.0
    robots_error_ttl_s: float = 3600.0
    max_robots_bytes: int = 512 * 1024  # RFC 9309 asks parsers to read at least 500 KiB
    max_failure_backoff_s: float = 24 * 3600.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> FetchSettings:
        return settings_from_env(cls, "SUMMITWATCH_FETCH_", environ)


def settings_from_env(cls: type[S], prefix: str, environ: Mapping[str, str] | None = None) -> S:
    """An instance of the settings dataclass ``cls``, each field overridable by ``<prefix><NAME>``."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        raw = env.get(f"{prefix}{f.name.upper()}")
        if raw is None or raw == "":
            continue
        default = getattr(cls, f.name)
        try:
            if isinstance(default, bool):
                values[f.name] = raw.strip().lower() in ("1", "true", "yes")
            elif isinstance(default, int):
                values[f.name] = int(raw)
            elif isinstance(default, float):
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        except ValueError as exc:
            raise ValueError(f"{prefix}{f.name.upper()}={raw!r}: not a valid value") from exc
    return cls(**values)
