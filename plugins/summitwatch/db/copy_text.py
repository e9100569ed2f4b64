"""PostgreSQL's COPY text format: values and rows encoded for ``COPY ... FROM STDIN``.

Text round-trips exactly (quotes, backslashes, tabs, newlines, carriage returns,
any Unicode). PostgreSQL text cannot hold the NUL character (U+0000) and UTF-8
cannot hold a lone surrogate (text that was decoded wrongly): such a row is
refused with a reason naming the column (``encoded_line``), so the caller can
record it on its item instead of failing the batch.

COPY data is always UTF-8 (``COPY ... WITH (ENCODING 'UTF8')``), escaped on the
encoded bytes, whatever the connection's client encoding. The generic upsert
engine (``db.upsert``) streams its batches through here.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import psycopg2.extensions
from psycopg2 import sql

# Rows per COPY call: bounds the memory of one encoded chunk (a few MB of text).
COPY_CHUNK_ROWS = 5_000

Row = Sequence[Any]


class BulkLoadError(ValueError):
    """The load was described wrongly (unknown columns, rows of the wrong width)."""


@dataclass(frozen=True)
class RejectedRow:
    """A row that cannot be stored as given; the rest of the batch is loaded without it."""

    index: int  # position in the rows passed in
    key: tuple[Any, ...]
    reason: str


class UnstorableValue(ValueError):
    """A value PostgreSQL cannot store as text."""


def _escape(data: bytes) -> bytes:
    # COPY text format: backslash escapes; tab separates columns, newline rows. On the
    # UTF-8 bytes: these four ASCII bytes never occur inside a multi-byte character,
    # and bytes.replace is several times faster than str.replace on long texts.
    return data.replace(b"\\", b"\\\\").replace(b"\t", b"\\t").replace(b"\n", b"\\n").replace(b"\r", b"\\r")


def _array_element(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (list, tuple)):
        raise UnstorableValue("nested arrays are not supported")
    text = _plain(value)
    if "\\" in text or '"' in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text + '"'


def _array_text(values: list[Any] | tuple[Any, ...]) -> str:
    return "{" + ",".join([_array_element(v) for v in values]) + "}"


def _float_text(value: float) -> str:
    if math.isfinite(value):
        return repr(value)
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def _plain(value: Any) -> str:
    """The value as PostgreSQL's input syntax, before COPY escaping."""
    # The exact types the pipeline loads, looked up at once; subclasses take the long way.
    by_type = _PLAIN_BY_TYPE.get(type(value))
    if by_type is not None:
        return by_type(value)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return f"{value.total_seconds()} seconds"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return _array_text(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "\\x" + bytes(value).hex()
    raise UnstorableValue(f"cannot load a {type(value).__name__}")


_PLAIN_BY_TYPE: dict[type, Any] = {
    str: str,
    bool: lambda value: "t" if value else "f",
    int: str,
    float: _float_text,
    datetime: datetime.isoformat,
    date: date.isoformat,
    list: _array_text,
    tuple: _array_text,
}


def copy_field(value: Any) -> bytes:
    """One value in COPY text format, UTF-8 encoded (``\\N`` for NULL).

    Raises UnicodeEncodeError for text that is not valid Unicode (a lone surrogate).
    """
    if value is None:
        return b"\\N"
    kind = type(value)
    if kind is int:
        return b"%d" % value  # the commonest values first: nothing to escape in a number
    data = (value if kind is str else _plain(value)).encode("utf-8")
    if b"\\" in data or b"\t" in data or b"\n" in data or b"\r" in data:
        return _escape(data)
    return data


def _needs_escape(text: str) -> bool:
    return "\n" in text or "\\" in text or "\t" in text or "\r" in text


# A text this long is checked for characters to escape on its own (one scan, and most
# long texts have line breaks); shorter ones are checked all at once on the joined line.
_LONG_TEXT = 256


def copy_line(row: Row) -> bytes:
    """One row in COPY text format: ``copy_field`` of each value, tab-separated, newline-ended."""
    # This runs for every row loaded, so the common case is made cheap: a row of short
    # values is joined first and escaped value by value only when the joined line shows
    # that some value holds a character to escape.
    texts = []
    nulls = 0
    for value in row:
        kind = type(value)
        if kind is str:
            if len(value) > _LONG_TEXT and _needs_escape(value):
                return _escaped_line(row)
            texts.append(value)
        elif value is None:
            texts.append("\\N")
            nulls += 1
        elif kind is int:
            texts.append(str(value))
        else:
            texts.append(_plain(value))
    line = "\t".join(texts)
    if "\n" in line or "\r" in line or line.count("\t") != len(texts) - 1 or line.count("\\") != nulls:
        return _escaped_line(row)
    return (line + "\n").encode("utf-8")


def _escaped_line(row: Row) -> bytes:
    """``copy_line`` value by value, for a row where some value holds a character to escape."""
    return b"\t".join([copy_field(v) for v in row]) + b"\n"


def _problem(columns: Sequence[str], row: Row) -> str | None:
    """Why a row cannot be stored, naming the column; None when it can."""
    for column, value in zip(columns, row, strict=True):
        try:
            text = _plain(value) if value is not None else ""
        except UnstorableValue as exc:
            return f"column {column}: {exc}"
        if "\x00" in text:
            return f"column {column} contains a NUL character (U+0000), which PostgreSQL text cannot store"
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"column {column} is not valid Unicode ({exc.reason} at position {exc.start})"
    return None


def encoded_line(columns: Sequence[str], row: Row) -> bytes | str:
    """The row as one COPY line, or why it cannot be stored."""
    try:
        line = copy_line(row)
        # UTF-8 has a zero byte only where the text has U+0000.
        if b"\x00" in line:
            raise UnstorableValue("NUL")
        return line
    except (UnstorableValue, UnicodeEncodeError):
        return _problem(columns, row) or "cannot be stored"


def _chunks(lines: Iterable[bytes]) -> Iterator[bytes]:
    chunk: list[bytes] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= COPY_CHUNK_ROWS:
            yield b"".join(chunk)
            chunk = []
    if chunk:
        yield b"".join(chunk)


def _encoded_lines(
    columns: Sequence[str], rows: Iterable[Row], rejected: list[RejectedRow] | None
) -> Iterator[bytes]:
    """Each storable row as its encoded COPY line; bad rows go to ``rejected``."""
    width = len(columns)
    for index, row in enumerate(rows):
        if len(row) != width:
            raise BulkLoadError(f"row {index} has {len(row)} values for {width} columns")
        line = encoded_line(columns, row)
        if isinstance(line, bytes):
            yield line
        elif rejected is None:
            raise BulkLoadError(f"row {index}: {line}")
        else:
            rejected.append(RejectedRow(index, (), line))


def copy_rows(
    cur: psycopg2.extensions.cursor,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Row],
    *,
    rejected: list[RejectedRow] | None = None,
) -> int:
    """COPY rows into ``table`` (no upsert); return how many were sent.

    With ``rejected`` given, unstorable rows are recorded there and skipped;
    without it, the first one raises BulkLoadError.
    """
    return copy_lines(cur, table, columns, _encoded_lines(columns, rows, rejected))


def copy_lines(
    cur: psycopg2.extensions.cursor, table: str, columns: Sequence[str], lines: Iterable[bytes]
) -> int:
    """COPY encoded lines into ``table`` in chunks of COPY_CHUNK_ROWS; return how many went in.

    The data is always UTF-8, whatever the connection's client encoding: the server
    converts it to the database's encoding (a character that encoding cannot hold fails
    the COPY, and the caller's savepoint takes over).
    """
    query = (
        sql.SQL("COPY {} ({}) FROM STDIN WITH (ENCODING 'UTF8')")
        .format(table_identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
        .as_string(cur.connection)
    )
    sent = 0
    for chunk in _chunks(lines):
        cur.copy_expert(query, io.BytesIO(chunk))
        sent += cur.rowcount
    return sent


def table_identifier(table: str) -> sql.Composable:
    """``schema.table`` as a quoted identifier."""
    return sql.Identifier(*table.split("."))
