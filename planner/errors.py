"""Errors a user can cause. The command line prints them as one message and exits non-zero."""

from __future__ import annotations

from dataclasses import dataclass


class PlannerError(Exception):
    """A mistake the user can fix: the message says what and where."""

    exit_code = 1


class NotFound(PlannerError):
    """A meeting, file or workspace that does not exist."""


class Conflict(PlannerError):
    """A write refused because it would overwrite something: a stale version or a taken slug."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where: file, line and field."""

    source: str
    message: str
    line: int | None = None
    field: str = ""

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class InvalidInput(PlannerError):
    """Input that does not validate. Nothing has been written when this is raised."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        if len(problems) == 1:
            text = str(problems[0])
        else:
            text = f"{len(problems)} problems:\n" + "\n".join(f"  {p}" for p in problems)
        super().__init__(text)
