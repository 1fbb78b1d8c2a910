"""Recording the minutes (møteprotokoll) item by item from the keyboard: who was present and
absent at the top, the items and cases on the left (✓ where a decision is recorded), and for
the chosen one its decision, how it was dealt with, who was disqualified and who was present
or away for it. PageDown and PageUp go to the next and previous item, tab from field to
field; what is typed is saved as you go.

Every edit goes through `planner.minutes` (the same rules as `planner minutes`): text a rule
refuses is kept on screen, marked `!` in the list and said on the status line, and never
lost: leaving the screen with it keeps it in a file in `unsaved/` and says where. A save the
workspace refuses because a colleague saved the minutes meanwhile offers to load theirs,
keeping yours in a file first.
"""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Static, TextArea

from planner.errors import Conflict, PlannerError
from planner.minutes.editing import MinutesEditing, Typed
from planner.minutes.items import MinutesItem
from planner.model import Meeting
from planner.model.text import paragraphs
from planner.store import StoredMinutes
from planner.tui import actions
from planner.tui.screen import PlannerScreen
from planner.tui.widgets.list_table import ListTable
from planner.tui.work import describe_failure, run_work, show_text

NAME_LISTS = ("disqualified", "item-present", "item-absent")
TEXTS = ("decision", "proceedings")
ITEM_WIDTH = 28
"""The list's column of items (its titles end in …): the list is as wide as the .tcss says."""
MARKS = {"!": "bold red", "✓": "green", "·": "", " ": ""}


