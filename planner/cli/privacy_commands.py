"""Personal data on request and after the event: `planner privacy purge`, `planner person
export` and `planner person erase`."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer

from planner.cli.app import app, open_workspace, say
from planner.files import STDOUT, write_output
from planner.model.text import printable
from planner.words import say as said

privacy_app = typer.Typer(help="Erase personal data after the event.", no_args_is_help=True)
person_app = typer.Typer(help="One person's data: export it, erase it.", no_args_is_help=True)
app.add_typer(privacy_app, name="privacy")
app.add_typer(person_app, name="person")

DryRun = Annotated[bool, typer.Option("--dry-run", help="Say what would be erased; erase nothing.")]


@privacy_app.command("purge")
def purge(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting.")],
    dry_run: DryRun = False,
) -> None:
    """After the meeting's retention date (privacy.erase_after): erase everyone's dietary and
    accessibility answers and the contact details of those who did not attend. Who attended
    is kept."""
    from planner.registrations import erasing

    with open_workspace(ctx) as workspace:
        purged = erasing.purge(workspace, slug, date.today(), dry_run=dry_run)
    fields = ", ".join(
        f"{count} {said(f'intake_privacy.field_{name}')}" for name, count in purged.fields.items()
    )
    done = said("intake_privacy.would_erase" if dry_run else "intake_privacy.erased")
    say(said("intake_privacy.purged", slug=slug, count=purged.registrations, done=done,
             fields=fields or "—"))  # fmt: skip


@person_app.command("export")
def export_person(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The person's e-mail address.")],
    output: Annotated[str, typer.Option("-o", "--output", help="- for standard output.")] = (
        STDOUT
    ),
) -> None:
    """Everything the workspace holds about a person, as JSON (a subject access request)."""
    from planner.registrations import erasing

    with open_workspace(ctx) as workspace:
        held = erasing.held_about(workspace, email)
    write_output(output, json.dumps(held, ensure_ascii=False, indent=2) + "\n")


@person_app.command("erase")
def erase_person(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The person's e-mail address.")],
    dry_run: DryRun = False,
) -> None:
    """Erase a person on request: their registrations go, except where a meeting keeps an
    archived record of attendance (privacy.archival) and they attended: there only their
    name, organisation and attendance stay. The audit log counts, never names."""
    from planner.registrations import erasing

    with open_workspace(ctx) as workspace:
        erased = erasing.erase(workspace, email, dry_run=dry_run)
    done = said("intake_privacy.would_erase" if dry_run else "intake_privacy.erased")
    for slug, count in erased.items():
        say(printable(said("intake_privacy.person_erased", slug=slug, count=count, done=done)))
