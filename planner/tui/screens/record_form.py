"""A form in a dialog for one record of a meeting (an agenda item, a topic, a person, an
organisation), and the keys every form shares.

`RecordForm` shows a `Form` over the record's data and, on ctrl+s, validates it with the
record's model; with `place` it also validates the meeting with the record put in its place,
so the meeting's own rules about the record (its texts in the meeting's language, a key used
twice) show beside the record's fields too. It is dismissed with the validated record, or
None when cancelled.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Select, Static

from planner.agenda.wording import named_languages
from planner.model import Meeting
from planner.model.problems import Loc, Problems
from planner.model.problems import said as described
from planner.tui import actions
from planner.tui.screen import PlannerModal
from planner.tui.widgets.form import Entry, Form

Place = Callable[[dict[str, Any], dict[str, Any]], Loc]
"""Puts a record's data into a dumped meeting; returns where it is ('topics', 2)."""


class FormKeys:
    """The keys of a screen that shows one `Form` as `self.form`: the language of the texts,
    and cancelling (asking first when something was typed)."""

    form: Form

    def action_language(self) -> None:
        self.form.next_language()

    def language_changed(self) -> None:
        """The app's language changed: the labels in it too."""
        super().language_changed()  # type: ignore[misc]
        self.form.show_labels()

    def action_cancel(self) -> None:
        if close_overlay(self.form):
            return
        if not self.form.changed:
            self.dismiss(None)  # type: ignore[attr-defined]
            return
        from planner.tui.screens.confirm import ConfirmScreen

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)  # type: ignore[attr-defined]

        question = self.word("form", "leave_unsaved")  # type: ignore[attr-defined]
        self.app.push_screen(ConfirmScreen(question), answered)  # type: ignore[attr-defined]

    async def finish_saving(self) -> bool:
        """Asked before the app quits: not while something typed is unsaved."""
        if self.form.changed:
            keys = self.app.get_key_display_for  # type: ignore[attr-defined]
            words = self.word(  # type: ignore[attr-defined]
                "form", "save_or_cancel", save=keys("form.save"), cancel=keys("form.cancel")
            )
            self.app.notify(words, severity="warning")  # type: ignore[attr-defined]
            return False
        return True


def close_overlay(form: Form) -> bool:
    """Close an open list of choices; True if one was open (escape meant that)."""
    for select in form.query(Select):
        if select.expanded:
            select.expanded = False
            select.focus()
            return True
    return False


class RecordForm(FormKeys, PlannerModal):
    SCOPE = actions.FORM
    CSS_PATH = ["record_form.tcss", "../widgets/form.tcss"]

    def __init__(
        self,
        heading: str,
        entries: Sequence[Entry],
        model: type[BaseModel],
        data: Mapping[str, Any],
        *,
        meeting: Meeting,
        place: Place | None = None,
        options: Mapping[str, Sequence[tuple[object, str]]] | None = None,
    ) -> None:
        super().__init__()
        self.heading = heading
        """Its key in the `form` group, or (a subclass) the heading itself."""
        self.entries = entries
        self.model = model
        self.data = {**model_defaults(model), **data}
        self.meeting = meeting
        self.place = place
        self.options = options or {}

    def heading_text(self) -> str:
        return self.word("form", self.heading)

    def compose(self) -> ComposeResult:
        with Vertical(id="record"):
            yield Static(Text(self.heading_text()), classes="heading")
            self.form = Form(
                self.entries,
                language=self.meeting.language,
                data=self.data,
                options=self.options,
                named=named_languages(self.meeting),
            )
            yield self.form

    def on_mount(self) -> None:
        super().on_mount()
        self.form.focus_first()

    def action_save(self) -> None:
        data = self.form.lay_over(self.data)
        try:
            record = self.model.model_validate(data)
            self.check_in_meeting(data)
        except ValidationError as error:
            self.form.show_problems(error, data)
            return
        self.dismiss(record)

    def check_in_meeting(self, data: dict[str, Any]) -> None:
        """The meeting's rules about the record: a ValidationError located in the record."""
        if self.place is None:
            return
        meeting_data = self.meeting.model_dump()
        loc = self.place(meeting_data, data)
        try:
            type(self.meeting).model_validate(meeting_data)
        except ValidationError as error:
            problems = Problems(self.model.__name__)
            for details in error.errors():
                where = tuple(details["loc"])
                if where[: len(loc)] == loc:
                    problems.add(where[len(loc) :], described(details), details["input"])
            problems.raise_if_any()


def model_defaults(model: type[BaseModel]) -> dict[str, Any]:
    """What a new record of `model` starts with: the model's own defaults."""
    return {
        name: field.default
        for name, field in model.model_fields.items()
        if not field.is_required() and field.default_factory is None
    }


def appended(register: str) -> Place:
    """A new record at the end of the meeting's `register` (topics, people…)."""

    def place(meeting: dict[str, Any], record: dict[str, Any]) -> Loc:
        meeting[register].append(record)
        return (register, len(meeting[register]) - 1)

    return place


def replacing(register: str, index: int) -> Place:
    """The record in the place of the one at `index` of the meeting's `register`."""

    def place(meeting: dict[str, Any], record: dict[str, Any]) -> Loc:
        meeting[register][index] = record
        return (register, index)

    return place


def people_options(meeting: Meeting) -> list[tuple[object, str]]:
    """The meeting's people who have a key, as a choice: 'Kari Nordmann (nordmann)'."""
    return [(person.id, f"{person.name} ({person.id})") for person in meeting.people if person.id]
