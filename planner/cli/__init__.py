"""The command line: every capability of the planner, scriptable.

`app` is the root command with its error boundary; each module adds the commands of one
part of the work.
"""

from planner.cli import intake_commands as _intake_commands  # noqa: F401
from planner.cli import meeting_commands as _meeting_commands  # noqa: F401  (it adds commands)
from planner.cli import (  # noqa: F401  (they add commands)
    meetings,
    registrations,
    render_commands,
    settings_commands,
    transfer,
    workspace_commands,
)
from planner.cli import minutes_commands as _minutes_commands  # noqa: F401
from planner.cli.app import app

# isort: off
# The invitations' commands (invite, cancel, outbox, ics, replies, mail), then the door's
# (checkin) and privacy's come after the meetings' and the registrations' in
# `planner --help`, in the order the work goes.
from planner.cli import invitations as _invitations  # noqa: F401
from planner.cli import checkin_commands as _checkin_commands  # noqa: F401
from planner.cli import privacy_commands as _privacy_commands  # noqa: F401
# isort: on


def main() -> None:
    app(prog_name="planner")


__all__ = ["app", "main"]
