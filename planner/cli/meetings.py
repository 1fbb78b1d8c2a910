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
from planner.words import Lowered, Words, current_language, known, set_language
from planner.words import say as words


@dataclass
class Target:
    """A meeting named on the command line, with how messages name it and what reading it
    found worth a warning."""

    name: str
    meeting: Meeting
    warnings: list[str] = field(default_factory=list)


@app.command("list")
def list_meetings(ctx: typer.Context) -> None:
    """List the meetings in the workspace."""
    with open_workspace(ctx) as workspace:
        summaries = workspace.list_meetings()
        location = workspace.location
    if not summaries:
        say(words("cli_list.empty", location=printable(location)))
        return
    rows = [tuple(words(f"cli_list.{column}") for column in _COLUMNS)]
    for summary in summaries:
        counts = summary.registrations
        registered = str(counts.get("confirmed", 0))
        if counts.get("waitlisted"):
            registered += " " + words("cli_list.waiting", count=counts["waitlisted"])
        title = printable(summary.title)
        if summary.damaged:
            title += "  " + words("cli_list.damaged", problem=printable(summary.damaged))
        rows.append(
            (
                printable(summary.slug),
                f"{summary.start:%Y-%m-%d %H:%M}",
                printable(_vocabulary("meeting_kind", summary.kind)),
                printable(_vocabulary("meeting_status", summary.status)),
                registered,
                title,
            )
        )
    say(_columns(rows))


_COLUMNS = ("slug", "when", "kind", "status", "registered", "title")


def _vocabulary(group: str, value: object) -> str:
    """A kind or status as the reader says it, in lower case: 'dialogue meeting'; a value
    Planner does not know (a damaged row) as it is stored."""
    key = f"{group}.{value}"
    return Lowered(Words(key)).in_language() if known(key) else str(value)


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
    if language is not None:
        set_language(language)
    [found] = load_targets(ctx, [target])
    for warning in found.warnings:
        say(f"! {warning}", err=True)
    schedule = build_schedule(found.meeting)
    wording = Wording(found.meeting, language)
    say(sheet_text(schedule, wording, width=console().width))


def _language(value: str | None) -> str | None:
    if value is not None and value not in LANGUAGES:
        raise BadInput(Words("cli.bad_language", value=repr(value), languages=", ".join(LANGUAGES)))
    return value


def load_targets(ctx: typer.Context, targets: list[str]) -> list[Target]:
    """Meetings named by file or by slug, in the order given."""
    if any(not target.strip() for target in targets):
        raise BadInput(Words("cli_meetings.empty_name"))
    files = [t for t in targets if _is_file_target(t)]
    slugs = [t for t in targets if not _is_file_target(t)]
    found: dict[str, Target] = {}
    for loaded in load_meeting_files(files):
        warnings = [str(problem) for problem in loaded.warnings]
        found[loaded.source] = Target(loaded.source, loaded.meeting, warnings)
    if slugs:
        with open_workspace(ctx) as workspace:
            for slug in slugs:
                found[slug] = Target(slug, workspace.get_meeting(slug).meeting)
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
        str | None,
        typer.Option(
            "--lang",
            help="Language of the warnings and problems (default: `language` under [user] "
            "in config.toml, else English).",
        ),
    ] = None,
) -> None:
    """Validate meetings, their schedules and registrations. Exits non-zero on errors (or on
    warnings, with --strict)."""
    language = _language(lang) or current_language()
    set_language(language)
    found = load_targets(ctx, targets) if targets else _workspace_targets(ctx)
    warned = 0
    for target in found:
        warnings = list(_all_warnings(target, language))
        name = printable(target.name)
        if warnings:
            warned += 1
            say(words("cli_check.warnings", name=name, count=len(warnings)))
            for warning in warnings:
                say(f"  ! {warning}")
        else:
            say(words("cli_check.ok", name=name, size=_size(target.meeting)))
    if strict and warned:
        from planner.errors import PlannerError

        raise PlannerError(Words("cli_check.warned", warned=warned, count=len(found)))


def _workspace_targets(ctx: typer.Context) -> list[Target]:
    with open_workspace(ctx) as workspace:
        slugs = [summary.slug for summary in workspace.list_meetings()]
        found = [Target(slug, workspace.export_meeting(slug)) for slug in slugs]
    if not found:
        raise NotFound(Words("cli_check.nothing"))
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
    text = words("cli_check.items", count=sum(1 for _ in _items(meeting)))
    if isinstance(meeting, MeetingFile) and meeting.registrations:
        text += ", " + words("cli_check.registrations", count=len(meeting.registrations))
    return text


def _items(meeting: Meeting) -> Iterator[object]:
    from planner.model import walk_agenda

    for _, item in walk_agenda(meeting.agenda):
        yield item
