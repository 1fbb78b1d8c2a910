"""A document of a meeting, in a format and a language: what the command line and the app
both call.

    rendered = render_document(meeting, "programme", "pdf", "nb")
    save_document(rendered, "programme.pdf")          # through the one safe writer

    for rendered, path in render_all(meeting, folder):  # what the meeting's kind calls for
        ...

`language` may name two languages, "nb+en", for a document printed side by side (the
programme and the notice). Registrations are needed only by the documents that list people
(participant list, badges); pass None when there are none to give. The minutes print what
was recorded (`minutes`), or a skeleton to fill in when nothing is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from planner.documents.catalogue import DOCUMENTS, DocumentKind, documents_for
from planner.documents.formats import FORMATS, OutputFormat, Progress, RenderJob, no_progress
from planner.errors import BadInput
from planner.files import write_output
from planner.model import LANGUAGES, Meeting, Registration
from planner.model.minutes import Minutes
from planner.words import Words


@dataclass(frozen=True)
class Rendered:
    meeting: str
    """The meeting's slug."""
    document: str
    format: str
    language: str
    """As asked: 'nb', or 'nb+en' side by side."""
    content: str | bytes

    @property
    def file_name(self) -> str:
        """'ks-toppmote-integrering-2016-programme-nb.pdf'."""
        languages = self.language.replace("+", "-")
        return f"{self.meeting}-{self.document}-{languages}{FORMATS[self.format].suffix}"

    @property
    def is_text(self) -> bool:
        return FORMATS[self.format].is_text


def render_document(
    meeting: Meeting,
    document: str,
    format: str,
    language: str | None = None,
    *,
    registrations: list[Registration] | None = None,
    minutes: Minutes | None = None,
    template_folder: Path | str | None = None,
    progress: Progress = no_progress,
) -> Rendered:
    """`document` of `meeting` in `format` and `language` (the meeting's own when None).

    Raises BadInput for a document, format or language Planner does not have, and
    TemplateProblem for a template that cannot be used.
    """
    from planner.documents.view import meeting_view

    kind = document_kind(document)
    output = document_format(kind, format)
    first, second = split_languages(language or meeting.language, kind)
    listed = registrations if kind.lists_people else None
    progress(0.0, "view")
    job = RenderJob(
        document=kind.name,
        format=output.name,
        language=first,
        view=meeting_view(
            meeting,
            first,
            registrations=listed,
            minutes=(minutes or Minutes()) if kind.takes_minutes else None,
        ),
        second=meeting_view(meeting, second) if second else None,
        template_folder=Path(template_folder) if template_folder else None,
        progress=progress,
    )
    content = output.make(job)
    progress(1.0, "done")
    return Rendered(meeting.slug, kind.name, output.name, language or meeting.language, content)


def save_document(rendered: Rendered, target: str | Path) -> str:
    """Write it to `target` ("-" for standard output, text formats only) through the one
    safe writer; returns where it went."""
    if str(target) == "-" and not rendered.is_text:
        raise BadInput(Words("documents_error.not_text", format=rendered.format))
    return write_output(target, rendered.content)


def render_all(
    meeting: Meeting,
    folder: str | Path,
    language: str | None = None,
    *,
    formats: tuple[str, ...] | None = None,
    registrations: list[Registration] | None = None,
    minutes: Minutes | None = None,
    template_folder: Path | str | None = None,
    progress: Progress = no_progress,
) -> Iterator[tuple[Rendered, str]]:
    """Every document the meeting's kind calls for, in each of `formats` it is made in (all
    when None), written into `folder`; yields each with where it went."""
    target = Path(folder)
    if not target.is_dir():
        raise BadInput(Words("documents_error.no_folder", folder=str(target)))
    has_people = any(str(r.status.value) in ("confirmed", "attended") for r in registrations or [])
    jobs = [
        (kind, name)
        for kind in documents_for(meeting, has_people)
        for name in kind.formats
        if formats is None or name in formats
    ]
    for done, (kind, name) in enumerate(jobs):

        def part(fraction: float, doing: str, done: int = done) -> None:
            progress((done + fraction) / len(jobs), doing)

        rendered = render_document(
            meeting,
            kind.name,
            name,
            language,
            registrations=registrations,
            minutes=minutes,
            template_folder=template_folder,
            progress=part,
        )
        yield rendered, save_document(rendered, target / rendered.file_name)


def document_kind(name: str) -> DocumentKind:
    if name not in DOCUMENTS:
        raise BadInput(
            Words("documents_error.no_document", document=name, known=", ".join(DOCUMENTS))
        )
    return DOCUMENTS[name]


def document_format(kind: DocumentKind, name: str) -> OutputFormat:
    if name not in FORMATS:
        raise BadInput(Words("documents_error.no_format", format=name, known=", ".join(FORMATS)))
    if name not in kind.formats:
        raise BadInput(
            Words(
                "documents_error.not_in_format",
                document=kind.name,
                format=name,
                known=", ".join(kind.formats),
            )
        )
    return FORMATS[name]


def split_languages(language: str, kind: DocumentKind) -> tuple[str, str | None]:
    """'nb' -> ('nb', None); 'nb+en' -> ('nb', 'en') for a document printed side by side."""
    first, _, second = language.partition("+")
    for each in (first, second) if second else (first,):
        if each not in LANGUAGES:
            raise BadInput(
                Words("documents_error.no_language", language=each, known=", ".join(LANGUAGES))
            )
    if second and not kind.side_by_side:
        raise BadInput(Words("documents_error.not_side_by_side", document=kind.name))
    return first, second or None
