"""Fast, safe batch loads: COPY into a temporary staging table, then one upsert.

``upsert_rows`` streams a batch through ``COPY ... FROM STDIN`` (``db.copy_text``)
into a temporary table shaped like the target's columns, then moves it with a
single ``INSERT ... SELECT ... ON CONFLICT (natural key) DO UPDATE``. Values travel
inside the COPY stream, so there are no bind parameters to build, and the only SQL
text is made of identifiers quoted with ``psycopg2.sql``.

Generic: a target is any table with a natural key (``UpsertTarget``); the
project's own targets and the rows they take live with the stage that writes them
(``pipeline.load``).

Safety comes from the caller's transaction: this module never commits, so a batch
loaded inside ``transaction(conn)`` lands completely or not at all. A conflicting
row is rewritten only when one of its values differs, so loading the same batch
again is a no-op: nothing is rewritten and no ``updated_at`` moves.

In the target's ``exact_text`` columns NULs are taken out and their positions
stored in ``<column>_nul_offsets`` (see ``exact_text``), so the original comes
back exactly. A NUL anywhere else, or a lone surrogate, is refused per row with a
reason naming the column (``RejectedRow``), instead of failing the batch; the
caller records the reason on its item.

Speed: rows whose key is new are copied straight into the table (no staging);
the caller can name keys it knows to be new (``known_new``, e.g. mentions of
articles this transaction just inserted) so that not even the lookup is spent on
them. Measured in ``bench/load.py``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

import psycopg2.errors
import psycopg2.extensions
from psycopg2 import sql

from summitwatch.db.copy_text import (
    BulkLoadError,
    RejectedRow,
    Row,
    copy_lines,
    encoded_line,
    table_identifier,
)
from summitwatch.db.exact_text import take_out_nul


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
        line = encoded_line(columns, loaded)
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
            _key_values(target), table_identifier(target.table), sql.Identifier(target.key[0])
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
            copy_lines(cur, target.table, target.loaded_columns, lines)
        except psycopg2.errors.UniqueViolation:
            cur.execute("ROLLBACK TO SAVEPOINT bulk_load_new_keys")
            return False
        cur.execute("RELEASE SAVEPOINT bulk_load_new_keys")
    else:
        copy_lines(cur, target.table, target.loaded_columns, lines)
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
                table_identifier(target.table),
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
    table = table_identifier(target.table)
    columns = sql.SQL(", ").join(map(sql.Identifier, target.loaded_columns))
    # Same column types as the target, no constraints, no indexes, no WAL.
    cur.execute(
        sql.SQL("CREATE TEMP TABLE {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA").format(
            stage, columns, table
        )
    )
    copy_lines(cur, f"pg_temp.{stage_name}", target.loaded_columns, [line for _, _, line in batch])

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
