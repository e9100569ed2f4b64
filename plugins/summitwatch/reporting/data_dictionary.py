"""The data dictionary: every table, view and column of the analysts' schemas, from the
database's own comments (``COMMENT ON``), rendered as Markdown for ``docs/``.

The comments live in the migrations, so the database is the single source; the
Markdown file is generated from a migrated database and a test regenerates it to
catch drift. ``missing_comments`` lists what has no comment yet.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg2.extensions

SCHEMAS = ("raw", "core", "events", "reporting")

_KINDS = {"r": "table", "p": "table", "v": "view", "m": "materialized view", "f": "foreign table"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool
    default: str | None
    comment: str | None


@dataclass(frozen=True)
class Relation:
    schema: str
    name: str
    kind: str
    comment: str | None
    columns: tuple[Column, ...]
    constraints: tuple[tuple[str, str], ...]  # (name, definition)
    indexes: tuple[tuple[str, str], ...]  # (name, definition), those not backing a constraint

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True)
class Schema:
    name: str
    comment: str | None
    relations: tuple[Relation, ...]


def read_catalog(cur: psycopg2.extensions.cursor, schemas: tuple[str, ...] = SCHEMAS) -> list[Schema]:
    """Schemas, relations, columns, constraints and comments, in a stable order."""
    cur.execute(
        """
        SELECT n.nspname, obj_description(n.oid, 'pg_namespace')
        FROM pg_namespace n WHERE n.nspname = ANY(%s)
        ORDER BY array_position(%s, n.nspname::text)
        """,
        (list(schemas), list(schemas)),
    )
    schema_rows = cur.fetchall()
    cur.execute(
        """
        SELECT c.oid, n.nspname, c.relname, c.relkind, obj_description(c.oid, 'pg_class')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
        ORDER BY n.nspname, c.relname
        """,
        (list(schemas),),
    )
    relation_rows = cur.fetchall()
    cur.execute(
        """
        SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               CASE WHEN a.attgenerated = 's' THEN 'generated: ' || pg_get_expr(d.adbin, d.adrelid)
                    ELSE pg_get_expr(d.adbin, d.adrelid) END,
               col_description(a.attrelid, a.attnum)
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attrelid, a.attnum
        """,
        (list(schemas),),
    )
    columns: dict[int, list[Column]] = {}
    for relid, name, type_, not_null, default, comment in cur.fetchall():
        columns.setdefault(relid, []).append(Column(name, type_, not_null, default, comment))
    cur.execute(
        """
        SELECT con.conrelid, con.conname, pg_get_constraintdef(con.oid)
        FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
        WHERE n.nspname = ANY(%s) AND con.conrelid <> 0
        ORDER BY con.conrelid, array_position(ARRAY['p', 'u', 'f', 'c', 'x'], con.contype::text), con.conname
        """,
        (list(schemas),),
    )
    constraints: dict[int, list[tuple[str, str]]] = {}
    for relid, name, definition in cur.fetchall():
        constraints.setdefault(relid, []).append((name, definition))
    cur.execute(
        """
        SELECT i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = ic.relnamespace
        WHERE n.nspname = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)
        ORDER BY i.indrelid, ic.relname
        """,
        (list(schemas),),
    )
    indexes: dict[int, list[tuple[str, str]]] = {}
    for relid, name, definition in cur.fetchall():
        indexes.setdefault(relid, []).append((name, definition))

    relations: dict[str, list[Relation]] = {}
    for oid, schema, name, kind, comment in relation_rows:
        relations.setdefault(schema, []).append(
            Relation(
                schema,
                name,
                _KINDS[kind],
                comment,
                tuple(columns.get(oid, [])),
                tuple(constraints.get(oid, [])),
                tuple(indexes.get(oid, [])),
            )
        )
    return [Schema(name, comment, tuple(relations.get(name, []))) for name, comment in schema_rows]


def missing_comments(schemas: list[Schema]) -> list[str]:
    """Schemas, relations and columns that have no comment, as qualified names."""
    missing = [s.name for s in schemas if not (s.comment or "").strip()]
    for schema in schemas:
        for relation in schema.relations:
            if not (relation.comment or "").strip():
                missing.append(relation.qualified_name)
            missing.extend(
                f"{relation.qualified_name}.{c.name}"
                for c in relation.columns
                if not (c.comment or "").strip()
            )
    return missing


def _cell(text: str | None) -> str:
    # Markdown table cells: one line, pipes escaped.
    return " ".join((text or "").split()).replace("|", "\\|")


def render_markdown(schemas: list[Schema]) -> str:
    lines = [
        "# Data dictionary",
        "",
        "<!-- Generated by tools/data_dictionary.py from the COMMENT ON text of a migrated database."
        " Do not edit: change the comments in a new migration under sql/ and regenerate. -->",
        "",
        "Every schema, table, view and column of the Summit Watch database, described by the",
        "comments the migrations put on them. Analysts can read the `reporting` views only",
        "(see [the analyst guide](analyst-guide.md)); the other schemas are listed so the views",
        "can be traced back to where their data comes from.",
        "",
        "## Contents",
        "",
    ]
    for schema in schemas:
        names = ", ".join(f"[{r.name}](#{schema.name}{r.name})" for r in schema.relations)
        lines.append(f"- **{schema.name}**: {names}")
    for schema in schemas:
        lines += ["", f"## Schema `{schema.name}`", "", _cell(schema.comment)]
        for relation in schema.relations:
            lines += [
                "",
                f"### {relation.qualified_name}",
                "",
                f"*{relation.kind}* — {_cell(relation.comment)}",
                "",
                "| column | type | null | default | description |",
                "| --- | --- | --- | --- | --- |",
            ]
            for column in relation.columns:
                lines.append(
                    f"| `{column.name}` | {_cell(column.type)} | {'no' if column.not_null else 'yes'} "
                    f"| {_cell(column.default)} | {_cell(column.comment)} |"
                )
            if relation.constraints:
                lines += ["", "Constraints:", ""]
                lines += [f"- `{name}`: `{_cell(definition)}`" for name, definition in relation.constraints]
            if relation.indexes:
                lines += ["", "Indexes:", ""]
                lines += [f"- `{name}`: `{_cell(definition)}`" for name, definition in relation.indexes]
    return "\n".join(lines) + "\n"
