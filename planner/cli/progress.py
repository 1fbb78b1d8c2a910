"""Progress drawn on the terminal: one line on standard error, redrawn in place, and only
when standard error is a terminal (a script or a log file gets none of it)."""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from planner.model.text import printable
from planner.progress import Progress, Stage, unseen
from planner.words import Number, say

REDRAW_EVERY = 0.1
"""Seconds between two drawings of the same stage: often enough to see it move."""


@contextmanager
def on_terminal(stream: TextIO | None = None) -> Iterator[Progress]:
    """A Progress drawn on `stream` (standard error) while the block runs, and wiped after,
    so a message that follows starts on a clean line."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield unseen
        return
    line = _Line(stream)
    try:
        yield line.draw
    finally:
        line.wipe()


class _Line:
    def __init__(self, stream: TextIO):
        self.stream = stream
        self.stage: Stage | None = None
        self.drawn_at = 0.0
        self.drawn = False

    def draw(self, stage: Stage, done: int, total: int, name: str = "") -> None:
        now = time.monotonic()
        if stage == self.stage and now - self.drawn_at < REDRAW_EVERY:
            return
        self.stage, self.drawn_at = stage, now
        text = say(f"safety_progress.{stage}", name=name, done=Number(done), total=Number(total))
        width = shutil.get_terminal_size().columns - 1
        self.stream.write("\r\x1b[K" + printable(text)[:width])
        self.stream.flush()
        self.drawn = True

    def wipe(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
