"""The backfill's progress: a bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io

from summitwatch.backfill_progress import BackfillProgress
from summitwatch.pipeline.backfill_workers import Tick


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _tick(offset: int, records: int, *, final: bool = False) -> Tick:
    return Tick("/a.warc.gz", 0, offset, 1000, records, records // 2, records // 2, 0, "reading", final=final)


def test_a_terminal_gets_a_bar_with_records_per_second_and_pages_kept() -> None:
    screen = Terminal()
    progress = BackfillProgress(files=1, known_bytes=1000, stream=screen)
    progress.update(_tick(500, 40))
    progress.update(_tick(1000, 80, final=True))
    progress.close()
    shown = screen.getvalue()
    assert "rec/s" in shown and "40 pages kept" in shown and "100%" in shown


def test_a_pipe_gets_plain_lines_with_eta() -> None:
    log = io.StringIO()
    progress = BackfillProgress(files=2, known_bytes=2000, stream=log, interval_s=0.0)
    progress.update(_tick(500, 40))
    progress.close()
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("backfill: 0/2 files, 40 records (")
    assert "20 pages kept, 20 new, 0 bad, 25% of 0.0 MB, ETA" in lines[0]
    assert len(lines) == 2
