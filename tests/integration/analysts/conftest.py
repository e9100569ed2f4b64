"""Fixtures for the analysts' side of the database: a small hand-made world and the demo data.

``analyst_world`` writes a few sources, articles, events and mentions straight into
the tables (team-written headlines and sentences), so the views can be checked
against rows whose every value is known. ``demo_data`` runs the real pipeline on
``seeds/demo`` instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg2
import psycopg2.extensions
import pytest

from summitwatch.paths import project_root

GUIDE = project_root() / "docs" / "analyst-guide.md"


@contextmanager
def as_role(conn: psycopg2.extensions.connection, role: str) -> Iterator[psycopg2.extensions.cursor]:
    """A cursor acting as ``role`` inside a transaction that is rolled back afterwards."""
    with conn.cursor() as cur:
        cur.execute(f"SET ROLE {role}")
        try:
            yield cur
        finally:
            conn.rollback()
            cur.execute("RESET ROLE")
            conn.commit()


@dataclass(frozen=True)
class World:
    articles: dict[str, int]
    events: dict[str, int]


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


SOURCES = [
    ("wire-a", "feed", "http://wire-a.example/feed.xml", "en", "DE"),
    ("paper-b", "page", "http://paper-b.example/politics", "en", "GB"),
    ("dropbox", "folder", "/srv/drop", "de", "DE"),
]

# key: (source, published_at, precision, title, url)
ARTICLES = {
    "helsinki-announced": (
        "wire-a",
        "2018-06-28 09:00",
        "second",
        "Trump and Putin agree on Helsinki summit",
        "http://wire-a.example/2018/helsinki-announced",
    ),
    "helsinki-announced-b": (
        "paper-b",
        "2018-06-28 15:00",
        "second",
        "Helsinki to host first Trump-Putin summit",
        "http://paper-b.example/helsinki",
    ),
    "helsinki-held": (
        "wire-a",
        "2018-07-16 18:00",
        "second",
        "Trump and Putin meet in Helsinki",
        "http://wire-a.example/2018/helsinki-held",
    ),
    "moscow-invitation": ("dropbox", "2018-07-01 00:00", "month", "Putin lädt Trump nach Moskau ein", None),
    "buenos-aires-planned": (
        "wire-a",
        "2018-11-20 08:00",
        "second",
        "Trump and Putin to meet at G20",
        "http://wire-a.example/2018/g20-meeting",
    ),
    "buenos-aires-cancelled": (
        "paper-b",
        "2018-11-29 17:30",
        "second",
        "Trump calls off meeting with Putin",
        "http://paper-b.example/g20-called-off",
    ),
    "osaka-held": (
        "wire-a",
        "2019-06-28 10:00",
        "second",
        "Trump and Putin talk in Osaka",
        "http://wire-a.example/2019/osaka",
    ),
    "meseberg-held": (
        "wire-a",
        "2018-06-19 07:00",
        "second",
        "Merkel receives Macron at Meseberg",
        "http://wire-a.example/2018/meseberg",
    ),
}

TRUMP_PUTIN = ["Donald Trump", "Vladimir Putin"]

# key: (kind, participants, location, country, event_date, confidence)
EVENTS = {
    "helsinki": ("summit", TRUMP_PUTIN, "Helsinki", "FI", "2018-07-16", 0.9),
    "buenos-aires": ("meeting", TRUMP_PUTIN, "Buenos Aires", "AR", "2018-11-30", 0.8),
    "osaka": ("meeting", TRUMP_PUTIN, "Osaka", "JP", "2019-06-28", 0.7),
    "moscow": ("visit", TRUMP_PUTIN, "Moscow", "RU", "2018", 0.6),
    "meseberg": ("meeting", ["Angela Merkel", "Emmanuel Macron"], "Meseberg", "DE", "2018-06-19", 0.85),
}

# (article, event, status, evidence)
MENTIONS = [
    (
        "helsinki-announced",
        "helsinki",
        "planned",
        "Trump and Putin will hold a summit in Helsinki on July 16.",
    ),
    ("helsinki-announced-b", "helsinki", "planned", "The two presidents are to meet in Helsinki in July."),
    ("helsinki-held", "helsinki", "held", "Trump and Putin met in Helsinki on Monday."),
    (
        "moscow-invitation",
        "helsinki",
        "held",
        "Trump und Putin waren am 16. Juli in Helsinki zusammengekommen.",
    ),
    ("moscow-invitation", "moscow", "invited", "Putin hat Trump nach Moskau eingeladen."),
    (
        "buenos-aires-planned",
        "buenos-aires",
        "planned",
        "Trump and Putin are to meet on the sidelines of the G20.",
    ),
    (
        "buenos-aires-cancelled",
        "buenos-aires",
        "cancelled",
        "Trump called off the planned meeting with Putin.",
    ),
    ("osaka-held", "osaka", "held", "Trump and Putin held talks in Osaka on Friday."),
    ("meseberg-held", "meseberg", "held", "Merkel received Macron at Meseberg castle on Tuesday."),
]


def _add_article(
    cur: psycopg2.extensions.cursor,
    digest: str,
    key: str,
    source: str,
    published: str,
    precision: str,
    title: str,
    url: str | None,
) -> int:
    """A processed raw item and its article; returns the article id."""
    body = f"{title}.\nA report written for the Summit Watch tests ({digest[-4:]})."
    cur.execute(
        """
        INSERT INTO raw.items (source_name, item_key, content_sha256, url, title, content, content_type,
                               process_state, processed_at)
        VALUES (%s, %s, %s, %s, %s, %s, 'text/plain', 'done', now()) RETURNING item_id
        """,
        (source, key, digest, url, title, body),
    )
    item_id = cur.fetchone()[0]
    cur.execute(
        """
        INSERT INTO core.articles (item_id, source_name, doc_id, canonical_url, title, body, language,
                                   published_at, published_precision, content_hash)
        VALUES (%s, %s, %s, %s, %s, %s, 'en', %s, %s, %s) RETURNING article_id
        """,
        (item_id, source, f"{source}/{key}", url, title, body, _at(published), precision, digest),
    )
    return int(cur.fetchone()[0])


def _add_event(
    cur: psycopg2.extensions.cursor,
    key: str,
    fields: tuple[Any, ...],
    status: str,
    confidence: float,
    reports: list[str],
) -> int:
    """A canonical event (kind, people, place, country, day) reported at ``reports``; returns its id."""
    kind, people, place, country, day = fields
    cur.execute(
        """
        INSERT INTO events.events (event_key, kind, status, participants, location, country, event_date,
                                   confidence, first_reported_at, last_reported_at)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING event_id
        """,
        (f"test:{key}", kind, status, people, place, country, day, confidence,
         _at(min(reports)), _at(max(reports))),
    )  # fmt: skip
    return int(cur.fetchone()[0])


def _add_mention(
    cur: psycopg2.extensions.cursor,
    article_id: int,
    event_id: int,
    fields: tuple[Any, ...],
    status: str,
    evidence: str,
    confidence: float,
    loaded_hours_ago: float = 0,
) -> None:
    """One mention of ``event_id`` in ``article_id``, loaded ``loaded_hours_ago`` hours ago."""
    kind, people, place, country, day = fields
    cur.execute(
        """
        INSERT INTO events.mentions (article_id, event_id, extractor_version, kind, status, participants,
                                     location, country, event_date, evidence, confidence, created_at)
        VALUES (%s, %s, 'test-1', %s, %s, %s, %s, %s, %s, %s, %s, now() - %s * interval '1 hour')
        """,
        (article_id, event_id, kind, status, people, place, country, day, evidence, confidence,
         loaded_hours_ago),
    )  # fmt: skip


def build_world(conn: psycopg2.extensions.connection) -> World:
    now = datetime.now(UTC)
    articles: dict[str, int] = {}
    events: dict[str, int] = {}
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO raw.sources (name, kind, location, language, country, last_polled_at) "
            "VALUES (%s, %s, %s, %s, %s, now())",
            SOURCES,
        )
        for number, (key, (source, published, precision, title, url)) in enumerate(ARTICLES.items()):
            articles[key] = _add_article(
                cur, f"{number + 1:064x}", key, source, published, precision, title, url
            )
        # One item still waiting, one that failed.
        cur.execute(
            """
            INSERT INTO raw.items (source_name, item_key, content_sha256, content, content_type)
            VALUES ('wire-a', 'waiting', repeat('a', 64), 'Not processed yet.', 'text/plain')
            """
        )
        cur.execute(
            """
            INSERT INTO raw.items (source_name, item_key, content_sha256, content, content_type,
                                   process_state, process_error, processed_at)
            VALUES ('paper-b', 'broken', repeat('b', 64), '<html></html>', 'text/html',
                    'failed', 'empty: no text', now())
            """
        )
        for key, (*fields, confidence) in EVENTS.items():
            reports = [ARTICLES[a][1] for a, e, _, _ in MENTIONS if e == key]
            statuses = [s for _, e, s, _ in MENTIONS if e == key]
            events[key] = _add_event(cur, key, tuple(fields), statuses[-1], confidence, reports)
        for article, event, status, evidence in MENTIONS:
            *fields, confidence = EVENTS[event]
            _add_mention(cur, articles[article], events[event], tuple(fields), status, evidence, confidence)
        # The first report of each status, as the loader records it.
        cur.execute(
            """
            INSERT INTO events.status_history (event_id, status, first_reported_at, first_article_id)
            SELECT DISTINCT ON (m.event_id, m.status) m.event_id, m.status, a.published_at, a.article_id
            FROM events.mentions m JOIN core.articles a USING (article_id)
            ORDER BY m.event_id, m.status, a.published_at, a.article_id
            """
        )
        fetches = [
            ("wire-a", "ok", 200, None, now - timedelta(hours=1)),
            (
                "wire-a",
                "error",
                503,
                "HTTP 503 from http://wire-a.example/feed.xml",
                now - timedelta(hours=2),
            ),
            ("paper-b", "blocked", 403, "HTTP 403", now - timedelta(days=3)),
            ("paper-b", "ok", 200, None, now - timedelta(minutes=10)),
            ("dropbox", "ok", None, None, now - timedelta(minutes=5)),
        ]
        cur.executemany(
            "INSERT INTO raw.fetch_log (source_name, url, outcome, http_status, error, requested_at) "
            "VALUES (%s, 'http://example/', %s, %s, %s, %s)",
            fetches,
        )
    conn.commit()
    return World(articles, events)


@pytest.fixture
def analyst_world(db: psycopg2.extensions.connection) -> World:
    return build_world(db)


@pytest.fixture
def demo_data(db: psycopg2.extensions.connection) -> psycopg2.extensions.connection:
    """The demo pipeline run for real: seeds/demo sources fetched from the served site, then processed."""
    from summitwatch.local_site import serve_directory
    from summitwatch.paths import seeds_dir
    from summitwatch.pipeline.fetch import fetch_all
    from summitwatch.pipeline.process import process_pending
    from summitwatch.seeding import load_seeds

    load_seeds(db, seeds_dir() / "demo" / "sources.csv")
    with serve_directory(seeds_dir() / "demo" / "site"):
        fetched = fetch_all(db, force=True)
    assert not fetched.errors, fetched.errors
    process_pending(db)
    return db


def guide_examples(path: Path = GUIDE, marker: str = "example") -> dict[str, str]:
    """The guide's worked examples: each ```sql block preceded by ``<!-- example: NAME -->``.

    ``marker="reviewer-example"`` gives the ones that write, as the reviewer role.
    """
    examples: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.startswith(f"<!-- {marker}:"):
            name = line.removeprefix(f"<!-- {marker}:").removesuffix("-->").strip()
            start = next(i for i in range(number + 1, len(lines)) if lines[i].startswith("```sql")) + 1
            end = next(i for i in range(start, len(lines)) if lines[i].startswith("```"))
            examples[name] = "\n".join(lines[start:end])
    return examples


# What analysts ask of actors, loading times and outlets (issue 15), on top of the world above:
# two feeds of one publisher, the people's offices, and reports loaded at different times.
MORE_SOURCES = [("wire-a-europe", "feed", "http://wire-a.example/europe.xml", "en", "DE", "wire-a")]
# (qid, name, country, [(office, jurisdiction, start, end)]): team-written from public record.
ACTORS = [
    ("Q22686", "Donald Trump", "US", [("president", "US", "2017-01-20", "2021-01-20")]),
    ("Q7747", "Vladimir Putin", "RU", [("president", "RU", "2012-05-07", None)]),
    ("Q473239", "Mike Pompeo", "US", [("foreign_minister", "US", "2018-04-26", "2021-01-20")]),
    ("Q58217", "Sergey Lavrov", "RU", [("foreign_minister", "RU", "2004-03-09", None)]),
    ("Q567", "Angela Merkel", "DE", [("head_of_government", "DE", "2005-11-22", "2021-12-08")]),
    ("Q3052772", "Emmanuel Macron", "FR", [("president", "FR", "2017-05-14", None)]),
]
# key: (source, published_at, precision, title, url, hours since it was loaded)
MORE_ARTICLES = {
    "sochi-planned": (
        "wire-a",
        "2019-05-10 12:00",
        "second",
        "Pompeo to meet Lavrov in Sochi",
        "http://wire-a.example/2019/sochi",
        72,
    ),
    "sochi-held": (
        "wire-a-europe",
        "2019-05-14 16:00",
        "second",
        "Pompeo and Lavrov meet in Sochi",
        "http://wire-a.example/europe/sochi",
        2,
    ),
    "phone-call": (
        "wire-a-europe",
        "2019-05-03 19:00",
        "second",
        "Trump and Putin speak by phone",
        "http://wire-a.example/europe/call",
        1,
    ),
}
# key: (kind, participants, location, country, event_date)
MORE_EVENTS = {
    "sochi": ("meeting", ["Mike Pompeo", "Sergey Lavrov"], "Sochi", "RU", "2019-05-14"),
    "phone-call": ("call", TRUMP_PUTIN, None, None, "2019-05-03"),
}
MORE_MENTIONS = [
    ("sochi-planned", "sochi", "planned", "Pompeo will meet Lavrov in Sochi on Tuesday."),
    ("sochi-held", "sochi", "held", "Pompeo and Lavrov met in Sochi on Tuesday."),
    ("phone-call", "phone-call", "held", "Trump and Putin spoke by phone on Friday."),
]


def extend_world(conn: psycopg2.extensions.connection, world: World) -> World:
    """Add MORE_*; every report of the base world counts as loaded three days ago."""
    articles, events = dict(world.articles), dict(world.events)
    with conn.cursor() as cur:
        cur.execute("UPDATE events.mentions SET created_at = now() - interval '3 days'")
        cur.executemany(
            "INSERT INTO raw.sources (name, kind, location, language, country, outlet, last_polled_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, now())",
            MORE_SOURCES,
        )
        for qid, name, country, offices in ACTORS:
            cur.execute(
                "INSERT INTO events.actors (qid, name, country, source) VALUES (%s, %s, %s, 'test')",
                (qid, name, country),
            )
            cur.executemany(
                "INSERT INTO events.offices (qid, office, jurisdiction, start_date, end_date, source) "
                "VALUES (%s, %s, %s, %s, %s, 'test')",
                [(qid, *office) for office in offices],
            )
        for number, (key, (source, published, precision, title, url, _)) in enumerate(MORE_ARTICLES.items()):
            digest = f"{number + 1:064x}".replace("0", "e", 1)
            articles[key] = _add_article(cur, digest, key, source, published, precision, title, url)
        for key, fields in MORE_EVENTS.items():
            reports = [MORE_ARTICLES[a][1] for a, e, _, _ in MORE_MENTIONS if e == key]
            status = [s for _, e, s, _ in MORE_MENTIONS if e == key][-1]
            events[key] = _add_event(cur, key, fields, status, 0.8, reports)
        for article, event, status, evidence in MORE_MENTIONS:
            _add_mention(
                cur, articles[article], events[event], MORE_EVENTS[event], status, evidence, 0.8,
                loaded_hours_ago=MORE_ARTICLES[article][5],
            )  # fmt: skip
        cur.execute(
            """
            INSERT INTO events.status_history (event_id, status, first_reported_at, first_article_id)
            SELECT DISTINCT ON (m.event_id, m.status) m.event_id, m.status, a.published_at, a.article_id
            FROM events.mentions m JOIN core.articles a USING (article_id)
            WHERE m.event_id = ANY (%s)
            ORDER BY m.event_id, m.status, a.published_at, a.article_id
            """,
            ([events[k] for k in MORE_EVENTS],),
        )
    conn.commit()
    return World(articles, events)


@pytest.fixture
def wider_world(db: psycopg2.extensions.connection, analyst_world: World) -> World:
    return extend_world(db, analyst_world)
