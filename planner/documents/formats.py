"""The output formats, and how each is made from a document's view.

    FORMATS["pdf"].suffix   -> '.pdf'
    make(job)               -> text (md, txt, html) or bytes (pdf, docx)

A format is made by a function named as "module:function", loaded only when a file of that
format is made, so `planner list` never imports WeasyPrint. Markdown, text and HTML are the
document's template of that suffix; PDF is its HTML template printed (`print` is true in the
template) and laid out by WeasyPrint; DOCX is the document's Word template (templates/word/)
rendered by docxtpl (`planner.documents.docx`). Another format registers itself with
`register_format` and a maker of its own taking the same `RenderJob`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

Progress = Callable[[float, str], None]
"""Told how far a render has got (0.0 to 1.0) and what it is doing."""


def no_progress(done: float, doing: str) -> None:
    """A progress report nobody reads."""


@dataclass(frozen=True)
class RenderJob:
    """Everything a maker needs to make one document in one format."""

    document: str
    """The document's name: 'programme'."""
    format: str
    language: str
    view: Any
    """The meeting's view in `language` (planner.documents.view.MeetingView)."""
    second: Any = None
    """The view in a second language, for a document printed side by side; else None."""
    template_folder: Path | None = None
    progress: Progress = no_progress
    values: dict[str, Any] = field(default_factory=dict)
    """Further names the template sees."""


@dataclass(frozen=True)
class OutputFormat:
    name: str
    suffix: str
    media_type: str
    is_text: bool
    """Whether it can be written to standard output (`-o -`)."""
    maker: str
    """'module:function' that makes it from a RenderJob."""

    def make(self, job: RenderJob) -> str | bytes:
        module, _, function = self.maker.partition(":")
        return getattr(import_module(module), function)(job)


FORMATS: dict[str, OutputFormat] = {}


def register_format(output: OutputFormat) -> OutputFormat:
    FORMATS[output.name] = output
    return output


for _format in (
    OutputFormat("md", ".md", "text/markdown", True, "planner.documents.formats:make_text"),
    OutputFormat("txt", ".txt", "text/plain", True, "planner.documents.formats:make_text"),
    OutputFormat("html", ".html", "text/html", True, "planner.documents.formats:make_text"),
    OutputFormat("pdf", ".pdf", "application/pdf", False, "planner.documents.pdf:make_pdf"),
    OutputFormat(
        "docx",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        False,
        "planner.documents.docx:make_docx",
    ),
):
    register_format(_format)


def make_text(job: RenderJob) -> str:
    """The document's template of the job's format (Markdown, text, HTML)."""
    return render_job_template(job, job.format)


def render_job_template(job: RenderJob, suffix: str, **values: Any) -> str:
    """The document's template with that suffix, for the job's view(s) and language."""
    from planner.documents.environment import render_template
    from planner.documents.labels import document_words

    job.progress(0.05, "template")
    names: dict[str, Any] = {"second": job.second, **job.values, **values}
    if job.second is not None:
        names["second_words"] = document_words(job.second.language, job.second.languages)
    text = render_template(
        job.document,
        job.view,
        job.language,
        suffix,
        template_folder=job.template_folder,
        values=names,
    )
    job.progress(1.0 if suffix == job.format else 0.2, "template")
    return text
