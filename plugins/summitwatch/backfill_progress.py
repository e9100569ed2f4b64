"""How ``summitwatch backfill`` shows its progress.

On a terminal a tqdm bar over the bytes of the files (so its ETA is the
bytes left at this run's speed), with records/s and pages kept beside it;
otherwise (a log file, CI, a pipe) a plain line every ``interval_s`` and one
at the end.
"""

from __future__ import annotations

import time
from typing import Any, TextIO

from summitwatch.pipeline.backfill_workers import Tick


class BackfillProgress:
    def __init__(self, *, files: int, known_bytes: int, stream: TextIO, interval_s: float = 10.0) -> None:
        self.files = files
        self.stream = stream
        self.interval_s = interval_s
        self.started = time.monotonic()
        self.printed_at = self.started
        self.latest: dict[str, Tick] = {}
        self.known_bytes = known_bytes
        self.bar: Any = None
        if stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(
                total=known_bytes or None, unit="B", unit_scale=True, file=stream, desc="backfill"
            )

    def _sum(self, name: str) -> int:
        return sum(int(getattr(t, name)) for t in self.latest.values())

    def _bytes_read(self) -> int:
        return sum(t.next_offset - t.start_offset for t in self.latest.values())

    def _total_bytes(self) -> int:
        sizes = {loc: t.file_bytes or 0 for loc, t in self.latest.items()}
        return max(self.known_bytes, sum(sizes.values()))

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        records = self._sum("records")
        finished = sum(1 for t in self.latest.values() if t.final)
        read, total = self._bytes_read(), self._total_bytes()
        done = sum(t.next_offset for t in self.latest.values())
        text = (
            f"backfill: {finished}/{self.files} files, {records:,} records ({records / elapsed:,.0f}/s), "
            f"{self._sum('pages'):,} pages kept, {self._sum('landed'):,} new, {self._sum('bad'):,} bad"
        )
        if total:
            rate = read / elapsed
            eta = (total - done) / rate if rate > 0 else None
            text += f", {100 * done / total:.0f}% of {total / 1e6:,.1f} MB"
            if eta is not None:
                text += f", ETA {time.strftime('%H:%M:%S', time.gmtime(eta))}"
        return text

    def update(self, tick: Tick) -> None:
        previous = self.latest.get(tick.location)
        self.latest[tick.location] = tick
        if self.bar is not None:
            total = self._total_bytes()
            if total and self.bar.total != total:
                self.bar.total = total
            self.bar.update(tick.next_offset - (previous.next_offset if previous else tick.start_offset))
            elapsed = max(time.monotonic() - self.started, 1e-6)
            self.bar.set_postfix_str(
                f"{self._sum('records') / elapsed:,.0f} rec/s, {self._sum('pages'):,} pages kept",
                refresh=False,
            )
            return
        now = time.monotonic()
        if now - self.printed_at >= self.interval_s:
            self.printed_at = now
            print(self.line(), file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        print(self.line(), file=self.stream, flush=True)
