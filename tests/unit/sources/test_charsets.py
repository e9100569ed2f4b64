from __future__ import annotations

import pytest

from summitwatch.sources.charsets import decode_text, feed_content_type
from summitwatch.sources.feeds import parse_feed

TEXT = "Die Außenministerin führte Gespräche über größere Übereinstimmung."


def _html(meta: str) -> str:
    return f'<html><head><meta charset="{meta}"></head><body><p>{TEXT}</p></body></html>'


@pytest.mark.parametrize(
    ("raw_charset", "declared_http", "declared_meta"),
    [
        ("utf-8", "utf-8", "utf-8"),
        ("iso-8859-1", "iso-8859-1", "iso-8859-1"),
        ("iso-8859-1", "utf-8", "utf-8"),  # Latin-1 bytes declared UTF-8
        ("utf-8", "iso-8859-1", "iso-8859-1"),  # UTF-8 bytes declared Latin-1
        ("utf-8", None, "windows-1252"),
        ("iso-8859-1", None, "utf-8"),
        ("cp1252", None, "cp1252"),
    ],
)
def test_umlauts_survive_every_declaration(
    raw_charset: str, declared_http: str | None, declared_meta: str
) -> None:
    raw = _html(declared_meta).encode(raw_charset)
    content_type = f"text/html; charset={declared_http}" if declared_http else "text/html"
    decoded = decode_text(raw, content_type=content_type)
    assert TEXT in decoded.text


def test_overruled_declaration_is_noted() -> None:
    decoded = decode_text(_html("iso-8859-1").encode("utf-8"), content_type="text/html; charset=iso-8859-1")
    assert decoded.charset == "utf-8" and decoded.note == "declared iso-8859-1, bytes are UTF-8"


def test_bom_wins() -> None:
    assert (
        TEXT
        in decode_text(
            "\ufeff".encode() + TEXT.encode("utf-8"), content_type="text/html; charset=latin-1"
        ).text
    )


def test_undeclared_legacy_encoding_is_detected() -> None:
    raw = ("<html><body><p>" + TEXT * 5 + "</p></body></html>").encode("cp1252")
    assert TEXT in decode_text(raw).text


def test_feed_declared_latin1_but_utf8_is_read_as_utf8() -> None:
    feed = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><item><guid>1</guid>'
        f"<title>{TEXT}</title></item></channel></rss>"
    ).encode()
    content_type, note = feed_content_type(feed, "application/rss+xml; charset=iso-8859-1")
    assert content_type == "application/rss+xml; charset=utf-8" and note
    parsed = parse_feed(feed, content_type="application/rss+xml; charset=iso-8859-1")
    assert parsed.items[0].title == TEXT and parsed.charset_note


def test_feed_latin1_declared_utf8_is_repaired_by_feedparser() -> None:
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><guid>1</guid>'
        f"<title>{TEXT}</title></item></channel></rss>"
    ).encode("iso-8859-1")
    parsed = parse_feed(feed, content_type="application/rss+xml; charset=utf-8")
    assert parsed.items[0].title == TEXT and parsed.error is None and parsed.charset_note
