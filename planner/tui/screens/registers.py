"""A meeting's registers, each on a screen of its own built on `RegisterScreen`: its topics
(with the questions put to the room across the agenda, `topics.py`), its people and
organisations (`people.py`), its events outside the programme (`events.py`). Each entry
shows where it is used; adding, editing and removing go through `planner.agenda.editing`,
which renames a changed key everywhere and refuses to remove an entry still in use, naming
the uses. Edits are kept for undo (the agenda's keys) and saved as you go.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Header, Label, Static

from planner.agenda import editing
from planner.agenda.registers import KeyKind
from planner.agenda.schedule import Schedule, build_schedule
from planner.agenda.wording import Wording
from planner.editing.drafts import Draft
from planner.editing.meetings import meeting_session
from planner.errors import PlannerError
from planner.model import Meeting
from planner.tui import actions
from planner.tui.meeting_editing import EditsAMeeting
from planner.tui.screen import PlannerScreen
from planner.tui.screens.record_form import RecordForm
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable


@dataclass(frozen=True)
class Shown:
    """A column of a register's table: its words are `form.column_<key>`; `grow` takes the
    width the others leave, `most` caps a column's width, `hide_below` lets it give way on a
    terminal narrower than that."""

    key: str
    grow: bool = False
    most: int | None = None
    hide_below: int = 0


def open_register(app: App, which: str, slug: str, then: Callable[[Any], None] | None = None):
    """Show the meeting's "topics", "people" or "events"; `then(slug)` when the screen
    closes."""
    from planner.tui.screens.events import EventsScreen
    from planner.tui.screens.people import PeopleScreen
    from planner.tui.screens.topics import TopicsScreen

    screens: dict[str, type[RegisterScreen]] = {
        "topics": TopicsScreen,
        "people": PeopleScreen,
        "events": EventsScreen,
    }
    app.push_screen(screens[which](slug), then)


class RegisterScreen(EditsAMeeting, PlannerScreen):
    """Two tables of one meeting's registers; `tab` moves between them."""

    SCOPE = actions.REGISTERS
    CSS_PATH = "registers.tcss"
    LOADING = "VirtualTable"
    TABLES: tuple[str, ...] = ()
    HEADING = ""

    SAVE_ACTION = "registers.save"

    def __init__(self, slug: str, *, draft: Draft | None = None) -> None:
        """The registers of the meeting `slug`; `draft`: text typed into one of their forms
        when the app stopped, opened again."""
        super().__init__()
        self.slug = slug
        self.pending_draft = draft
        self.history = None
        self.selected = None
        self.schedule: Schedule | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="heading", classes="heading")
        yield Static("", id="message", classes="error")
        for table in self.TABLES:
            with Vertical(classes="register"):
                yield Label(Text(self.word("form", table)), classes="register-heading")
                yield VirtualTable(id=table)
        yield Static("", id="status", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.start_editing(meeting_session(self.app.workspace, self.slug))
        self.show_status()

    def language_changed(self) -> None:
        super().language_changed()
        if self.history is not None:
            self.show()

    def show(self) -> None:
        wording = Wording(self.meeting, self.app.language)
        title = wording.text(self.meeting.title)
        self.query_one("#heading", Static).update(
            Text(self.word("form", self.HEADING, title=title))
        )
        self.schedule = build_schedule(self.meeting)
        self.fill(wording)
        self.show_status()

    def fill(self, wording: Wording) -> None:
        raise NotImplementedError

    def fill_table(
        self, name: str, columns: Sequence[Shown], rows: list[tuple[str, list[str]]]
    ) -> None:
        """Rows of (key, cells) under `columns`, the cursor kept on the row it was on."""
        table = self.query_one(f"#{name}", VirtualTable)
        table.set_columns(
            [
                Column(
                    column.key,
                    self.word("form", f"column_{column.key}"),
                    grow=column.grow,
                    most=column.most,
                    hide_below=column.hide_below,
                )
                for column in columns
            ]
        )
        table.set_rows(
            [TableRow(key, [Text(cell) for cell in cells]) for key, cells in rows],
            keep=table.current_key,
        )

    def current(self, name: str) -> str | None:
        return self.query_one(f"#{name}", VirtualTable).current_key

    def in_focus(self) -> str:
        """The table the keys act on: the focused one, else the first."""
        focused = self.focused
        return focused.id if isinstance(focused, VirtualTable) and focused.id else self.TABLES[0]

    def action_edit(self) -> None:
        raise NotImplementedError

    def used_by(self, key: str | None, kind: KeyKind, wording: Wording) -> str:
        """The items that use `key`, named as the programme names them, in the meeting's
        language; uses outside the agenda (the meeting's chairs, a person of the
        organisation) in the app's."""
        if key is None:
            return ""
        schedule = self.schedule
        assert schedule is not None  # worked out by show(), before the tables are filled
        named: list[str] = []
        for use in editing.uses(self.meeting, key, kind):
            if use.path is not None:
                name = wording.item_name(schedule.entry(use.path))
            else:
                name = self.use_outside_agenda(use.field)
            if name not in named:
                named.append(name)
        return "; ".join(named) or self.word("form", "unused")

    def use_outside_agenda(self, field: str) -> str:
        """'people[2].organisation' -> 'Kari Nordmann (person)'; 'day_hosts[0]' -> 'the hosts
        for the day', in the app's language."""
        found = re.fullmatch(r"people\[(\d+)\]\.organisation", field)
        if found:
            name = self.meeting.people[int(found[1])].name
            return self.word("screens_uses", "person", name=name)
        return self.word("screens_uses", re.split(r"[\[.]", field)[0])

    # -- changes ---------------------------------------------------------------------------

    def apply(self, change: Callable[[Meeting], Meeting], what: str) -> bool:
        """Make one change through the editing functions; a refusal is shown as it is said."""
        try:
            changed = change(self.meeting)
        except PlannerError as error:
            self.query_one("#message", Static).update(Text(str(error)))
            self.app.notify(str(error), severity="warning", timeout=10)
            return False
        self.query_one("#message", Static).update("")
        self.edit(lambda meeting, path: changed, what)
        return True

    def deleted(self, name: str) -> None:
        undo = self.app.get_key_display_for("registers.undo")
        self.app.notify(self.word("form", "deleted", name=name, undo=undo), timeout=5)

    def record_form(
        self, heading: str, fields, model, data: dict[str, Any], place, kept_as, **more
    ) -> RecordForm:
        """The form of one entry of the registers, checked in its place in the meeting."""
        return RecordForm(
            heading, fields, model, data, meeting=self.meeting, place=place, kept_as=kept_as, **more
        )

    def ask(self, form: RecordForm, then: Callable[[Any], None]) -> None:
        self.app.push_screen(form, lambda record: record is not None and then(record))

    def action_switch(self) -> None:
        following = (self.TABLES.index(self.in_focus()) + 1) % len(self.TABLES)
        self.query_one(f"#{self.TABLES[following]}", VirtualTable).focus()

    def action_back(self) -> None:
        self.go_back(lambda: self.dismiss(self.slug))
