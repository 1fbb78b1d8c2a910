"""The agenda editor: the items with their computed times and numbers, as `planner show`
prints them, and the warnings beside them. Every change goes through
`planner.agenda.editing`, is kept in the undo history, and is saved as you go. A colleague's
save is taken in within seconds: loaded, merged with the edits here, or shown side by side
where both changed the same item (`planner.tui.saving`). Nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static

from planner.agenda import editing
from planner.agenda.history import EditHistory
from planner.agenda.schedule import Schedule, build_schedule
from planner.agenda.sheet import AgendaRow, agenda_rows, header_facts
from planner.agenda.wording import Wording
from planner.editing.drafts import Draft
from planner.editing.keeping import KeptFile
from planner.editing.meetings import meeting_session
from planner.model import AgendaItem
from planner.tui import actions
from planner.tui.meeting_editing import EditsAMeeting, Path
from planner.tui.screen import PlannerScreen
from planner.tui.screens.item_form import ItemFormScreen
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from planner.tui.work import show_text


class AgendaScreen(EditsAMeeting, PlannerScreen):
    SCOPE = actions.AGENDA
    CSS_PATH = "agenda.tcss"
    LOADING = "#agenda"
    AUTO_FOCUS = "#agenda"

    def __init__(
        self, slug: str, *, draft: Draft | None = None, reapply: KeptFile | None = None
    ) -> None:
        """The agenda of the meeting `slug`; `draft`: text typed into an item's form when
        the app stopped, opened again; `reapply`: a version kept aside, to save again."""
        super().__init__()
        self.slug = slug
        self.pending_draft = draft
        self.reapplying = reapply
        self.history: EditHistory | None = None
        self.selected: Path | None = None
        self.schedule: Schedule | None = None
        self.rows: dict[Path, AgendaRow] = {}

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
        yield KeyBar()

    def on_mount(self) -> None:
        self.start_editing(meeting_session(self.app.workspace, self.slug))

    def loaded(self) -> None:
        present = self.session.present
        if self.selected is None and present is not None and present.agenda:
            self.selected = (0,)
        super().loaded()

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
        fixed = self.word("screens_agenda", "fixed")
        self.rows = {row.entry.path: row for row in rows}
        table.set_rows(
            [
                TableRow(
                    _key(row.entry.path),
                    _cells(row, row.entry.path in warned, fixed),
                    above=Text(row.day_heading, style="bold") if row.day_heading else None,
                )
                for row in rows
            ],
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
        self.ask_new_item(self.selected, inside=False)

    def action_add_inside(self) -> None:
        self.ask_new_item(self.selected, inside=self.selected is not None)

    def ask_new_item(self, after: Path | None, *, inside: bool, restore=None) -> None:
        def add(item: AgendaItem) -> None:
            self.edit(lambda m, p: editing.add_item(m, after, item, inside=inside), "add")

        form = ItemFormScreen(self.meeting, None, after=after, inside=inside, restore=restore)
        self.ask_item(form, add)

    def action_edit(self) -> None:
        if self.selected is not None:
            self.edit_item(self.selected)

    def edit_item(self, path: Path, restore=None) -> None:
        current = editing.item_at(self.meeting, path)

        def replace(item: AgendaItem) -> None:
            self.edit(lambda m, p: editing.replace_item(m, path, item), "edit")

        self.ask_item(ItemFormScreen(self.meeting, current, restore=restore), replace)

    def open_draft(self, draft: Draft) -> None:
        """The item form as it was when the app stopped: the same item if it is still
        there, else a new item where it was to go."""
        paths = set(self.rows)
        entry = tuple(draft.entry) if isinstance(draft.entry, list) else None
        if entry in paths:
            self.edit_item(entry, restore=draft.values)  # type: ignore[arg-type]
            return
        after = tuple(draft.after) if draft.after is not None else None
        if after not in paths:
            after = None
        self.ask_new_item(after, inside=draft.inside and after is not None, restore=draft.values)

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
        """Fix the item's start where it is now, or free a fixed one; say which was done."""
        if self.selected is None:
            return
        path = self.selected
        fixed = editing.item_at(self.meeting, path).start is not None
        before = self.meeting
        self.on_item(editing.free_start if fixed else editing.fix_start, "start")
        if self.meeting is before:  # refused: the refusal was said
            return
        wording = Wording(self.meeting, self.app.language)
        entry = build_schedule(self.meeting).entry(path)
        title, at = wording.title(entry), wording.clock(entry.start) if entry.start else ""
        which = "start_freed" if fixed else "start_fixed"
        self.app.notify(self.word("screens_agenda", which, title=title, at=at), timeout=6)

    def action_copy(self) -> None:
        self.on_item(editing.copy_item, "copy")

    def action_people(self) -> None:
        if self.selected is None:
            return
        from planner.tui.screens.pickers import PeopleByPart, PeoplePicker

        def chosen(answer: PeopleByPart | None) -> None:
            if answer:
                self.on_item(lambda m, p: editing.set_parts(m, p, answer), "people")

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

    def action_back(self) -> None:
        self.go_back(lambda: self.dismiss(self.slug))

    def action_details(self) -> None:
        from planner.tui.screens.meeting_form import MeetingFormScreen

        self.save_now()
        self.app.push_screen(MeetingFormScreen(self.slug), lambda _: self.back_from_own_screen())

    def action_topics_screen(self) -> None:
        self.open_register("topics")

    def action_people_screen(self) -> None:
        self.open_register("people")

    def action_registrations_screen(self) -> None:
        from planner.tui.screens.registrations import RegistrationsScreen

        self.open_beside(RegistrationsScreen(self.slug))

    def action_documents(self) -> None:
        from planner.tui.screens.documents import DocumentsScreen

        self.open_beside(DocumentsScreen(self.slug))

    def action_events_screen(self) -> None:
        self.open_register("events")

    def action_minutes(self) -> None:
        from planner.tui.screens.minutes import MinutesScreen

        self.open_beside(MinutesScreen(self.slug))

    def action_invitations(self) -> None:
        from planner.tui.screens.invitations import InvitationsScreen

        self.open_beside(InvitationsScreen(self.slug))

    def open_beside(self, screen: Screen) -> None:
        """Open a screen that reads the meeting from the workspace, once what is unsaved
        here is saved; back here, a colleague's save meanwhile is looked for."""
        self.saved_then(lambda: self.app.push_screen(screen, lambda _: self.check_colleagues()))

    def open_register(self, which: str) -> None:
        from planner.tui.screens.registers import open_register

        self.save_now()
        open_register(self.app, which, self.slug, then=lambda _: self.back_from_own_screen())


def _key(path: Path) -> str:
    return ".".join(str(index) for index in path)


def _path(key: str) -> Path:
    return tuple(int(part) for part in key.split("."))


def _cells(row: AgendaRow, warned: bool, fixed: str) -> list[Text]:
    """The item's cells; `fixed` is the word that marks a fixed start after its time."""
    indent = "  " * row.depth
    title = Text(indent + row.title)
    for line in [*row.place, *row.people]:
        title.append(f"\n{indent}  {line}", style="dim")
    time = Text(row.time)
    if row.entry.item.start is not None:
        time.append(f" {fixed}", style="bold")
    return [
        Text("!" if warned else "", style="bold red"),
        Text(row.number),
        time,
        Text(row.minutes, justify="right"),
        title,
    ]
