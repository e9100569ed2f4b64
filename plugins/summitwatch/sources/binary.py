"""Is it text at all? Binary content recognised before any charset is guessed.

Without this check, 4 KB of random bytes or a gzip file named ``.txt`` is
"decoded" as windows-1252 (every byte is some character there) and becomes an
article with a garbage body. Two tests, on the first 8 KiB:

- a magic number at the start (gzip, zip, PNG, PDF, JPEG, GIF, ...): the
  name of the format is the reason given;
- control bytes: text has next to none (tab, line feed, carriage return and
  form feed aside), random or compressed bytes about 11 %. More than
  ``MAX_CONTROL_SHARE`` of them, and at least ``MIN_CONTROL_BYTES`` (so one
  stray NUL in a short note is not "binary"), is binary.

UTF-16 and UTF-32 text is full of NUL bytes; with a byte-order mark, or with
the NULs in the column where ASCII text in that encoding has them, it is
judged by its decoded characters instead.
"""

from __future__ import annotations

import codecs

SAMPLE_BYTES = 8192
MAX_CONTROL_SHARE = 0.03
MIN_CONTROL_BYTES = 8

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"%PDF-", "PDF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BZh91AY&SY", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE (old Office)"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"OggS", "Ogg"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"\x00asm", "WebAssembly"),
)
_TEXT_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# C0 controls other than tab, line feed, vertical tab, form feed, carriage return; and DEL.
_CONTROL_BYTES = frozenset([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])


def _control_share(values: list[int]) -> tuple[int, float]:
    count = sum(1 for v in values if v in _CONTROL_BYTES)
    return count, count / max(1, len(values))


def _wide_text(sample: bytes) -> str | None:
    """The sample decoded when it looks like UTF-16/32 (BOM, or NULs where ASCII in them has them)."""
    if sample.startswith(_TEXT_BOMS):
        codec = "utf-32" if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) else "utf-16"
        return sample.decode(codec, errors="replace")
    if len(sample) < 8:
        return None
    for codec, unit, zero_at in (
        ("utf-32-le", 4, (1, 2, 3)),
        ("utf-32-be", 4, (0, 1, 2)),
        ("utf-16-le", 2, (1,)),
        ("utf-16-be", 2, (0,)),
    ):
        units = len(sample) // unit
        zeros = sum(1 for i in range(units) if all(sample[i * unit + z] == 0 for z in zero_at))
        if zeros >= 0.6 * units:
            return sample[: units * unit].decode(codec, errors="replace")
    return None


def binary_kind(raw: bytes) -> str | None:
    """What binary format ``raw`` looks like ("gzip", "control bytes ..."), or None for text."""
    for magic, name in _MAGIC:
        if raw.startswith(magic):
            return f"{name} data"
    sample = raw[:SAMPLE_BYTES]
    wide = _wide_text(sample)
    if wide is not None:
        count, share = _control_share([ord(c) if ord(c) < 0x80 else 0x41 for c in wide])
        count += wide.count("\ufffd")
        share = count / max(1, len(wide))
    else:
        count, share = _control_share(list(sample))
    if count >= MIN_CONTROL_BYTES and share > MAX_CONTROL_SHARE:
        return f"{share:.0%} control bytes"
    return None


class BinaryContent(ValueError):
    """Bytes that are no text document; the message names what they look like."""


def refuse_binary(raw: bytes) -> None:
    kind = binary_kind(raw)
    if kind is not None:
        raise BinaryContent(f"binary content ({kind}), not a text document")
