"""The minutes of a meeting: `planner minutes SLUG` shows what is recorded; with options it
records who was present and absent, and for one item what was decided."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from planner.cli.app import app, open_workspace, say
from planner.errors import BadInput
from planner.model.text import printable
from planner.words import say as said

if TYPE_CHECKING:
    from planner.model import Meeting
    from planner.model.minutes import Minutes

NAMES_HELP = "Repeat for each name; a person's key from the meeting file names that person."


@app.command()
def minutes(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting's slug.")],
    item: Annotated[
        str | None,
        typer.Option(
            "--item",
            help="The item or case: its case number (77/15 or PS 77/15), its number, its key, "
            "or its place in the list `planner minutes SLUG` shows.",
        ),
    ] = None,
    decision: Annotated[
        str | None,
        typer.Option("--decision", help='What was decided (vedtak); "" removes it.'),
    ] = None,
    proceedings: Annotated[
        str | None,
        typer.Option("--proceedings", help='How it was dealt with (behandling); "" removes it.'),
    ] = None,
    present: Annotated[
        list[str] | None,
        typer.Option(
            "--present",
            help="Present at the meeting (with --item: for that item only). " + NAMES_HELP,
        ),
    ] = None,
    absent: Annotated[
        list[str] | None,
        typer.Option(
            "--absent",
            help="Absent from the meeting (with --item: away for that item). " + NAMES_HELP,
        ),
    ] = None,
    disqualified: Annotated[
        list[str] | None,
        typer.Option(
            "--disqualified",
            help="Declared themselves disqualified (inhabil) from the item. " + NAMES_HELP,
        ),
    ] = None,
) -> None:
    """Record the minutes of a meeting (møteprotokoll): who was present and absent, and for
    each item or case what was decided. Each option given replaces what was recorded; an
    empty value ("") removes it. Without options, shows what is recorded. Print them with
    `planner render SLUG --doc minutes`."""
    from planner.minutes import record_attendance, record_item

    changes = (decision, proceedings, present, absent, disqualified)
    if item is None and (decision is not None or proceedings is not None or disqualified):
        raise BadInput(said("minutes_cli.needs_item", slug=printable(slug)))
    with open_workspace(ctx, create=False) as workspace:
        meeting = workspace.get_meeting(slug).meeting
        stored = workspace.get_minutes(slug)
        if item is None and all(change is None for change in changes):
            _show(meeting, stored.minutes, stored.version)
            return
        if item is None:
            recorded = record_attendance(meeting, stored.minutes, present=present, absent=absent)
        else:
            recorded = record_item(
                meeting,
                stored.minutes,
                item,
                decision=decision,
                proceedings=proceedings,
                disqualified=disqualified,
                present=present,
                absent=absent,
            )
        saved = workspace.save_minutes(stored.meeting_id, recorded, stored.version, slug)
    if saved.version == stored.version:
        say(said("minutes_cli.unchanged"))
    else:
        say(said("minutes_cli.saved", slug=printable(slug), version=saved.version))
    _say_undecided(meeting, saved.minutes)


def _show(meeting: Meeting, recorded: Minutes, version: int) -> None:
    from planner.minutes import minutes_items, placed

    say(said("minutes_cli.heading", slug=printable(meeting.slug), version=version))
    if recorded.is_empty:
        say(said("minutes_cli.nothing_recorded", slug=printable(meeting.slug)))
    for word, names in (("present", recorded.present), ("absent", recorded.absent)):
        if names:
            listed = "; ".join(_named(meeting, name) for name in names)
            say(f"{said(f'documents_word.{word}')}: {listed}")
    items = minutes_items(meeting)
    at, unplaced = placed(meeting, recorded, items)
    say("")
    for found in items:
        entry = at.get(found.path)
        state = (
            "decided"
            if entry is not None and entry.decision
            else "no_decision"
            if found.is_case
            else "recorded"
            if entry is not None
            else "nothing"
        )
        name = found.title if found.shown == found.title else f"{found.shown} {found.title}"
        say(f"{found.position:>3}  {printable(name)}  ({said(f'minutes_cli.{state}')})")
    for entry in unplaced:
        say("  -  " + said("minutes_cli.unplaced", title=printable(entry.title or entry.item)))
    _say_undecided(meeting, recorded)


def _named(meeting: Meeting, name: str) -> str:
    """A name as recorded; a person's key as that person's name."""
    person = meeting.person(name)
    return printable(person.name if person is not None else name)


def _say_undecided(meeting: Meeting, recorded: Minutes) -> None:
    from planner.minutes import undecided_cases

    undecided = undecided_cases(meeting, recorded)
    if undecided:
        cases = ", ".join(case.shown for case in undecided)
        say(said("minutes_cli.undecided", count=len(undecided), cases=printable(cases)))
    elif any(item.is_case for item in _items(meeting)):
        say(said("minutes_cli.all_decided"))


def _items(meeting: Meeting):
    from planner.minutes import minutes_items

    return minutes_items(meeting)
