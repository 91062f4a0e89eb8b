"""A progress bar for long-running management commands (import, index
rebuild, archive generation), with no dependency: it redraws one line on a
terminal and prints a line every few percent when the output is a file or a
CI log, so logs stay short."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")
BAR_WIDTH = 30
LOG_EVERY_PERCENT = 10


class Progress:
    def __init__(self, total: int, label: str = "", stream: TextIO | None = None) -> None:
        self.total = max(total, 0)
        self.label = label
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self.interactive = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last_logged = -1

    def advance(self, note: str = "", by: int = 1) -> None:
        self.done += by
        self._draw(note)

    def _draw(self, note: str) -> None:
        percent = 100 if self.total == 0 else int(self.done * 100 / self.total)
        filled = BAR_WIDTH * percent // 100
        elapsed = time.monotonic() - self.started
        line = f"{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total} {percent:3d}% {elapsed:5.1f}s"
        if self.interactive:
            tail = f" {note}"[:40]
            self.stream.write("\r" + line + tail.ljust(40))
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()
        elif percent // LOG_EVERY_PERCENT != self._last_logged:
            self._last_logged = percent // LOG_EVERY_PERCENT
            self.stream.write(line + "\n")


def progress(
    items: Iterable[T], total: int, label: str = "", stream: TextIO | None = None
) -> Iterator[T]:
    bar = Progress(total, label, stream)
    for item in items:
        yield item
        bar.advance()