class MinutesScreen(PlannerScreen):
    SCOPE = actions.MINUTES
    CSS_PATH = "minutes.tcss"
    AUTO_FOCUS = "#items"

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.editing: MinutesEditing | None = None
        self.current: MinutesItem | None = None
        self.filled: tuple[Typed, Typed] = (Typed(), Typed())
        """What the fields were filled with (attendance, item): a change event that finds
        them so is the filling's own, not the user's typing."""
        self.saving = False
        self.conflicted = False
        self._save_timer = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="heading", classes="heading")
        with Vertical(id="attendance"):
            for field in ("present", "absent"):
                with Horizontal(classes="field-row"):
                    yield Label("", id=f"label-{field}", classes="field-label")
                    yield Input(id=field, compact=True)
        with Horizontal(id="body"):
            yield ListTable(id="items", cursor_type="row")
            with VerticalScroll(id="record"):
                yield Static("", id="item-title", classes="heading")
                yield Static("", id="recommendation", classes="hint")
                for field in TEXTS:
                    yield Label("", id=f"label-{field}", classes="field-label")
                    yield TextArea(id=field, soft_wrap=True, tab_behavior="focus", compact=True)
                for field in NAME_LISTS:
                    with Horizontal(classes="field-row"):
                        yield Label("", id=f"label-{field}", classes="field-label")
                        yield Input(id=field, compact=True)
        yield Static("", id="status", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.show_words()
        self.load()

    def load(self) -> None:
        workspace, slug = self.app.workspace, self.slug  # type: ignore[attr-defined]

        def read() -> tuple[Meeting, StoredMinutes]:
            return workspace.get_meeting(slug).meeting, workspace.get_minutes(slug)

        run_work(self, read, self.loaded, busy=self.query_one("#items", ListTable))

    def loaded(self, found: tuple[Meeting, StoredMinutes]) -> None:
        self.editing = MinutesEditing(*found)
        self.conflicted = False
        self.show_words()
        self.fill_attendance()
        self.show_list()
        chosen = self.current.path if self.current is not None else None
        items = self.editing.items
        self.choose(next((i for i in items if i.path == chosen), None) or self.editing.first())

    # -- showing -------------------------------------------------------------------------

    def language_changed(self) -> None:
        super().language_changed()
        self.show_words()
        self.show_list()
        self.show_status()

    def show_words(self) -> None:
        editing = self.editing
        language = self.app.language  # type: ignore[attr-defined]
        title = editing.meeting.text(editing.meeting.title, language) if editing else ""
        heading = f"{self.word('documents_name', 'minutes')} · {title}".rstrip(" ·")
        show_text(self.query_one("#heading", Static), Text(heading))
        for field, word in (
            ("present", "present"),
            ("absent", "absent"),
            ("decision", "decision"),
            ("proceedings", "proceedings"),
            ("disqualified", "disqualified"),
            ("item-present", "present_for_item"),
            ("item-absent", "absent_for_item"),
        ):
            self.query_one(f"#label-{field}", Label).update(Text(self.word("documents_word", word)))
        hint = self.word("minutes_ui", "names_hint")
        for field in ("present", "absent", *NAME_LISTS):
            self.query_one(f"#{field}", Input).placeholder = hint

    @property
    def items(self) -> list[MinutesItem]:
        return self.editing.items if self.editing else []

    def show_list(self) -> None:
        """The items, built anew (on loading, or in another language)."""
        table = self.query_one("#items", ListTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column(" ", key="mark")
        council = self.editing is not None and self.editing.meeting.kind == "council_meeting"
        heading = self.word("documents_word", "case_list" if council else "programme")
        table.add_column(heading, key="item", width=ITEM_WIDTH)
        for item, mark in zip(self.items, self.marks(), strict=True):
            name = item.title if item.shown == item.title else f"{item.shown} {item.title}"
            shown = name if len(name) <= ITEM_WIDTH else name[: ITEM_WIDTH - 1] + "…"
            table.add_row(mark, Text(shown, no_wrap=True), key=item.reference)
        if self.items:
            table.move_cursor(row=min(max(cursor, 0), len(self.items) - 1), animate=False)
        else:
            self.show_status(self.word("minutes_ui", "no_items"))

    def show_marks(self) -> None:
        """Each item's mark, changed in place: ✓ decided, · something recorded, ! refused."""
        table = self.query_one("#items", ListTable)
        for item, mark in zip(self.items, self.marks(), strict=True):
            table.update_cell(item.reference, "mark", mark)

    def marks(self) -> list[Text]:
        marks = self.editing.marks() if self.editing else []
        return [Text(mark, style=MARKS[mark]) for mark in marks]

    def fill_attendance(self) -> None:
        assert self.editing is not None
        typed = self.editing.attendance()
        self.query_one("#present", Input).value = typed.present
        self.query_one("#absent", Input).value = typed.absent
        self.filled = (typed, self.filled[1])

    def choose(self, item: MinutesItem | None) -> None:
        """Go to `item`: the list's cursor moves there, and its record is shown."""
        table = self.query_one("#items", ListTable)
        if item is None or table.cursor_row == self.items.index(item):
            self.show_item(item)
        else:
            table.move_cursor(row=self.items.index(item), animate=False)

    def show_item(self, item: MinutesItem | None) -> None:
        """Show `item`'s record in the fields (what was refused for it, if anything)."""
        self.current = item
        record = self.query_one("#record", VerticalScroll)
        record.display = item is not None
        if item is None or self.editing is None:
            return
        typed = self.editing.typed_for(item)
        name = item.title if item.shown == item.title else f"{item.shown} {item.title}"
        show_text(self.query_one("#item-title", Static), Text(name))
        show_text(self.query_one("#recommendation", Static), Text(self.recommendation(item)))
        self.query_one("#decision", TextArea).load_text(typed.decision)
        self.query_one("#proceedings", TextArea).load_text(typed.proceedings)
        self.query_one("#disqualified", Input).value = typed.disqualified
        self.query_one("#item-present", Input).value = typed.present
        self.query_one("#item-absent", Input).value = typed.absent
        self.filled = (self.filled[0], typed)

    def recommendation(self, item: MinutesItem) -> str:
        """What the case proposes ('Rådmannens innstilling:' and its points), to decide on."""
        from planner.model.agenda import AgendaItem

        assert self.editing is not None
        meeting = self.editing.meeting
        found: AgendaItem | list[AgendaItem] = meeting.agenda
        for index in item.path:
            found = (found if isinstance(found, list) else found.items)[index]
        assert isinstance(found, AgendaItem)
        case = found.case
        if case is None or case.recommendation is None:
            return ""
        language = self.app.language  # type: ignore[attr-defined]
        by = meeting.text(case.recommended_by, language) or self.word("word", "recommendation")
        points = paragraphs(meeting.text(case.recommendation, language))
        return "\n".join([f"{by}:", *points])

    def show_status(self, text: str | None = None) -> None:
        editing = self.editing
        problem = editing.problem if editing else ""
        if text is None:
            if problem:
                text = self.word("ui", "not_saved", reason=problem)
            elif editing is None:
                text = self.word("ui", "loading")
            elif self.saving:
                text = self.word("ui", "saving")
            elif editing.is_saved:
                text = self.word("ui", "saved", version=editing.stored.version)
            else:
                text = self.word("ui", "unsaved")
        status = self.query_one("#status", Static)
        status.set_class(bool(problem), "error")
        show_text(status, Text(text, overflow="fold"))

    # -- editing -------------------------------------------------------------------------

    def on_data_table_row_highlighted(self, event: ListTable.RowHighlighted) -> None:
        key = event.row_key.value
        if self.current is not None and key == self.current.reference:
            return
        self.take_typed()
        self.show_item(next((i for i in self.items if i.reference == key), None))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.fields() != self.filled:
            self.typed_soon()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.fields() != self.filled:
            self.typed_soon()

    def fields(self) -> tuple[Typed, Typed]:
        """What the fields hold now: the attendance, and the chosen item's record."""
        attendance = Typed(
            present=self.query_one("#present", Input).value,
            absent=self.query_one("#absent", Input).value,
        )
        item = Typed(
            self.query_one("#decision", TextArea).text,
            self.query_one("#proceedings", TextArea).text,
            self.query_one("#disqualified", Input).value,
            self.query_one("#item-present", Input).value,
            self.query_one("#item-absent", Input).value,
        )
        return attendance, item

    def typed_soon(self) -> None:
        """Take in what was typed, and save it, once the typing pauses."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.app.save_after, self.save_now)  # type: ignore[attr-defined]
        if self.editing is not None and not self.editing.problem:
            show_text(self.query_one("#status", Static), Text(self.word("ui", "unsaved")))

    def take_typed(self) -> None:
        """What the fields hold, through the rules, into the minutes."""
        if self.editing is None:
            return
        attendance, typed = self.fields()
        self.editing.take(attendance, self.current, typed)
        self.filled = (attendance, typed)
        self.show_marks()

    def action_write(self) -> None:
        """From the list: to the chosen item's decision."""
        if self.current is not None:
            self.query_one("#decision", TextArea).focus()

    def action_next_item(self) -> None:
        self.step(1)

    def action_previous_item(self) -> None:
        self.step(-1)

    def step(self, by: int) -> None:
        if self.current is None or not self.items:
            return
        position = self.items.index(self.current) + by
        if 0 <= position < len(self.items):
            self.take_typed()
            self.save_now(taken=True)
            self.choose(self.items[position])

    # -- saving as you go ----------------------------------------------------------------

    def action_save(self) -> None:
        self.save_now()

    def save_now(self, taken: bool = False) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not taken:
            self.take_typed()
        editing = self.editing
        if editing is None or self.saving or self.conflicted:
            self.show_status()
            return
        stored, minutes = editing.stored, editing.minutes
        if minutes == stored.minutes:
            self.show_status()
            return
        workspace = self.app.workspace  # type: ignore[attr-defined]
        self.saving = True
        self.show_status()
        run_work(
            self,
            lambda: workspace.save_minutes(stored.meeting_id, minutes, stored.version, self.slug),
            self.saved,
            failed=self.save_failed,
            group="save",
        )

    def saved(self, stored: StoredMinutes) -> None:
        self.saving = False
        if self.editing is None:
            return
        self.editing.saved(stored)
        self.show_status()
        if self.editing.minutes != stored.minutes:
            self.save_now(taken=True)  # edits made while it saved

    def save_failed(self, error: Exception) -> None:
        self.saving = False
        if isinstance(error, Conflict):
            from planner.tui.screens.conflict import ConflictScreen

            self.conflicted = True
            self.app.push_screen(ConflictScreen(str(error)), self.after_conflict)
        self.show_status(self.word("ui", "not_saved", reason=describe_failure(error)))

    def after_conflict(self, reload: bool | None) -> None:
        if not reload or self.editing is None:
            return
        path = self.editing.keep_aside()
        self.app.notify(self.word("ui", "kept_in", path=path), timeout=20)
        self.editing = None
        self.load()

    async def finish_saving(self) -> bool:
        """Before leaving or quitting: everything saved, or else kept in a file (said where):
        the user can always leave."""
        if self.editing is None:
            return True
        if not self.conflicted:
            self.save_now()
            for _ in range(200):
                if not self.saving:
                    break
                await asyncio.sleep(0.05)
        if self.conflicted or not self.editing.is_saved:
            try:
                path = self.editing.keep_aside()
            except PlannerError as error:
                self.app.notify(str(error), severity="error", timeout=20)
                return False
            self.app.notify(self.word("ui", "kept_in", path=path), timeout=20)
        return True

    async def action_back(self) -> None:
        if await self.finish_saving():
            self.dismiss(self.slug)
