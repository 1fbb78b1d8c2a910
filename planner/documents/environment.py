"""The one Jinja environment every document and e-mail body is rendered with.

    environment = document_environment(folder)          # the secretariat's folder, or None
    text = render_template("programme", view, "nb", "md")

- **Sandboxed** (`sandbox.GuardedSandbox`): templates see no private attributes, change
  nothing, and stop with a clear message after a few seconds or when they build something
  huge.
- **Strict**: a name a template uses that is not there is an error naming the template and
  line (`StrictUndefined`), never an empty gap in a printed paper.
- **Escaped by format**, decided by the template file's suffix: `.html`, `.htm`, `.xml` and
  `.svg` templates escape every value for HTML; `.md` templates escape Markdown's special
  characters with backslashes (so `*Kari*` or `<script>` in a name is printed as typed, in
  a Markdown viewer too); `.txt` templates print text as it is. A value that is `None` prints
  as nothing.
- **Loader**: the secretariat's own folder first (`[documents] templates = DIR` in
  config.toml, or `--templates DIR`), then Planner's built-in `templates/`. Names are paths
  in that tree: `documents/programme.html`, `mail/…`; a file in the secretariat's folder
  at the same path replaces the built-in one, and can `{% extends %}` or `{% include %}`
  the others.
- **Data is data**: meeting data reaches a template only as values in its view (see
  `view.py`); no text of a meeting is ever compiled as a template, so a participant named
  `{{ 7*7 }}` prints exactly that.

- **Other template engines** on the same environment (DOCX through docxtpl): give them
  `document_environment(folder).overlay(autoescape=True)`, never the shared environment
  itself (docxtpl sets `autoescape` on the environment it is given), and render inside
  `run_template` so the limits hold and a problem names the file.

Everything a template sees: `meeting` (the view), `words` (the fixed words of documents in
the language), `language`, `format`, and the filters and functions below; see
docs/templates.md.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any, TypeVar

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
)
from markupsafe import Markup

from planner.documents.sandbox import GuardedSandbox, TemplateLimit, limited_output, run_limited
from planner.documents.typesetting import escape_markdown, fit, paragraphs, wrap
from planner.errors import BadInput, NotFound
from planner.i18n import format_clock, format_date_short, format_day, format_span, label
from planner.resources import data_dir
from planner.words import Words, say

T = TypeVar("T")
HTML_SUFFIXES = (".html", ".htm", ".xml", ".svg")
MARKDOWN_SUFFIXES = (".md",)


class TemplateProblem(BadInput):
    """A template that cannot be used: its file, line and what is wrong."""


def document_environment(template_folder: Path | str | None = None) -> GuardedSandbox:
    """The environment for the secretariat's `template_folder` (None: the built-in
    templates only). One per folder, kept: templates are compiled once."""
    folder = Path(template_folder).expanduser().resolve() if template_folder else None
    if folder is not None and not folder.is_dir():
        raise NotFound(Words("documents_error.no_template_folder", folder=str(folder)))
    return _environment(folder)


@cache
def _environment(folder: Path | None) -> GuardedSandbox:
    built_in = FileSystemLoader(str(data_dir("templates")))
    loader = ChoiceLoader([FileSystemLoader(str(folder)), built_in] if folder else [built_in])
    environment = GuardedSandbox(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=_escapes,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
        extensions=["jinja2.ext.loopcontrols"],
    )
    environment.filters.update(
        day=_in_language(format_day),
        date=_in_language(format_date_short),
        clock=_in_language(format_clock),
        span=_span,
        md=_markdown_filter,
        paragraphs=paragraphs,
        wrap=wrap,
    )
    environment.globals.update(label=_label, counted=_counted, say=_say, fit=fit)
    return environment


def render_template(
    name: str,
    view: Any,
    language: str,
    format: str,
    *,
    template_folder: Path | str | None = None,
    values: Mapping[str, Any] | None = None,
) -> str:
    """The text of template `name` for `view` in `language`.

    `name` is a document ("programme": the template `documents/programme.<format>`) or a
    path in the template tree without its suffix ("mail/invitation"); `format` is the
    template file's suffix: "md", "txt" or "html". `view` is the meeting's view
    (`planner.documents.view.meeting_view`), seen by the template as `meeting`; `values` are
    further names the template sees (data only: mappings and lists are made read-only).

    Raises TemplateProblem (the file, the line, what is wrong) and NotFound (no such
    template).
    """
    path = template_path(name, format)
    environment = document_environment(template_folder)
    context = template_context(view, language, format, values)

    def render(source: list[str]) -> str:
        template = environment.get_template(path)
        source[0] = template.filename or path
        return tidied("".join(limited_output(template.generate(context))), format)

    return run_template(render, path)


def template_context(
    view: Any, language: str, format: str, values: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Every name a template sees: `meeting`, `words`, `language`, `format`, `print`,
    `second`, `second_words`, and `values` (made read-only)."""
    from planner.documents.labels import document_words

    return {
        "meeting": view,
        "words": document_words(language, getattr(view, "languages", ())),
        "language": language,
        "format": format,
        "print": False,
        "second": None,
        "second_words": None,
        **{key: read_only(value) for key, value in (values or {}).items()},
    }


