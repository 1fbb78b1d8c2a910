"""The check-in desk from the command line: `planner checkin SLUG --search TEXT` to find
people, `planner checkin SLUG KEY|EMAIL` to check one in, and after the meeting
`planner checkin SLUG --not-come` for everyone who did not."""

from __future__ import annotations

from typing import Annotated

import typer

from planner.cli.app import app, open_workspace, say
from planner.errors import BadInput
from planner.i18n import format_clock
from planner.model.text import printable
from planner.registrations.outcomes import Outcome
from planner.registrations.wording import transition_words
from planner.words import Words, current_language
from planner.words import say as said


@app.command("checkin")
def checkin(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting.")],
    who: Annotated[
        str | None, typer.Argument(help="The registration's key or e-mail address.")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            help="Find people by name or organisation (case and accents "
            "ignored): one line each, with their key.",
        ),
    ] = None,
    not_come: Annotated[
        bool,
        typer.Option(
            "--not-come",
            help="After the meeting: everyone confirmed who did not check in becomes a "
            "no-show (undone together by `planner registrations undo`).",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="With --not-come: say who; change nothing.")
    ] = False,
) -> None:
    """Check someone in at the door (confirmed becomes attended, with the time), or find
    them first; after the meeting, mark the rest as not come."""
    from planner.registrations import checkin

    if sum((who is not None, search is not None, not_come)) != 1:
        raise BadInput(Words("intake_desk.who_or_search"))
    with open_workspace(ctx) as workspace:
        zone = workspace.get_meeting(slug).meeting.zone
        if not_come:
            _not_come(checkin.mark_not_come(workspace, slug, preview=dry_run))
            return
        if search is not None:
            for person in checkin.CheckinDesk(workspace, slug).index.search(search):
                arrived = (
                    format_clock(person.checked_in_at.astimezone(zone), current_language())
                    if person.checked_in_at
                    else ""
                )
                shown = " · ".join(
                    filter(None, (person.key, person.name, person.organisation, arrived))
                )
                say(printable(shown))
            return
        assert who is not None
        done = checkin.check_in(workspace, slug, who)
    person = done.arrival
    if person.checked_in_at is None:  # marked attended without a time
        say(printable(said("intake_desk.already_attended", name=person.name)))
        return
    time = format_clock(person.checked_in_at.astimezone(zone), current_language())
    key = "intake_desk.already" if done.already else "intake_desk.checked_in"
    say(printable(said(key, name=person.name, time=time)))


def _not_come(outcome: Outcome) -> None:
    if not outcome.applied:
        say(said("registrations_cli.preview"))
    for change in outcome.done:
        say(
            f"  {transition_words(change)}"
            if not outcome.applied
            else str(transition_words(change))
        )
    say(said("intake_desk.not_come", count=len(outcome.done)))
