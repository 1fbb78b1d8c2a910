"""The check-in desk: a large search field, the people it finds, Enter to check the
highlighted one in.

Typing narrows the list at once, ignoring case and accents, also by organisation
(`planner.registrations.arrivals`); up and down move the highlight without leaving the field.
Enter checks the person in: confirmed becomes attended, with the time (a second Enter says
they already are, and since when). ctrl+z undoes the last check-in made here; ctrl+n
registers and checks in someone at the door (the form of a new registration's person);
after the meeting, ctrl+r marks everyone who did not come as a no-show, after saying yes.
The counts (arrived of expected, by organisation) follow every check-in. Each check-in is
its own transaction (`planner.registrations.checkin`), so two desks work side by side, and
each shows what the other did within ten seconds.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Header, Input, Static

from planner.i18n import format_clock
from planner.model import Person
from planner.registrations.arrivals import Arrival, ArrivalIndex
from planner.registrations.checkin import CheckedIn, CheckinDesk, Elsewhere, mark_not_come
from planner.registrations.outcomes import Outcome
from planner.tui import actions
from planner.tui.screen import PlannerScreen
from planner.tui.screens.confirm import ConfirmScreen, when_yes
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from planner.tui.work import run_work, show_text
from planner.words import say

SHOWN_ORGANISATIONS = 4
LOOK_EVERY = 10.0
"""Seconds between looks at what the other desks did."""


class FoundRows:
    """The people the search found, as table rows made only when drawn (10,000 at the
    door stay instant)."""

    def __init__(self, screen: CheckinScreen) -> None:
        self.screen = screen
        self.found: list[Arrival] = []
        self._places: dict[str, int] = {}

    def show(self, found: list[Arrival]) -> None:
        self.found = found
        self._places = {}

    def __len__(self) -> int:
        return len(self.found)

    def index_of(self, key: str) -> int | None:
        if not self._places and self.found:
            self._places = {person.key: n for n, person in enumerate(self.found)}
        return self._places.get(key)

    def row(self, index: int) -> TableRow:
        person = self.found[index]
        arrived = self.screen.clock(person.checked_in_at)
        style = "green" if person.arrived else ""
        return TableRow(person.key, [Text(person.name), arrived, Text(person.organisation)], style)


class CheckinScreen(PlannerScreen):
    SCOPE = actions.CHECKIN
    CSS_PATH = "checkin.tcss"
    AUTO_FOCUS = "#search"

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.index = ArrivalIndex([])
        self.desk: CheckinDesk | None = None
        self._looking = False
        self.zone = None
        self.checked_in_here: list[str] = []
        self.rows = FoundRows(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="counts", classes="heading")
        yield Input(id="search")
        yield VirtualTable(id="people")
        yield Static("", id="said", classes="heading")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.show_placeholder()
        self.set_columns()
        self.reload()

    def language_changed(self) -> None:
        super().language_changed()
        self.show_placeholder()
        self.set_columns()
        self.fill()

    def show_placeholder(self) -> None:
        self.query_one("#search", Input).placeholder = self.word(
            "intake_desk", "search_placeholder"
        )

    def reload(self) -> None:
        workspace, slug = self.app.workspace, self.slug
        run_work(self, lambda: CheckinDesk(workspace, slug), self.loaded,
                 busy=self.query_one("#people"), group="desk")  # fmt: skip

    def loaded(self, opened: CheckinDesk) -> None:
        self.desk, self.index = opened, opened.index
        if not self._looking:
            self._looking = True
            self.set_interval(LOOK_EVERY, self.look_elsewhere)
        meeting = opened.meeting
        self.zone = meeting.zone
        self.sub_title = meeting.text(meeting.title, self.app.language or meeting.language)
        self.fill()

    def look_elsewhere(self) -> None:
        """Every few seconds: what the other desks did, shown here too."""
        opened = self.desk
        if opened is not None:
            run_work(self, opened.changes_elsewhere, self.seen_elsewhere, group="look",
                     exclusive=True)  # fmt: skip

    def seen_elsewhere(self, elsewhere: Elsewhere) -> None:
        if not elsewhere:
            return
        if elsewhere.gone:
            self.index = self.index.without(elsewhere.gone)
        for person in elsewhere.changed:
            if self.index.get(person.key) is None:
                self.index.add(person)
            else:
                self.index.mark(person.key, person.checked_in_at)
        self.fill()

    # -- showing -------------------------------------------------------------------------

    def set_columns(self) -> None:
        self.query_one("#people", VirtualTable).set_columns(
            [
                Column("name", self.word("intake_column", "name"), grow=True),
                Column("arrived", self.word("intake_column", "arrived"), width=9),
                Column("organisation", self.word("intake_column", "organisation"), width=28,
                       hide_below=60),
            ]
        )  # fmt: skip

    def fill(self) -> None:
        table = self.query_one("#people", VirtualTable)
        query = self.query_one("#search", Input).value
        self.rows.show(self.index.search(query))
        table.set_source(self.rows, keep=table.current_key)
        if not self.rows.found and query.strip() and len(self.index):
            walk_in = self.app.get_key_display_for("checkin.walk_in")
            self.say(self.word("intake_desk", "none_found", query=query, press=walk_in),
                     warning=True)  # fmt: skip
        self.show_counts()

    def show_counts(self) -> None:
        counts = self.index.counts()
        parts = [
            self.word("intake_desk", "counts", arrived=counts.arrived, expected=counts.expected)
        ]
        for name, arrived, expected in counts.by_organisation[:SHOWN_ORGANISATIONS]:
            parts.append(f"{name or '—'} {arrived}/{expected}")
        show_text(self.query_one("#counts", Static), Text(" · ".join(parts)))

    def clock(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        local = moment.astimezone(self.zone) if self.zone else moment
        return format_clock(local, self.app.words_language)

    def say(self, text: str, *, warning: bool = False) -> None:
        said = self.query_one("#said", Static)
        said.set_class(warning, "warning")
        show_text(said, Text(text))

    def refused(self, error: Exception) -> None:
        self.say(str(error), warning=True)
        self.query_one("#search", Input).focus()

    # -- typing and moving -----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.fill()
            self.query_one("#people", VirtualTable).cursor = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.action_check_in()

    def action_up(self) -> None:
        self.query_one("#people", VirtualTable).action_cursor(-1)

    def action_down(self) -> None:
        self.query_one("#people", VirtualTable).action_cursor(1)

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
            search.focus()
        else:
            self.dismiss(None)

    # -- checking in -----------------------------------------------------------------------

    def action_check_in(self) -> None:
        key = self.query_one("#people", VirtualTable).current_key
        opened = self.desk
        if key is None or opened is None:
            return
        run_work(self, lambda: opened.check_in(key), self.checked_in, failed=self.refused,
                 group="desk")  # fmt: skip

    def checked_in(self, done: CheckedIn) -> None:
        person = done.arrival
        self.index.mark(person.key, person.checked_in_at)
        time = self.clock(person.checked_in_at)
        if done.already and not time:
            self.say(self.word("intake_desk", "already_attended", name=person.name), warning=True)
        elif done.already:
            self.say(self.word("intake_desk", "already", name=person.name, time=time), warning=True)
        else:
            self.checked_in_here.append(person.key)
            self.say(self.word("intake_desk", "checked_in", name=person.name, time=time))
            # The search is emptied for the next person, the highlight stays on this one:
            # a second Enter says they are in, never checks in whoever is at the top.
            with self.prevent(Input.Changed):
                self.query_one("#search", Input).value = ""
        self.fill()
        self.query_one("#people", VirtualTable).move_to(person.key)
        self.query_one("#search", Input).focus()

    def action_undo(self) -> None:
        opened = self.desk
        if not self.checked_in_here or opened is None:
            self.say(self.word("intake_desk", "nothing_to_undo"), warning=True)
            return
        key = self.checked_in_here[-1]
        run_work(self, lambda: opened.undo(key), self.undone, failed=self.refused, group="desk")

    def undone(self, outcome: Outcome) -> None:
        key = self.checked_in_here.pop()
        name = next((change.name for change in outcome.done if change.key == key), key)
        if any(change.after is None for change in outcome.done):  # a walk-in, gone again
            self.index = self.index.without([key])
        else:
            self.index.mark(key, None)
        self.say(self.word("intake_desk", "undone", name=name))
        self.fill()
        self.query_one("#people", VirtualTable).move_to(key)

    def action_walk_in(self) -> None:
        """The form of a new registration's person, with what was typed in the search."""
        from planner.editing.drafts import DraftPlace, FormKind
        from planner.tui.screens.registrations import PERSON_FIELDS, PersonForm

        opened = self.desk
        if opened is None:
            return
        typed = self.query_one("#search", Input).value.strip()
        form = PersonForm(
            self.word("intake_desk", "walk_in_title"),
            PERSON_FIELDS,
            Person,
            {"name": typed},
            meeting=opened.meeting,
            kept_as=DraftPlace(FormKind.REGISTRATION),
        )
        self.app.push_screen(form, self.walk_in)

    def walk_in(self, person: Person | None) -> None:
        opened = self.desk
        if person is None or opened is None:
            return
        run_work(self, lambda: opened.walk_in(person), self.walked_in, failed=self.refused,
                 group="desk")  # fmt: skip

    def walked_in(self, done: CheckedIn) -> None:
        self.index.add(done.arrival)
        self.checked_in(done)

    # -- after the meeting -----------------------------------------------------------------

    def action_not_come(self) -> None:
        """Everyone still expected who did not check in becomes a no-show: shown first,
        done after yes."""
        workspace, slug = self.app.workspace, self.slug
        run_work(self, lambda: mark_not_come(workspace, slug, preview=True), self.ask_not_come,
                 failed=self.refused)  # fmt: skip

    def ask_not_come(self, preview: Outcome) -> None:
        if not preview.done:
            self.say(self.word("intake_desk", "everyone_came"))
            return
        names = [change.name for change in preview.done]
        shown = ", ".join(names[:10]) + (f" … +{len(names) - 10}" if len(names) > 10 else "")
        question = say("intake_desk.not_come_question", self.app.words_language,
                       count=len(names), names=shown)  # fmt: skip
        self.app.push_screen(ConfirmScreen(question), when_yes(self.not_come))

    def not_come(self) -> None:
        workspace, slug = self.app.workspace, self.slug
        run_work(self, lambda: mark_not_come(workspace, slug), self.marked_not_come,
                 failed=self.refused)  # fmt: skip

    def marked_not_come(self, outcome: Outcome) -> None:
        gone = [change.key for change in outcome.done]
        self.index = self.index.without(gone)
        self.say(say("intake_desk.not_come", self.app.words_language, count=len(gone)))
        self.fill()