def run_template(render: Callable[[list[str]], T], path: str) -> T:
    """`render(source)` within the sandbox's limits (time, size), every problem said as one
    TemplateProblem naming the template's file and line, or NotFound. `render` puts the file
    it renders in `source[0]` (it starts as `path`), so a problem outside the template's own
    lines still names it. A format with templates of its own (DOCX through docxtpl) renders
    through this too."""
    source = [path]
    try:
        return run_limited(lambda: render(source))
    except TemplateNotFound as error:
        raise NotFound(Words("documents_error.no_template", template=error.name)) from None
    except TemplateSyntaxError as error:
        raise _problem(error.filename or error.name or path, error.lineno, error.message) from None
    except TemplateLimit as error:
        facts = dict(error.values)
        where, line = facts.pop("where", None) or _where(error.__traceback__, source[0])
        raise _problem(where, line, Words(f"documents_error.{error.reason}", **facts)) from None
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as error:
        where, line = _where(error.__traceback__, source[0])
        raise _problem(where, line, _plain(error)) from None
    except RecursionError:
        where, line = _where(sys.exc_info()[2], source[0])
        raise _problem(where, line, Words("documents_error.too_deep")) from None


def tidied(text: str, format: str) -> str:
    """Markdown and plain text with never more than one blank line in a row, no space at the
    ends of lines (but Markdown's two-space line breaks), and one line break at the end;
    HTML as the template wrote it."""
    if format not in ("md", "txt"):
        return text
    if format == "txt":
        text = _LINE_END_SPACE.sub("", text)
    return _BLANK_LINES.sub("\n\n", text).strip("\n") + "\n"


_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_LINE_END_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


def template_path(name: str, format: str) -> str:
    """The template file a document uses: ('programme', 'html') -> 'documents/programme.html'."""
    folder = "" if "/" in name else "documents/"
    return f"{folder}{name}.{format}"


def read_only(value: Any) -> Any:
    """`value` as a template may see it: mappings and lists become read-only copies."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: read_only(item) for key, item in value.items()})
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(read_only(item) for item in value)
    return value


# -- what the environment does with each value ----------------------------------------------


def _escapes(name: str | None) -> bool:
    return bool(name) and name.endswith(HTML_SUFFIXES + MARKDOWN_SUFFIXES)


@pass_context
def _finalize(context: Any, value: Any) -> Any:
    """What `{{ value }}` prints: nothing for None; in a Markdown template, the value with
    Markdown's special characters escaped (marked safe, so it is not escaped again)."""
    if value is None:
        return ""
    if _is_markdown(context) and not isinstance(value, Markup):
        return Markup(escape_markdown(str(value)))
    return value


def _is_markdown(context: Any) -> bool:
    name = context.name or ""
    return name.endswith(MARKDOWN_SUFFIXES)


def _markdown_filter(value: Any) -> Markup:
    """`{{ text|md }}` anywhere: the text escaped for Markdown and marked safe."""
    return Markup(escape_markdown("" if value is None else str(value)))


def _in_language(function: Any) -> Any:
    @pass_context
    def filtered(context: Any, value: date | datetime | time | None) -> str:
        return "" if value is None else function(value, context["language"])

    filtered.__doc__ = function.__doc__
    return filtered


@pass_context
def _span(context: Any, start: datetime | None, end: datetime | None = None) -> str:
    return "" if start is None else format_span(start, end, context["language"])


@pass_context
def _label(context: Any, group: str, key: str) -> str:
    """One of Planner's words: label('item_kind', 'break') -> 'Pause' in the language."""
    try:
        return label(str(group), str(key), context["language"], ("en",))
    except KeyError:
        raise TemplateLimit("no_label", label=f"{group}.{key}") from None


@pass_context
def _say(context: Any, word: str, /, **values: Any) -> str:
    """One of the documents' words with its {placeholders} filled: say('invites',
    organiser=…, title=…, when=…); `count` also picks the plural form."""
    from planner.documents.labels import GROUP
    from planner.i18n import catalogue

    if word not in catalogue().get(GROUP, {}):
        raise TemplateLimit("no_label", label=f"{GROUP}.{word}")
    fallbacks = (*getattr(context.get("meeting"), "languages", ()), "en")
    return say(f"{GROUP}.{word}", context["language"], fallbacks=fallbacks, **values)


@pass_context
def _counted(context: Any, name: str, count: int) -> str:
    """A word with its number, in the right plural form: counted('participants', 3) ->
    '3 deltakere'."""
    return _say(context, name, count=count)


# -- where a problem is ------------------------------------------------------------------------


def _where(trace: TracebackType | None, fallback: str) -> tuple[str, int | None]:
    """The template file and line a traceback went through last (the innermost template)."""
    found: tuple[str, int | None] = (fallback, None)
    while trace is not None:
        frame = trace.tb_frame
        if "__jinja_exception__" in frame.f_globals:
            found = (frame.f_globals.get("__file__") or fallback, trace.tb_lineno)
        trace = trace.tb_next
    return found


def _problem(where: str, line: int | None, problem: Any) -> TemplateProblem:
    if line is None:
        return TemplateProblem(
            Words("documents_error.template_file", template=_shown_path(where), problem=problem)
        )
    return TemplateProblem(
        Words("documents_error.template", template=_shown_path(where), line=line, problem=problem)
    )


def _shown_path(where: str) -> str:
    """A built-in template by its name in the tree ('documents/programme.html'); the
    secretariat's own by its full path, so they can open it."""
    root = str(data_dir("templates"))
    return where[len(root) + 1 :] if where.startswith(root + "/") else where


def _plain(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return " ".join(text.split())[:300]
