"""Registrations in and out as files: `planner registrations import` from a form export and
`planner registrations export` of the lists (commands of `planner registrations`, beside
those in `registrations.py`), and the saved column mappings (`planner mappings`)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.app import app, open_workspace, say
from planner.cli.registrations import commands, status_of
from planner.errors import BadInput
from planner.files import STDOUT, write_output
from planner.model.text import printable
from planner.registrations.wording import status_label
from planner.words import Words
from planner.words import say as said

mappings_app = typer.Typer(help="Column mappings saved in the workspace.", no_args_is_help=True)
app.add_typer(mappings_app, name="mappings")


class Likely(StrEnum):
    SEPARATE = "separate"
    SAME = "same"
    SKIP = "skip"


class ListName(StrEnum):
    ALL = "all"
    DOOR = "door"
    CATERING = "catering"
    ACCESS = "access"
    PARTICIPANTS = "participants"


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class Delimiter(StrEnum):
    SEMICOLON = "semicolon"
    COMMA = "comma"


@commands.command("import")
def import_registrations(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting.")],
    file: Annotated[Path, typer.Argument(help="The form export (.csv, .txt or .xlsx).")],
    preset: Annotated[
        str | None,
        typer.Option(
            help="The tool that made the file: nettskjema, microsoft-forms, "
            "google-forms, eventbrite or pretix."
        ),
    ] = None,
    mapping: Annotated[
        str | None, typer.Option(help="A column mapping saved in the workspace, by name.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what the import would do; write nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The dry run as JSON.")] = False,
    likely: Annotated[
        Likely | None,
        typer.Option(
            help="What to do with every likely duplicate: import as someone else "
            "(separate), as the same person (same), or not at all (skip)."
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="What new registrations are imported as: pending (the default), invited, "
            "confirmed (a pre-approved list: only while places are free, the rest wait) or "
            "waitlisted.",
        ),
    ] = None,
    save_mapping: Annotated[
        str | None,
        typer.Option("--save-mapping", help="Save the columns as read under this name."),
    ] = None,
) -> None:
    """Import a form export into a meeting: all accepted rows in one transaction, or none.

    Every row is new, updated (the same e-mail address registered already), unchanged,
    a duplicate of a later row, or rejected with its row and column. Likely duplicates
    (similar names in the same organisation) must be decided with --likely.
    """
    from planner.registrations.intake import importing
    from planner.registrations.intake.plan import Decision
    from planner.registrations.intake.report import plan_lines

    with open_workspace(ctx) as workspace:
        wanted = status_of(status) if status is not None else None
        prepared = importing.prepare(
            workspace, slug, file, preset=preset, mapping=mapping, status=wanted
        )
        plan = importing.dry_run(workspace, slug, prepared)
        if likely is not None:
            decisions = {entry.row: Decision(likely.value) for entry in plan.likely}
            plan = importing.dry_run(workspace, slug, prepared, decisions)
        if not dry_run:
            plan = importing.apply(workspace, slug, prepared, plan.decisions, approved=plan)
        if save_mapping:
            workspace.save_mapping(
                save_mapping,
                prepared.mapping.saved_form(),
                prepared.mapping.preset,
                status=prepared.mapping.status.value,
            )
    if as_json:
        typer.echo(json.dumps({**plan.as_json(), "dry_run": dry_run}, ensure_ascii=False,
                              indent=2))  # fmt: skip
        return
    for line in plan_lines(prepared.table, plan):
        say(line)
    counts = plan.counts
    if dry_run:
        say(said("intake_report.dry_run"))
    else:
        say(said("intake_report.imported", slug=slug, new=counts["new"],
                 updated=counts["updated"]))  # fmt: skip
    if save_mapping:
        say(said("intake_report.saved_mapping", name=printable(save_mapping)))


@commands.command("export")
def export_registrations(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting.")],
    file_format: Annotated[FileFormat, typer.Option("--format", help="csv or xlsx.")] = (
        FileFormat.CSV
    ),
    which: Annotated[
        ListName,
        typer.Option("--list", help="all (every answer), door, catering, access, participants."),
    ] = ListName.ALL,
    delimiter: Annotated[
        Delimiter, typer.Option(help="For CSV: semicolon (Nordic Excel) or comma.")
    ] = Delimiter.SEMICOLON,
    output: Annotated[
        str, typer.Option("-o", "--output", help="The file to write; - for standard output.")
    ] = STDOUT,
) -> None:
    """Export a meeting's registrations as a list safe to open in Excel."""
    from planner.registrations.exports.service import export_list

    if file_format == FileFormat.XLSX and output == STDOUT and sys.stdout.isatty():
        raise BadInput(Words("intake_export.xlsx_needs_file"))
    with open_workspace(ctx) as workspace:
        data = export_list(workspace, slug, which.value, file_format.value,
                           delimiter=";" if delimiter == Delimiter.SEMICOLON else ",")  # fmt: skip
    where = write_output(output, data)
    if output != STDOUT:
        say(said("intake_export.written", path=printable(where)), err=True)


@mappings_app.command("list")
def list_mappings(ctx: typer.Context) -> None:
    """The column mappings saved in the workspace."""
    with open_workspace(ctx) as workspace:
        saved = workspace.list_mappings()
    for mapping in saved:
        say(f"{printable(mapping.name)}  ({len(mapping.columns)}; {printable(mapping.saved_by)}, "
            f"{mapping.saved_at:%Y-%m-%d})")  # fmt: skip


@mappings_app.command("show")
def show_mapping(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The mapping's name.")]
) -> None:
    """Each header of a saved mapping and the field it fills."""
    with open_workspace(ctx) as workspace:
        mapping = workspace.get_mapping(name)
    for header, target in mapping.columns.items():
        say(f"{printable(header)} → {said(f'intake_target.{target}')}")
    if mapping.status:
        say(said("intake_report.imported_as", status=status_label(mapping.status)))


@mappings_app.command("delete")
def delete_mapping(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The mapping's name.")]
) -> None:
    """Delete a saved mapping."""
    with open_workspace(ctx) as workspace:
        workspace.delete_mapping(name)
