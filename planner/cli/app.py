"""The root command and its error boundary, and what every command shares.

Mistakes a user can make end in one message on stderr and the exit code of their kind
(`planner.errors.ExitCode`); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

from planner import config
from planner.errors import ExitCode, PlannerError
from planner.model.text import printable
from planner.words import Words, said

if TYPE_CHECKING:
    from planner.store import Workspace


class _PlannerGroup(TyperGroup):
    """Turns a PlannerError from any command into one message and its exit code."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except PlannerError as error:
            say_error(error)
            ctx.exit(error.exit_code)
        except BrokenPipeError:
            # `planner export x | head`: the reader has gone, which is not a failure.
            _silence_stdout()
            ctx.exit(ExitCode.OK)
        except KeyboardInterrupt:
            say_error(Words("cli.interrupted"))
            ctx.exit(ExitCode.INTERRUPTED)


app = typer.Typer(
    cls=_PlannerGroup,
    help="Plan conferences and dialogue meetings: agendas, invitations, registrations.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@dataclass
class Options:
    workspace: str | None


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    workspace: Annotated[
        str | None,
        typer.Option(
            "--workspace",
            "-w",
            help="Workspace file or database URL "
            f"[default: ${config.WORKSPACE_ENV}, else {config.default_workspace()}]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Without a command, opens the planner on the workspace."""
    from planner.i18n import catalogue
    from planner.words import set_language

    set_language(config.user_language())
    catalogue()  # a secretariat's labels.yaml that cannot be used is said before anything else
    ctx.obj = Options(workspace)
    if ctx.invoked_subcommand is None:
        open_app(ctx)


def open_workspace(
    ctx: typer.Context,
    *,
    create: bool = False,
    fallback: Path | None = None,
    upgrade_shared: bool = False,
) -> Workspace:
    """The workspace the user chose. Read-only commands pass `create=False`: a workspace
    that is not there is reported, never created."""
    location = config.workspace_location(ctx.obj.workspace, fallback=fallback)
    return _opened(location, create=create, upgrade_shared=upgrade_shared)


def _opened(location: str, *, create: bool, upgrade_shared: bool = False) -> Workspace:
    """Open a workspace and say on stderr if it had to be upgraded. A workspace file is
    upgraded when opened (a copy of the old file is kept); a shared one only by `planner
    init`, which its owner runs after a backup."""
    from planner.errors import NeedsUpgrade
    from planner.store import Workspace
    from planner.store.locations import parse_location

    shared = parse_location(location).backend != "sqlite"
    try:
        workspace = Workspace.open(
            location,
            actor=config.current_actor(),
            create=create,
            upgrade=upgrade_shared or not shared,
        )
    except NeedsUpgrade as needed:
        raise NeedsUpgrade(Words("safety_upgrade.run_init", problem=needed)) from None
    if workspace.upgraded is not None:
        say(workspace.upgraded.report(), err=True)
    return workspace


def open_app(ctx: typer.Context, location: str | None = None) -> None:
    """The terminal app on the chosen workspace; only the default one is created if missing."""
    from planner.tui.app import run

    create = location is None and config.chosen_workspace(ctx.obj.workspace) is None
    location = location or config.workspace_location(ctx.obj.workspace)
    workspace = _opened(location, create=create)
    status = run(workspace)
    if status:
        raise typer.Exit(status)


def console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False, soft_wrap=True)


def say(text: str, *, style: str = "", err: bool = False) -> None:
    """Print text whose user data went through `printable` already: never as markup."""
    console(err).print(Text(text, style=style))


def say_error(message: str | Words | PlannerError) -> None:
    """'error: …' on standard error, in the reader's language."""
    text = Words("cli.error", message=printable_lines(said(message)))
    typer.echo(said(text), err=True)


def printable_lines(text: str) -> str:
    """Each line made printable, its indentation kept."""
    lines = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip(" "))]
        lines.append(indent + printable(line))
    return "\n".join(lines)


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
