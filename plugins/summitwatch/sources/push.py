"""Push: other systems hand us a URL or a document for immediate ingestion.

Transport is Redis. A submission is written twice, atomically (MULTI):

1. ``RPUSH <channel>:pending <message>`` - the mailbox, durable;
2. ``PUBLISH <channel> <message>`` - the doorbell, which the ``news_push``
   DAG's ``AssetWatcher`` (``MessageQueueTrigger``, scheme ``redis+pubsub``)
   hears at once.

Pub/sub alone loses every message published while nobody listens (the
triggerer restarting, the trigger between two events). So whoever ingests -
``news_push`` on the doorbell, and ``news_fetch`` / ``summitwatch run`` on
every poll of a ``push`` source - reads the mailbox and removes a message
only after its item was committed. Delivery is at-least-once, and landing is
idempotent (URL or content hash as item key), so a message seen twice lands
once. Messages published on the channel by others without the mailbox are
ingested from the trigger's payload.

A message that cannot be used (not JSON, no valid id, a document the database
cannot hold) fails alone: its reason is written to ``raw.fetch_log`` and the
message moves, with the reason, to the dead-letter list ``<channel>:dead``
(``dead_letter_key``), so it never blocks the messages behind it and is kept
for whoever wants to look at it. Each entry there is a JSON object
``{"failed_at", "error", "message"}`` (``message_base64`` instead when the
message was not UTF-8).

Message format (JSON object, UTF-8, at most 5 MiB), version 1::

    {"version": 1, "id": "<uuid4>", "submitted_at": "2026-05-04T09:00:00Z",
     "kind": "url", "url": "https://example.org/article"}

    {"version": 1, "id": "<uuid4>", "submitted_at": "...",
     "kind": "document", "name": "note.txt",
     "text": "..."            (or "html": "<html>...")
     "url": "...", "title": "...", "published": "2026-05-04"}   (optional)

A URL is fetched like a feed item's page (safety, robots.txt, politeness;
the push source's ``allow_private_network`` applies) and lands only if it
has article text. A document lands as it is, keyed by its content, exactly
like a file in a drop folder (a `` date YYYY-MM`` first line is the date).
The push source is the ``push`` row of ``raw.sources`` whose ``location`` is
the channel (default ``summitwatch.submit``).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from summitwatch.sources.binary import BinaryContent
from summitwatch.sources.catalog import Source
from summitwatch.sources.charsets import decode_document
from summitwatch.sources.folder import document_item, parse_json_document
from summitwatch.sources.http import HttpClient
from summitwatch.sources.items import FetchedItem
from summitwatch.sources.landing import FetchRecord, RefusedItem
from summitwatch.sources.pages import fetch_page
from summitwatch.sources.polling import SourcePoll, failed_poll
from summitwatch.sources.robots import RobotsCache

log = logging.getLogger(__name__)

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
DEFAULT_CHANNEL = "summitwatch.submit"
MESSAGE_VERSION = 1
MAX_MESSAGE_BYTES = 5 * 1024 * 1024
MAILBOX_BATCH = 200


class PushError(ValueError):
    """A submission or message that cannot be used; the message says why."""


class PushUnavailable(RuntimeError):
    """Redis cannot be reached."""


def redis_url() -> str:
    return os.environ.get("SUMMITWATCH_REDIS_URL") or DEFAULT_REDIS_URL


def mailbox_key(channel: str) -> str:
    return f"{channel}:pending"


def dead_letter_key(channel: str) -> str:
    return f"{channel}:dead"


@dataclass(frozen=True)
class PushMessage:
    id: str
    kind: str  # url | document
    raw: str  # the message as received, which is also what the mailbox holds
    url: str | None = None
    document: dict[str, Any] | None = None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def url_message(url: str) -> dict[str, Any]:
    if not url.startswith(("http://", "https://")):
        raise PushError(f"{url}: only http and https URLs can be submitted")
    return {
        "version": MESSAGE_VERSION,
        "id": str(uuid.uuid4()),
        "submitted_at": _now(),
        "kind": "url",
        "url": url,
    }


def document_message(path: Path) -> dict[str, Any]:
    """A message carrying a file's content (the ingesting worker needs no access to the file)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PushError(f"{path}: cannot read ({exc.strerror})") from exc
    if len(raw) > MAX_MESSAGE_BYTES - 4096:
        raise PushError(f"{path}: {len(raw)} bytes is more than a pushed document may have")
    message: dict[str, Any] = {
        "version": MESSAGE_VERSION,
        "id": str(uuid.uuid4()),
        "submitted_at": _now(),
        "kind": "document",
        "name": path.name,
    }
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            data = parse_json_document(raw)
        except ValueError as exc:
            raise PushError(f"{path}: not a JSON document ({exc})") from exc
        if not isinstance(data.get("text") or data.get("html"), str):
            raise PushError(f"{path}: a JSON document needs a 'text' or 'html' string")
        message.update({k: data[k] for k in ("text", "html", "url", "title", "published") if data.get(k)})
    else:
        field = "html" if suffix in (".html", ".htm") else "text"
        try:
            message[field] = decode_document(raw).text
        except BinaryContent as exc:
            raise PushError(f"{path}: {exc}") from exc
    return message


