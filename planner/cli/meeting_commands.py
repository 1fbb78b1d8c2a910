"""Meetings as wholes: add a new one, copy one for next year, archive, delete."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from planner import meeting_actions
from planner.cli.app import app, open_workspace, say
from planner.errors import Conflict, InvalidInput
from planner.model import LANGUAGES, Meeting, MeetingKind
from planner.model.meeting import SET_ONLINE
from planner.model.problems import Loc, format_loc, invalid_input
from planner.model.text import printable
from planner.words import Lowered, Words
from planner.words import say as words

_OPTIONS: dict[Loc, str] = {
    ("slug",): "SLUG",
    ("title",): "--title",
    ("kind",): "--kind",
    ("start",): "--start",
    ("end",): "--end",
    ("timezone",): "--timezone",
    ("language",): "--language",
    ("venue",): "--venue",
    ("venue", "name"): "--venue",
    ("organiser", "name"): "--organiser",
    ("organiser", "email"): "--email",
}


@app.command()
def new(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting's key: a-z, 0-9, - and _.")],
    title: Annotated[str, typer.Option("--title", help="The title, in the meeting's language.")],
    kind: Annotated[
        str, typer.Option("--kind", help=f"One of: {', '.join(k.value for k in MeetingKind)}.")
    ],
    start: Annotated[str, typer.Option("--start", help='When it starts: "YYYY-MM-DD HH:MM".')],
    organiser: Annotated[str, typer.Option("--organiser", help="Who invites: a name.")],
    email: Annotated[str, typer.Option("--email", help="The organiser's e-mail address.")],
    end: Annotated[
        str | None, typer.Option("--end", help='When it ends: "YYYY-MM-DD HH:MM".')
    ] = None,
    timezone: Annotated[
        str, typer.Option("--timezone", help="IANA time zone of its times.")
    ] = "Europe/Oslo",
    language: Annotated[
        str, typer.Option("--language", help=f"Its language: {', '.join(LANGUAGES)}.")
    ] = "nb",
    venue: Annotated[str | None, typer.Option("--venue", help="Where: the venue's name.")] = None,
    online: Annotated[
        bool,
        typer.Option(
            "--online", help="Held online (with --venue: hybrid, in the room and online)."
        ),
    ] = False,
) -> None:
    """Add a new meeting, as a draft, to the workspace."""
    data: dict[str, Any] = {
        "slug": slug,
        "kind": kind,
        "title": title,
        "language": language,
        "timezone": timezone,
        "start": start,
        "end": end,
        "mode": ("hybrid" if venue else "online") if online else "in_person",
        "venue": {"name": venue} if venue is not None else None,
        "organiser": {"name": organiser, "email": email},
    }
    try:
        meeting = Meeting.model_validate(data)
    except ValidationError as error:
        raise _in_option_terms(invalid_input(error, data, "planner new", _option)) from None
    with open_workspace(ctx, create=True) as workspace:
        stored = meeting_actions.add(workspace, meeting)
        location = workspace.location
    kind = Lowered(Words(f"meeting_kind.{meeting.kind.value}"))
    say(
        words(
            "cli_meeting.added",
            kind=kind,
            slug=repr(printable(stored.slug)),
            when=_when(stored.meeting),
            location=printable(location),
        )
    )


def _option(loc: Loc) -> str:
    return _OPTIONS.get(tuple(loc[:2]), format_loc(loc))


def _in_option_terms(error: InvalidInput) -> InvalidInput:
    """The model's messages, with the one file field they mention said as an option."""
    return InvalidInput(
        [replace(problem, what=_as_option(problem.what)) for problem in error.problems]
    )


def _as_option(what: str | Words) -> str | Words:
    if isinstance(what, Words) and what.values.get("online") == SET_ONLINE:
        return Words(what.key, **{**what.values, "online": Words("cli_meeting.give_online")})
    return what


@app.command()
def duplicate(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting to copy.")],
    new_slug: Annotated[
        str | None,
        typer.Option(
            "--slug", help="The copy's slug (default: the year in the slug made next year)."
        ),
    ] = None,
) -> None:
    """Add next year's meeting: a draft copy with every day moved to the same weekday next
    year, the agenda kept, and no registrations."""
    with open_workspace(ctx) as workspace:
        original = workspace.get_meeting(slug).meeting
        try:
            stored = meeting_actions.duplicate(workspace, slug, new_slug)
        except Conflict as conflict:
            raise Conflict(Words("cli_meeting.use_slug", conflict=conflict)) from None
    say(
        words(
            "cli_meeting.duplicated",
            slug=repr(printable(stored.slug)),
            original=repr(printable(slug)),
            when=_when(stored.meeting),
            was=_when(original),
        )
    )


@app.command()
def archive(
    ctx: typer.Context, slug: Annotated[str, typer.Argument(help="The meeting to put away.")]
) -> None:
    """Archive a meeting: kept, but no longer among the current meetings."""
    _set_archived(ctx, slug, archived=True)


@app.command()
def unarchive(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting to bring back.")],
) -> None:
    """Bring an archived meeting back among the current meetings."""
    _set_archived(ctx, slug, archived=False)


def _set_archived(ctx: typer.Context, slug: str, *, archived: bool) -> None:
    with open_workspace(ctx) as workspace:
        stored = workspace.get_meeting(slug)
        if stored.meeting.archived == archived:
            state = "already_archived" if archived else "already_current"
            say(words(f"cli_meeting.{state}", slug=repr(printable(slug))))
            return
        saved = meeting_actions.set_archived(workspace, slug, archived)
    done = "archived" if archived else "unarchived"
    say(words(f"cli_meeting.{done}", slug=repr(printable(slug)), version=saved.version))


@app.command()
def delete(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The meeting to delete.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Delete it: the meeting and all its registrations.")
    ] = False,
) -> None:
    """Delete a meeting and its registrations (the audit log keeps its history)."""
    if not yes:
        ctx.fail(words("cli_meeting.delete_needs_yes", slug=repr(printable(slug))))
    with open_workspace(ctx) as workspace:
        count = len(workspace.list_registrations(slug))
        meeting_actions.delete(workspace, slug)
        location = workspace.location
    say(
        words(
            "cli_meeting.deleted",
            slug=repr(printable(slug)),
            count=count,
            location=printable(location),
        )
    )


def _when(meeting: Meeting) -> str:
    """'Tuesday 2024-03-12 10:00': the weekday in the reader's language, and the date and
    time as the meeting file writes them."""
    from babel.dates import format_date

    from planner.i18n import babel_locale
    from planner.words import current_language

    day = format_date(meeting.start_date, "cccc", locale=babel_locale(current_language()))
    start = meeting.start_time
    if start is None:
        return f"{day} {meeting.start_date:%Y-%m-%d}"
    return f"{day} {start:%Y-%m-%d %H:%M}"
