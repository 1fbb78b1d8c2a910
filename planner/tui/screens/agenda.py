"""The agenda editor: the items with their computed times and numbers, as `planner show`
prints them, and the warnings beside them. Every change goes through
`planner.agenda.editing`, is kept in the undo history, and is saved as you go: a save the
workspace refuses because a colleague changed the meeting says so, and offers to load theirs
while keeping yours in a file. Nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Static

from planner.agenda import editing
from planner.agenda.history import EditHistory
from planner.agenda.schedule import Schedule, build_schedule
from planner.agenda.sheet import AgendaRow, agenda_rows, header_facts
from planner.agenda.wording import Wording
from planner.model import AgendaItem
from planner.store import StoredMeeting
from planner.tui import actions
from planner.tui.saving import Path, SavesAsYouGo
from planner.tui.screen import PlannerScreen
from planner.tui.screens.item_form import ItemFormScreen
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from planner.tui.work import show_text


class AgendaScreen(SavesAsYouGo, PlannerScreen):
    SCOPE = actions.AGENDA
    CSS_PATH = "agenda.tcss"
    LOADING = "#agenda"
    AUTO_FOCUS = "#agenda"

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.stored: StoredMeeting | None = None
        self.history: EditHistory | None = None
        self.selected: Path | None = None
        self.schedule: Schedule | None = None
        self.rows: dict[Path, AgendaRow] = {}
        self.saving = False
        self.conflicted = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="heading", classes="heading")
        yield Static("", id="facts", classes="facts")
        with Horizontal():
            yield VirtualTable(id="agenda")
            with Vertical(id="side"):
                yield Static("", id="warnings")
                yield Static("", id="item", classes="facts")
        yield Static("", id="status", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def loaded(self, stored: StoredMeeting) -> None:
        if self.selected is None and stored.meeting.agenda:
            self.selected = (0,)
        super().loaded(stored)

    # -- showing -------------------------------------------------------------------------

    def language_changed(self) -> None:
        super().language_changed()
        if self.history is not None:
            self.show()

    def show(self) -> None:
        meeting = self.meeting
        self.schedule = build_schedule(meeting)
        wording = Wording(meeting, self.app.language)
        show_text(self.query_one("#heading", Static), Text(wording.text(meeting.title)))
        facts = "   ".join(f"{name}: {text}" for name, text in header_facts(meeting, wording))
        show_text(self.query_one("#facts", Static), Text(facts))
        self.fill_table(agenda_rows(self.schedule, wording), wording)
        self.show_warnings(wording)
        self.show_item(wording)
        self.show_status()

    def fill_table(self, rows: list[AgendaRow], wording: Wording) -> None:
        table = self.query_one("#agenda", VirtualTable)
        table.set_columns(
            [
                Column("warning", self.word("column", "warning"), width=1),
                Column("number", wording.label("word", "number")),
                Column("time", wording.label("word", "time")),
                Column("minutes", wording.label("word", "minutes"), justify="right"),
                Column("programme", wording.label("word", "programme")),
            ]
        )
        warned = {w.path for w in self.schedule.warnings} if self.schedule else set()
        self.rows = {row.entry.path: row for row in rows}
        table.set_rows(
            [TableRow(_key(row.entry.path), _cells(row, row.entry.path in warned)) for row in rows],
            keep=_key(self.selected) if self.selected is not None else None,
        )

    def show_warnings(self, wording: Wording) -> None:
        schedule = self.schedule
        assert schedule is not None
        lines = Text()
        if not schedule.warnings:
            lines.append(wording.label("word", "no_warnings"))
        for warning in schedule.warnings:
            mine = warning.path == self.selected
            lines.append(f"! {wording.warning(schedule, warning)}\n", style="bold" if mine else "")
        shown = self.query_one("#warnings", Static)
        shown.set_class(bool(schedule.warnings), "warned")
        show_text(shown, lines)

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        if event.key is not None:
            self.selected = _path(event.key)
            if self.history is not None:
                wording = Wording(self.meeting, self.app.language)
                self.show_warnings(wording)
                self.show_item(wording)

    def show_item(self, wording: Wording) -> None:
        """The selected item in full, beside the table that may cut its title short."""
        row = self.rows.get(self.selected) if self.selected is not None else None
        shown = Text()
        if row is not None:
            item = editing.item_at(self.meeting, row.entry.path)
            kind = wording.label("item_kind", item.kind.value)
            heading = " ".join(part for part in (row.number, row.time, kind) if part)
            shown.append(f"{heading}\n", style="bold")
            shown.append(f"{row.title}\n")
            for line in [*row.place, *row.people, *row.details]:
                shown.append(f"{line}\n", style="dim")
            topics = {topic.id: topic for topic in self.meeting.topics}
            if item.topics:
                names = ", ".join(wording.text(topics[t].title) for t in item.topics if t in topics)
                shown.append(f"{self.word('form', 'topics')}: {names}\n")
            if item.questions:
                shown.append(f"{self.word('form', 'questions')}:\n")
                for question in item.questions:
                    shown.append(f"  ? {wording.text(question.text)}\n")
        show_text(self.query_one("#item", Static), shown)

    # -- editing ---------------------------------------------------------------------------

    def action_add_after(self) -> None:
        self.ask_new_item(inside=False)

    def action_add_inside(self) -> None:
        self.ask_new_item(inside=self.selected is not None)

    def ask_new_item(self, *, inside: bool) -> None:
        def add(item: AgendaItem) -> None:
            self.edit(lambda m, p: editing.add_item(m, p, item, inside=inside), "add")

        self.ask_item(ItemFormScreen(self.meeting, None, after=self.selected, inside=inside), add)

    def action_edit(self) -> None:
        if self.selected is None:
            return
        current = editing.item_at(self.meeting, self.selected)

        def replace(item: AgendaItem) -> None:
            self.edit(lambda m, p: editing.replace_item(m, p, item), "edit")

        self.ask_item(ItemFormScreen(self.meeting, current), replace)

    def ask_item(self, form: ItemFormScreen, then: Callable[[AgendaItem], None]) -> None:
        def answered(result: AgendaItem | None) -> None:
            if result is not None:
                then(result)

        self.app.push_screen(form, answered)

    def action_delete(self) -> None:
        if self.selected is None:
            return
        title = Wording(self.meeting, self.app.language).title(
            self.schedule.entry(self.selected)  # type: ignore[union-attr]
        )
        self.on_item(editing.delete_item, "delete")
        self.app.notify(
            self.word(
                "ui", "deleted_item", title=title, undo=self.app.get_key_display_for("agenda.undo")
            ),
            timeout=5,
        )

    def action_move_up(self) -> None:
        self.on_item(editing.move_up, "move")

    def action_move_down(self) -> None:
        self.on_item(editing.move_down, "move")

    def action_move_in(self) -> None:
        self.on_item(editing.move_in, "move")

    def action_move_out(self) -> None:
        self.on_item(editing.move_out, "move")

    def action_longer(self) -> None:
        self.on_item(lambda m, p: editing.change_duration(m, p, 5), "duration")

    def action_shorter(self) -> None:
        self.on_item(lambda m, p: editing.change_duration(m, p, -5), "duration")

    def action_fix_start(self) -> None:
        if self.selected is None:
            return
        fixed = editing.item_at(self.meeting, self.selected).start is not None
        self.on_item(editing.free_start if fixed else editing.fix_start, "start")

    def action_copy(self) -> None:
        self.on_item(editing.copy_item, "copy")

    def action_people(self) -> None:
        if self.selected is None:
            return
        from planner.tui.screens.pickers import PeoplePicker

        def chosen(answer) -> None:
            if answer is not None:
                part, people = answer
                self.on_item(lambda m, p: editing.set_people(m, p, part, people), "people")

        item = editing.item_at(self.meeting, self.selected)
        self.app.push_screen(PeoplePicker(self.meeting, item), chosen)

    def action_topics(self) -> None:
        if self.selected is None:
            return
        from planner.tui.screens.pickers import TopicsPicker

        def chosen(keys: list[str] | None) -> None:
            if keys is not None:
                self.on_item(lambda m, p: editing.set_topics(m, p, keys), "topics")

        item = editing.item_at(self.meeting, self.selected)
        self.app.push_screen(TopicsPicker(self.meeting, item), chosen)

    def action_questions(self) -> None:
        if self.selected is None:
            return
        from planner.tui.screens.pickers import QuestionsEditor

        def edited(questions) -> None:
            if questions is not None:
                self.on_item(lambda m, p: editing.set_questions(m, p, questions), "questions")

        item = editing.item_at(self.meeting, self.selected)
        self.app.push_screen(QuestionsEditor(self.meeting, item), edited)

    async def action_back(self) -> None:
        if await self.finish_saving():
            self.dismiss(self.slug)

    async def action_details(self) -> None:
        if not await self.finish_saving():
            return
        from planner.tui.screens.meeting_form import MeetingFormScreen

        self.app.push_screen(MeetingFormScreen(self.slug), lambda _: self.load())

    async def action_invitations(self) -> None:
        if not await self.finish_saving():
            return
        from planner.tui.screens.invitations import InvitationsScreen

        self.app.push_screen(InvitationsScreen(self.slug), lambda _: self.load())

    async def action_topics_screen(self) -> None:
        await self.open_register("topics")

    async def action_people_screen(self) -> None:
        await self.open_register("people")

    async def action_documents(self) -> None:
        if not await self.finish_saving():
            return
        from planner.tui.screens.documents import DocumentsScreen

        self.app.push_screen(DocumentsScreen(self.slug))

    async def open_register(self, which: str) -> None:
        if not await self.finish_saving():
            return
        from planner.tui.screens.registers import open_register

        open_register(self.app, which, self.slug, then=lambda _: self.load())


def _key(path: Path) -> str:
    return ".".join(str(index) for index in path)


def _path(key: str) -> Path:
    return tuple(int(part) for part in key.split("."))


def _cells(row: AgendaRow, warned: bool) -> list[Text]:
    indent = "  " * row.depth
    title = Text(indent + row.title)
    for line in [*row.place, *row.people]:
        title.append(f"\n{indent}  {line}", style="dim")
    return [
        Text("!" if warned else "", style="bold red"),
        Text(row.number),
        Text(row.time),
        Text(row.minutes, justify="right"),
        title,
    ]
