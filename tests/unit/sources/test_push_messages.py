from __future__ import annotations

import json
from pathlib import Path

import pytest

from summitwatch.sources.push import PushError, document_message, parse_message, url_message


def test_url_message_round_trip() -> None:
    message = url_message("https://example.org/gipfel")
    parsed = parse_message(json.dumps(message))
    assert (parsed.kind, parsed.url, parsed.id) == ("url", "https://example.org/gipfel", message["id"])


def test_document_message_carries_the_content(tmp_path: Path) -> None:
    path = tmp_path / "note.html"
    path.write_text("<p>Gipfel in Rom</p>", encoding="utf-8")
    parsed = parse_message(json.dumps(document_message(path)))
    assert parsed.kind == "document" and parsed.document is not None
    assert parsed.document["html"] == "<p>Gipfel in Rom</p>" and parsed.document["name"] == "note.html"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("not json", "not JSON"),
        ("[]", "JSON object"),
        ('{"version": 2, "id": "x", "kind": "url"}', "unsupported message version"),
        ('{"version": 1, "kind": "url", "url": "https://a/"}', "no id"),
        ('{"version": 1, "id": "x", "kind": "url", "url": "file:///etc/passwd"}', "http"),
        ('{"version": 1, "id": "x", "kind": "document"}', "'text' or 'html'"),
        ('{"version": 1, "id": "x", "kind": "fax"}', "kind must be"),
    ],
)
def test_bad_messages_are_named(raw: str, message: str) -> None:
    with pytest.raises(PushError, match=message):
        parse_message(raw)


def test_only_http_urls_are_submitted() -> None:
    with pytest.raises(PushError):
        url_message("file:///etc/passwd")
