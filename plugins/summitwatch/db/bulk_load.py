"""Fast, safe batch loads: COPY into a temporary staging table, then one upsert.

``upsert_rows`` streams a batch through ``COPY ... FROM STDIN`` (PostgreSQL's text
format) into a temporary table shaped like the target's columns, then moves it
with a single ``INSERT ... SELECT ... ON CONFLICT (natural key) DO UPDATE``. Values
travel inside the COPY stream, so there are no bind parameters to build, and the
only SQL text is made of identifiers quoted with ``psycopg2.sql``.

Safety comes from the caller's transaction: this module never commits, so a batch
loaded inside ``transaction(conn)`` lands completely or not at all. A conflicting
row is rewritten only when one of its values differs, so loading the same batch
again is a no-op: nothing is rewritten and no ``updated_at`` moves.

Text round-trips exactly (quotes, backslashes, tabs, newlines, carriage returns,
any Unicode). PostgreSQL text cannot hold the NUL character (U+0000): in the
target's ``exact_text`` columns NULs are taken out and their positions stored in
``<column>_nul_offsets`` (see ``exact_text``), so the original comes back exactly.
A NUL anywhere else, or a lone surrogate (text that was decoded wrongly), is
refused per row with a reason naming the column, instead of failing the batch;
the caller records the reason on its item.

COPY data is always UTF-8 (``COPY ... WITH (ENCODING 'UTF8')``), escaped on the
encoded bytes, whatever the connection's client encoding.

Speed: rows whose key is new are copied straight into the table (no staging);
the caller can name keys it knows to be new (``known_new``, e.g. mentions of
articles this transaction just inserted) so that not even the lookup is spent on
them. Measured in ``bench/load.py``.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import psycopg2.errors
import psycopg2.extensions
from psycopg2 import sql

from summitwatch.db.exact_text import take_out_nul

# Rows per COPY call: bounds the memory of one encoded chunk (a few MB of text).
COPY_CHUNK_ROWS = 5_000

Row = Sequence[Any]


class BulkLoadError(ValueError):
    """The load was described wrongly (unknown columns, rows of the wrong width)."""


@dataclass(frozen=True)
class UpsertTarget:
    """A table loaded by natural key.

    ``key`` must be the columns of a unique constraint or index of ``table``; rows
    carry ``columns`` in that order. ``update`` lists the columns rewritten when a
    row with the same key exists (None: every non-key column; an empty tuple: keep
    the existing row as it is). ``touch`` names a timestamp column set to now()
    whenever a row is rewritten. ``returning`` names target columns handed back for
    every loaded row (inserted, rewritten or unchanged), keyed by the key values
    (for rows copied straight in, returning columns the rows carry are handed back as
    given, without reading them back).
    ``exact_text`` names text columns that may hold NUL characters: they are stored
    without them, with their positions in the column ``<name>_nul_offsets`` (which
    rows do not carry: the loader fills it).
    """

    table: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    update: tuple[str, ...] | None = None
    touch: str | None = None
    returning: tuple[str, ...] = ()
    exact_text: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        missing = [k for k in self.key if k not in self.columns]
        if missing:
            raise BulkLoadError(f"{self.table}: key columns {missing} are not among the loaded columns")
        if self.update is not None and any(c not in self.columns or c in self.key for c in self.update):
            raise BulkLoadError(f"{self.table}: update columns must be loaded, non-key columns")
        if any(c not in self.columns or c in self.key for c in self.exact_text):
            raise BulkLoadError(f"{self.table}: exact_text columns must be loaded, non-key columns")

    @property
    def nul_offset_columns(self) -> tuple[str, ...]:
        return tuple(f"{c}_nul_offsets" for c in self.exact_text)

    @property
    def loaded_columns(self) -> tuple[str, ...]:
        """The columns COPY writes: the rows' columns, then the NUL offsets the loader adds."""
        return self.columns + self.nul_offset_columns

    @property
    def update_columns(self) -> tuple[str, ...]:
        chosen = tuple(c for c in self.columns if c not in self.key) if self.update is None else self.update
        # A text rewritten with its NULs elsewhere is a change too.
        offsets = tuple(f"{c}_nul_offsets" for c in self.exact_text if c in chosen)
        return chosen + offsets


@dataclass(frozen=True)
class RejectedRow:
    """A row that cannot be stored as given; the rest of the batch is loaded without it."""

    index: int  # position in the rows passed in
    key: tuple[Any, ...]
    reason: str


