"""A meeting's registers: its topics (with the questions put to the room across the agenda),
and its people and organisations. Each entry shows where it is used; adding, editing and
removing go through `planner.agenda.editing`, which renames a changed key everywhere and
refuses to remove an entry still in use, naming the uses. Edits are kept for undo (the
agenda's keys) and saved as you go.
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
from planner.errors import PlannerError
from planner.model import Meeting, Organisation, OrganisationKind, Person, Topic, walk_agenda
from planner.tui import actions
from planner.tui.saving import SavesAsYouGo
from planner.tui.screen import PlannerScreen
from planner.tui.screens.record_form import RecordForm, appended, replacing
from planner.tui.widgets.form import (
    choice,
    language_options,
    line,
    picked,
    text_line,
    text_paragraphs,
)
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable

TOPIC_FIELDS = (line("id", hint="key"), text_line("title"), text_paragraphs("description"))
PERSON_FIELDS = (
    line("id", hint="key"),
    line("name"),
    text_line("title", label="person.title"),
    line("organisation", hint="organisation"),
    line("email"),
    line("phone", hint="phone"),
    line("delegation"),
    picked("language"),
)
ORGANISATION_FIELDS = (
    line("id", hint="key"),
    text_line("name"),
    line("short_name"),
    choice("kind", OrganisationKind, "organisation_kind", blank=False),
    line("country", hint="country"),
)
"""The agenda's keys that work here too."""


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
    if which == "events":
        from planner.tui.screens.events import EventsScreen

        screen: RegisterScreen = EventsScreen(slug)
    else:
        screen = TopicsScreen(slug) if which == "topics" else PeopleScreen(slug)
    app.push_screen(screen, then)


class RegisterScreen(SavesAsYouGo, PlannerScreen):
    """Two tables of one meeting's registers; `tab` moves between them."""

    SCOPE = actions.REGISTERS
    CSS_PATH = "registers.tcss"
    LOADING = "VirtualTable"
    TABLES: tuple[str, ...] = ()
    HEADING = ""

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.stored = None
        self.history = None
        self.selected = None
        self.saving = False
        self.conflicted = False
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
        self.show_status()
        self.load()

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

    def ask(self, form: RecordForm, then: Callable[[Any], None]) -> None:
        self.app.push_screen(form, lambda record: record is not None and then(record))

    def action_switch(self) -> None:
        following = (self.TABLES.index(self.in_focus()) + 1) % len(self.TABLES)
        self.query_one(f"#{self.TABLES[following]}", VirtualTable).focus()

    async def action_back(self) -> None:
        if await self.finish_saving():
            self.dismiss(self.slug)


class TopicsScreen(RegisterScreen):
    TABLES = ("topics", "questions")
    HEADING = "topics_heading"

    def fill(self, wording: Wording) -> None:
        meeting = self.meeting
        topics = [
            (t.id, [t.id, wording.text(t.title), self.used_by(t.id, "topic", wording)])
            for t in meeting.topics
        ]
        columns = [Shown("key", most=24), Shown("title", grow=True), Shown("used_by", most=50)]
        self.fill_table("topics", columns, topics)
        titles = {t.id: wording.text(t.title) for t in meeting.topics}
        schedule = self.schedule
        questions = []
        for loc, item in walk_agenda(meeting.agenda):
            path = tuple(int(index) for index in loc[1::2])
            name = wording.item_name(schedule.entry(path))
            for index, question in enumerate(item.questions):
                topic = titles.get(question.topic or "", "")
                key = ".".join(map(str, path)) + f"/{index}"
                questions.append((key, [name, wording.text(question.text), topic]))
        columns = [
            Shown("item", most=36),
            Shown("question", grow=True),
            Shown("topic", most=24, hide_below=100),
        ]
        self.fill_table("questions", columns, questions)

    def topic_form(self, heading: str, data: dict[str, Any], place) -> RecordForm:
        return RecordForm(heading, TOPIC_FIELDS, Topic, data, meeting=self.meeting, place=place)

    def on_topics(self, *, new: bool = False) -> bool:
        """Whether a key acts on the topics: not before the meeting is loaded, and not on the
        questions table, whose keys open the item's questions editor instead (with a new
        question started, for `new`)."""
        if self.history is None:
            return False
        if self.in_focus() == "questions":
            self.edit_questions(new=new)
            return False
        return True

    def action_add(self) -> None:
        if not self.on_topics(new=True):
            return
        form = self.topic_form("new_topic", {}, appended("topics"))
        self.ask(form, lambda topic: self.apply(lambda m: editing.add_topic(m, topic), "topics"))

    def action_edit(self) -> None:
        key = self.current("topics")
        if not self.on_topics() or key is None:
            return
        index = next(i for i, t in enumerate(self.meeting.topics) if t.id == key)
        form = self.topic_form(
            "edit_topic", self.meeting.topics[index].model_dump(), replacing("topics", index)
        )
        self.ask(
            form, lambda topic: self.apply(lambda m: editing.replace_topic(m, key, topic), "topics")
        )

    def action_delete(self) -> None:
        key = self.current("topics")
        if not self.on_topics() or key is None:
            return
        if self.apply(lambda m: editing.remove_topic(m, key), "topics"):
            self.deleted(key)

    def edit_questions(self, *, new: bool = False) -> None:
        """The questions of the item of the question under the cursor; with none listed yet,
        where questions are added."""
        key = self.current("questions")
        if key is None:
            keys = self.app.get_key_display_for
            self.app.notify(
                self.word(
                    "screens_form",
                    "questions_where",
                    open=keys("meetings.open"),
                    questions=keys("agenda.questions"),
                ),
                timeout=10,
            )
            return
        from planner.tui.screens.pickers import QuestionsEditor

        path = tuple(int(index) for index in key.split("/")[0].split("."))
        item = editing.item_at(self.meeting, path)

        def edited(questions) -> None:
            if questions is not None:
                self.apply(lambda m: editing.set_questions(m, path, questions), "questions")

        self.app.push_screen(QuestionsEditor(self.meeting, item, new=new), edited)


