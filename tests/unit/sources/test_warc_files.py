"""Which files a WARC location or manifest names."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from summitwatch.pipeline.backfill import planned_locations
from summitwatch.sources.warc_files import WarcUnavailable, manifest_locations, read_manifest, warc_locations


def test_files_folders_globs_and_urls(tmp_path: Path) -> None:
    for name in ("b.warc.gz", "a.warc", "notiz.txt"):
        (tmp_path / name).write_bytes(b"")
    assert warc_locations(str(tmp_path)) == [str(tmp_path / "a.warc"), str(tmp_path / "b.warc.gz")]
    assert warc_locations(str(tmp_path / "*.gz")) == [str(tmp_path / "b.warc.gz")]
    assert warc_locations("https://data.example/x.warc.gz") == ["https://data.example/x.warc.gz"]
    with pytest.raises(WarcUnavailable, match="no such file"):
        warc_locations(str(tmp_path / "fehlt.warc"))
    with pytest.raises(WarcUnavailable, match="no .warc"):
        warc_locations(str(tmp_path / "*.txt"))


def test_a_cc_news_style_manifest_under_a_url_or_a_folder(tmp_path: Path) -> None:
    lines = [
        "crawl-data/CC-NEWS/2018/07/CC-NEWS-20180701000000-00000.warc.gz",
        "",
        "crawl-data/CC-NEWS/2018/07/b.warc.gz",
    ]
    manifest = tmp_path / "warc.paths.gz"
    manifest.write_bytes(gzip.compress("\n".join(lines).encode()))
    assert read_manifest(str(manifest)) == lines
    assert manifest_locations(lines, "https://data.example/") == [
        "https://data.example/crawl-data/CC-NEWS/2018/07/CC-NEWS-20180701000000-00000.warc.gz",
        "https://data.example/crawl-data/CC-NEWS/2018/07/b.warc.gz",
    ]
    planned = planned_locations(["https://data.example/extra.warc.gz"], manifest=str(manifest), base="/daten")
    assert planned == [
        "https://data.example/extra.warc.gz",
        "/daten/crawl-data/CC-NEWS/2018/07/CC-NEWS-20180701000000-00000.warc.gz",
        "/daten/crawl-data/CC-NEWS/2018/07/b.warc.gz",
    ]
