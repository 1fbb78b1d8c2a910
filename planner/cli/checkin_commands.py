"""The check-in desk from the command line: `planner checkin SLUG --search TEXT` to find
people, `planner checkin SLUG KEY|EMAIL` to check one in."""

from __future__ import annotations

from typing import Annotated

import typer

from planner.cli.app import app, open_workspace, say
from planner.errors import BadInput
from planner.i18n import format_clock
from planner.model.text import printable
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
) -> None:
    """Check someone in at the door, or find them first."""
    from planner.registrations import checkin

    if (who is None) == (search is None):
        raise BadInput(Words("intake_desk.who_or_search"))
    with open_workspace(ctx) as workspace:
        zone = workspace.get_meeting(slug).meeting.zone
        if search is not None:
            for person in checkin.CheckinDesk(workspace, slug).index.search(search):
                arrived = (
                    format_clock(person.checked_in_at.astimezone(zone), current_language())
                    if person.checked_in_at else ""
                )  # fmt: skip
                shown = " · ".join(
                    filter(None, (person.key, person.name, person.organisation, arrived))
                )
                say(printable(shown))
            return
        assert who is not None
        done = checkin.check_in(workspace, slug, who)
    person = done.arrival
    assert person.checked_in_at is not None
    time = format_clock(person.checked_in_at.astimezone(zone), current_language())
    key = "intake_desk.already" if done.already else "intake_desk.checked_in"
    say(printable(said(key, name=person.name, time=time)))