class PeopleScreen(RegisterScreen):
    TABLES = ("people", "organisations")
    HEADING = "people_heading"

    def fill(self, wording: Wording) -> None:
        people = []
        for index, person in enumerate(self.meeting.people):
            cells = [
                person.id or "",
                person.name,
                wording.text(person.title),
                wording.organisation_name(person.organisation) if person.organisation else "",
                self.used_by(person.id, "person", wording),
            ]
            people.append((_person_key(person, index), cells))
        columns = [
            Shown("key", most=16, hide_below=100),
            Shown("name", most=26),
            Shown("person_title", most=26, hide_below=120),
            Shown("organisation", most=24, hide_below=100),
            Shown("used_by", grow=True),
        ]
        self.fill_table("people", columns, people)
        organisations = [
            (
                o.id,
                [
                    o.id,
                    wording.text(o.name, name=True),
                    o.short_name or "",
                    self.used_by(o.id, "organisation", wording),
                ],
            )
            for o in self.meeting.organisations
        ]
        columns = [
            Shown("key", most=16),
            Shown("name", grow=True),
            Shown("short_name", most=12, hide_below=100),
            Shown("used_by", most=50, hide_below=100),
        ]
        self.fill_table("organisations", columns, organisations)

    def person_form(self, heading: str, data: dict[str, Any], place) -> RecordForm:
        options = {"language": language_options(self.app.words_language)}
        return RecordForm(
            heading, PERSON_FIELDS, Person, data, meeting=self.meeting, place=place, options=options
        )

    def organisation_form(self, heading: str, data: dict[str, Any], place) -> RecordForm:
        return RecordForm(
            heading, ORGANISATION_FIELDS, Organisation, data, meeting=self.meeting, place=place
        )

    def action_add(self) -> None:
        if self.history is None:
            return
        if self.in_focus() == "organisations":
            form = self.organisation_form("new_organisation", {}, appended("organisations"))
            self.ask(form, lambda o: self.apply(lambda m: editing.add_organisation(m, o), "people"))
        else:
            form = self.person_form("new_person", {}, appended("people"))
            self.ask(form, lambda p: self.apply(lambda m: editing.add_person(m, p), "people"))

    def action_edit(self) -> None:
        if self.history is None:
            return
        if self.in_focus() == "organisations":
            key = self.current("organisations")
            if key is None:
                return
            index = next(i for i, o in enumerate(self.meeting.organisations) if o.id == key)
            data = self.meeting.organisations[index].model_dump()
            form = self.organisation_form(
                "edit_organisation", data, replacing("organisations", index)
            )
            self.ask(
                form,
                lambda o: self.apply(lambda m: editing.replace_organisation(m, key, o), "people"),
            )
            return
        index = self.person_index()
        if index is None:
            return
        person = self.meeting.people[index]
        reference = person.id if person.id is not None else index
        form = self.person_form("edit_person", person.model_dump(), replacing("people", index))
        self.ask(
            form, lambda p: self.apply(lambda m: editing.replace_person(m, reference, p), "people")
        )

    def action_delete(self) -> None:
        if self.history is None:
            return
        if self.in_focus() == "organisations":
            key = self.current("organisations")
            if key is not None and self.apply(
                lambda m: editing.remove_organisation(m, key), "people"
            ):
                self.deleted(key)
            return
        index = self.person_index()
        if index is None:
            return
        person = self.meeting.people[index]
        reference = person.id if person.id is not None else index
        if self.apply(lambda m: editing.remove_person(m, reference), "people"):
            self.deleted(person.name)

    def person_index(self) -> int | None:
        key = self.current("people")
        keys = [_person_key(person, i) for i, person in enumerate(self.meeting.people)]
        return keys.index(key) if key in keys else None


def _person_key(person: Person, index: int) -> str:
    """A person's row: by key, or by place for someone without one."""
    return person.id if person.id is not None else f"#{index}"
