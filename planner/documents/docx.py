"""DOCX from Word templates, through docxtpl, in the documents' sandbox.

- **Templates** are Word documents with Jinja tags in their text: `word/<document>.docx`,
  the secretariat's own (in its template folder) before Planner's built-in ones (made by
  scripts/make_word_templates.py). They see the same names as the other templates
  (`meeting`, `words`, `say()`, …).
- **Letterhead.** A Word document `word/letterhead.docx` in the secretariat's folder gives
  every DOCX its page: size, margins, header and footer (a logo, the address), and its
  styles (Heading 1 looks as the secretariat's Heading 1 does). The document's own text is
  set after the letterhead's, whose text may use the same tags (`{{ meeting.title }}`).
- **Escaping.** Rendered with the sandboxed environment and autoescape on (an overlay: the
  shared environment is never changed), so a name with `&` or `<` is text, never XML;
  characters XML cannot hold are left out. Meeting data is never compiled as a template.
- **Limits.** The render runs inside `run_template`: the sandbox's time and size limits
  hold, and a problem names the Word template and the text near it.

docxtpl (and python-docx, lxml, docxcompose) are imported here only, when a DOCX is made.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateError, TemplateSyntaxError

from planner.documents.environment import (
    TemplateProblem,
    document_environment,
    run_template,
    template_context,
)
from planner.documents.formats import RenderJob
from planner.documents.labels import document_words
from planner.documents.sandbox import TemplateLimit, limited_output
from planner.errors import NotFound
from planner.resources import data_dir
from planner.words import Words

LETTERHEAD = "word/letterhead.docx"
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (and the bell and form feed, which docxtpl would turn
into a new paragraph or a page break)."""


def make_docx(job: RenderJob) -> bytes:
    """The job's document as DOCX, from its Word template (and the letterhead, if any)."""
    path = f"word/{job.document}.docx"
    template = word_template(path, job.template_folder)
    letterhead = _own(LETTERHEAD, job.template_folder)
    names = {**_names(job), "letterhead": letterhead is not None}
    context = template_context(job.view, job.language, "docx", names)
    job.progress(0.05, "template")

    def render(source: list[str]) -> bytes:
        source[0] = str(template)
        document = _rendered(template, context, job.template_folder, path)
        if letterhead is not None:
            source[0] = str(letterhead)
            paper = _rendered(letterhead, context, job.template_folder, LETTERHEAD)
            document = _set_in(paper, document)
        _describe(document, job)
        job.progress(0.9, "docx")
        written = io.BytesIO()
        document.save(written)
        return written.getvalue()

    return run_template(render, path)


def word_template(path: str, folder: Path | None) -> Path:
    """The Word template at `path` ('word/programme.docx'): the secretariat's, else
    Planner's own."""
    found = _own(path, folder) or _built_in(path)
    if found is None:
        raise NotFound(Words("documents_error.no_template", template=path))
    return found


def _own(path: str, folder: Path | None) -> Path | None:
    if folder is None:
        return None
    candidate = Path(folder).expanduser() / path
    return candidate if candidate.is_file() else None


def _built_in(path: str) -> Path | None:
    candidate = data_dir("templates") / path
    return candidate if candidate.is_file() else None


def _names(job: RenderJob) -> dict[str, Any]:
    names: dict[str, Any] = {"second": job.second, **job.values}
    if job.second is not None:
        names["second_words"] = document_words(job.second.language, job.second.languages)
    return names


@cache
def _libraries() -> Any:
    """docxtpl, loaded once. Importing it imports docxcompose, which points python-docx's
    `cp` prefix at the custom-properties namespace for the whole process, so that a core
    property set afterwards is written where Word does not look and the file reads as
    damaged (docxcompose#101, python-docx-template#471): the prefix is put back."""
    import docxcompose.composer  # noqa: F401  (what changes the prefix)
    import docxtpl
    from docx.oxml.ns import nsmap

    nsmap["cp"] = CORE_PROPERTIES
    return docxtpl


