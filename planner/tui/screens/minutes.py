"""Recording the minutes (møteprotokoll) item by item from the keyboard: who was present and
absent at the top, the items and cases on the left (✓ where a decision is recorded), and for
the chosen one its decision, how it was dealt with, who was disqualified and who was present
or away for it. PageDown and PageUp go to the next and previous item, tab from field to
field; what is typed is saved as you go.

Every edit goes through `planner.minutes` (the same rules as `planner minutes`): text a rule
refuses is kept on screen, marked `!` in the list and said on the status line, and never
lost. The minutes are edited through one `EditingSession` (`planner.editing.minutes`), as a
meeting is: a colleague's save meanwhile is merged in when it recorded other items, and shown
side by side when it recorded the same one; leaving saves, or keeps what could not be saved
in `unsaved/` and says where.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Input, Label, Static, TextArea

from planner.editing.keeping import KeptFile
from planner.editing.minutes import kept_recording, minutes_session
from planner.editing.session import EditingSession, EditState
from planner.minutes.items import MinutesItem
from planner.minutes.typed import MinutesSheet, Recording, Typed
from planner.model import Meeting
from planner.model.agenda import AgendaItem
from planner.model.text import paragraphs
from planner.tui import actions
from planner.tui.saving import SavesAsYouGo, state_words
from planner.tui.screen import PlannerScreen
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from planner.tui.work import run_work, show_text
from planner.words import say

NAME_LISTS = ("disqualified", "item-present", "item-absent")
TEXTS = ("decision", "proceedings")
MARKS = {"!": "bold red", "✓": "green", "·": "", " ": ""}


class MinutesScreen(SavesAsYouGo, PlannerScreen):
    SCOPE = actions.MINUTES
    CSS_PATH = "minutes.tcss"
    AUTO_FOCUS = "#items"
    SAVE_ACTION = "minutes.save"
    TOLD = "minutes_state"
    LOADING = "#items"

    def __init__(self, slug: str, *, reapply: KeptFile | None = None) -> None:
        """The minutes of the meeting `slug`; `reapply`: minutes kept aside, to save again."""
        super().__init__()
        self.slug = slug
        self.reapplying = reapply
        self.sheet: MinutesSheet | None = None
        self.recording: Recording | None = None
        """The version of the minutes the screen shows."""
        self.current: MinutesItem | None = None
        self.filled: tuple[Typed, Typed] = (Typed(), Typed())
        """What the fields were filled with (attendance, item): what differs from it is
        what the user typed since."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="heading", classes="heading")
        with Vertical(id="attendance"):
            for field in ("present", "absent"):
                with Horizontal(classes="field-row"):
                    yield Label("", id=f"label-{field}", classes="field-label")
                    yield Input(id=field, compact=True)
        with Horizontal(id="body"):
            yield VirtualTable(id="items")
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
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.show_words()
        workspace, slug = self.app.workspace, self.slug  # type: ignore[attr-defined]

        def read() -> Meeting:
            return workspace.get_meeting(slug).meeting

        run_work(self, read, self.meeting_read, busy=self.query_one("#items", VirtualTable))

    def meeting_read(self, meeting: Meeting) -> None:
        self.sheet = MinutesSheet(meeting)
        self.start_editing(minutes_session(self.app.workspace, self.slug, meeting))  # type: ignore[attr-defined]

    def loaded(self) -> None:
        self.saved_here = False
        if self.reapplying is not None:
            kept, workspace = self.reapplying, self.app.workspace  # type: ignore[attr-defined]
            run_work(self, lambda: kept_recording(workspace, kept), self.reapply)
            return
        self.show_present()

    def show_present(self) -> None:
        """The session's present, shown whole: the fields filled anew."""
        assert self.sheet is not None
        self.recording = self.session.present
        self.show_words()
        self.fill_attendance()
        self.show_list()
        chosen = self.current.path if self.current is not None else None
        found = next((i for i in self.sheet.items if i.path == chosen), None)
        self.choose(found or self.sheet.first(self.recording))  # type: ignore[arg-type]
        self.show_status()

    def show_reapplied(self) -> None:
        self.show_present()

    def shown_record(self) -> object:
        return self.recording

    def keeper(self) -> EditingSession | None:
        """What is typed counts, even before the typing paused: taken in first."""
        self.take_typed()
        return super().keeper()

    @property
    def editing_state(self) -> EditState:
        state = super().editing_state
        if state is EditState.SAVED and self.typed_since():
            return EditState.UNSAVED
        return state

    def typed_since(self) -> bool:
        """Whether the fields hold text typed since they were filled, not yet taken in."""
        return self.recording is not None and self.fields() != self.filled

    def show_taken(self) -> bool:
        """A colleague's minutes taken in: shown where nothing was typed since."""
        present = self.session.present
        if present is self.recording or self.sheet is None:
            return False
        attendance, typed = self.fields()
        self.recording = present
        if attendance == self.filled[0]:
            self.fill_attendance()
        if typed == self.filled[1]:
            self.show_item(self.current)
        self.show_marks()
        return True

    # -- showing -------------------------------------------------------------------------

    def language_changed(self) -> None:
        super().language_changed()
        self.show_words()
        if self.recording is not None:
            self.show_list()
            self.show_status()

    def show_words(self) -> None:
        meeting = self.sheet.meeting if self.sheet else None
        title = meeting.text(meeting.title, self.app.language) if meeting else ""  # type: ignore[attr-defined]
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
        return self.sheet.items if self.sheet else []

    def show_list(self) -> None:
        """The items, with their marks (on loading, in another language, after a change)."""
        assert self.sheet is not None
        table = self.query_one("#items", VirtualTable)
        council = self.sheet.meeting.kind == "council_meeting"
        heading = self.word("documents_word", "case_list" if council else "programme")
        table.set_columns([Column("mark", " ", width=1), Column("item", heading, grow=True)])
        rows = [
            TableRow(item.reference, [mark, Text(_named(item), no_wrap=True)])
            for item, mark in zip(self.items, self.marks(), strict=True)
        ]
        table.set_rows(rows, keep=table.current_key)
        if not self.items:
            self.show_status(self.word("minutes_ui", "no_items"))

    def show_marks(self) -> None:
        """Each item's mark: ✓ decided, · something recorded, ! refused."""
        self.show_list()

    def marks(self) -> list[Text]:
        if self.sheet is None or self.recording is None:
            return []
        return [Text(mark, style=MARKS[mark]) for mark in self.sheet.marks(self.recording)]

    def fill_attendance(self) -> None:
        assert self.sheet is not None and self.recording is not None
        typed = self.sheet.attendance(self.recording)
        self.query_one("#present", Input).value = typed.present
        self.query_one("#absent", Input).value = typed.absent
        self.filled = (typed, self.filled[1])

    def choose(self, item: MinutesItem | None) -> None:
        """Go to `item`: the list's cursor moves there, and its record is shown."""
        table = self.query_one("#items", VirtualTable)
        if item is not None and table.current_key != item.reference:
            table.move_to(item.reference)
        self.show_item(item)

    def show_item(self, item: MinutesItem | None) -> None:
        """Show `item`'s record in the fields (what was refused for it, if anything)."""
        self.current = item
        record = self.query_one("#record", VerticalScroll)
        record.display = item is not None
        if item is None or self.sheet is None or self.recording is None:
            return
        typed = self.sheet.typed_for(self.recording, item)
        show_text(self.query_one("#item-title", Static), Text(_named(item)))
        show_text(self.query_one("#recommendation", Static), Text(self.recommendation(item)))
        self.query_one("#decision", TextArea).load_text(typed.decision)
        self.query_one("#proceedings", TextArea).load_text(typed.proceedings)
        self.query_one("#disqualified", Input).value = typed.disqualified
        self.query_one("#item-present", Input).value = typed.present
        self.query_one("#item-absent", Input).value = typed.absent
        self.filled = (self.filled[0], typed)

    def recommendation(self, item: MinutesItem) -> str:
        """What the case proposes ('Rådmannens innstilling:' and its points), to decide on."""
        assert self.sheet is not None
        meeting = self.sheet.meeting
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
        status = self.query_one("#status", Static)
        problem = self.held_problem()
        if text is None:
            if self.typed_since():
                text = say("ui.unsaved")  # typed, not yet taken in
            elif problem is not None:
                text = say("ui.not_saved", reason=problem)
            elif getattr(self, "session", None) is None:
                text = say("ui.loading")
            else:
                save = self.app.get_key_display_for(self.SAVE_ACTION)  # type: ignore[attr-defined]
                text = state_words(self.session, save, saved_here=self.saved_here)
        status.set_class(problem is not None, "error")
        show_text(status, Text(text, overflow="fold"))

    def held_problem(self):
        """Why text typed here is refused, while it is."""
        session = getattr(self, "session", None)
        present = session.present if session is not None else None
        if present is None or not present.refused or session.state is EditState.DIVERGED:
            return None
        return present.problem or session.problem

    def held_back(self) -> bool:
        session = self.session
        present, base = session.present, session.base
        if present is None or base is None or not present.refused:
            return False
        return present.minutes == base.record.minutes

    # -- editing -------------------------------------------------------------------------

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        key = event.key
        if key is None or (self.current is not None and key == self.current.reference):
            return
        self.take_typed()
        self.show_item(next((i for i in self.items if i.reference == key), None))
        self.save_soon_if_unsaved()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.typed_soon()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
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
        if self.typed_since():
            self.save_soon()

    def take_typed(self) -> None:
        """What was typed since the fields were filled, through the rules, into the
        minutes (a colleague's version taken in meanwhile shown first where nothing was
        typed)."""
        if self.sheet is None or self.recording is None:
            return
        self.catch_up()
        attendance, typed = self.fields()
        touched = attendance if attendance != self.filled[0] else None
        item = typed if typed != self.filled[1] else None
        self.filled = (attendance, typed)
        if touched is None and item is None:
            return
        self.recording = self.sheet.take(self.recording, touched, self.current, item)
        self.session.edit(self.recording)
        self.show_marks()

    def save_now(self) -> None:
        self.take_typed()
        super().save_now()

    def save_soon_if_unsaved(self) -> None:
        if self.session.state is EditState.UNSAVED and not self.held_back():
            self.save_soon()
        else:
            self.show_status()

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
            self.choose(self.items[position])
            self.save_now()

    def action_back(self) -> None:
        if getattr(self, "session", None) is None:
            self.dismiss(self.slug)  # still reading the meeting: nothing typed yet
            return
        self.take_typed()
        self.go_back(lambda: self.dismiss(self.slug))


def _named(item: MinutesItem) -> str:
    return item.title if item.shown == item.title else f"{item.shown} {item.title}"
