"""The door invitations render their templates through: Planner's one sandboxed Jinja
environment (`planner.documents.environment`), with the secretariat's template folder
before the built-in one (`[documents] templates` in config.toml).

Subjects, letters (text and HTML), a calendar entry's SUMMARY and DESCRIPTION come from
`templates/mail/` and `templates/calendar/`; a new invitation's letter is the documents'
invitation letter (`documents/invitation.txt`, `.html`). Each template sees what every
document sees (`meeting`, the read-only view of the meeting in the recipient's language;
`words`; `say`; `language`) and the invitation's own values (`entry`, `recipient`, `person`,
`reason`, `changes`, `mail`, the letters' words). Meeting data are values only: a name
written `{{ 7*7 }}` prints exactly that.

A message's templates are rendered together within the sandbox's limits (one time budget
for the subject and both letters), so a send of 10,000 does not start 30,000 watchdogs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from planner.model import Meeting


class Renderer:
    """Renders one meeting's templates; each template compiled once, the meeting's view
    made once per language."""

    def __init__(self, meeting: Meeting) -> None:
        from planner import config
        from planner.documents.environment import document_environment

        self.meeting = meeting
        self._environment = document_environment(config.template_folder())
        self._templates: dict[str, Any] = {}
        self._views: dict[str, Any] = {}
        self._uses: dict[tuple[Any, ...], bool] = {}

    def __call__(self, path: str, language: str, values: Mapping[str, Any]) -> str:
        """The text of the template at `path` ("mail/subject.txt") in `language`."""
        return self.render_all(language, [(path, values)])[0]

    def render_all(self, language: str, jobs: Sequence[tuple[str, Mapping[str, Any]]]) -> list[str]:
        """Each (path, values) rendered in `language`, within one budget of the sandbox's
        limits; a problem is one TemplateProblem naming the template's file and line."""
        from planner.documents.environment import run_template, template_context, tidied
        from planner.documents.sandbox import limited_output

        view = self.view(language)

        def render(source: list[str]) -> list[str]:
            texts = []
            for path, values in jobs:
                template = self._template(path)
                source[0] = template.filename or path
                format = path.rpartition(".")[2]
                context = template_context(view, language, format, values)
                texts.append(tidied("".join(limited_output(template.generate(context))), format))
            return texts

        return run_template(render, jobs[0][0])

    def uses(self, paths: Sequence[str], name: str) -> bool:
        """Whether the templates at `paths`, or any they include, import or extend, use the
        name `name` (a template named by a variable counts as using it)."""
        key = (tuple(paths), name)
        if key not in self._uses:
            self._uses[key] = self._find_use(paths, name)
        return self._uses[key]

    def _find_use(self, paths: Sequence[str], name: str) -> bool:
        from jinja2 import meta

        seen: set[str] = set()
        pending = list(paths)
        while pending:
            path = pending.pop()
            if path in seen:
                continue
            seen.add(path)
            source = self._environment.loader.get_source(self._environment, path)[0]
            tree = self._environment.parse(source)
            if name in meta.find_undeclared_variables(tree):
                return True
            for referenced in meta.find_referenced_templates(tree):
                if referenced is None:
                    return True
                pending.append(referenced)
        return False

    def view(self, language: str) -> Any:
        found = self._views.get(language)
        if found is None:
            from planner.documents.view import meeting_view

            found = self._views.setdefault(language, meeting_view(self.meeting, language))
        return found

    def _template(self, path: str) -> Any:
        found = self._templates.get(path)
        if found is None:
            found = self._templates.setdefault(path, self._environment.get_template(path))
        return found
