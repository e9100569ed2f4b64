"""``summitwatch backfill``'s workers: files read side by side, then the process stage.

Each worker is its own process with its own connection (as the DAG's mapped
tasks are): it takes the next file not yet taken, reads it with
``backfill.backfill_file``, and when no file is left, processes pending items
(``process.process_pending``; ``SKIP LOCKED`` and write turns let several do
that at once). Progress goes to the parent through a queue, as ``Tick``s.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from summitwatch.sources.catalog import Source
from summitwatch.sources.warc import WarcFilter

# Smaller than news_process's batches: the workers that finish their files first would
# otherwise claim everything pending in one batch, and the others would find nothing.
PROCESS_BATCH_SIZE = 25


@dataclass(frozen=True)
class Tick:
    """A file's progress so far (``final`` once it is read to the end or failed)."""

    location: str
    start_offset: int
    next_offset: int
    file_bytes: int | None
    records: int
    pages: int
    landed: int
    bad: int
    state: str
    error: str | None = None
    already_done: bool = False
    final: bool = False


@dataclass
class BackfillTotals:
    files: int = 0
    files_done_before: int = 0
    failed: list[str] = field(default_factory=list)
    records: int = 0
    pages: int = 0
    landed: int = 0
    bad: int = 0
    processed: dict[str, int] = field(default_factory=dict)


def _tick(result: Any, *, final: bool) -> Tick:
    return Tick(
        result.location,
        result.start_offset,
        result.next_offset,
        result.file_bytes,
        result.records,
        result.pages,
        result.landed,
        result.bad,
        result.state,
        result.error,
        result.already_done,
        final,
    )


def _worker(
    database_url: str,
    source: Source,
    warc_filter: WarcFilter,
    files: Any,
    ticks: Any,
    process: bool,
) -> None:
    from summitwatch.db.connection import open_connection
    from summitwatch.pipeline.backfill import backfill_file
    from summitwatch.pipeline.process import process_pending

    with open_connection(database_url) as conn:
        while True:
            try:
                location = files.get_nowait()
            except queue.Empty:
                break
            result = backfill_file(
                conn,
                source,
                location,
                warc_filter=warc_filter,
                progress=lambda r: ticks.put(_tick(r, final=False)),
            )
            ticks.put(_tick(result, final=True))
        if process:
            summary = process_pending(conn, batch_size=PROCESS_BATCH_SIZE).as_dict()
            ticks.put(("processed", summary))
    ticks.put(("worker_done", None))


def backfill_files(
    database_url: str,
    source: Source,
    locations: list[str],
    *,
    warc_filter: WarcFilter,
    workers: int = 1,
    process: bool = True,
    on_tick: Callable[[Tick], None] | None = None,
) -> BackfillTotals:
    """Read ``locations`` with ``workers`` processes; return what they did."""
    context = multiprocessing.get_context("spawn")
    files = context.Queue()
    for location in locations:
        files.put(location)
    ticks = context.Queue()
    count = max(1, min(workers, len(locations))) if locations else 1
    processes = [
        context.Process(
            target=_worker, args=(database_url, source, warc_filter, files, ticks, process), daemon=True
        )
        for _ in range(count)
    ]
    for p in processes:
        p.start()
    totals = BackfillTotals(files=len(locations))
    running = count
    while running:
        try:
            message = ticks.get(timeout=1.0)
        except queue.Empty:
            if not any(p.is_alive() for p in processes):
                break  # a worker died without saying so; its file stays resumable
            continue
        if isinstance(message, tuple):
            kind, value = message
            if kind == "worker_done":
                running -= 1
            else:
                for name, n in value.items():
                    totals.processed[name] = totals.processed.get(name, 0) + n
            continue
        if on_tick is not None:
            on_tick(message)
        if message.final:
            totals.records += message.records
            totals.pages += message.pages
            totals.landed += message.landed
            totals.bad += message.bad
            totals.files_done_before += message.already_done
            if message.error:
                totals.failed.append(f"{message.location}: {message.error}")
    for p in processes:
        p.join()
        if p.exitcode:
            totals.failed.append(f"a backfill worker exited with code {p.exitcode}")
    return totals
