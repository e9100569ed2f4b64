"""Encoding repair: text as its author wrote it, whatever the transport did to it.

ftfy undoes mojibake (UTF-8 read as Latin-1 or cp1252, "FÃ¼r" -> "Für"),
HTML entities left in plain text and similar damage, and is conservative: text
that is already right stays as it is. The result is in Unicode NFC, so "ü"
typed as one or as two code points compares and hashes the same.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

_CONFIG = ftfy.TextFixerConfig(
    unescape_html="auto",
    fix_latin_ligatures=True,
    uncurl_quotes=False,  # quotes are kept as written; matching folds them anyway
    fix_line_breaks=True,
    normalization="NFC",
    explain=False,
)


# Mojibake of UTF-8 read as Latin-1/cp1252 always contains one of these; so do HTML entities and
# control characters. Text with none of them is left to NFC alone: ftfy costs ~1 ms per 3 KB.
_SUSPECT = re.compile(
    r"[\u0080-\u009f\u00c2\u00c3\u00c5\u00c6\u00d0\u00d1\u00d8\u00e2\u00ef\ufffd\r]|&#?\w+;"
)


def repair_text(text: str) -> str:
    """Text with mojibake and broken entities repaired, in NFC."""
    if _SUSPECT.search(text):
        text = ftfy.fix_text(text, _CONFIG)
    return unicodedata.normalize("NFC", text)
