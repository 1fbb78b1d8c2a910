"""Errors a user can cause. The command line prints them as one message and exits non-zero."""


class PlannerError(Exception):
    """A mistake the user can fix: the message says what and where."""

    exit_code = 1


class NotFound(PlannerError):
    """A meeting, file or workspace that does not exist."""


class Conflict(PlannerError):
    """A write refused because it would overwrite something: a stale version or a taken slug."""


class InvalidInput(PlannerError):
    """A file or value that does not validate; `problems` lists each one with where it is."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        count = f"{len(problems)} problems" if len(problems) > 1 else "1 problem"
        super().__init__(f"{source}: {count}:\n" + "\n".join(f"  {p}" for p in problems))
