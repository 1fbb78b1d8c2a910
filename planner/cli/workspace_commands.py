"""The workspace itself: create it, fill a demo one, read its audit log."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from planner import config
from planner.cli.app import app, open_app, open_workspace, say
from planner.errors import Conflict
from planner.meeting_files import read_meeting_files
from planner.model import clock
from planner.model.clock import named_time
from planner.model.text import printable
from planner.resources import sample_meeting_files
from planner.store.audit import MAX_ENTRIES, describe, subject_said
from planner.store.settings import DEMO
from planner.store.workspace import Workspace
from planner.words import Words, said
from planner.words import say as words


@app.command()
def init(
    ctx: typer.Context,
    working_role: Annotated[
        str | None,
        typer.Option(
            "--working-role",
            help="Shared workspace (PostgreSQL), run as the owner: the role colleagues connect "
            "as day to day; it may not change, delete or disable the audit log.",
        ),
    ] = None,
) -> None:
    """Create an empty workspace (or bring an existing one up to date) and say where it is."""
    with open_workspace(ctx, create=True, upgrade_shared=True) as workspace:
        granted = workspace.grant_working_role(working_role)
        count = len(workspace.list_meetings())
        location = workspace.location
    held = words("cli_workspace.holds", count=count) if count else words("cli_workspace.empty")
    say(words("cli_workspace.ready", location=printable(location), held=held))
    if granted is not None:
        say(words("safety_roles.granted", role=printable(granted)))


@app.command()
def demo(
    ctx: typer.Context,
    open_: Annotated[
        bool, typer.Option("--open", help="Open the planner on the demo workspace afterwards.")
    ] = False,
) -> None:
    """Create or refresh the demo workspace from the sample meetings in agendas/.

    Refreshing resets the sample meetings and their registrations. It never writes into a
    workspace that holds anything but the samples.
    """
    files = read_meeting_files(sample_meeting_files())
    with open_workspace(ctx, create=True, fallback=config.demo_workspace()) as workspace:
        _refuse_real_workspace(workspace, {f.slug for f in files})
        workspace.mark_as_demo()
        workspace.import_meetings(
            files, replace=True, force=True, remove_missing=True, source="planner demo"
        )
        location = workspace.location
        summaries = workspace.list_meetings()
    say(words("cli_workspace.demo_ready", location=printable(location)))
    for summary in summaries:
        say(f"  {printable(summary.slug):<42} {printable(summary.title)}")
    if open_:
        open_app(ctx, location)
    elif config.chosen_workspace(ctx.obj.workspace) is None:
        say(words("cli_workspace.open_with", location=printable(location)))


def _refuse_real_workspace(workspace: Workspace, samples: set[str]) -> None:
    """Only an empty workspace, one `planner demo` made, or the old default demo file (which
    holds nothing but samples) may be filled with the samples."""
    slugs = [summary.slug for summary in workspace.list_meetings()]
    if not slugs or workspace.purpose == DEMO:
        others = [slug for slug in slugs if slug not in samples]
        if not others:
            return
    elif workspace.location == str(config.demo_workspace()) and set(slugs) <= samples:
        return
    else:
        others = slugs
    listed = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
    raise Conflict(Words("cli_workspace.not_demo", location=workspace.location, meetings=listed))


@app.command()
def log(
    ctx: typer.Context,
    slug: Annotated[str | None, typer.Argument(help="Only this meeting's changes.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=MAX_ENTRIES)] = 20,
) -> None:
    """Show the audit log: who changed what, and when (newest first). Times are in the
    meeting's time zone for one meeting's changes, else in UTC, and say which."""
    with open_workspace(ctx) as workspace:
        entries = workspace.audit_log(meeting_slug=slug, limit=limit)
        zone = _zone_of(workspace, slug)
    for entry in entries:
        changed = describe(entry)
        say(
            f"{named_time(entry.at, zone, seconds=True)}  {printable(entry.actor):<16} "
            f"{printable(entry.action):<20} {printable(said(subject_said(entry.subject)))}"
            + (f"  ({printable(said(changed))})" if changed else "")
        )
    if not entries:
        say(words("cli_workspace.no_changes"))


def _zone_of(workspace: Workspace, slug: str | None) -> ZoneInfo | None:
    """The time zone of the meeting `slug` while the workspace has it; None (UTC) for the
    changes of all meetings, or of one deleted since."""
    if slug is None:
        return None
    for summary in workspace.list_meetings():
        if summary.slug == slug:
            try:
                return clock.zone(summary.timezone)
            except (ValueError, LookupError, OSError):
                return None
    return None
