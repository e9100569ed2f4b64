"""Bytes to text for pages, dropped documents and feeds whose declaration lies.

Order for HTML: a byte-order mark, then the HTTP ``charset``, then the
``<meta charset>`` / ``http-equiv`` declaration, then detection
(charset_normalizer). Two real-world lies are handled on the way:

- bytes that are valid UTF-8 and contain non-ASCII characters are UTF-8,
  whatever a single-byte declaration (ISO-8859-1, windows-1252) says: Latin-1
  text with umlauts is practically never valid UTF-8 by accident, while
  "declared Latin-1, saved as UTF-8" is common (it yields "FÃ¼r" otherwise);
- a declaration that cannot decode the bytes (Latin-1 bytes declared UTF-8)
  is skipped for the next candidate instead of filling the text with U+FFFD.

ISO-8859-1 and US-ASCII labels are read as windows-1252, as browsers do
(WHATWG Encoding): publishers mean it, and it maps 0x80-0x9F to the quotes
and dashes they typed.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from summitwatch.sources.binary import refuse_binary

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_SINGLE_BYTE_LATIN = {"iso-8859-1", "latin-1", "latin1", "cp1252", "windows-1252", "ascii", "us-ascii"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class DecodedText:
    text: str
    charset: str  # the codec that decoded it
    declared: str | None  # what the HTTP header or document claimed, if anything
    note: str | None = None  # set when the declaration was overruled


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _codec(label: str | None) -> str | None:
    """Normalised codec name for a declared label, or None for an unknown label."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name


def _is_single_byte_latin(label: str | None) -> bool:
    if not label:
        return False
    return label.lower() in _SINGLE_BYTE_LATIN or _codec(label) == "cp1252"


def _utf8_with_non_ascii(raw: bytes) -> str | None:
    if raw.isascii():
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _bom(raw: bytes) -> str | None:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    return None


def declared_in_document(raw: bytes) -> str | None:
    """Charset declared inside the first 4 KiB: ``<meta charset>`` or the XML declaration."""
    head = raw[:4096]
    match = _XML_DECLARATION.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def decode_text(raw: bytes, *, content_type: str | None = None) -> DecodedText:
    """Decode a page or document; never raises, never loses the umlauts of a wrong declaration."""
    bom = _bom(raw)
    if bom:
        return DecodedText(raw.decode(bom, errors="replace"), bom, bom)
    http_label = charset_from_content_type(content_type)
    document_label = declared_in_document(raw)
    declared = http_label or document_label
    utf8 = _utf8_with_non_ascii(raw)
    if utf8 is not None and (declared is None or _is_single_byte_latin(declared)):
        note = f"declared {declared}, bytes are UTF-8" if declared else None
        return DecodedText(utf8, "utf-8", declared, note)
    for label in (http_label, document_label):
        codec = _codec(label)
        if codec is None:
            continue
        if codec == "utf-8" and utf8 is not None:
            text = utf8  # already decoded above; large pages are decoded once
        else:
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                continue
        note = None if label == declared else f"declared {declared}, which cannot decode the bytes"
        return DecodedText(text, codec, declared, note)
    if raw.isascii():
        return DecodedText(raw.decode("ascii"), "ascii", declared)
    detected = _detect(raw)
    if detected:
        return DecodedText(
            raw.decode(detected, errors="replace"),
            detected,
            declared,
            f"declared {declared}, detected {detected}" if declared else None,
        )
    return DecodedText(raw.decode("cp1252", errors="replace"), "cp1252", declared, "charset guessed")


def decode_document(raw: bytes) -> DecodedText:
    """A dropped, pushed or ``extract``-ed document's text: the one reader all of them share.

    Raises ``binary.BinaryContent`` for bytes that are no text (random bytes, a
    gzip or zip file under a text name); otherwise decodes like ``decode_text``
    (BOM, declaration, detection) and drops the byte-order mark.
    """
    refuse_binary(raw)
    decoded = decode_text(raw)
    return DecodedText(decoded.text.lstrip("\ufeff"), decoded.charset, decoded.declared, decoded.note)


def _detect(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes  # comes with trafilatura; imported only when needed

    best = from_bytes(raw[:200_000]).best()
    return str(best.encoding) if best is not None else None


def feed_content_type(body: bytes, content_type: str | None) -> tuple[str, str | None]:
    """The Content-Type to hand feedparser, and a note when the declared charset was overruled.

    feedparser trusts the HTTP charset, then the XML declaration; it repairs
    Latin-1 bytes declared UTF-8 by itself (``CharacterEncodingOverride``) but
    turns UTF-8 bytes declared ISO-8859-1 into mojibake. Telling it ``utf-8``
    for such bytes fixes that; everything else is left to feedparser.
    """
    media_type = (content_type or "application/xml").split(";")[0].strip() or "application/xml"
    declared = charset_from_content_type(content_type) or declared_in_document(body)
    if _bom(body) is None and _is_single_byte_latin(declared) and _utf8_with_non_ascii(body) is not None:
        return f"{media_type}; charset=utf-8", f"declared {declared}, bytes are UTF-8"
    return content_type or "application/xml", None
