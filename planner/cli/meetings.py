"""Looking at meetings: list, show, check. None of these changes the workspace."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from planner.agenda.schedule import build_schedule
from planner.agenda.sheet import sheet_text
from planner.agenda.wording import Wording
from planner.cli.app import app, console, open_workspace, say
from planner.errors import BadInput, NotFound
from planner.meeting_files import load_meeting_files
from planner.model import LANGUAGES, Meeting, MeetingFile
from planner.model.text import printable
from planner.registrations.checks import registration_warnings
from planner.registrations.listing import places, places_in_file
from planner.registrations.outcomes import Places
from planner.registrations.wording import places_words
from planner.registrations.wording import registered as registered_text
from planner.words import say as said


@dataclass
class Target:
    """A meeting named on the command line, with how messages name it and what reading it
    found worth a warning."""

    name: str
    meeting: Meeting
    warnings: list[str] = field(default_factory=list)
    places: Places | None = None
    """Its registrations counted: from the workspace, or from the file's own."""


@app.command("list")
def list_meetings(ctx: typer.Context) -> None:
    """List the meetings in the workspace."""
    with open_workspace(ctx) as workspace:
        summaries = workspace.list_meetings()
        location = workspace.location
    if not summaries:
        say(
            f"No meetings in {printable(location)}. Add one with `planner import FILE`, "
            "or try `planner demo`."
        )
        return
    rows = [("Slug", "When", "Kind", "Status", "Registered", "Title")]
    for summary in summaries:
        registered = registered_text(summary.registrations, summary.capacity)
        kind = str(summary.kind).replace("_", " ")
        title = printable(summary.title)
        if summary.damaged:
            title += f"  [damaged: {printable(summary.damaged)}]"
        rows.append(
            (
                printable(summary.slug),
                f"{summary.start:%Y-%m-%d %H:%M}",
                printable(kind),
                printable(str(summary.status)),
                registered,
                title,
            )
        )
    say(_columns(rows))


def _columns(rows: list[tuple[str, ...]]) -> str:
    """Left-aligned columns; the last one runs on, so nothing is ever cut off."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


@app.command()
def show(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="Meeting slug, or a meeting file (.yaml).")],
    lang: Annotated[
        str | None,
        typer.Option("--lang", help=f"Language to print in: {', '.join(LANGUAGES)}."),
    ] = None,
) -> None:
    """Print the meeting the way it is published, in one language: the notice, the agenda
    with computed times and numbers, and what does not fit."""
    language = _language(lang)
    [found] = load_targets(ctx, [target])
    for warning in found.warnings:
        say(f"! {warning}", err=True)
    schedule = build_schedule(found.meeting)
    wording = Wording(found.meeting, language)
    say(sheet_text(schedule, wording, width=console().width))
    if found.places is not None:
        counted = said(
            "registrations_cli.registered", wording.language, places=places_words(found.places)
        )
        say(f"\n{counted}")


def _language(value: str | None) -> str | None:
    if value is not None and value not in LANGUAGES:
        raise BadInput(f"--lang {value!r}: use one of {', '.join(LANGUAGES)}")
    return value


def load_targets(ctx: typer.Context, targets: list[str]) -> list[Target]:
    """Meetings named by file or by slug, in the order given."""
    if any(not target.strip() for target in targets):
        raise BadInput("an empty name was given: give a meeting's slug or a meeting file")
    files = [t for t in targets if _is_file_target(t)]
    slugs = [t for t in targets if not _is_file_target(t)]
    found: dict[str, Target] = {}
    for loaded in load_meeting_files(files):
        warnings = [str(problem) for problem in loaded.warnings]
        counted = places_in_file(loaded.meeting) if loaded.meeting.registrations else None
        found[loaded.source] = Target(loaded.source, loaded.meeting, warnings, counted)
    if slugs:
        with open_workspace(ctx) as workspace:
            for slug in slugs:
                meeting = workspace.get_meeting(slug).meeting
                found[slug] = Target(slug, meeting, places=places(workspace, slug))
    return [found[str(Path(t)) if t in files else t] for t in targets]


def _is_file_target(target: str) -> bool:
    if target.endswith((".yaml", ".yml")) or "/" in target:
        return True
    try:
        return Path(target).exists()
    except OSError:
        return False


@app.command()
def check(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(help="Meeting slugs or files; all meetings in the workspace if none."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too (exit code 1).")
    ] = False,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the warnings (default: English).")
    ] = "en",
) -> None:
    """Validate meetings, their schedules and registrations. Exits non-zero on errors (or on
    warnings, with --strict)."""
    language = _language(lang) or "en"
    found = load_targets(ctx, targets) if targets else _workspace_targets(ctx)
    warned = 0
    for target in found:
        warnings = list(_all_warnings(target, language))
        if warnings:
            warned += 1
            say(f"{printable(target.name)}: {len(warnings)} warning(s)")
            for warning in warnings:
                say(f"  ! {warning}")
        else:
            say(f"{printable(target.name)}: OK ({_size(target.meeting)})")
    if strict and warned:
        from planner.errors import PlannerError

        raise PlannerError(f"{warned} of {len(found)} meeting(s) have warnings")


def _workspace_targets(ctx: typer.Context) -> list[Target]:
    with open_workspace(ctx) as workspace:
        slugs = [summary.slug for summary in workspace.list_meetings()]
        found = [Target(slug, workspace.export_meeting(slug)) for slug in slugs]
    if not found:
        raise NotFound("there are no meetings in the workspace to check")
    return found


def _all_warnings(target: Target, language: str) -> Iterator[str]:
    yield from target.warnings
    schedule = build_schedule(target.meeting)
    wording = Wording(target.meeting, language)
    for warning in schedule.warnings:
        yield f"{wording.warning_kind(warning)}: {wording.warning(schedule, warning)}"
    if isinstance(target.meeting, MeetingFile):
        for finding in registration_warnings(target.meeting, schedule):
            yield f"{finding.field}: {wording.finding(schedule, finding)}"


def _size(meeting: Meeting) -> str:
    text = f"{sum(1 for _ in _items(meeting))} agenda items"
    if isinstance(meeting, MeetingFile) and meeting.registrations:
        text += f", {len(meeting.registrations)} registrations"
    return text


def _items(meeting: Meeting) -> Iterator[object]:
    from planner.model import walk_agenda

    for _, item in walk_agenda(meeting.agenda):
        yield item
