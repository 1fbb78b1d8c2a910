"""Documents of a meeting: `planner render`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planner import config
from planner.cli.app import app, open_workspace, say
from planner.cli.meetings import OneMeeting, OneTarget, Target, one_target
from planner.documents.catalogue import DOCUMENTS
from planner.documents.formats import FORMATS

if TYPE_CHECKING:
    from planner.documents.render import Rendered
from planner.errors import BadInput
from planner.model import MeetingFile, Registration
from planner.model.minutes import Minutes
from planner.model.text import printable
from planner.words import say as words


@app.command()
def render(
    ctx: typer.Context,
    target: OneTarget = None,
    meeting: OneMeeting = None,
    doc: Annotated[
        str | None,
        typer.Option("--doc", help=f"The document: {', '.join(DOCUMENTS)}."),
    ] = None,
    all_documents: Annotated[
        bool,
        typer.Option("--all", help="Every document the meeting's kind calls for, into -o DIR."),
    ] = False,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"{', '.join(FORMATS)} [default: pdf; with --all, every format]",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="The language (default: the meeting's); two side by side, e.g. nb+en.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="File or folder to write to; - for standard output (text formats) "
            "[default: a file named after the meeting and document, here]",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        str | None,
        typer.Option(
            "--templates",
            help="Your own template folder [default: [documents] templates in config.toml]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Make the meeting's papers: the programme, the meeting notice, the run-sheet, the
    invitation letter, the question sheet, the participant list, name badges and the
    minutes, as Markdown, text, HTML, PDF or DOCX, in any language Planner writes."""
    from planner.documents.render import render_all, render_document, save_document

    if all_documents == (doc is not None):
        raise BadInput(words("documents_cli.doc_or_all"))
    folder = config.template_folder(templates)
    found = one_target(ctx, target, meeting)
    if all_documents:
        if output is None or output == "-":
            raise BadInput(words("documents_cli.all_needs_folder"))
        formats = (format,) if format else None
        if format and format not in FORMATS:
            raise BadInput(
                words("documents_error.no_format", format=format, known=", ".join(FORMATS))
            )
        written = render_all(
            found.meeting,
            output,
            lang,
            formats=formats,
            registrations=_registrations(ctx, found),
            minutes=_minutes(ctx, found),
            template_folder=folder,
        )
        count = 0
        for rendered, where in written:
            count += 1
            _report(rendered, where)
        say(words("documents_cli.wrote_all", count=count, folder=printable(output)))
        return
    assert doc is not None
    chosen = format or "pdf"
    if output == "-" and chosen in FORMATS and not FORMATS[chosen].is_text:
        raise BadInput(words("documents_error.not_text", format=chosen))
    needs_people = doc in DOCUMENTS and DOCUMENTS[doc].lists_people
    needs_minutes = doc in DOCUMENTS and DOCUMENTS[doc].takes_minutes
    rendered = render_document(
        found.meeting,
        doc,
        chosen,
        lang,
        registrations=_registrations(ctx, found) if needs_people else None,
        minutes=_minutes(ctx, found) if needs_minutes else None,
        template_folder=folder,
    )
    target_path: str | Path = output or rendered.file_name
    if output not in (None, "-") and Path(output).is_dir():
        target_path = Path(output) / rendered.file_name
    where = save_document(rendered, target_path)
    if str(target_path) != "-":
        _report(rendered, where)


def _report(rendered: Rendered, where: str) -> None:
    say(
        words(
            "documents_cli.wrote",
            document=rendered.document,
            format=rendered.format,
            language=rendered.language,
            path=printable(where),
        )
    )


def _minutes(ctx: typer.Context, found: Target) -> Minutes | None:
    """The meeting's minutes as recorded in the workspace; None (a skeleton) for a file."""
    if isinstance(found.meeting, MeetingFile):
        return None
    with open_workspace(ctx) as workspace:
        return workspace.get_minutes(found.name).minutes


def _registrations(ctx: typer.Context, found: Target) -> list[Registration]:
    """The meeting's registrations: the file's own, or the workspace's."""
    if isinstance(found.meeting, MeetingFile):
        return list(found.meeting.registrations)
    with open_workspace(ctx) as workspace:
        return [stored.registration for stored in workspace.list_registrations(found.name)]
