"""The command line: every capability of the planner, scriptable.

Mistakes a user can make end in one message on stderr and a non-zero exit code.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text
from typer.core import TyperGroup

from planner import config
from planner.agenda_view import agenda_text, describe_person
from planner.errors import NotFound, PlannerError
from planner.i18n import format_when, label
from planner.meeting_files import (
    dump_meeting_yaml,
    read_meeting_files,
    schema_text,
    write_meeting_file,
)
from planner.model import LANGUAGES, Meeting
from planner.resources import sample_meeting_files
from planner.schedule import Schedule, build_schedule


class _PlannerGroup(TyperGroup):
    """Turns a PlannerError from any command into one message and its exit code."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except PlannerError as error:
            typer.echo(f"error: {error}", err=True)
            ctx.exit(error.exit_code)


app = typer.Typer(
    cls=_PlannerGroup,
    help="Plan conferences and dialogue meetings: agendas, invitations, registrations.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@dataclass
class _Options:
    workspace: str | None


def _console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False, soft_wrap=True)


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
    ctx.obj = _Options(workspace)
    if ctx.invoked_subcommand is None:
        _open_tui(config.workspace_location(workspace))


def _workspace(ctx: typer.Context, *, fallback: Path | None = None):
    from planner.store import Workspace

    location = config.workspace_location(ctx.obj.workspace, fallback=fallback)
    return Workspace.open(location, actor=config.current_actor())


def _open_tui(location: str) -> None:
    from planner.tui.app import run

    run(location, actor=config.current_actor())


def _is_file_target(target: str) -> bool:
    return target.endswith((".yaml", ".yml")) or "/" in target or Path(target).is_file()


def _language(value: str | None) -> str | None:
    if value is not None and value not in LANGUAGES:
        raise PlannerError(f"--lang {value!r}: use one of {', '.join(LANGUAGES)}")
    return value


@app.command()
def demo(
    ctx: typer.Context,
    open_: Annotated[
        bool, typer.Option("--open", help="Open the planner on the demo workspace afterwards.")
    ] = False,
) -> None:
    """Create or refresh the demo workspace from the sample meetings in agendas/."""
    files = read_meeting_files(sample_meeting_files())
    with _workspace(ctx, fallback=config.demo_workspace()) as workspace:
        workspace.import_meetings(files, replace=True, source="planner demo")
        location = workspace.location
        summaries = workspace.list_meetings()
    console = _console()
    console.print(f"Demo workspace ready: {location}", markup=False)
    for summary in summaries:
        console.print(Text(f"  {summary.slug:<42} {summary.title}"))
    if open_:
        _open_tui(location)
    elif config.chosen_workspace(ctx.obj.workspace) is None:
        console.print(Text(f"Open it with: planner --workspace {location}"))


@app.command("list")
def list_meetings(ctx: typer.Context) -> None:
    """List the meetings in the workspace."""
    with _workspace(ctx) as workspace:
        summaries = workspace.list_meetings()
        location = workspace.location
    console = _console()
    if not summaries:
        console.print(
            Text(
                f"No meetings in {location}. Add one with `planner import FILE`, "
                "or try `planner demo`."
            )
        )
        return
    rows = [("Slug", "When", "Kind", "Status", "Registered", "Title")]
    for summary in summaries:
        counts = summary.registrations
        registered = str(counts.get("confirmed", 0))
        if counts.get("waitlisted"):
            registered += f" (+{counts['waitlisted']} waiting)"
        rows.append(
            (
                summary.slug,
                f"{summary.start:%Y-%m-%d %H:%M}",
                summary.kind.replace("_", " "),
                summary.status,
                registered,
                summary.title,
            )
        )
    console.print(Text(_columns(rows)))


def _columns(rows: list[tuple[str, ...]]) -> str:
    """Left-aligned columns; the last one runs on, so nothing is ever cut off."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def _load_targets(ctx: typer.Context, targets: list[str]) -> list[tuple[str, Meeting]]:
    """Meetings named by file or by slug, each with how to call it in messages."""
    files = [t for t in targets if _is_file_target(t)]
    slugs = [t for t in targets if not _is_file_target(t)]
    found: list[tuple[str, Meeting]] = []
    if files:
        found.extend(zip(files, read_meeting_files(files), strict=True))
    if slugs:
        with _workspace(ctx) as workspace:
            found.extend((slug, workspace.get_meeting(slug).meeting) for slug in slugs)
    order = {target: index for index, target in enumerate(targets)}
    return sorted(found, key=lambda pair: order[pair[0]])


@app.command()
def show(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Meeting slug, or a meeting file (.yaml).")],
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language: nb, nn, sv, da or en.")
    ] = None,
) -> None:
    """Print the meeting's agenda with computed times and numbers, and what does not fit."""
    language = _language(lang)
    [(_, meeting)] = _load_targets(ctx, [target])
    schedule = build_schedule(meeting)
    _print_agenda(schedule, language or meeting.language)


