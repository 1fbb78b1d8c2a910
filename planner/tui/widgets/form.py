"""Forms: fields described once, each shown as its label, its input and the problem beside it.

A form is a sequence of `Field`s (and `Heading`s between groups of them). A field is named by
its key path in the model's terms (`venue.name`, `case.officer`), labelled from the `field`
group of the catalogue by that path, and has a kind that picks its input. The form reads and
writes data in the shape the model reads: `load(data)` shows a `model_dump()`, `values()`
gives the nested dict of what is filled in, and `lay_over(data)` puts the form's fields over
the data they came from (what the form does not show is kept as it was).

The form holds no rules. The screen validates `lay_over(...)` with the model and hands its
ValidationError to `show_problems`, which puts each message beside the field its location
leads to (the longest path that begins it); anything else is listed at the top.

Multilingual texts are edited one language at a time, "the language of the texts", which
`next_language()` cycles: the meeting's language, the others its texts are given in, then
the remaining Nordic languages. What was typed in each language is kept when switching. A
text given only in the meeting's language is written as a plain string, otherwise as a map.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from planner.model.text import LANGUAGES
from planner.tui.widgets.form_data import (
    Placed,
    lay_over,
    nested,
    place_problems,
    text_value,
    texts_of,
    value_at,
    written,
)
from planner.tui.widgets.form_fields import (
    Entry,
    Field,
    Heading,
    Kind,
    choice,
    flag,
    language_options,
    line,
    moment,
    number,
    paragraphs,
    picked,
    text_line,
    text_paragraphs,
    yes_no,
)
from planner.tui.widgets.ticks import TickBox

__all__ = [
    "Entry",
    "Field",
    "Form",
    "Heading",
    "Kind",
    "choice",
    "flag",
    "language_options",
    "line",
    "moment",
    "number",
    "paragraphs",
    "picked",
    "text_line",
    "text_paragraphs",
    "yes_no",
]

_INTEGER = re.compile(r"\s*-?[0-9]{1,12}\s*")


class Form(VerticalScroll, can_focus=False):
    """The fields, with a line at the top for the language of the texts and for problems
    that belong to no field. Tab moves from field to field (the form scrolls to each); the
    form itself is never a stop on the way."""

    def __init__(
        self,
        entries: Sequence[Entry],
        *,
        language: str,
        data: Mapping[str, Any] | None = None,
        options: Mapping[str, Sequence[tuple[object, str]]] | None = None,
        named: Sequence[str] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="form")
        self.entries = tuple(entries)
        self.fields = [entry for entry in self.entries if isinstance(entry, Field)]
        self.meeting_language = language
        """Plain strings are in this language; a text only in it is written as one."""
        self.options = dict(options or {})
        """Shown as typed: the choices of `picked` fields, by path."""
        self.texts: dict[str, dict[str, str]] = {}
        """What is typed in each multilingual field, by language."""
        self.given: dict[str, Any] = {}
        """The multilingual texts as loaded: written back as they were while unchanged."""
        self.named = tuple(named)
        """The languages the meeting's texts are given in: the first the texts cycle to."""
        self.languages: list[str] = [language]
        self.text_language = language
        self.loaded: dict[str, Any] = {}
        self._data = dict(data or {})

    # -- showing ---------------------------------------------------------------------------

    def word(self, group: str, key: str, **values: object) -> str:
        return self.app.word(group, key, **values)  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        if any(field.multilingual for field in self.fields):
            yield Static("", id="text-language", classes="hint")
        yield Static("", id="form-problems", classes="error")
        for entry in self.entries:
            if isinstance(entry, Heading):
                yield Label(Text(self.word("form", entry.key)), classes="form-heading")
                continue
            with Horizontal(classes="form-row", id="row-" + entry.input_id):
                yield Label("", classes="form-label")
                with Vertical(classes="form-input"):
                    yield self._input(entry)
                    yield Static("", classes="form-problem error")

    def on_mount(self) -> None:
        self.load(self._data)

    def _input(self, field: Field) -> Widget:
        hint = self.word("field_hint", field.hint) if field.hint else ""
        if field.kind in (Kind.PARAGRAPHS, Kind.TEXT_PARAGRAPHS):
            return TextArea(
                id=field.input_id,
                soft_wrap=True,
                tab_behavior="focus",
                placeholder=hint,
                compact=True,
            )
        if field.kind is Kind.FLAG:
            return TickBox(Text(""), id=field.input_id, compact=True)
        if field.kind is Kind.CHOICE:
            return Select(
                self._choices(field),
                id=field.input_id,
                allow_blank=field.blank,
                prompt=self.word("choice", "automatic" if field.group == "choice" else "none"),
                compact=True,
            )
        return Input(id=field.input_id, placeholder=hint, compact=True)

    def set_options(self, path: str, options: Sequence[tuple[object, str]]) -> None:
        """New choices for the `picked` field at `path` (shown as typed)."""
        self.options[path] = list(options)
        field = next(f for f in self.fields if f.path == path)
        self.query_one(f"#{field.input_id}", Select).set_options(self._choices(field))

    def _choices(self, field: Field) -> list[tuple[Text, object]]:
        if field.path in self.options:
            return [(Text(shown), value) for value, shown in self.options[field.path]]
        return [(Text(self.word(field.group, key)), value) for value, key in field.choices]

    def show_labels(self) -> None:
        """Each field's label; a multilingual one says its language and the others given."""
        for field in self.fields:
            label = Text(self.word("field", field.label))
            if field.multilingual:
                label.append(f" ({self.text_language})", style="bold")
                others = [lang for lang, text in self.texts[field.path].items() if text.strip()]
                others = [lang for lang in others if lang != self.text_language]
                if others:
                    also = self.word("screens_form", "also_in", languages=", ".join(others))
                    label.append(f" {also}", style="dim")
            self.query_one(f"#row-{field.input_id} .form-label", Label).update(label)
        if self.query("#text-language"):
            key = self.app.get_key_display_for("form.language")  # type: ignore[attr-defined]
            words = self.word("form", "text_language", language=self.text_language, shortcut=key)
            self.query_one("#text-language", Static).update(Text(words))

    # -- loading and reading ---------------------------------------------------------------

    def load(
        self,
        data: Mapping[str, Any],
        *,
        language: str | None = None,
        named: Sequence[str] | None = None,
    ) -> None:
        """Show `data` (a `model_dump()`, or the values of a new record). The meeting's
        `language` and the languages it `named`, when they are known only now."""
        if language is not None:
            self.meeting_language = language
        if named is not None:
            self.named = tuple(named)
        for field in self.fields:
            value = value_at(data, field.path)
            if field.multilingual:
                self.texts[field.path] = texts_of(value, self.meeting_language)
                self.given[field.path] = getattr(value, "root", value)
            else:
                self._put(field, value)
        self.languages = self._language_order()
        self.text_language = self.meeting_language
        self._show_texts()
        self.loaded = self.values()
        self.clear_problems()

    def restore(self, typed: Mapping[str, Any]) -> None:
        """Show what was typed before (each field's value by its path, as `flat_values`
        gave it) over what is loaded; it counts as changed, as it was when typed."""
        loaded = self.loaded
        for field in self.fields:
            if field.path not in typed:
                continue
            value = typed[field.path]
            if field.multilingual:
                self.texts[field.path] = texts_of(value, self.meeting_language)
            else:
                self._put(field, value)
        self.languages = self._language_order()
        self._show_texts()
        self.loaded = loaded

    def _put(self, field: Field, value: Any) -> None:
        widget = self.query_one(f"#{field.input_id}")
        if isinstance(widget, Checkbox):
            widget.value = bool(value)
        elif isinstance(widget, Select):
            value = value.value if isinstance(value, Enum) else value
            legal = [option for _, option in self._choices(field)]
            if value in legal:
                widget.value = value
            elif field.blank:
                widget.clear()
        elif isinstance(widget, TextArea):
            widget.load_text("" if value is None else str(value))
        elif isinstance(widget, Input):
            widget.value = written(value)

    def _show_texts(self) -> None:
        for field in self.fields:
            if field.multilingual:
                text = self.texts[field.path].get(self.text_language, "")
                widget = self.query_one(f"#{field.input_id}")
                if isinstance(widget, TextArea):
                    widget.load_text(text)
                elif isinstance(widget, Input):
                    widget.value = text
        self.show_labels()

    def _keep_texts(self) -> None:
        """What is typed in the multilingual fields, kept for the language of the texts."""
        for field in self.fields:
            if field.multilingual:
                widget = self.query_one(f"#{field.input_id}")
                text = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
                self.texts[field.path][self.text_language] = text

    def flat_values(self) -> dict[str, Any]:
        """Each field's value by its path; None when it is left empty."""
        self._keep_texts()
        found: dict[str, Any] = {}
        for field in self.fields:
            if field.multilingual:
                found[field.path] = self._text(field.path)
            else:
                found[field.path] = _read(field, self.query_one(f"#{field.input_id}"))
        return found

    def _text(self, path: str) -> str | dict[str, str] | None:
        given = self.given.get(path)
        if given is not None and texts_of(given, self.meeting_language) == self._typed(path):
            return given
        return text_value(self.texts[path], self.meeting_language)

    def _typed(self, path: str) -> dict[str, str]:
        return {lang: text for lang, text in self.texts[path].items() if text.strip()}

    def values(self) -> dict[str, Any]:
        """What is filled in, nested as the model reads it; empty fields are left out."""
        return nested(self.flat_values())

    def lay_over(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """`data` with the form's fields as they are now (emptied ones taken out)."""
        return lay_over(data, [field.path for field in self.fields], self.values())

    @property
    def changed(self) -> bool:
        return self.values() != self.loaded

    def focus_first(self) -> None:
        if self.fields:
            self.query_one(f"#{self.fields[0].input_id}").focus()

    # -- the language of the texts -------------------------------------------------------

    def _language_order(self) -> list[str]:
        """The meeting's language, the others it names, those texts are written in, then
        every other language Planner writes."""
        given = [lang for texts in self.texts.values() for lang, text in texts.items() if text]
        return list(dict.fromkeys([self.meeting_language, *self.named, *given, *LANGUAGES]))

    def next_language(self) -> str:
        """Show the texts in the next language; what was typed in this one is kept."""
        self._keep_texts()
        position = self.languages.index(self.text_language)
        self.text_language = self.languages[(position + 1) % len(self.languages)]
        self._show_texts()
        return self.text_language

    def set_meeting_language(self, language: str, *, carry: bool = False) -> None:
        """The meeting's language changed (in the meeting form): the texts are shown in it
        from now on, and `next_language` starts from it. Texts are kept per language as
        typed; those given only in the new language are written as plain strings. With
        `carry` (a new meeting, whose texts were typed in the language it started with),
        what was typed in the old language moves to the new one where it has nothing."""
        self._keep_texts()
        if carry:
            for texts in self.texts.values():
                typed = texts.get(self.meeting_language, "")
                if typed.strip() and not texts.get(language, "").strip():
                    texts[language] = texts.pop(self.meeting_language)
        self.meeting_language = language
        self.languages = self._language_order()
        self.text_language = language
        self._show_texts()

    # -- problems --------------------------------------------------------------------------

    def show_problems(self, error: ValidationError, data: Any = None) -> None:
        """Each message beside its field; those of no field at the top. `data` is what was
        validated: with it, pydantic's union tags in a location are told from field names."""
        placed: Placed = place_problems(
            error, data, [field.path for field in self.fields], self.word("form", "required")
        )
        self.clear_problems()
        for path, messages in placed.at_fields.items():
            self.show_at(path, messages)
        self.say(placed.elsewhere)
        first = next((f for f in self.fields if f.path in placed.at_fields), None)
        if first is not None:
            self.query_one(f"#{first.input_id}").focus()

    def show_at(self, path: str, messages: Sequence[str]) -> None:
        """Messages beside the field at `path`: the model's, or a refusal about it."""
        problem = self._problem(path)
        problem.update(Text("\n".join(messages)))
        problem.add_class("shown")

    def _problem(self, path: str) -> Static:
        field = next(f for f in self.fields if f.path == path)
        return self.query_one(f"#row-{field.input_id} .form-problem", Static)

    def say(self, messages: Iterable[str]) -> None:
        """Messages at the top of the form: problems of no field, a refusal."""
        top = self.query_one("#form-problems", Static)
        messages = list(messages)
        top.update(Text("\n".join(messages)))
        top.set_class(bool(messages), "shown")
        if messages:
            self.scroll_home(animate=False)

    def clear_problems(self) -> None:
        for problem in self.query(".form-problem").results(Static):
            problem.update("")
            problem.remove_class("shown")
        self.say([])

    def problem_at(self, path: str) -> str:
        """The message shown beside the field at `path` ('' when none)."""
        return str(self._problem(path).render())


def _read(field: Field, widget: Widget) -> Any:
    if isinstance(widget, Checkbox):
        return widget.value
    if isinstance(widget, Select):
        return widget.selection
    text = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
    if not text.strip():
        return None
    if field.kind is Kind.NUMBER and _INTEGER.fullmatch(text):
        return int(text)
    return text if field.kind is Kind.PARAGRAPHS else text.strip()
