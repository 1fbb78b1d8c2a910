"""How long work below the app says how far it has got, to whoever shows it.

A use-case that may take minutes (importing 100,000 registrations) takes a `progress`
callable and calls it as it goes: `progress(Stage.WRITING, 4_000, 100_000, "big.yaml")`. The
command line draws it on a terminal (`planner.cli.progress`); by default nothing is shown.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class Stage(StrEnum):
    READING = "reading"
    """A file is read: `total` is its size in bytes."""
    CHECKING = "checking"
    """What was read is validated: `total` is how many registrations it holds."""
    PREPARING = "preparing"
    """Registrations are turned into rows, before the workspace is locked."""
    WRITING = "writing"
    """Registrations are written, in the one transaction of the import."""


class Progress(Protocol):
    def __call__(self, stage: Stage, done: int, total: int, name: str = "") -> None: ...


def unseen(stage: Stage, done: int, total: int, name: str = "") -> None:
    """Progress no one watches."""
