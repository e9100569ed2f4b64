from __future__ import annotations

import json
from pathlib import Path

from summitwatch.sources.folder import scan_folder

SEED_LIKE = " date 2018-07 Der Präsident reist zum Gipfel nach Rom.\nDie Gespräche beginnen am Montag.\n"


def test_txt_html_json_are_read_and_the_date_header_is_noted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SEED_LIKE, encoding="utf-8")
    (tmp_path / "b.html").write_bytes(
        '<html><head><meta charset="iso-8859-1"></head><body><p>Außenminister in Wien.</p></body></html>'.encode(
            "iso-8859-1"
        )
    )
    (tmp_path / "c.json").write_text(
        json.dumps(
            {"text": "Treffen in Oslo.", "title": "Oslo", "published": "2026-03-01", "url": "https://x.org/1"}
        ),
        encoding="utf-8",
    )
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    scan = scan_folder(tmp_path)
    assert not scan.errors
    by_name = {i.payload["file_name"]: i for i in scan.items}
    assert set(by_name) == {"a.txt", "b.html", "c.json"}
    txt = by_name["a.txt"]
    assert txt.content_type == "text/plain" and txt.content == SEED_LIKE  # the cleaner splits the header
    assert txt.payload["date_header"] == "2018-07-01" and txt.payload["date_precision"] == "month"
    assert "Außenminister in Wien." in by_name["b.html"].content
    js = by_name["c.json"]
    assert (js.title, js.url, js.published_at.isoformat()) == (
        "Oslo",
        "https://x.org/1",
        "2026-03-01T00:00:00+00:00",
    )


def test_same_content_dropped_twice_is_one_item(tmp_path: Path) -> None:
    (tmp_path / "first.txt").write_bytes(SEED_LIKE.encode("utf-8"))
    (tmp_path / "copy.txt").write_bytes(b"\xef\xbb\xbf" + SEED_LIKE.replace("\n", "\r\n").encode("utf-8"))
    keys = {i.item_key for i in scan_folder(tmp_path).items}
    assert len(keys) == 1


def test_hidden_files_and_escaping_symlinks_are_not_read(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the crawler", encoding="utf-8")
    (drop / "link.txt").symlink_to(secret)
    (drop / ".partial.txt").write_text("half", encoding="utf-8")
    scan = scan_folder(drop)
    assert scan.items == []
    assert scan.errors == ["link.txt: a symbolic link; only regular files in the folder are read"]


def test_bad_json_is_an_error_for_that_file_only(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Gipfel in Rom.", encoding="utf-8")
    scan = scan_folder(tmp_path)
    assert [i.payload["file_name"] for i in scan.items] == ["good.txt"]
    assert scan.errors == ["bad.json: ValueError: a JSON document must be an object"]