@dataclass
class UpsertResult:
    # Keys of the rows this call inserted (not those it rewrote or left as they were).
    inserted_keys: set[tuple[Any, ...]] = field(default_factory=set)
    updated: int = 0
    unchanged: int = 0
    # Later rows with the key of an earlier row in the same batch replace it.
    superseded: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    returned: dict[tuple[Any, ...], tuple[Any, ...]] = field(default_factory=dict)

    @property
    def inserted(self) -> int:
        return len(self.inserted_keys)

    @property
    def loaded(self) -> int:
        return self.inserted + self.updated + self.unchanged


# --- COPY text format -------------------------------------------------------------


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


def _encoded_line(columns: Sequence[str], row: Row) -> bytes | str:
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
        line = _encoded_line(columns, row)
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
    return _copy_lines(cur, table, columns, _encoded_lines(columns, rows, rejected))


def _copy_lines(
    cur: psycopg2.extensions.cursor, table: str, columns: Sequence[str], lines: Iterable[bytes]
) -> int:
    """COPY encoded lines into ``table`` in chunks of COPY_CHUNK_ROWS; return how many went in.

    The data is always UTF-8, whatever the connection's client encoding: the server
    converts it to the database's encoding (a character that encoding cannot hold fails
    the COPY, and the caller's savepoint takes over).
    """
    query = (
        sql.SQL("COPY {} ({}) FROM STDIN WITH (ENCODING 'UTF8')")
        .format(_table_identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
        .as_string(cur.connection)
    )
    sent = 0
    for chunk in _chunks(lines):
        cur.copy_expert(query, io.BytesIO(chunk))
        sent += cur.rowcount
    return sent


# --- Upsert -----------------------------------------------------------------------


def _table_identifier(table: str) -> sql.Composable:
    return sql.Identifier(*table.split("."))


@dataclass
class PreparedRows:
    """A batch made ready for ``upsert_prepared`` without the database: each row keyed,
    NULs of exact-text columns taken out, and encoded as its COPY line.

    Preparing is pure Python, so a worker can do it while another worker's batch holds
    the database (``summitwatch.pipeline.process`` does).
    """

    target: UpsertTarget
    # key -> (position in the rows given, row as loaded, its COPY line)
    by_key: dict[tuple[Any, ...], tuple[int, Row, bytes]] = field(default_factory=dict)
    superseded: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)


def prepare_rows(target: UpsertTarget, rows: Iterable[Row]) -> PreparedRows:
    """Key, clean and encode ``rows`` for ``target`` (see PreparedRows)."""
    prepared = PreparedRows(target)
    positions = [target.columns.index(k) for k in target.key]
    exact = [target.columns.index(c) for c in target.exact_text]
    columns = target.loaded_columns
    last: dict[tuple[Any, ...], tuple[int, Row]] = {}
    for index, row in enumerate(rows):
        if len(row) != len(target.columns):
            raise BulkLoadError(f"row {index} has {len(row)} values for {len(target.columns)} columns")
        key = tuple([row[p] for p in positions])
        if None in key:
            prepared.rejected.append(RejectedRow(index, key, "a key column is empty"))
            continue
        if key in last:
            # ON CONFLICT may touch a row only once per statement: the last row of a key wins.
            prepared.superseded += 1
            del last[key]
        last[key] = (index, row)
    for key, (index, row) in last.items():
        loaded = _with_nul_offsets(row, exact) if exact else row
        line = _encoded_line(columns, loaded)
        if isinstance(line, str):
            prepared.rejected.append(RejectedRow(index, key, line))
        else:
            prepared.by_key[key] = (index, loaded, line)
    prepared.rejected.sort(key=lambda r: r.index)
    return prepared


def upsert_rows(
    cur: psycopg2.extensions.cursor,
    target: UpsertTarget,
    rows: Iterable[Row],
    *,
    known_new: Collection[tuple[Any, ...]] = frozenset(),
) -> UpsertResult:
    """Load ``rows`` into ``target.table`` by natural key, inside the caller's transaction.

    ``prepare_rows`` then ``upsert_prepared``; see there.
    """
    return upsert_prepared(cur, prepare_rows(target, rows), known_new=known_new)