def _rendered(path: Path, context: dict[str, Any], folder: Path | None, name: str) -> Any:
    """The Word template at `path` rendered with `context` (a python-docx Document)."""
    from docx.opc.exceptions import PackageNotFoundError

    DocxTemplate = _libraries().DocxTemplate

    shown = _shown(path, name)
    template = DocxTemplate(str(path))
    try:
        template.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise TemplateProblem(Words("documents_error.not_word", template=shown)) from None
    try:
        template.render(context, jinja_env=_docx_environment(folder, shown))
    except TemplateSyntaxError as error:
        raise _problem(shown, error.message or str(error), error) from None
    except TemplateError as error:
        raise _problem(shown, " ".join(str(error).split())[:300], error) from None
    except TemplateLimit as error:
        facts = {k: v for k, v in error.values.items() if k != "where"}
        problem = Words(f"documents_error.{error.reason}", **facts)
        raise _problem(shown, problem, error) from None
    return template.docx


def _docx_environment(folder: Path | None, shown: str) -> Any:
    """The documents' environment with autoescape on, values made safe for XML, and the
    output of every part counted against the sandbox's size limit; its templates are named
    after the Word file. An overlay: docxtpl changes the environment it is given, and the
    shared one must stay as it is."""
    environment = document_environment(folder).overlay(autoescape=True, finalize=_xml_value)

    def from_string(source: str, globals: Any = None, template_class: Any = None) -> Template:
        code = environment.compile(source, name=shown, filename=shown)
        return _LimitedTemplate.from_code(
            environment, code, environment.make_globals(globals), None
        )

    environment.from_string = from_string
    return environment


class _LimitedTemplate(Template):
    """A template whose output is counted as it is made (the sandbox's MAX_OUTPUT)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        return "".join(limited_output(self.generate(*args, **kwargs)))


def _xml_value(value: Any) -> Any:
    """What `{{ value }}` prints in a Word document: nothing for None; text without the
    characters XML cannot hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.__class__(_NOT_IN_XML.sub("", value)) if _NOT_IN_XML.search(value) else value
    return value


def _set_in(paper: Any, document: Any) -> Any:
    """`document`'s text set on the letterhead `paper`: after the letterhead's own text
    (its empty last lines left out), in its page, header, footer and styles."""
    from docxcompose.composer import Composer

    _libraries()
    body = paper.element.body
    for paragraph in reversed(list(body.iterchildren())):
        if paragraph.tag.endswith("}p") and not _has_content(paragraph):
            body.remove(paragraph)
        else:
            break
    Composer(paper).append(document)
    return paper


def _has_content(paragraph: Any) -> bool:
    text = "".join(paragraph.itertext()).strip()
    drawn = any(
        element.tag.endswith(("}drawing", "}pict", "}object", "}sectPr"))
        for element in paragraph.iter()
    )
    return bool(text) or drawn


def _describe(document: Any, job: RenderJob) -> None:
    """The file's properties: the meeting's title, the issuer, the language."""
    properties = document.core_properties
    properties.title = job.view.title[:250]
    properties.author = job.view.organiser.name[:250]
    properties.language = job.language
    properties.subject = ""
    properties.keywords = ""
    properties.comments = ""


def _problem(shown: str, problem: Any, error: BaseException) -> TemplateProblem:
    """A problem in a Word template: its file, what is wrong, and the text near it (a line
    number in the document's XML would say nothing to someone who edits it in Word)."""
    near = " ".join(" ".join(getattr(error, "docx_context", None) or []).split())[:120]
    if near:
        return TemplateProblem(
            Words(
                "documents_error.word_template_near",
                template=shown,
                problem=problem,
                near=near,
            )
        )
    return TemplateProblem(Words("documents_error.template_file", template=shown, problem=problem))


def _shown(path: Path, name: str) -> str:
    """A built-in template by its name in the tree; the secretariat's own by its path."""
    built_in = _built_in(name)
    return name if built_in is not None and built_in == path else str(path)
