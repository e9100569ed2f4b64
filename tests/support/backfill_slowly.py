"""A backfill that commits every 10 records and pauses after each commit, printing how far it got,
so a test can kill it (SIGKILL) in the middle of a file: ``python backfill_slowly.py URL SOURCE FILE``."""

from __future__ import annotations

import sys
import time

from summitwatch.db.connection import open_connection
from summitwatch.pipeline.backfill import FileProgress, backfill_file, backfill_source_for


def main(url: str, source_name: str, location: str) -> None:
    def committed(result: FileProgress) -> None:
        print(f"committed {result.records} {result.next_offset}", flush=True)
        time.sleep(0.2)

    with open_connection(url) as conn:
        source = backfill_source_for(conn, source_name, location)
        backfill_file(conn, source, location, progress=committed, chunk_records=10, chunk_seconds=60)
    print("finished", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
