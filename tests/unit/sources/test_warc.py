"""Reading WARC files: kept pages, filters, resuming at an offset, bad records."""

from __future__ import annotations

import gzip
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from summitwatch.sources.warc import (
    ArchivedPage,
    WarcFilter,
    page_language,
    parse_http_response,
    read_warc,
    write_warc,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))
from warc_samples import CRAWLED, broken_warc, crawl_warc, demo_pages, with_wrong_length


@pytest.mark.parametrize("gzipped", [True, False])
def test_every_demo_page_is_kept_with_its_uri_date_and_html(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("demo.warc.gz" if gzipped else "demo.warc")
    offsets = write_warc(path, demo_pages(), gzipped=gzipped)
    entries = list(read_warc(path))
    assert [e.outcome for e in entries] == ["page"] * 5
    assert [e.offset for e in entries] == offsets
    assert [e.next_offset for e in entries] == [*offsets[1:], path.stat().st_size]
    first = entries[0].item
    assert first is not None
    assert first.url == first.item_key == demo_pages()[0].uri
    assert first.content_type == "text/html"
    assert "<html" in first.content and "Merkel" in first.content
    assert first.payload["warc"]["date"] == CRAWLED.isoformat()
    assert first.payload["warc"]["offset"] == offsets[0]


def test_a_crawlers_other_records_are_skipped_by_their_type(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    crawl_warc(path)
    entries = list(read_warc(path))
    assert [(e.outcome, e.reason) for e in entries] == [
        ("skipped", "warcinfo record"),
        *[("skipped", "request record"), ("page", None), ("skipped", "metadata record")] * 5,
    ]
    assert [e.item.url for e in entries if e.item is not None] == [p.uri for p in demo_pages()]
    assert all(e.page is None for e in entries if e.outcome == "skipped")


def test_reading_resumes_at_an_offset(tmp_path: Path) -> None:
    path = tmp_path / "demo.warc.gz"
    offsets = write_warc(path, demo_pages())
    resumed = list(read_warc(path, start=offsets[3]))
    assert [e.offset for e in resumed] == offsets[3:]


def test_language_and_host_filters(tmp_path: Path) -> None:
    path = tmp_path / "mixed.warc.gz"
    pages = demo_pages() + demo_pages(host="www.zeitung.example")
    write_warc(path, pages)
    english = [e for e in read_warc(path, warc_filter=WarcFilter(languages=frozenset({"en"})))]
    assert sum(e.outcome == "page" for e in english) == 2
    assert {e.reason for e in english if e.outcome == "skipped"} == {"language not wanted"}
    one_host = list(read_warc(path, warc_filter=WarcFilter(hosts=frozenset({"zeitung.example"}))))
    kept = [e.item.url for e in one_host if e.item is not None]
    assert len(kept) == 5 and all("zeitung.example" in url for url in kept)


def test_other_responses_are_skipped_with_their_reason(tmp_path: Path) -> None:
    body = "<html lang='de'><body><p>Ein Text über den Gipfel in Helsinki.</p></body></html>".encode()
    path = tmp_path / "mixed.warc.gz"
    write_warc(
        path,
        [
            ArchivedPage("https://www.example.org/fehlt", body, CRAWLED, status=404),
            ArchivedPage(
                "https://www.example.org/bild.jpg", b"\xff\xd8\xff", CRAWLED, content_type="image/jpeg"
            ),
            ArchivedPage("ftp://www.example.org/x.html", body, CRAWLED),
            ArchivedPage("https://www.example.org/ok.html", body, CRAWLED),
        ],
    )
    assert [(e.outcome, e.reason) for e in read_warc(path)] == [
        ("skipped", "HTTP 404"),
        ("skipped", "not HTML"),
        ("skipped", "not an http(s) target URI"),
        ("page", None),
    ]


def test_bad_records_are_reported_with_their_offset_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    where = broken_warc(path)
    entries = list(read_warc(path))
    bad = {e.offset: e.reason for e in entries if e.outcome == "bad"}
    assert set(bad) == set(where.values())
    assert "Gzip" in bad[where["truncated"]] or "unreadable" in bad[where["truncated"]]
    assert "non-HTTP" in (bad[where["not_http"]] or "")
    assert "Content-Length 300" in (bad[where["short_length"]] or "")
    assert [e.item.url for e in entries if e.item is not None] == [p.uri for p in demo_pages()]
    # Offsets only go forward, and each entry says where the next one starts.
    assert all(a.next_offset == b.offset for a, b in pairwise(entries))


def test_a_length_past_the_data_is_bad_and_the_records_it_swallowed_are_read(tmp_path: Path) -> None:
    path = tmp_path / "long.warc.gz"
    offsets = write_warc(path, demo_pages())
    data = path.read_bytes()
    path.write_bytes(
        data[: offsets[1]] + with_wrong_length(data[offsets[1] : offsets[2]], 999_999) + data[offsets[2] :]
    )
    entries = list(read_warc(path))
    assert [e.outcome for e in entries] == ["page", "bad", "page", "page", "page"]
    assert "Content-Length 999999" in (entries[1].reason or "")


def test_a_plain_warc_with_a_wrong_length_and_a_cut_end(tmp_path: Path) -> None:
    path = tmp_path / "plain.warc"
    offsets = write_warc(path, demo_pages(), gzipped=False)
    data = path.read_bytes()
    start = data.index(b"Content-Length: ", offsets[1])
    end = data.index(b"\r\n", start)
    shift = len(b"Content-Length: 400") - (end - start)
    path.write_bytes(data[:start] + b"Content-Length: 400" + data[end : offsets[4] + 100])
    entries = list(read_warc(path))
    assert [(e.offset, e.outcome) for e in entries] == [
        (offsets[0], "page"),
        (offsets[1], "bad"),
        (offsets[2] + shift, "page"),
        (offsets[3] + shift, "page"),
        (offsets[4] + shift, "bad"),  # cut inside its header
    ]


def test_a_file_that_is_not_a_warc_at_all_is_one_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(gzip.compress(b"Lorem ipsum, aber kein WARC.\n" * 20))
    entries = list(read_warc(path))
    assert [(e.offset, e.outcome) for e in entries] == [(0, "bad")]


def test_http_messages_chunked_and_compressed() -> None:
    html = b"<html><body><p>Gipfel</p></body></html>"
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n"
    chunked += b"%x\r\n%s\r\n0\r\n\r\n" % (len(html), html)
    assert parse_http_response(chunked)[2] == html
    zipped = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gzip.compress(html)
    status, headers, body = parse_http_response(zipped)
    assert (status, headers["content-encoding"], body) == (200, "gzip", html)


def test_page_language_prefers_the_declaration_then_reads_paragraphs() -> None:
    assert page_language(b'<html lang="de-AT"><p>The summit</p>') == "de"
    assert page_language(b"<html><p>x</p>", "en-GB") == "en"
    german = (
        "<html><body><p>Die Bundeskanzlerin trifft den französischen Präsidenten in Berlin.</p></body></html>"
    )
    assert page_language(german.encode()) == "de"


def test_page_language_reads_paragraph_openings_in_the_declared_charset() -> None:
    english = (
        b"<html><body><p class='lead'>The prime minister met the president in Helsinki on Monday"
        b" <a href='/x'>for talks</a> about trade.</p><p><strong>Read more</strong></p>"
        b"<p>Both leaders said the meeting had been useful and they would meet again.</p></body></html>"
    )
    assert page_language(english) == "en"
    latin1 = (
        "<html><head><meta charset='iso-8859-1'></head><body><p>Über die Grenzschließungen wurde"
        " beim Gipfel in Brüssel heftig gestritten, sagte die Ministerin.</p></body></html>"
    ).encode("latin-1")
    assert page_language(latin1) == "de"
    escaped = (
        b"<html><body><p>F&uuml;r die Kanzlerin war das Treffen ein gro&szlig;er Erfolg.</p></body></html>"
    )
    assert page_language(escaped) == "de"


def test_a_page_the_filter_drops_is_never_decoded_and_a_kept_one_once(tmp_path: Path) -> None:
    path = tmp_path / "hosts.warc.gz"
    write_warc(path, demo_pages() + demo_pages(host="www.zeitung.example"))
    entries = list(read_warc(path, warc_filter=WarcFilter(hosts=frozenset({"zeitung.example"}))))
    skipped = [e for e in entries if e.outcome == "skipped"]
    assert len(skipped) == 5 and {e.reason for e in skipped} == {"host not listed"}
    assert all(e.page is None and e.item is None for e in skipped)
    kept = [e for e in entries if e.outcome == "page"]
    assert kept[0].page is not None and bytes(kept[0].page.body).startswith(b"<")
    assert kept[0].item is kept[0].item  # decoded once, then the same item


def test_a_record_larger_than_a_page_is_skipped_unread(tmp_path: Path) -> None:
    path = tmp_path / "gross.warc.gz"
    huge = b"<html lang='de'><body><p>" + b"Gipfel " * (2 * 1024 * 1024) + b"</p></body></html>"
    write_warc(path, [ArchivedPage("https://www.example.org/riesig.html", huge, CRAWLED), *demo_pages()[:1]])
    entries = list(read_warc(path))
    assert [(e.outcome, e.reason) for e in entries] == [
        ("skipped", "larger than 10485760 bytes"),
        ("page", None),
    ]


@pytest.mark.parametrize(
    ("uri", "hosts", "reason"),
    [
        ("https://www.example.org/politik/gipfel.html", (), None),
        ("HTTPS://WWW.Example.org/politik/gipfel.html", ("example.org",), None),
        ("https://leser@www.example.org:8443/a", ("example.org",), None),
        ("https://[2001:db8::1]/a", (), None),
        ("http:///ohne-host", (), "not an http(s) target URI"),
        ("https://", (), "not an http(s) target URI"),
        ("dns:www.example.org", (), "not an http(s) target URI"),
        ("https://www.zeitung.example/a", ("example.org",), "host not listed"),
        ("https://example.org.evil.example/a", ("example.org",), "host not listed"),
    ],
)
def test_target_uris_are_judged_before_the_block_is_read(
    tmp_path: Path, uri: str, hosts: tuple[str, ...], reason: str | None
) -> None:
    path = tmp_path / "uris.warc.gz"
    write_warc(path, [ArchivedPage(uri, demo_pages()[0].body, CRAWLED)])
    [entry] = read_warc(path, warc_filter=WarcFilter(hosts=frozenset(hosts)))
    assert (entry.outcome, entry.reason) == (("page", None) if reason is None else ("skipped", reason))