def _id_refusal(message_id: str) -> str | None:
    if "\x00" in message_id:
        return "message id holds a NUL character"
    if any(ord(c) < 0x20 or 0xD800 <= ord(c) <= 0xDFFF for c in message_id) or len(message_id) > 200:
        return "message id must be at most 200 printable characters"
    return None


def parse_message(raw: str | bytes) -> PushMessage:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PushError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_MESSAGE_BYTES:
        raise PushError(f"message larger than {MAX_MESSAGE_BYTES} bytes")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PushError(f"not JSON: {exc}") from exc
    except RecursionError as exc:
        raise PushError("JSON nested too deeply") from exc
    if not isinstance(data, dict):
        raise PushError("a message must be a JSON object")
    if data.get("version") != MESSAGE_VERSION:
        raise PushError(f"unsupported message version {data.get('version')!r} (expected {MESSAGE_VERSION})")
    message_id = str(data.get("id") or "")
    if not message_id:
        raise PushError("message has no id")
    refusal = _id_refusal(message_id)
    if refusal:
        raise PushError(refusal)
    kind = data.get("kind")
    if kind == "url":
        url = data.get("url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise PushError(f"message {message_id}: 'url' must be an http(s) URL")
        return PushMessage(message_id, "url", raw, url=url)
    if kind == "document":
        if not isinstance(data.get("text"), str) and not isinstance(data.get("html"), str):
            raise PushError(f"message {message_id}: a document needs a 'text' or 'html' string")
        return PushMessage(message_id, "document", raw, document=data)
    raise PushError(f"message {message_id}: kind must be 'url' or 'document', got {kind!r}")


def _redis(url: str) -> Any:
    import redis  # only the push path needs it

    return redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)


def publish(message: dict[str, Any], *, url: str | None = None, channel: str = DEFAULT_CHANNEL) -> int:
    """Put a message in the mailbox and ring the doorbell; returns how many listeners heard it."""
    import redis

    raw = json.dumps(message, ensure_ascii=False)
    try:
        client = _redis(url or redis_url())
        with client.pipeline(transaction=True) as pipe:
            pipe.rpush(mailbox_key(channel), raw)
            pipe.publish(channel, raw)
            _length, listeners = pipe.execute()
    except redis.RedisError as exc:
        raise PushUnavailable(f"cannot publish to Redis at {url or redis_url()}: {exc}") from exc
    return int(listeners)


def submit(target: str, *, url: str | None = None, channel: str = DEFAULT_CHANNEL) -> dict[str, Any]:
    """``summitwatch submit URL|FILE``: build the message and publish it; returns the message."""
    if target.startswith(("http://", "https://")):
        message = url_message(target)
    elif "://" in target:
        raise PushError(f"{target}: only http(s) URLs or local files can be submitted")
    else:
        path = Path(target)
        if not path.is_file():
            raise PushError(f"{target}: no such file")
        message = document_message(path)
    publish(message, url=url, channel=channel)
    return message


def read_mailbox(channel: str, *, url: str | None = None, limit: int = MAILBOX_BATCH) -> list[bytes]:
    """The first ``limit`` waiting messages, as the exact bytes stored (acknowledging needs them)."""
    import redis

    try:
        raw = _redis(url or redis_url()).lrange(mailbox_key(channel), 0, limit - 1)
    except redis.RedisError as exc:
        raise PushUnavailable(f"cannot read the push mailbox at {url or redis_url()}: {exc}") from exc
    return [r if isinstance(r, bytes) else str(r).encode("utf-8") for r in raw]


def dead_letter(raw: str | bytes, error: str) -> str:
    """The dead-letter entry for a message that failed: the message itself and why."""
    entry: dict[str, str] = {"failed_at": _now(), "error": error}
    try:
        entry["message"] = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        entry["message"].encode("utf-8")
    except UnicodeError:
        data = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass")
        entry.pop("message", None)
        entry["message_base64"] = base64.b64encode(data).decode("ascii")
    return json.dumps(entry)