def upsert_prepared(
    cur: psycopg2.extensions.cursor,
    prepared: PreparedRows,
    *,
    known_new: Collection[tuple[Any, ...]] = frozenset(),
) -> UpsertResult:
    """Write a prepared batch by natural key, inside the caller's transaction.

    Rows whose key is not in the table yet (one index lookup for the batch) are copied
    straight into it; only rows whose key exists go through the staging table and
    ``INSERT ... ON CONFLICT``. Should another transaction insert one of the new keys
    meanwhile, the direct copy is rolled back to a savepoint and every row takes the
    upsert path, so the result is the same either way.

    ``known_new`` holds keys the caller knows cannot be in the table nor be inserted by
    anyone else (their leading column is an id this transaction just created): they are
    neither looked up nor guarded by the savepoint.
    """
    target = prepared.target
    result = UpsertResult(superseded=prepared.superseded, rejected=list(prepared.rejected))
    by_key = prepared.by_key
    if not by_key:
        return result

    unsure = [key for key in by_key if key not in known_new]
    existing = _existing_keys(cur, target, unsure) if unsure else set()
    new = [(key, entry) for key, entry in by_key.items() if key not in existing]
    staged = [entry for key, entry in by_key.items() if key in existing]
    guarded = len(unsure) > len(existing)  # some new key is not the caller's own
    if new and not _insert_new(cur, target, new, result, guarded=guarded):
        staged = list(by_key.values())
    if staged:
        _staged_upsert(cur, target, staged, result)
    result.rejected.sort(key=lambda r: r.index)
    return result


def _with_nul_offsets(row: Row, exact: list[int]) -> Row:
    """The row with NULs taken out of its exact-text values and their offsets appended."""
    values = list(row)
    offsets: list[list[int] | None] = []
    for position in exact:
        value = values[position]
        if isinstance(value, str):
            values[position], found = take_out_nul(value)
            offsets.append(found)
        else:
            offsets.append(None)
    return (*values, *offsets)


def _key_values(target: UpsertTarget) -> sql.Composable:
    return sql.SQL(", ").join(map(sql.Identifier, target.key))


def _existing_keys(
    cur: psycopg2.extensions.cursor, target: UpsertTarget, keys: list[tuple[Any, ...]]
) -> set[tuple[Any, ...]]:
    """Which of ``keys`` the table holds: one lookup on the key's leading column."""
    leading = sorted({k[0] for k in keys}, key=repr)
    cur.execute(
        sql.SQL("SELECT {} FROM {} WHERE {} = ANY(%s)").format(
            _key_values(target), _table_identifier(target.table), sql.Identifier(target.key[0])
        ),
        (leading,),
    )
    return {tuple(row) for row in cur.fetchall()} & set(keys)


def _insert_new(
    cur: psycopg2.extensions.cursor,
    target: UpsertTarget,
    new: list[tuple[tuple[Any, ...], tuple[int, Row, bytes]]],
    result: UpsertResult,
    *,
    guarded: bool,
) -> bool:
    """COPY rows with new keys straight into the table; False if a key turned up meanwhile.

    Unguarded (every key is the caller's own), no savepoint is spent on that case.
    """
    lines = [line for _, (_, _, line) in new]
    if guarded:
        cur.execute("SAVEPOINT bulk_load_new_keys")
        try:
            _copy_lines(cur, target.table, target.loaded_columns, lines)
        except psycopg2.errors.UniqueViolation:
            cur.execute("ROLLBACK TO SAVEPOINT bulk_load_new_keys")
            return False
        cur.execute("RELEASE SAVEPOINT bulk_load_new_keys")
    else:
        _copy_lines(cur, target.table, target.loaded_columns, lines)
    wanted = {key for key, _ in new}
    result.inserted_keys |= wanted
    loaded = target.loaded_columns
    if target.returning and all(c in loaded for c in target.returning):
        # The rows carry what is asked back (an id handed out beforehand): no lookup needed.
        positions = [loaded.index(c) for c in target.returning]
        for key, (_, row, _) in new:
            result.returned[key] = tuple([row[p] for p in positions])
    elif target.returning:
        width = len(target.key)
        cur.execute(
            sql.SQL("SELECT {}, {} FROM {} WHERE {} = ANY(%s)").format(
                _key_values(target),
                sql.SQL(", ").join(map(sql.Identifier, target.returning)),
                _table_identifier(target.table),
                sql.Identifier(target.key[0]),
            ),
            (sorted({k[0] for k in wanted}, key=repr),),
        )
        for row in cur.fetchall():
            key = tuple(row[:width])
            if key in wanted:
                result.returned[key] = tuple(row[width:])
    return True


