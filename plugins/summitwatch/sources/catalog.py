"""Sources as data: ``seeds/sources.csv`` and the ``raw.sources`` table.

The CSV is the configuration; the table adds per-source fetch state (ETag,
Last-Modified, body hash), which loading the CSV again never overwrites.
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

import psycopg2.extensions

SOURCE_KINDS = ("feed", "page", "folder", "push", "warc", "sitemap")
_COLUMNS = ("name", "kind", "location", "language", "country", "poll_interval_minutes", "active")
# The same rule as the CHECK on raw.sources.name (sql/0002_raw.sql), so a bad name is a clear
# error for its line of the CSV, never a constraint violation from the database.
SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n", ""}


class SourceConfigError(ValueError):
    """A sources file that cannot be used; the message names file and line."""


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    location: str
    language: str | None = None
    country: str | None = None
    poll_interval_minutes: int = 15
    active: bool = True
    allow_private_network: bool = False
    # warc and sitemap sources: keep only pages on these hosts (and their subdomains); () = all.
    url_hosts: tuple[str, ...] = ()
    outlet: str | None = None  # the publisher; several feeds may share one (default: the name)


def host_listed(host: str, hosts: tuple[str, ...] | frozenset[str]) -> bool:
    """Whether ``host`` is on a source's ``url_hosts`` (a listed host keeps its subdomains); an empty
    list keeps every host."""
    if not hosts:
        return True
    host = host.lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in hosts)


def parse_flag(value: str, where: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise SourceConfigError(f"{where}: expected true/false, got {value!r}")


def read_sources_csv(path: Path, *, base_dir: Path | None = None) -> list[Source]:
    """Parse a sources CSV. Relative folder paths are resolved against ``base_dir``
    (default: the CSV's own directory), so the file works from any working directory."""
    base_dir = base_dir or path.parent
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise SourceConfigError(f"{path}: cannot read ({exc.strerror})") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise SourceConfigError(f"{path}: missing columns {', '.join(missing)}")
        sources: list[Source] = []
        for line_no, row in enumerate(reader, start=2):
            where = f"{path}:{line_no}"
            name = (row["name"] or "").strip()
            if not SOURCE_NAME.match(name):
                raise SourceConfigError(
                    f"{where}: name must be lower-case letters, digits, '_', '.' and '-', "
                    f"starting with a letter or digit; got {name!r}"
                )
            kind = row["kind"].strip()
            if kind not in SOURCE_KINDS:
                raise SourceConfigError(
                    f"{where}: kind must be one of {', '.join(SOURCE_KINDS)}, got {kind!r}"
                )
            location = row["location"].strip()
            if kind == "folder" and not Path(location).is_absolute():
                location = str((base_dir / location).resolve())
            if kind == "warc" and "://" not in location and not Path(location).is_absolute():
                location = str(base_dir / location)  # a glob stays a glob
            try:
                interval = int(row["poll_interval_minutes"] or 15)
            except ValueError as exc:
                raise SourceConfigError(f"{where}: poll_interval_minutes must be a whole number") from exc
            sources.append(
                Source(
                    name=name,
                    kind=kind,
                    location=location,
                    language=(row.get("language") or "").strip() or None,
                    country=(row.get("country") or "").strip() or None,
                    poll_interval_minutes=interval,
                    active=parse_flag(row["active"], where),
                    allow_private_network=parse_flag(row.get("allow_private_network") or "", where),
                    url_hosts=tuple((row.get("url_hosts") or "").lower().split()),
                    outlet=(row.get("outlet") or "").strip() or None,
                )
            )
    names = [s.name for s in sources]
    if len(set(names)) != len(names):
        raise SourceConfigError(f"{path}: source names must be unique")
    return sources


def upsert_sources(cur: psycopg2.extensions.cursor, sources: list[Source]) -> int:
    """Write the configuration of each source; fetch state columns are left alone."""
    for s in sources:
        cur.execute(
            """
            INSERT INTO raw.sources (name, kind, location, language, country,
                                     poll_interval_minutes, active, allow_private_network, url_hosts,
                                     outlet)
            VALUES (%(name)s, %(kind)s, %(location)s, %(language)s, %(country)s,
                    %(poll_interval_minutes)s, %(active)s, %(allow_private_network)s, %(url_hosts)s,
                    %(outlet)s)
            ON CONFLICT (name) DO UPDATE SET
                kind = EXCLUDED.kind, location = EXCLUDED.location, language = EXCLUDED.language,
                country = EXCLUDED.country, poll_interval_minutes = EXCLUDED.poll_interval_minutes,
                active = EXCLUDED.active, allow_private_network = EXCLUDED.allow_private_network,
                url_hosts = EXCLUDED.url_hosts, outlet = EXCLUDED.outlet, updated_at = now()
            WHERE (raw.sources.kind, raw.sources.location, raw.sources.language, raw.sources.country,
                   raw.sources.poll_interval_minutes, raw.sources.active, raw.sources.allow_private_network,
                   raw.sources.url_hosts, raw.sources.outlet)
                  IS DISTINCT FROM
                  (EXCLUDED.kind, EXCLUDED.location, EXCLUDED.language, EXCLUDED.country,
                   EXCLUDED.poll_interval_minutes, EXCLUDED.active, EXCLUDED.allow_private_network,
                   EXCLUDED.url_hosts, EXCLUDED.outlet)
            """,
            {**asdict(s), "url_hosts": list(s.url_hosts) or None, "outlet": s.outlet or s.name},
        )
    return len(sources)


def active_sources(
    cur: psycopg2.extensions.cursor, names: list[str] | None = None, *, include_inactive: bool = False
) -> list[Source]:
    cur.execute(
        """
        SELECT name, kind, location, language, country, poll_interval_minutes, active, allow_private_network,
               url_hosts, outlet
        FROM raw.sources
        WHERE (active OR %(inactive)s) AND (%(names)s::text[] IS NULL OR name = ANY(%(names)s::text[]))
        ORDER BY name
        """,
        {"names": names, "inactive": include_inactive},
    )
    columns = [column[0] for column in cur.description or ()]
    sources = []
    for row in cur.fetchall():
        values = dict(zip(columns, row, strict=True))
        values["url_hosts"] = tuple(values["url_hosts"] or ())
        sources.append(Source(**values))
    return sources


@dataclass(frozen=True)
class SourceState:
    """What the last polls left behind: validators for conditional GET, and backoff."""

    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None
    last_polled_at: datetime | None = None
    next_poll_not_before: datetime | None = None
    consecutive_failures: int = 0

    def due(self, poll_interval_minutes: int, now: datetime) -> bool:
        if self.next_poll_not_before is not None and self.next_poll_not_before > now:
            return False
        last = self.last_polled_at
        return last is None or (now - last).total_seconds() >= poll_interval_minutes * 60


def source_states(cur: psycopg2.extensions.cursor, names: list[str]) -> dict[str, SourceState]:
    cur.execute(
        """
        SELECT name, http_etag, http_last_modified, body_sha256, last_polled_at, next_poll_not_before,
               consecutive_failures
        FROM raw.sources WHERE name = ANY(%s)
        """,
        (names,),
    )
    return {row[0]: SourceState(*row[1:]) for row in cur.fetchall()}


def mark_polled(cur: psycopg2.extensions.cursor, name: str, now: datetime) -> None:
    cur.execute("UPDATE raw.sources SET last_polled_at = %s WHERE name = %s", (now, name))


def save_validators(
    cur: psycopg2.extensions.cursor, name: str, etag: str | None, last_modified: str | None, body_sha256: str
) -> None:
    cur.execute(
        "UPDATE raw.sources SET http_etag = %s, http_last_modified = %s, body_sha256 = %s WHERE name = %s",
        (etag, last_modified, body_sha256, name),
    )


def failure_backoff_s(
    poll_interval_minutes: int, failures: int, *, retry_after_s: float | None, max_s: float
) -> float:
    """How long a failing source rests: its interval, doubled per further failure, capped.

    The first failure keeps the normal schedule (a blip); then 2x, 4x, ... up
    to ``max_s`` (a day), so a dead feed is asked a few times a day, not 96.
    A server's own Retry-After wins when it is longer.
    """
    delay = min(max_s, poll_interval_minutes * 60 * 2 ** max(0, failures - 1))
    return max(delay, retry_after_s or 0.0)


def save_poll_health(
    cur: psycopg2.extensions.cursor,
    source: Source,
    *,
    failed: bool,
    now: datetime,
    retry_after_s: float | None = None,
    max_backoff_s: float = 24 * 3600.0,
) -> None:
    if not failed:
        cur.execute(
            "UPDATE raw.sources SET consecutive_failures = 0, next_poll_not_before = NULL WHERE name = %s",
            (source.name,),
        )
        return
    cur.execute(
        "UPDATE raw.sources SET consecutive_failures = consecutive_failures + 1 WHERE name = %s "
        "RETURNING consecutive_failures",
        (source.name,),
    )
    row = cur.fetchone()
    failures = int(row[0]) if row else 1
    delay = failure_backoff_s(
        source.poll_interval_minutes, failures, retry_after_s=retry_after_s, max_s=max_backoff_s
    )
    cur.execute(
        "UPDATE raw.sources SET next_poll_not_before = %s WHERE name = %s",
        (now + timedelta(seconds=delay), source.name),
    )
