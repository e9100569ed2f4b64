"""Watches as data: ``seeds/watchlists.csv`` and the ``reporting.watchlists`` table.

A watch names what it follows (actors, groups, places, kinds, statuses, or one
gathering by id; every criterion given must match, any value within one
criterion will do) and where its notifications go (an e-mail address or a
webhook URL). Reviewers write the table directly; deployments that keep their
configuration in the repository list watches in the seed file, which
``summitwatch seed`` upserts by name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg2.extensions

from summitwatch.events.model import KINDS, STATUSES
from summitwatch.sources.catalog import SourceConfigError, parse_flag

CHANNELS = ("email", "webhook")
_COLUMNS = (
    "name",
    "actors",
    "groups",
    "places",
    "kinds",
    "statuses",
    "event_id",
    "channel",
    "target",
    "active",
)
_LIST_SEPARATOR = ";"


class WatchConfigError(SourceConfigError):
    """A watchlist file that cannot be used; the message names file and line."""


@dataclass(frozen=True)
class Watch:
    name: str
    channel: str
    target: str
    actors: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    event_id: int | None = None
    allow_private_network: bool = False
    active: bool = True
    watch_id: int | None = field(default=None, compare=False)
    notify_from: datetime | None = field(default=None, compare=False)


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(_LIST_SEPARATOR) if v.strip())


def read_watchlists_csv(path: Path) -> list[Watch]:
    """Parse a watchlist CSV (lists within a cell are separated by ``;``)."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise WatchConfigError(f"{path}: cannot read ({exc.strerror})") from exc
    watches: list[Watch] = []
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise WatchConfigError(f"{path}: missing columns {', '.join(missing)}")
        for line_no, row in enumerate(reader, start=2):
            where = f"{path}:{line_no}"
            watch = Watch(
                name=row["name"].strip(),
                channel=row["channel"].strip(),
                target=row["target"].strip(),
                actors=_list(row["actors"]),
                groups=_list(row["groups"]),
                places=_list(row["places"]),
                kinds=_list(row["kinds"]),
                statuses=_list(row["statuses"]),
                event_id=_event_id(row["event_id"], where),
                allow_private_network=parse_flag(row.get("allow_private_network") or "", where),
                active=parse_flag(row["active"], where),
            )
            problem = watch_problem(watch)
            if problem:
                raise WatchConfigError(f"{where}: {problem}")
            watches.append(watch)
    names = [w.name for w in watches]
    if len(set(names)) != len(names):
        raise WatchConfigError(f"{path}: watch names must be unique")
    return watches


def _event_id(value: str | None, where: str) -> int | None:
    if not (value or "").strip():
        return None
    try:
        return int(value or "")
    except ValueError as exc:
        raise WatchConfigError(f"{where}: event_id must be a whole number, got {value!r}") from exc


def watch_problem(watch: Watch) -> str | None:
    """Why a watch cannot be used, or None (the table's checks say the same, later and less kindly)."""
    if not watch.name:
        return "a watch needs a name"
    if watch.channel not in CHANNELS:
        return f"channel must be one of {', '.join(CHANNELS)}, got {watch.channel!r}"
    if watch.channel == "email" and "@" not in watch.target:
        return f"an email watch needs an e-mail address as target, got {watch.target!r}"
    if watch.channel == "webhook" and not watch.target.startswith(("http://", "https://")):
        return f"a webhook watch needs an http(s) URL as target, got {watch.target!r}"
    bad_kinds = [k for k in watch.kinds if k not in KINDS]
    if bad_kinds:
        return f"unknown kinds {bad_kinds}; kinds are {', '.join(KINDS)}"
    bad_statuses = [s for s in watch.statuses if s not in STATUSES]
    if bad_statuses:
        return f"unknown statuses {bad_statuses}; statuses are {', '.join(STATUSES)}"
    return None


def upsert_watches(cur: psycopg2.extensions.cursor, watches: list[Watch]) -> int:
    """Write each watch by name; a changed row keeps its id, its start and its delivery history."""
    for w in watches:
        cur.execute(
            """
            INSERT INTO reporting.watchlists AS w (name, actors, groups, places, kinds, statuses, event_id,
                                                   channel, target, allow_private_network, active)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
            ON CONFLICT (name) DO UPDATE SET
                actors = EXCLUDED.actors, groups = EXCLUDED.groups, places = EXCLUDED.places,
                kinds = EXCLUDED.kinds, statuses = EXCLUDED.statuses, event_id = EXCLUDED.event_id,
                channel = EXCLUDED.channel, target = EXCLUDED.target,
                allow_private_network = EXCLUDED.allow_private_network, active = EXCLUDED.active
            WHERE (w.actors, w.groups, w.places, w.kinds, w.statuses, w.event_id, w.channel, w.target,
                   w.allow_private_network, w.active)
                  IS DISTINCT FROM
                  (EXCLUDED.actors, EXCLUDED.groups, EXCLUDED.places, EXCLUDED.kinds, EXCLUDED.statuses,
                   EXCLUDED.event_id, EXCLUDED.channel, EXCLUDED.target, EXCLUDED.allow_private_network,
                   EXCLUDED.active)
            """,
            (
                w.name,
                list(w.actors),
                list(w.groups),
                list(w.places),
                list(w.kinds),
                list(w.statuses),
                w.event_id,
                w.channel,
                w.target,
                w.allow_private_network,
                w.active,
            ),
        )
    return len(watches)


def active_watches(cur: psycopg2.extensions.cursor) -> list[Watch]:
    cur.execute(
        """
        SELECT watch_id, name, channel, target, actors, groups, places, kinds, statuses, event_id,
               allow_private_network, active, notify_from
        FROM reporting.watchlists WHERE active ORDER BY watch_id
        """
    )
    return [
        Watch(
            watch_id=row[0],
            name=row[1],
            channel=row[2],
            target=row[3],
            actors=tuple(row[4]),
            groups=tuple(row[5]),
            places=tuple(row[6]),
            kinds=tuple(row[7]),
            statuses=tuple(row[8]),
            event_id=row[9],
            allow_private_network=row[10],
            active=row[11],
            notify_from=row[12],
        )
        for row in cur.fetchall()
    ]
