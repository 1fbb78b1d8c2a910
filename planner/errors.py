"""Errors a user can cause, and the exit code of each kind.

The command line prints a PlannerError as one message and exits with its kind's code; every
other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.words import Words


class ExitCode(IntEnum):
    """What `planner` exits with, by kind of failure. Listed in the README; scripts rely on it."""

    OK = 0
    FAILED = 1
    """Something else went wrong, e.g. `check --strict` found schedule warnings."""
    USAGE = 2
    """The command line itself is wrong: an unknown option, a missing argument."""
    BAD_INPUT = 3
    """A file, field or value that does not validate."""
    NOT_FOUND = 4
    """A meeting, file or workspace that does not exist."""
    CONFLICT = 5
    """A write refused because it would overwrite someone's work."""
    WORKSPACE_UNAVAILABLE = 6
    """The workspace cannot be used now: busy, unreachable, read-only, damaged, or not one."""
    CANNOT_WRITE = 7
    """An output file cannot be written: a folder, a device, no permission, disk full."""
    INTERRUPTED = 130
    """Stopped with ctrl+c (128 + SIGINT, as shells count it)."""


class PlannerError(Exception):
    """A mistake the user can fix: the message says what and where.

    The message is text, or `Words` to be said in the reader's language: `str(error)` says
    it in the current language (`planner.words`), `error.in_language(lang)` in another.
    """

    exit_code = ExitCode.FAILED

    def in_language(self, language: str | None = None) -> str:
        from planner.words import speaking

        with speaking(language):
            return str(self)


class NotFound(PlannerError):
    """A meeting, file or workspace that does not exist."""

    exit_code = ExitCode.NOT_FOUND


class Conflict(PlannerError):
    """A write refused because it would overwrite something: a stale version or a taken slug."""

    exit_code = ExitCode.CONFLICT


class AlreadyInWorkspace(Conflict):
    """An import of a meeting the workspace already has, without replacing it."""


class ChangedSinceExport(Conflict):
    """An import that would overwrite changes made after the file was exported."""


class WorkspaceUnavailable(PlannerError):
    """The workspace cannot be opened or used: busy, unreachable, read-only or damaged."""

    exit_code = ExitCode.WORKSPACE_UNAVAILABLE


class Damaged(WorkspaceUnavailable):
    """A stored record that no longer reads: changed outside Planner, or by a newer version.
    `registration` is the registration's id when the damaged record is a registration."""

    def __init__(self, message: object, *, registration: int | None = None):
        super().__init__(message)
        self.registration = registration


class NeedsUpgrade(WorkspaceUnavailable):
    """A workspace written by an older Planner that may not be upgraded by this command."""


class CannotWrite(PlannerError):
    """An output file that cannot be written; the old file, if any, is untouched."""

    exit_code = ExitCode.CANNOT_WRITE


class BadInput(PlannerError):
    """A value given on the command line or in configuration that cannot be used."""

    exit_code = ExitCode.BAD_INPUT


class Interrupted(PlannerError):
    """Stopped with ctrl+c; the message says what was done and what was not."""

    exit_code = ExitCode.INTERRUPTED


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where: file, line and field.

    `what`, and `origin` when it describes rather than names ("next year's copy of 'x'"),
    may be Words, said in the reader's language when the problem is shown; `message` and
    `source` are them said now.
    """

    origin: str | Words
    what: str | Words
    line: int | None = None
    field: str = ""

    @property
    def source(self) -> str:
        from planner.words import said

        return said(self.origin)

    @property
    def message(self) -> str:
        from planner.words import said

        return said(self.what)

    def __str__(self) -> str:
        source = self.source
        where = f"{source}:{self.line}" if self.line else source
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


MAX_PROBLEMS_SHOWN = 20
"""A file with thousands of problems is not fixed by reading them all: the first 20 show."""


class InvalidInput(BadInput):
    """Input that does not validate. Nothing has been written when this is raised."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(problems)

    def __str__(self) -> str:
        from planner.words import say

        problems = self.problems
        if len(problems) == 1:
            return str(problems[0])
        shown = problems[:MAX_PROBLEMS_SHOWN]
        text = say("problems.count", count=len(problems)) + ":\n"
        text += "\n".join(f"  {p}" for p in shown)
        if len(problems) > len(shown):
            text += "\n  " + say("problems.and_more", count=len(problems) - len(shown))
        return text
