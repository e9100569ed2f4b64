"""Issue 13, defect 7: binary files are recognised before a charset is guessed for them."""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from summitwatch.sources.binary import binary_kind
from summitwatch.sources.folder import scan_folder

TEXT = "Die Außenminister der G7 treffen sich am Montag in Hiroshima.\nThe ministers meet on Monday.\n"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", TEXT * 20)
    return buffer.getvalue()


BINARIES = {
    "random": b"".join(hashlib.sha256(b"%d" % i).digest() for i in range(128)),  # 4 KiB of noise
    "gzip": gzip.compress(TEXT.encode() * 20),
    "zip": _zip(),
    "png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
}


@pytest.mark.parametrize("name", sorted(BINARIES))
def test_binary_is_recognised(name: str) -> None:
    assert binary_kind(BINARIES[name]) is not None


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        TEXT.encode("cp1252"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32-le"),
        ("Hel\0sinki: " + TEXT).encode("utf-8"),  # a stray NUL is no binary file
        b"",
    ],
)
def test_text_is_not_binary(raw: bytes) -> None:
    assert binary_kind(raw) is None


def test_binary_files_in_a_folder_are_unusable_items_and_the_text_lands(tmp_path: Path) -> None:
    (tmp_path / "noise.txt").write_bytes(BINARIES["random"])
    (tmp_path / "archive.txt").write_bytes(BINARIES["gzip"])
    (tmp_path / "page.html").write_bytes(BINARIES["zip"])
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    scan = scan_folder(tmp_path)
    assert [i.payload["file_name"] for i in scan.items] == ["good.txt"]
    assert scan.errors == [
        "archive.txt: BinaryContent: binary content (gzip data), not a text document",
        "noise.txt: BinaryContent: binary content (12% control bytes), not a text document",
        "page.html: BinaryContent: binary content (zip data), not a text document",
    ]
