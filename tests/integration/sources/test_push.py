"""The push path end to end with real Redis and PostgreSQL: publish -> raw.items -> event.

Redis at ``SUMMITWATCH_REDIS_URL`` (default 127.0.0.1:6379) is required: a
missing Redis fails these tests.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from summitwatch.pipeline.fetch import fetch_all, ingest_pushed
from summitwatch.sources import push
from summitwatch.sources.settings import FetchSettings

from .conftest import AddSources, FaultServer, rows

ARTICLE = (
    " date 2026-03\n"
    "Bundeskanzler Olaf Scholz traf am Montag in Paris den französischen Präsidenten Emmanuel Macron. "
    "Die beiden sprachen im Élysée-Palast über die Ukraine und die europäische Verteidigung.\n"
)


@pytest.fixture
def channel() -> Iterator[str]:
    name = f"summitwatch.test.{uuid.uuid4().hex[:8]}"
    yield name
    push._redis(push.redis_url()).delete(push.mailbox_key(name))


def test_submitted_document_and_url_land_once_and_leave_the_mailbox(
    db: psycopg2.extensions.connection,
    fault: FaultServer,
    add_sources: AddSources,
    settings: FetchSettings,
    channel: str,
    tmp_path: Path,
) -> None:
    add_sources(kind="push", pushed=channel)
    document = tmp_path / "scholz-macron.txt"
    document.write_text(ARTICLE, encoding="utf-8")
    push.submit(str(document), channel=channel)
    push.submit(fault.url("/articles/leaders-geneva.html"), channel=channel)
    push.submit(str(document), channel=channel)  # the same content again
    assert len(push.read_mailbox(channel)) == 3

    summary = ingest_pushed(db, settings=settings)
    assert summary.items_landed == 2 and not summary.errors
    assert push.read_mailbox(channel) == []  # acknowledged after the commit
    found = rows(
        db, "SELECT content_type, url, payload->>'file_name', page_status FROM raw.items ORDER BY item_id"
    )
    assert found == [
        ("text/plain", None, "scholz-macron.txt", None),
        ("text/html", fault.url("/articles/leaders-geneva.html"), None, "ok"),
    ]
    # Re-submitting what is known lands nothing and fetches nothing.
    push.submit(fault.url("/articles/leaders-geneva.html"), channel=channel)
    hits = fault.hits["/articles/leaders-geneva.html"]
    assert ingest_pushed(db, settings=settings).items_landed == 0
    assert fault.hits["/articles/leaders-geneva.html"] == hits


def test_push_to_event_in_postgres(
    db: psycopg2.extensions.connection,
    add_sources: AddSources,
    settings: FetchSettings,
    channel: str,
    tmp_path: Path,
) -> None:
    from summitwatch.pipeline.process import process_pending
    from summitwatch.seeding import load_seeds

    load_seeds(db)  # reference data (actors, places) for the extractor
    add_sources(kind="push", pushed=channel)
    document = tmp_path / "paris.txt"
    document.write_text(ARTICLE, encoding="utf-8")
    push.submit(str(document), channel=channel)
    # news_fetch reads push mailboxes too: nothing is lost when no trigger heard the message.
    assert fetch_all(db, names=["pushed"], force=True, settings=settings).items_landed == 1
    process_pending(db)
    events = rows(
        db,
        """
        SELECT e.location, e.participants FROM events.events e
        JOIN events.mentions m USING (event_id) JOIN core.articles a USING (article_id)
        JOIN raw.items i USING (item_id) WHERE i.source_name = 'pushed'
        """,
    )
    assert events, "no event extracted from the pushed document"
    location, participants = events[0]
    assert location == "Paris" and {"Olaf Scholz", "Emmanuel Macron"} <= set(participants)  # type: ignore[arg-type]


def test_message_heard_by_the_airflow_trigger_is_ingested(
    db: psycopg2.extensions.connection,
    add_sources: AddSources,
    settings: FetchSettings,
    channel: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What news_push does: the provider's MessageQueueTrigger hears a message published by some other
    system straight on the channel (no mailbox), and its payload is ingested."""
    from airflow.providers.common.messaging.triggers.msg_queue import MessageQueueTrigger

    monkeypatch.setenv("AIRFLOW_CONN_SUMMITWATCH_REDIS", push.redis_url())
    add_sources(kind="push", pushed=channel)
    trigger = MessageQueueTrigger(
        scheme="redis+pubsub", channels=[channel], redis_conn_id="summitwatch_redis", poll_interval=0.05
    )
    message = {
        "version": 1,
        "id": str(uuid.uuid4()),
        "submitted_at": "2026-03-02T08:00:00Z",
        "kind": "document",
        "name": "wire.txt",
        "text": ARTICLE,
    }
    client = push._redis(push.redis_url())

    async def first_event() -> dict[str, object]:
        events = trigger.run()
        waiting = asyncio.ensure_future(events.__anext__())
        for _ in range(200):  # until the trigger has subscribed
            if dict(client.pubsub_numsub(channel)).get(channel.encode(), 0):
                break
            await asyncio.sleep(0.05)
        client.publish(channel, json.dumps(message))
        event = await asyncio.wait_for(waiting, timeout=30)
        return dict(event.payload)

    payload = asyncio.run(first_event())
    assert payload["channel"] == channel
    summary = ingest_pushed(db, [(str(payload["channel"]), str(payload["data"]))], settings=settings)
    assert summary.items_landed == 1
    assert rows(db, "SELECT payload->>'push_id' FROM raw.items") == [(message["id"],)]


def test_unusable_messages_are_recorded_and_dropped(
    db: psycopg2.extensions.connection, add_sources: AddSources, settings: FetchSettings, channel: str
) -> None:
    add_sources(kind="push", pushed=channel)
    push._redis(push.redis_url()).rpush(push.mailbox_key(channel), "not json at all")
    summary = ingest_pushed(db, settings=settings)
    assert summary.items_landed == 0
    assert push.read_mailbox(channel) == []
    [(error,)] = rows(db, "SELECT error FROM raw.fetch_log WHERE outcome = 'error'")
    assert str(error).startswith("unusable message: not JSON")


def test_pushed_url_to_metadata_is_refused(
    db: psycopg2.extensions.connection, add_sources: AddSources, settings: FetchSettings, channel: str
) -> None:
    add_sources(kind="push", pushed=channel)
    push.submit("http://169.254.169.254/latest/meta-data/", channel=channel)
    assert ingest_pushed(db, settings=settings).items_landed == 0
    [(outcome, error)] = rows(db, "SELECT outcome, error FROM raw.fetch_log WHERE request_kind = 'page'")
    assert outcome == "refused" and "169.254.169.254" in str(error)
