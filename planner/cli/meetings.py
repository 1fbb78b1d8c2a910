"""Looking at meetings: list, show, check. None of these changes the workspace."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from planner.agenda.schedule import build_schedule
from planner.agenda.sheet import sheet_text
from planner.agenda.wording import Wording
from planner.cli.app import app, console, open_workspace, say
from planner.errors import (
    BadInput,
    Damaged,
    InvalidInput,
    NotFound,
    PlannerError,
    WorkspaceUnavailable,
)
from planner.meeting_files import LoadedMeetingFile, load_meeting_files
from planner.model import LANGUAGES, Meeting, MeetingFile
from planner.model.text import check_key, printable
from planner.registrations.checks import registration_warnings
from planner.words import Lowered, Words, current_language, known, set_language
from planner.words import say as words


@dataclass
class Target:
    """A meeting named on the command line, with how messages name it and what reading it
    found worth a warning."""

    name: str
    meeting: Meeting | None
    """None when the stored meeting cannot be read at all."""
    warnings: list[str] = field(default_factory=list)
    damage: list[str] = field(default_factory=list)
    """What in the stored meeting can no longer be read (then left out of the check)."""


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


OneTarget = Annotated[str | None, typer.Argument(help="Meeting slug, or a meeting file (.yaml).")]
OneMeeting = Annotated[
    str | None,
    typer.Option(
        "--meeting",
        help="The meeting of this slug in the workspace, even if a file is so named.",
    ),
]
"""A command about one meeting names it as TARGET (a slug or a file) or `--meeting SLUG`."""


@app.command()
def show(
    ctx: typer.Context,
    target: OneTarget = None,
    meeting: OneMeeting = None,
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
    found = one_target(ctx, target, meeting)
    schedule = build_schedule(found.meeting)
    wording = Wording(found.meeting, language)
    say(sheet_text(schedule, wording, width=console().width))


def _language(value: str | None) -> str | None:
    if value is not None and value not in LANGUAGES:
        raise BadInput(Words("cli.bad_language", value=repr(value), languages=", ".join(LANGUAGES)))
    return value


def one_target(ctx: typer.Context, target: str | None, meeting: str | None) -> Target:
    """The one meeting a command is about (`OneTarget` or `OneMeeting`), what reading it
    found worth a warning said on standard error."""
    if (target is None) == (meeting is None):
        raise typer.BadParameter(words("safety_names.give_one"), param_hint="TARGET")
    [found] = load_targets(
        ctx, [target] if target is not None else [], [meeting] if meeting else []
    )
    for warning in found.warnings:
        say(f"! {warning}", err=True)
    return found


def load_targets(
    ctx: typer.Context, targets: list[str], meetings: Sequence[str] = ()
) -> list[Target]:
    """Meetings named by file or by slug, in the order given, then those named by
    `--meeting` (always the workspace's)."""
    if any(not target.strip() for target in [*targets, *meetings]):
        raise BadInput(Words("cli_meetings.empty_name"))
    files = [t for t in targets if _is_file_target(t)]
    slugs = [t for t in targets if not _is_file_target(t)] + list(meetings)
    found: dict[str, Target] = {}
    for loaded in _load_files(files):
        warnings = [str(problem) for problem in loaded.warnings]
        found[loaded.source] = Target(loaded.source, loaded.meeting, warnings)
    if slugs:
        with open_workspace(ctx) as workspace:
            for slug in slugs:
                found[slug] = Target(slug, workspace.get_meeting(slug).meeting)
    named = [found[str(Path(t)) if t in files else t] for t in targets]
    return named + [found[slug] for slug in meetings]


def _load_files(files: list[str]) -> list[LoadedMeetingFile]:
    """The meeting files; a name that could also be a meeting's slug (`base-meeting`, a file
    of that name in this folder) is said to have been read as the file, with how to name
    the meeting instead."""
    ambiguous = [name for name in files if _could_be_a_slug(name)]
    try:
        loaded = load_meeting_files(files)
    except PlannerError as error:
        if not ambiguous:
            raise
        hint = Words("safety_names.not_a_meeting_file", problem=error, name=printable(ambiguous[0]))
        if isinstance(error, InvalidInput):  # its problems are said in the hint
            raise BadInput(hint) from None
        raise type(error)(hint) from None
    for name in ambiguous:
        say(words("safety_names.read_file", name=printable(name)), err=True)
    return loaded


def _could_be_a_slug(name: str) -> bool:
    if "/" in name or name.endswith((".yaml", ".yml")):
        return False
    try:
        check_key(name)
    except ValueError:
        return False
    return True


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
    meetings: Annotated[
        list[str] | None,
        typer.Option(
            "--meeting", help="A meeting of the workspace by slug, even if a file is so named."
        ),
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
    named = targets or meetings
    found = load_targets(ctx, targets or [], meetings or []) if named else _workspace_targets(ctx)
    warned = 0
    for target in found:
        warnings = [printable(damage) for damage in target.damage]
        if target.meeting is not None:
            warnings += _all_warnings(target, target.meeting, language)
        name = printable(target.name)
        if warnings:
            warned += 1
            say(words("cli_check.warnings", name=name, count=len(warnings)))
            for warning in warnings:
                say(f"  ! {warning}")
        elif target.meeting is not None:
            say(words("cli_check.ok", name=name, size=_size(target.meeting)))
    damaged = sum(1 for target in found if target.damage)
    if damaged:
        raise WorkspaceUnavailable(Words("safety_check.damaged", count=damaged, total=len(found)))
    if strict and warned:
        raise PlannerError(Words("cli_check.warned", warned=warned, count=len(found)))


def _workspace_targets(ctx: typer.Context) -> list[Target]:
    """Every meeting in the workspace; one that cannot be read whole is checked as far as it
    reads, and its damage told, so one damaged record hides none of the others."""
    found = []
    with open_workspace(ctx) as workspace:
        for summary in workspace.list_meetings():
            left_out: list[Damaged] = []
            try:
                meeting = workspace.export_meeting(summary.slug, left_out=left_out)
            except Damaged as damaged:
                found.append(Target(summary.slug, None, damage=[str(damaged)]))
                continue
            found.append(Target(summary.slug, meeting, damage=[str(d) for d in left_out]))
    if not found:
        raise NotFound(Words("cli_check.nothing"))
    return found


def _all_warnings(target: Target, meeting: Meeting, language: str) -> Iterator[str]:
    yield from target.warnings
    schedule = build_schedule(meeting)
    wording = Wording(meeting, language)
    for warning in schedule.warnings:
        yield f"{wording.warning_kind(warning)}: {wording.warning(schedule, warning)}"
    if isinstance(meeting, MeetingFile):
        for finding in registration_warnings(meeting, schedule):
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
