"""Refuse XML that declares entities before any parser sees it.

Entity declarations are the vehicle of both classic XML attacks: entity
expansion ("billion laughs", quadratic blow-up) exhausts memory, and external
entities (``<!ENTITY x SYSTEM "file:///etc/passwd">``) read local files or
internal URLs. feedparser strips most declarations itself and disables
external entities in its SAX parser, but its regexes are line-based and its
fallback parser is lenient; we do not want the safety of the crawler to rest
on that. No real news feed needs its own entities (HTML entities such as
``&nbsp;`` are not declared in the feed), so a feed whose prolog declares any
is refused with a clear error, in time linear in the body, before any
parser allocates anything.

Plain ``<!DOCTYPE rss PUBLIC ...>`` declarations (RSS 0.91) are fine: they
declare no entities, and neither feedparser nor we ever fetch the DTD.
"""

from __future__ import annotations

import codecs
import re

_EXTERNAL = re.compile(r"<!ENTITY[^>]*\b(SYSTEM|PUBLIC)\b")


class UnsafeXML(ValueError):
    """XML refused for safety; the message says what was found."""


def _wide_codec_without_bom(head: bytes) -> str | None:
    """UTF-16/32 without a BOM, told by where the first ASCII character (``<`` or white space)
    has its zero bytes (XML 1.0, appendix F)."""
    if len(head) < 4 or head[0] == head[1] == head[2] == head[3] == 0:
        return None
    if head[1:4] == b"\x00\x00\x00":
        return "utf-32-le"
    if head[0:3] == b"\x00\x00\x00":
        return "utf-32-be"
    if head[0] == 0 and head[2] == 0:
        return "utf-16-be"
    if head[1] == 0 and head[3] == 0:
        return "utf-16-le"
    return None


def _as_text(body: bytes) -> str:
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(codec, errors="ignore")
    wide = _wide_codec_without_bom(body[:4])
    if wide:
        return body.decode(wide, errors="ignore")
    # Every ASCII-compatible charset keeps '<', '!' and letters where they are.
    return body.decode("latin-1")


def check_xml_entities(body: bytes) -> None:
    """Raise UnsafeXML if the document has a DOCTYPE and declares entities anywhere.

    Searching the whole body rather than a parsed prolog means no comment or
    markup trick can hide a declaration from the check; a feed that quotes
    ``<!ENTITY`` inside CDATA *and* carries a DOCTYPE is refused too, a price
    worth paying.
    """
    text = _as_text(body).upper()
    if "<!DOCTYPE" not in text or "<!ENTITY" not in text:
        return
    count = text.count("<!ENTITY")
    external = " (external: SYSTEM/PUBLIC)" if _EXTERNAL.search(text) else ""
    raise UnsafeXML(
        f"XML declares {count} entit{'y' if count == 1 else 'ies'}{external} in its DOCTYPE; "
        "refused as a possible entity-expansion or external-entity attack"
    )
