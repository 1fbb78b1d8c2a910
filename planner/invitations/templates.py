"""The one door invitations render their templates through.

Subjects, letters (text and HTML), a calendar entry's SUMMARY and DESCRIPTION come from
templates in `templates/mail/` and `templates/calendar/`, which a secretariat overrides by
putting a file of the same path in its own template folder. They are rendered in the
recipient's language, with the meeting's data as values only: a name written `{{ 7*7 }}`
prints exactly that.

INTERIM: Planner's one sandboxed Jinja environment (planner.documents.environment) is being
built on another branch; until it lands, `render` uses the smallest sandboxed environment
that keeps those promises (immutable sandbox, strict undefined names, HTML escaped in .html
templates, the secretariat's folder first). When it lands, `render` calls it instead and
this environment goes.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from planner.errors import BadInput


class Renderer:
    """Renders templates from the secretariat's folder (read from config.toml once) and the
    built-in ones; each template is compiled once."""

    def __init__(self) -> None:
        self._environment = _environment(_own_folder())
        self._templates: dict[str, Any] = {}

    def __call__(self, path: str, language: str, values: Mapping[str, Any]) -> str:
        """The text of the template at `path` ("mail/subject.txt") in `language`, seeing
        `values` and `language`."""
        from jinja2 import TemplateError

        try:
            template = self._templates.get(path)
            if template is None:
                template = self._templates.setdefault(path, self._environment.get_template(path))
            return template.render({**values, "language": language})
        except TemplateError as error:
            raise BadInput(f"template {path}: {error}") from None


def _own_folder() -> Path | None:
    from planner.config import config_table

    folder = config_table("documents").get("templates")
    return Path(folder).expanduser() if isinstance(folder, str) and folder else None


@cache
def _environment(folder: Path | None):
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from planner.resources import data_dir

    loaders = [FileSystemLoader(str(data_dir("templates")))]
    if folder is not None:
        loaders.insert(0, FileSystemLoader(str(folder)))
    return ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=lambda name: bool(name) and name.endswith(".html"),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
