"""Entity tricks fail fast, in little memory, and never read local files."""

from __future__ import annotations

import tracemalloc

import pytest

from summitwatch.sources.feeds import parse_feed
from summitwatch.sources.xml_guard import UnsafeXML, check_xml_entities


def _laughs(levels: int = 10) -> bytes:
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    ]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{chr(10).join(decls)}\n]>\n'
        f'<rss version="2.0"><channel><title>x</title><item><guid>1</guid><title>&lol{levels - 1};</title>'
        "</item></channel></rss>"
    ).encode()


def test_billion_laughs_is_refused_with_small_memory() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(UnsafeXML, match="declares 10 entities"):
            parse_feed(_laughs())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024  # 10^9 "lol"s would be gigabytes


def test_external_entity_is_refused_and_never_read() -> None:
    feed = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        b'<rss version="2.0"><channel><item><guid>1</guid><title>&x;</title></item></channel></rss>'
    )
    with pytest.raises(UnsafeXML, match="external"):
        parse_feed(feed)


def test_declaration_hidden_after_markup_in_a_comment_is_still_found() -> None:
    feed = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [ <!-- <a> --> <!ENTITY a "aaaaaaaaaa"> ]>\n'
        b"<rss><channel><title>&a;</title></channel></rss>"
    )
    with pytest.raises(UnsafeXML):
        check_xml_entities(feed)


def test_utf16_feed_with_entities_is_refused() -> None:
    with pytest.raises(UnsafeXML):
        check_xml_entities(_laughs(3).decode().encode("utf-16"))


def test_plain_rss091_doctype_is_fine() -> None:
    feed = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel><title>t</title>'
        b"<item><title>Gipfel</title><link>https://example.org/1</link></item></channel></rss>"
    )
    [item] = parse_feed(feed).items
    assert item.title == "Gipfel"


def test_parse_feed_takes_bytes_only() -> None:
    with pytest.raises(TypeError):
        parse_feed("/etc/passwd")  # type: ignore[arg-type]  # feedparser would open a str as a file
