"""Regenerate docs/data-dictionary.md from the comments in a migrated database.

    .venv/bin/python tools/data_dictionary.py                 # scratch database, write the file
    .venv/bin/python tools/data_dictionary.py --check         # exit 1 if the file is stale
    .venv/bin/python tools/data_dictionary.py --database-url postgresql://.../summitwatch

Without --database-url it creates a scratch database next to DATABASE_URL (else
postgres@127.0.0.1:5432), applies sql/ to it, reads the catalog and drops it, so
the output depends on the migrations only.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg2

from summitwatch.db.connection import scratch_database
from summitwatch.db.migrations import migrate
from summitwatch.paths import project_root
from summitwatch.reporting.data_dictionary import missing_comments, read_catalog, render_markdown

DEFAULT_OUT = project_root() / "docs" / "data-dictionary.md"


@contextmanager
def migrated_scratch_database(admin_url: str) -> Iterator[str]:
    with scratch_database(admin_url, "summitwatch_dictionary") as url:
        with psycopg2.connect(url) as conn:
            migrate(conn)
        conn.close()
        yield url


def generate(url: str) -> tuple[str, list[str]]:
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        schemas = read_catalog(cur)
    conn.close()
    return render_markdown(schemas), missing_comments(schemas)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a migrated database to read (default: a scratch one)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown file to write")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if --out is stale")
    args = parser.parse_args()
    if args.database_url:
        text, missing = generate(args.database_url)
    else:
        admin = os.environ.get("DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/postgres"
        with migrated_scratch_database(admin) as url:
            text, missing = generate(url)
    for name in missing:
        print(f"no comment: {name}", file=sys.stderr)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale: run tools/data_dictionary.py", file=sys.stderr)
            return 1
        return 1 if missing else 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.splitlines())} lines)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
