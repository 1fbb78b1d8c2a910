"""Meeting files in and out: import, export, and the schema editors check them against."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.app import app, open_workspace, say
from planner.cli.progress import on_terminal
from planner.errors import (
    AlreadyInWorkspace,
    ChangedSinceExport,
    Conflict,
    Damaged,
    Interrupted,
)
from planner.files import STDOUT, write_output
from planner.interrupts import InterruptedAfterCommit
from planner.meeting_files import dump_meeting_yaml, load_meeting_files, schema_text
from planner.model.text import printable
from planner.store.records import ImportedMeeting, RegistrationCounts
from planner.words import Joined, Words
from planner.words import say as words


@app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Meeting files (.yaml).")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace meetings that are already there.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="With --replace: replace even if the meeting changed in the workspace after "
            "the file was exported.",
        ),
    ] = False,
    remove_missing: Annotated[
        bool,
        typer.Option(
            "--remove-missing",
            help="With --replace: remove the registrations the file does not list (they are "
            "kept otherwise).",
        ),
    ] = False,
) -> None:
    """Import meeting files into the workspace: all of them, or none if one has a problem.

    With --replace, a meeting already there is replaced and the file's registrations are
    merged into it by their keys: new ones are added, known ones updated, and those the
    file does not list are kept, as are check-ins made since the export.
    """
    sources = ", ".join(str(f) for f in files)
    try:
        with on_terminal() as progress:
            loaded = load_meeting_files(files, progress)
        for entry in loaded:
            for warning in entry.warnings:
                say(words("cli.warning", warning=printable(str(warning))), err=True)
        with open_workspace(ctx, create=True) as workspace, on_terminal() as progress:
            results = workspace.import_meetings(
                [entry.meeting for entry in loaded],
                replace=replace,
                force=force,
                remove_missing=remove_missing and replace,
                source=sources,
                progress=progress,
            )
            location = workspace.location
    except Conflict as conflict:
        raise _with_hint(conflict) from None
    except InterruptedAfterCommit:
        raise Interrupted(Words("safety_progress.interrupted_after_import")) from None
    except KeyboardInterrupt:
        raise Interrupted(Words("safety_progress.interrupted_import")) from None
    for result in results:
        say(_report_line(result))
    say(_totals(results))
    say(words("cli_import.into", location=printable(location)))


def _with_hint(conflict: Conflict) -> Conflict:
    if isinstance(conflict, AlreadyInWorkspace):
        return Conflict(Words("cli_import.use_replace", conflict=conflict))
    if isinstance(conflict, ChangedSinceExport):
        return Conflict(Words("cli_import.use_force", conflict=conflict))
    return conflict


def _report_line(result: ImportedMeeting) -> str:
    stored = result.stored
    what = words(
        f"cli_import.meeting_{result.action}",
        version=stored.version,
        previous=result.previous_version,
    )
    line = f"{printable(stored.slug)}: {what}"
    counts = _counts(result.registrations)
    return words("cli_import.with_registrations", line=line, counts=counts) if counts else line


def _counts(counts: RegistrationCounts) -> Joined:
    """'2 added, 0 updated, …' (false when the meeting has no registrations)."""
    total = counts.added + counts.updated + counts.unchanged + counts.kept + counts.removed
    if not total:
        return Joined([], ", ")
    shown = ["added", "updated", "unchanged", "kept", "removed"]
    if counts.check_ins_kept:
        shown.append("check_ins_kept")
    return Joined(
        [Words(f"cli_import.registrations_{name}", count=getattr(counts, name)) for name in shown],
        ", ",
    )


def _totals(results: list[ImportedMeeting]) -> str:
    actions = {"added": 0, "replaced": 0, "unchanged": 0}
    for result in results:
        actions[result.action] += 1
    meetings = Joined(
        [Words(f"cli_import.meetings_{action}", count=n) for action, n in actions.items()], ", "
    )
    registrations = RegistrationCounts(
        *(sum(getattr(r.registrations, name) for r in results) for name in _COUNT_FIELDS)
    )
    counts = _counts(registrations) or Words("cli_import.no_registrations")
    return words("cli_import.totals", meetings=meetings, registrations=counts)


_COUNT_FIELDS = ("added", "updated", "unchanged", "kept", "removed", "check_ins_kept")


@app.command()
def export(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting's slug.")],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Write to this file; - is standard output.")
    ] = STDOUT,
    skip_damaged: Annotated[
        bool,
        typer.Option(
            "--skip-damaged",
            help="Leave out registrations the workspace can no longer read, naming each.",
        ),
    ] = False,
) -> None:
    """Export a meeting, with its registrations, as a YAML meeting file.

    The file records the version it was exported at, so importing it back with --replace
    is refused if someone changed the meeting in between.
    """
    left_out: list[Damaged] | None = [] if skip_damaged else None
    with open_workspace(ctx) as workspace:
        try:
            meeting_file = workspace.export_meeting(slug, left_out=left_out)
        except Damaged as damaged:
            if damaged.registration is None:
                raise
            raise Damaged(Words("safety_export.skip_hint", problem=damaged)) from None
    for problem in left_out or []:
        left_out_said = words("safety_export.left_out", problem=problem)
        say(words("cli.warning", warning=printable(left_out_said)), err=True)
    where = write_output(output, dump_meeting_yaml(meeting_file))
    if output != STDOUT:
        say(words("cli.wrote", path=printable(where)), err=True)


@app.command()
def schema(
    output: Annotated[
        str, typer.Option("--output", "-o", help="Write to this file; - is standard output.")
    ] = STDOUT,
) -> None:
    """Print the JSON Schema of meeting files, for editors that check YAML."""
    where = write_output(output, schema_text() + "\n")
    if output != STDOUT:
        say(words("cli.wrote", path=printable(where)), err=True)
