"""The command line: every capability of the planner, scriptable.

`app` is the root command with its error boundary; each module adds the commands of one
part of the work.
"""

from planner.cli import (  # noqa: F401  (they add commands)
    invitations,
    meetings,
    registrations,
    render_commands,
    settings_commands,
    transfer,
    workspace_commands,
)
from planner.cli import minutes_commands as _minutes_commands  # noqa: F401
from planner.cli.app import app


def main() -> None:
    app(prog_name="planner")


__all__ = ["app", "main"]