def acknowledge(
    channel: str,
    raws: Iterable[bytes],
    *,
    dead: Iterable[tuple[str | bytes, str]] = (),
    url: str | None = None,
) -> None:
    """Remove handled messages from the mailbox (after their items were committed), and put the
    ``(message, error)`` pairs that failed on the dead-letter list, in one Redis transaction."""
    import redis

    raws, dead = list(raws), list(dead)
    if not raws and not dead:
        return
    try:
        with _redis(url or redis_url()).pipeline(transaction=True) as pipe:
            for raw, error in dead:
                pipe.rpush(dead_letter_key(channel), dead_letter(raw, error))
            for raw in raws:
                pipe.lrem(mailbox_key(channel), 1, raw)
            pipe.execute()
    except redis.RedisError as exc:
        raise PushUnavailable(f"cannot acknowledge push messages at {url or redis_url()}: {exc}") from exc


def messages_to_items(
    source: Source,
    messages: list[PushMessage],
    client: HttpClient,
    robots: RobotsCache | None,
    known_keys: Callable[[str, list[str]], set[str]],
) -> tuple[list[FetchedItem], list[FetchRecord], dict[str, str]]:
    """Items for the pushed messages, one fetch-log row per message (plus robots.txt rows), and the
    ids of the messages that cannot be used, with the reason."""
    items: list[FetchedItem] = []
    records: list[FetchRecord] = []
    unusable: dict[str, str] = {}
    urls = [m.url for m in messages if m.url]
    known = known_keys(source.name, urls) if urls else set()
    for message in messages:
        where = message.url or f"push:{message.id}"
        if message.kind == "document" and message.document is not None:
            name = str(message.document.get("name") or f"{message.id}.txt")
            try:
                item = document_item(message.document, payload={"file_name": name, "push_id": message.id})
            except ValueError as exc:
                records.append(_push_record(source, f"push:{message.id}/{name}", "error", error=str(exc)))
                unusable[message.id] = str(exc)
                continue
            items.append(item)
            records.append(_push_record(source, f"push:{message.id}/{name}", "ok", bytes_=len(message.raw)))
            continue
        assert message.url is not None
        if message.url in known:
            records.append(_push_record(source, where, "unchanged"))
            continue
        page = fetch_page(
            message.url,
            source_name=source.name,
            allow_private_network=source.allow_private_network,
            client=client,
            robots=robots,
        )
        records.extend(page.records)
        if page.status == "ok" and page.html is not None:
            items.append(
                FetchedItem(
                    message.url,
                    page.html,
                    "text/html",
                    url=message.url,
                    title=page.facts.get("title"),
                    payload={"page": page.facts, "push_id": message.id},
                    page_status="ok",
                )
            )
    return items, records, unusable


def _push_record(
    source: Source, url: str, outcome: str, *, error: str | None = None, bytes_: int = 0
) -> FetchRecord:
    return FetchRecord(
        source.name,
        url,
        outcome,
        bytes=bytes_,
        items_found=1 if outcome == "ok" else 0,
        error=error,
        request_kind="push",
        attempts=0,
    )


def poll_push(
    source: Source,
    client: HttpClient,
    robots: RobotsCache | None,
    known_keys: Callable[[str, list[str]], set[str]],
    *,
    extra_messages: Iterable[str] = (),
    url: str | None = None,
) -> SourcePoll:
    """Everything waiting for a push source: its mailbox plus messages handed over by a trigger.

    The mailbox messages are acknowledged by ``after_commit``, once their items are in the database.
    """
    channel = source.location
    where = f"mailbox:{mailbox_key(channel)}"
    try:
        waiting = read_mailbox(channel, url=url)
    except PushUnavailable as exc:
        return failed_poll(source, where, exc, kind="push")
    messages: list[PushMessage] = []
    records: list[FetchRecord] = []
    dead: list[tuple[str | bytes, str]] = []
    raw_of: dict[str, str | bytes] = {}
    arrived: list[str | bytes] = [*waiting, *extra_messages]
    for raw in arrived:
        try:
            message = parse_message(raw)
        except PushError as exc:
            records.append(_push_record(source, where, "error", error=f"unusable message: {exc}"))
            dead.append((raw, f"unusable message: {exc}"))
            continue
        if message.id not in raw_of:
            raw_of[message.id] = raw
            messages.append(message)
    items, item_records, unusable = messages_to_items(source, messages, client, robots, known_keys)
    dead.extend((raw_of[message_id], error) for message_id, error in unusable.items())
    main = FetchRecord(source.name, where, "ok", items_found=len(items), request_kind="push", attempts=0)

    def acknowledge_waiting(refused: list[RefusedItem]) -> None:
        refused_dead = [
            (raw_of[str(r.item.payload["push_id"])], f"item refused: {r.reason}")
            for r in refused
            if str(r.item.payload.get("push_id")) in raw_of
        ]
        try:
            acknowledge(channel, waiting, dead=[*dead, *refused_dead], url=url)
        except PushUnavailable as exc:
            # The items are committed; the messages stay and land as nothing next time.
            log.warning("%s: %s", source.name, exc)

    return SourcePoll(source, main, items, records + item_records, after_commit=acknowledge_waiting)