def _print_agenda(schedule: Schedule, language: str) -> None:
    meeting = schedule.meeting
    console = _console()
    console.print(Text(meeting.text(meeting.title, language), style="bold"))
    facts = [
        label("meeting_kind", meeting.kind.value, language),
        meeting.status.value,
        meeting.slug,
    ]
    console.print(Text(" · ".join(facts)))
    when = format_when(meeting.start, meeting.end, language)
    console.print(Text(f"{label('word', 'time', language)}: {when}"))
    console.print(Text(f"{label('word', 'venue', language)}: {_venue_line(meeting)}"))
    if meeting.chairs:
        chairs = "; ".join(describe_person(meeting, key) for key in meeting.chairs)
        console.print(Text(f"{label('word', 'chaired_by', language)}: {chairs}"))
    console.print()
    console.print(Text(agenda_text(schedule, language, width=console.width)))
    console.print()
    _print_warnings(console, schedule)


def _venue_line(meeting: Meeting) -> str:
    venue = meeting.venue
    town = " ".join(x for x in (venue.postal_code, venue.city) if x)
    parts = [venue.name, venue.room, venue.address, town]
    line = ", ".join(p for p in parts if p)
    return f"{line} ({venue.online_url})" if venue.online_url else line


def _print_warnings(console: Console, schedule: Schedule) -> None:
    if not schedule.warnings:
        console.print("No warnings: no gaps, overlaps or overrun.")
        return
    console.print(f"{len(schedule.warnings)} warning(s):")
    for warning in schedule.warnings:
        console.print(Text(f"  ! {warning.kind.value}: {warning.message}"))


@app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Meeting files (.yaml).")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite meetings that are already there.")
    ] = False,
) -> None:
    """Import meeting files into the workspace: all of them, or none if one has a problem."""
    meeting_files = read_meeting_files(files)
    sources = ", ".join(str(f) for f in files)
    with _workspace(ctx) as workspace:
        stored = workspace.import_meetings(meeting_files, replace=replace, source=sources)
        location = workspace.location
    console = _console()
    for entry in stored:
        console.print(Text(f"imported {entry.meeting.slug} (version {entry.version})"))
    console.print(Text(f"into {location}"))


@app.command()
def export(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting's slug.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """Export a meeting, with its registrations, as a YAML meeting file."""
    with _workspace(ctx) as workspace:
        meeting_file = workspace.export_meeting(slug)
    if output is None:
        sys.stdout.write(dump_meeting_yaml(meeting_file))
    else:
        write_meeting_file(meeting_file, output)
        _console(err=True).print(Text(f"wrote {output}"))


@app.command()
def check(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(help="Meeting slugs or files; all meetings in the workspace if none."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on schedule warnings too.")
    ] = False,
) -> None:
    """Validate meetings and their schedules. Exits non-zero on errors (or warnings, --strict)."""
    if targets:
        meetings = _load_targets(ctx, targets)
    else:
        with _workspace(ctx) as workspace:
            slugs = [summary.slug for summary in workspace.list_meetings()]
            meetings = [(slug, workspace.get_meeting(slug).meeting) for slug in slugs]
        if not meetings:
            raise NotFound("there are no meetings in the workspace to check")
    console = _console()
    warned = 0
    for name, meeting in meetings:
        schedule = build_schedule(meeting)
        if schedule.warnings:
            warned += 1
            console.print(Text(f"{name}: {len(schedule.warnings)} warning(s)"))
            for warning in schedule.warnings:
                console.print(Text(f"  ! {warning.kind.value}: {warning.message}"))
        else:
            console.print(Text(f"{name}: OK ({len(schedule.items)} agenda items)"))
    if strict and warned:
        raise PlannerError(f"{warned} of {len(meetings)} meeting(s) have schedule warnings")


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of meeting files, for editors that check YAML."""
    text = schema_text() + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@app.command()
def log(
    ctx: typer.Context,
    slug: Annotated[str | None, typer.Argument(help="Only this meeting's changes.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
) -> None:
    """Show the audit log: who changed what, and when (newest first)."""
    with _workspace(ctx) as workspace:
        entries = workspace.audit_log(meeting_slug=slug, limit=limit)
    console = _console()
    for entry in entries:
        console.print(
            Text(
                f"{entry.at.astimezone():%Y-%m-%d %H:%M:%S}  {entry.actor:<16} "
                f"{entry.action:<20} {entry.subject}"
            )
        )
    if not entries:
        console.print("No changes recorded yet.")


def main() -> None:
    app(prog_name="planner")
