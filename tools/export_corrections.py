"""Export the gatherings analysts corrected as gold rows in the format of ../shared/eval/dev.jsonl.

    .venv/bin/python tools/export_corrections.py --out corrected.jsonl
    .venv/bin/python ../shared/eval/score.py corrected.jsonl predictions.jsonl   # then score an extractor

Reads the database named by DATABASE_URL (else AIRFLOW_CONN_SUMMITWATCH_DB, else
the embedded server) with the pipeline's rights. What goes into a row is
described in summitwatch.reporting.gold_export.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from summitwatch.db.connection import open_connection, resolve_url, transaction
from summitwatch.reporting.gold_export import gold_rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="JSON Lines file to write (default: standard output)")
    args = parser.parse_args()
    with open_connection(resolve_url()) as conn, transaction(conn) as cur:
        rows = gold_rows(cur)
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if args.out:
        args.out.write_text(lines, encoding="utf-8")
        print(f"wrote {len(rows)} documents to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
