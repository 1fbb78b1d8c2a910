"""`planner registrations …`: list, add, change status, promote from the waiting list, undo.

Every command names the meeting by its slug and a registration by its key or e-mail
address; `--json` prints what a script reads (stable field names, ISO 8601 times). Refusals
end in one message and the exit code of their kind (planner.errors.ExitCode): 5 when the
rules refuse a change (a status that cannot follow, no place left), 4 for an unknown
meeting or registration, 3 for a bad value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from planner import registrations
from planner.cli.app import app, open_workspace, say
from planner.errors import BadInput
from planner.model import Registration
from planner.model import RegistrationStatus as Status
from planner.model.problems import Loc, format_loc, invalid_input
from planner.model.text import printable
from planner.registrations.outcomes import Listed, Outcome
from planner.registrations.wording import places_words, status_label, transition_words
from planner.words import Listed as WordList
from planner.words import Words
from planner.words import say as said

commands = typer.Typer(
    help="Registrations: list, add, change status, promote from the waiting list, undo.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(commands, name="registrations")

Slug = Annotated[str, typer.Argument(help="The meeting's slug.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Say what would be done; change nothing.")]
STATUSES = ", ".join(status.value for status in Status)

_OPTIONS: dict[Loc, str] = {
    ("person", "name"): "--name",
    ("person", "email"): "--email",
    ("person", "organisation"): "--organisation",
    ("person", "delegation"): "--delegation",
    ("status",): "--status",
    ("priority",): "--priority",
}


def status_of(value: str) -> Status:
    """A status as typed on the command line ('waitlisted', 'no-show' or 'no_show')."""
    typed = value.strip().lower().replace("-", "_")
    try:
        return Status(typed)
    except ValueError:
        raise BadInput(
            Words(
                "registrations_cli.unknown_status",
                status=value,
                possible=WordList((status.value for status in Status), style="or"),
            )
        ) from None


@commands.command("list")
def list_(
    ctx: typer.Context,
    slug: Slug,
    status: Annotated[
        list[str] | None,
        typer.Option("--status", "-s", help=f"Only these statuses (repeat it): {STATUSES}."),
    ] = None,
    search: Annotated[
        str,
        typer.Option(
            "--search", help="Only those whose name, e-mail or organisation holds these words."
        ),
    ] = "",
    as_json: AsJson = False,
) -> None:
    """List a meeting's registrations in the order they came, a page at a time: key,
    status, when submitted, name, organisation and e-mail."""
    statuses = [status_of(s) for s in status or []]
    with open_workspace(ctx) as workspace:
        found = registrations.listing(workspace, slug, statuses=statuses, search=search)
        if as_json:
            _print_json_list(found)
        else:
            _print_table(found)


def _print_json_list(found: Iterable[Listed]) -> None:
    typer.echo("[", nl=False)
    for number, listed in enumerate(found):
        separator = "," if number else ""
        typer.echo(f"{separator}\n  {json.dumps(listed.as_json(), ensure_ascii=False)}", nl=False)
    typer.echo("\n]")


def _print_table(found: Iterable[Listed]) -> None:
    width = max(len(status_label(status)) for status in Status)
    count = 0
    for listed in found:
        if not count:
            header = [
                said("registrations_cli.column_key").ljust(16),
                said("registrations_cli.column_status").ljust(width),
            ]
            header += [
                said("registrations_cli.column_submitted").ljust(16),
                said("registrations_cli.column_who"),
            ]
            say("  ".join(header))
        count += 1
        who = printable(listed.name)
        if listed.organisation:
            who += f", {printable(listed.organisation)}"
        if listed.email:
            who += f" <{printable(listed.email)}>"
        cells = [
            printable(listed.key).ljust(16),
            status_label(listed.status).ljust(width),
            f"{listed.submitted_at:%Y-%m-%d %H:%M}",
            who,
        ]
        say("  ".join(cells))
    say(said("registrations_cli.count", count=count))


@commands.command()
def add(
    ctx: typer.Context,
    slug: Slug,
    name: Annotated[str, typer.Option("--name", help="The person's name.")],
    email: Annotated[str | None, typer.Option("--email", help="Their e-mail address.")] = None,
    organisation: Annotated[
        str | None, typer.Option("--organisation", help="Their organisation.")
    ] = None,
    delegation: Annotated[
        str | None,
        typer.Option(
            "--delegation", help="The delegation quotas count them in (else the organisation)."
        ),
    ] = None,
    status: Annotated[
        str, typer.Option("--status", help="invited, pending, confirmed or waitlisted.")
    ] = Status.PENDING.value,
    priority: Annotated[
        int, typer.Option("--priority", help="On the waiting list, higher goes first.")
    ] = 0,
    as_json: AsJson = False,
) -> None:
    """Register someone: as invited (the secretariat invited them), pending (they signed
    up), confirmed or waitlisted. Confirmed when no place is left puts them on the waiting
    list, or is refused, as the meeting says."""
    person = {"name": name, "email": email, "organisation": organisation, "delegation": delegation}
    data: dict[str, Any] = {
        "person": {k: v for k, v in person.items() if v is not None},
        "status": status_of(status).value,
        "priority": priority,
        "submitted_at": datetime.now(UTC).replace(microsecond=0),
    }
    try:
        registration = Registration.model_validate(data)
    except ValidationError as error:
        raise invalid_input(error, data, "planner registrations add", _option) from None
    with open_workspace(ctx) as workspace:
        outcome = registrations.add(workspace, slug, registration)
    _report(outcome, as_json)


def _option(loc: Loc) -> str:
    return _OPTIONS.get(tuple(loc[:2]), _OPTIONS.get(tuple(loc[:1]), format_loc(loc)))


@commands.command("set-status")
def set_status(
    ctx: typer.Context,
    slug: Slug,
    who: Annotated[str, typer.Argument(help="The registration's key, or e-mail address.")],
    status: Annotated[str, typer.Argument(help=f"The new status: {STATUSES}.")],
    dry_run: DryRun = False,
    as_json: AsJson = False,
) -> None:
    """Change a registration's status as the status machine allows: invited → pending or
    declined; pending → confirmed, waitlisted or declined; waitlisted → offered; offered →
    confirmed or expired; confirmed → cancelled, attended or no_show; any open status →
    withdrawn. A place freed is passed on when the meeting promotes automatically."""
    wanted = status_of(status)
    with open_workspace(ctx) as workspace:
        outcome = registrations.set_status(workspace, slug, who, wanted, preview=dry_run)
    _report(outcome, as_json)


@commands.command()
def promote(
    ctx: typer.Context, slug: Slug, dry_run: DryRun = False, as_json: AsJson = False
) -> None:
    """Offer the free places to the waiting list, first come first served (the highest
    priority first): each one who fits gets an offer held for the meeting's offer_hours, or
    is confirmed at once. Offers that ran out expire first and pass their places on."""
    with open_workspace(ctx) as workspace:
        outcome = registrations.promote(workspace, slug, preview=dry_run)
        places = registrations.places(workspace, slug) if not outcome.done else None
    _report(outcome, as_json)
    if places is not None and not as_json:
        say(said("registrations_cli.nobody_promoted", places=places_words(places)))


@commands.command()
def undo(ctx: typer.Context, slug: Slug, as_json: AsJson = False) -> None:
    """Undo your last change to the meeting's registrations (with the promotions it set
    off); again to go further back. Refused, with nothing changed, if a registration changed
    since or a place it would take back is no longer free."""
    with open_workspace(ctx) as workspace:
        outcome = registrations.undo(workspace, slug)
    _report(outcome, as_json, undone=True)


@commands.command()
def places(ctx: typer.Context, slug: Slug, as_json: AsJson = False) -> None:
    """Count the registrations per status, and the places taken of the meeting's, each
    item's and each delegation's."""
    with open_workspace(ctx) as workspace:
        counted = registrations.places(workspace, slug)
    if as_json:
        typer.echo(json.dumps(counted.as_json(), ensure_ascii=False, indent=2))
        return
    say(str(places_words(counted)))
    for status, n in counted.counts.items():
        if n:
            say(f"  {status_label(status)}: {n}")
    for limit in counted.limits[1:]:
        shown = f"{limit.taken}/{limit.places}" if limit.places is not None else str(limit.taken)
        name = printable(limit.title or limit.name)
        what = said(f"registrations_cli.limit_{limit.what}", name=name)
        say(f"  {what}: {shown}")


def _report(outcome: Outcome, as_json: bool, *, undone: bool = False) -> None:
    if as_json:
        typer.echo(json.dumps(outcome.as_json(), ensure_ascii=False, indent=2))
        return
    if outcome.expired:
        say(said("registrations_cli.expired_first"))
        for change in outcome.expired:
            say(f"  {transition_words(change)}")
    if not outcome.applied:
        say(said("registrations_cli.preview"))
    elif undone:
        say(said("registrations_cli.undone"))
    for change in outcome.done:
        say(
            f"  {transition_words(change)}"
            if undone or not outcome.applied
            else str(transition_words(change))
        )
    for skipped in outcome.skipped:
        say(
            said(
                "registrations_cli.skipped",
                name=printable(skipped.name),
                key=skipped.key,
                reason=skipped.reason,
            )
        )