def _staged_upsert(
    cur: psycopg2.extensions.cursor,
    target: UpsertTarget,
    batch: list[tuple[int, Row, bytes]],
    result: UpsertResult,
) -> None:
    """COPY rows into a temporary staging table, then one INSERT ... ON CONFLICT."""
    stage_name = f"stage_{target.table.replace('.', '_')}"
    stage = sql.Identifier(stage_name)
    table = _table_identifier(target.table)
    columns = sql.SQL(", ").join(map(sql.Identifier, target.loaded_columns))
    # Same column types as the target, no constraints, no indexes, no WAL.
    cur.execute(
        sql.SQL("CREATE TEMP TABLE {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA").format(
            stage, columns, table
        )
    )
    _copy_lines(cur, f"pg_temp.{stage_name}", target.loaded_columns, [line for _, _, line in batch])

    key_columns = sql.SQL(", ").join(map(sql.Identifier, target.key))
    on_conflict: sql.Composable
    if target.update_columns:
        assignments = [
            sql.SQL("{} = EXCLUDED.{}").format(sql.Identifier(c), sql.Identifier(c))
            for c in target.update_columns
        ]
        if target.touch:
            assignments.append(sql.SQL("{} = now()").format(sql.Identifier(target.touch)))
        current = sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(c)) for c in target.update_columns)
        incoming = sql.SQL(", ").join(
            sql.SQL("EXCLUDED.{}").format(sql.Identifier(c)) for c in target.update_columns
        )
        on_conflict = sql.SQL("DO UPDATE SET {} WHERE ({}) IS DISTINCT FROM ({})").format(
            sql.SQL(", ").join(assignments), current, incoming
        )
    else:
        on_conflict = sql.SQL("DO NOTHING")
    # Written rows come back with their key and returning columns; xmax is 0 on a
    # freshly inserted row version and set on one rewritten by DO UPDATE.
    handed_back = sql.SQL(", ").join(
        sql.SQL("t.{}").format(sql.Identifier(c)) for c in (*target.key, *target.returning)
    )
    cur.execute(
        sql.SQL(
            """
            INSERT INTO {table} AS t ({columns})
            SELECT {columns} FROM pg_temp.{stage}
            ON CONFLICT ({key}) {on_conflict}
            RETURNING (t.xmax = 0), {handed_back}
            """
        ).format(
            table=table,
            columns=columns,
            stage=stage,
            key=key_columns,
            on_conflict=on_conflict,
            handed_back=handed_back,
        )
    )
    width = len(target.key)
    inserted = updated = 0
    for row in cur.fetchall():
        if row[0]:
            inserted += 1
            result.inserted_keys.add(tuple(row[1 : 1 + width]))
        else:
            updated += 1
        if target.returning:
            result.returned[tuple(row[1 : 1 + width])] = tuple(row[1 + width :])
    unchanged = len(batch) - inserted - updated
    result.updated += updated
    result.unchanged += unchanged

    if target.returning and unchanged:
        # Unchanged rows were not written, so not returned: look their values up.
        cur.execute(
            sql.SQL("SELECT {}, {} FROM pg_temp.{} s JOIN {} t ON {}").format(
                sql.SQL(", ").join(sql.SQL("s.{}").format(sql.Identifier(k)) for k in target.key),
                sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(c)) for c in target.returning),
                stage,
                table,
                sql.SQL(" AND ").join(
                    sql.SQL("t.{} = s.{}").format(sql.Identifier(k), sql.Identifier(k)) for k in target.key
                ),
            )
        )
        result.returned.update({tuple(r[:width]): tuple(r[width:]) for r in cur.fetchall()})
    cur.execute(sql.SQL("DROP TABLE pg_temp.{}").format(stage))


# --- The project's tables loaded this way -------------------------------------------

_ARTICLE_FIELDS = (
    "source_name",
    "doc_id",
    "canonical_url",
    "title",
    "body",
    "language",
    "published_at",
    "published_precision",
    "content_hash",
)

# Rows carry the article id handed out with the batch's write turn
# (``pipeline.write_turns``): used when the item is new, never rewritten when the
# item already has its article.
ARTICLES = UpsertTarget(
    table="core.articles",
    columns=("article_id", "item_id", *_ARTICLE_FIELDS),
    key=("item_id",),
    update=_ARTICLE_FIELDS,
    touch="updated_at",
    returning=("article_id",),
    exact_text=("title", "body"),
)

MENTIONS = UpsertTarget(
    table="events.mentions",
    columns=(
        "article_id",
        "event_id",
        "extractor_version",
        "kind",
        "status",
        "participants",
        "organizations",
        "location",
        "country",
        "event_date",
        "evidence",
        "confidence",
    ),
    key=("article_id", "event_id", "extractor_version"),
    returning=("mention_id",),
)
