"""Team-written generators of hostile inputs: files to drop, messages to push, documents to extract.

Each ``HostileFile`` / ``HostileMessage`` says what the pipeline must answer: the words its
recorded error contains, or ``None`` when the input must land cleanly (hostile-looking but
valid: a stray NUL, UTF-16 with a BOM). Nothing here is third-party text.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

GOOD_TEXTS = {
    "good-de.txt": " date 2019-02\nBundeskanzlerin Angela Merkel empfing am Montag den französischen "
    "Präsidenten Emmanuel Macron in Aachen.\n",
    "good-en.txt": " date 2019-03\nThe foreign ministers met in Vienna on Tuesday to prepare the summit.\n",
}


def noise(size: int) -> bytes:
    """``size`` bytes that look random (SHA-256 blocks of a counter: reproducible)."""
    blocks = (hashlib.sha256(b"%d" % i).digest() for i in range(size // 32 + 1))
    return b"".join(blocks)[:size]


def gzip_bomb(megabytes: int = 64) -> bytes:
    """A small gzip stream that inflates to ``megabytes`` MiB of zeros."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as out:
        block = bytes(1024 * 1024)
        for _ in range(megabytes):
            out.write(block)
    return buffer.getvalue()


def zip_of(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", text)
    return buffer.getvalue()


def billion_laughs_html(levels: int = 10) -> bytes:
    decls = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    ]
    return (
        f"<!DOCTYPE html [\n{chr(10).join(decls)}\n]>\n<html><body><p>&lol{levels - 1};</p></body></html>"
    ).encode()


def deep_json(depth: int = 100_000) -> bytes:
    return b'{"text": ' + b"[" * depth + b"]" * depth + b"}"


@dataclass(frozen=True)
class HostileFile:
    name: str
    data: bytes
    error: str | None  # words of the recorded error; None: lands cleanly
    extract: bool = True  # also run through `summitwatch extract` (.txt/.html only)


def hostile_files() -> list[HostileFile]:
    text = GOOD_TEXTS["good-en.txt"]
    return [
        HostileFile("noise.txt", noise(4096), "binary content"),
        HostileFile("archive.txt", gzip.compress(text.encode() * 50), "binary content (gzip data)"),
        HostileFile("bomb.txt", gzip_bomb(), "binary content (gzip data)"),
        HostileFile("archive.html", zip_of(text), "binary content (zip data)"),
        HostileFile("picture.txt", b"\x89PNG\r\n\x1a\n" + noise(2000), "binary content (PNG data)"),
        HostileFile("paper.txt", b"%PDF-1.7\n" + noise(2000), "binary content (PDF data)"),
        HostileFile("laughs.html", billion_laughs_html(), "entit"),
        HostileFile("deep.json", deep_json(), "nested too deeply", extract=False),
        HostileFile("list.json", b"[1, 2, 3]", "must be an object", extract=False),
        HostileFile(
            "surrogate.json", b'{"text": "Ein Text.", "title": "\\ud800"}', "surrogate", extract=False
        ),
        HostileFile("huge.txt", b"Gipfel. " * (1_400_000), "more than the", extract=False),
        # Valid though odd: these land (and extract) cleanly.
        HostileFile("nul.txt", b"Die Delegationen trafen sich in Hel\0sinki.\n", None),
        HostileFile(
            "utf16.txt", "Die Außenminister trafen sich am Freitag in Brüssel.\n".encode("utf-16"), None
        ),
    ]


def hostile_links(folder: Path, outside: Path) -> dict[str, str]:
    """Entries only a folder can have: links and a FIFO; returns name -> error words."""
    import os

    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "escape.txt").symlink_to(outside)
    os.mkfifo(folder / "pipe.txt")
    (folder / "dir.txt").mkdir()
    return {
        "loop.txt": "symbolic link",
        "escape.txt": "symbolic link",
        "pipe.txt": "not a regular file",
        "dir.txt": "not a regular file",
    }


@dataclass(frozen=True)
class HostileMessage:
    label: str
    raw: bytes
    error: str  # words of the dead-letter entry's error


def _message(**fields: object) -> dict[str, object]:
    return {"version": 1, "id": fields.pop("id", f"corpus-{fields.get('name', 'x')}"), **fields}


def hostile_messages() -> list[HostileMessage]:
    dumps = json.dumps  # ensure_ascii: NUL and lone surrogates travel as \u escapes
    return [
        HostileMessage("not json", b"not json at all", "not JSON"),
        HostileMessage("not utf-8", b'{"version": 1, "id": "x", "text": "\xff"}', "not UTF-8"),
        HostileMessage("deep", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        HostileMessage("array", b"[1, 2]", "must be a JSON object"),
        HostileMessage(
            "old version", dumps({"version": 0, "id": "v0"}).encode(), "unsupported message version"
        ),
        HostileMessage("no id", dumps({"version": 1, "kind": "document", "text": "x"}).encode(), "no id"),
        HostileMessage(
            "nul id", dumps(_message(id="a\0b", kind="document", text="Text.")).encode(), "NUL character"
        ),
        HostileMessage(
            "surrogate title",
            dumps(_message(name="s.txt", kind="document", text="Text.", title="\ud800")).encode(),
            "surrogate",
        ),
        HostileMessage(
            "no text", dumps(_message(name="e.txt", kind="document")).encode(), "needs a 'text' or 'html'"
        ),
        HostileMessage(
            "bad kind", dumps(_message(name="k", kind="exec", text="rm")).encode(), "kind must be"
        ),
        HostileMessage(
            "laughs html",
            dumps(_message(name="l.html", kind="document", html=billion_laughs_html().decode())).encode(),
            "entit",
        ),
    ]


def good_messages() -> list[bytes]:
    return [
        json.dumps(_message(id=f"good-{name}", name=name, kind="document", text=text)).encode()
        for name, text in GOOD_TEXTS.items()
    ]
