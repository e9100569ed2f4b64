from datetime import UTC, datetime

from summitwatch.sources.feeds import parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>T</title>
<item><guid>a-1</guid><title>Gipfel in Rom</title><link>https://example.org/a1</link>
<pubDate>Tue, 03 Jul 2018 10:00:00 GMT</pubDate><description>&lt;p&gt;Die Kanzlerin reist nach Rom.&lt;/p&gt;</description></item>
<item><title>Ohne Kennung</title><link>https://example.org/a2</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id><updated>2019-01-01T00:00:00Z</updated>
<entry><id>urn:e1</id><title>Leaders meet</title><link href="https://example.org/e1"/>
<updated>2019-02-27T08:00:00Z</updated><content type="html">&lt;p&gt;Full text.&lt;/p&gt;</content>
<summary>Short.</summary></entry></feed>"""


def test_rss_entries_with_guid_link_and_date() -> None:
    parsed = parse_feed(RSS)
    assert parsed.error is None
    first, second = parsed.items
    assert first.item_key == "a-1" and first.url == "https://example.org/a1"
    assert first.published_at == datetime(2018, 7, 3, 10, tzinfo=UTC)
    assert "Die Kanzlerin reist nach Rom." in first.content
    assert second.item_key == "https://example.org/a2"  # no guid: the link identifies it


def test_atom_prefers_full_content_over_summary() -> None:
    [entry] = parse_feed(ATOM).items
    assert entry.item_key == "urn:e1" and "Full text." in entry.content


def test_truncated_feed_keeps_readable_entries_and_reports_the_error() -> None:
    parsed = parse_feed(RSS[: RSS.index(b"<item><title>Ohne")] + b"<item><title>kaputt")
    assert parsed.error is not None and parsed.error.startswith("malformed feed")
    assert [i.item_key for i in parsed.items][:1] == ["a-1"]
