"""The check-in desk: a large search field, the people it finds, Enter to check the
highlighted one in.

Typing narrows the list at once, ignoring case and accents, also by organisation
(`planner.registrations.arrivals`); up and down move the highlight without leaving the field.
Enter checks the person in (a second Enter says they already are, and since when); ctrl+z
undoes the last check-in made here; ctrl+n registers and checks in someone at the door. The
counts (arrived of expected, by organisation) follow every check-in. Each check-in is its
own transaction (`planner.registrations.desk`), so two desks work side by side.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, Static

from planner.i18n import format_clock
from planner.registrations.arrivals import Arrival, ArrivalIndex
from planner.registrations.checkin import CheckedIn, CheckinDesk
from planner.tui import actions
from planner.tui.screen import PlannerScreen
from planner.tui.screens.dialog import Dialog
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from planner.tui.work import run_work, show_text

SHOWN_ORGANISATIONS = 4
LOOK_EVERY = 10.0
"""Seconds between looks at what the other desks did."""


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
        self.language = "nb"
        self.checked_in_here: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="counts", classes="heading")
        yield Input(id="search")
        yield VirtualTable(id="people")
        yield Static("", id="said", classes="heading")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#search", Input).placeholder = self.word(
            "intake_desk", "search_placeholder"
        )
        self.reload()

    def language_changed(self) -> None:
        super().language_changed()
        self.language = self.app.words_language
        self.query_one("#search", Input).placeholder = self.word(
            "intake_desk", "search_placeholder"
        )
        self.fill()

    def reload(self) -> None:
        workspace, slug = self.app.workspace, self.slug

        run_work(
            self, lambda: CheckinDesk(workspace, slug), self.loaded, busy=self.query_one("#people"),
            group="desk",
        )  # fmt: skip

    def look_elsewhere(self) -> None:
        """Every few seconds: what the other desks did, shown here too."""
        opened = self.desk
        if opened is not None:
            run_work(self, opened.changes_elsewhere, self.seen_elsewhere, group="look",
                     exclusive=True)  # fmt: skip

    def seen_elsewhere(self, changed: list[Arrival]) -> None:
        for person in changed:
            if self.index.get(person.key) is None:
                self.index.add(person)
            else:
                self.index.mark(person.key, person.checked_in_at)
        if changed:
            self.fill()

    def loaded(self, opened: CheckinDesk) -> None:
        self.desk, self.index = opened, opened.index
        if not self._looking:
            self._looking = True
            self.set_interval(LOOK_EVERY, self.look_elsewhere)
        meeting = opened.meeting
        self.zone = meeting.zone
        self.language = self.app.words_language
        self.sub_title = meeting.text(meeting.title, self.app.language or meeting.language)
        self.fill()

    # -- showing -------------------------------------------------------------------------

    def fill(self) -> None:
        table = self.query_one("#people", VirtualTable)
        table.set_columns(
            [
                Column("name", self.word("intake_column", "name")),
                Column("arrived", self.word("intake_column", "arrived"), width=8),
                Column("organisation", self.word("intake_column", "organisation")),
            ]
        )
        query = self.query_one("#search", Input).value
        found = self.index.search(query)
        table.set_rows([self.row(person) for person in found], keep=table.current_key)
        if not found and query.strip() and len(self.index):
            self.say(self.word("intake_desk", "none_found", query=query), warning=True)
        self.show_counts()

    def row(self, person: Arrival) -> TableRow:
        arrived = self.clock(person.checked_in_at) if person.checked_in_at else ""
        style = "green" if person.arrived else ""
        return TableRow(person.key, [Text(person.name), arrived, Text(person.organisation)], style)

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
        return format_clock(local, self.language)

    def say(self, text: str, *, warning: bool = False) -> None:
        said = self.query_one("#said", Static)
        said.set_class(warning, "warning")
        show_text(said, Text(text))

    # -- typing and moving -----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            table = self.query_one("#people", VirtualTable)
            self.fill()
            table.cursor = 0

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
        if key is None:
            return
        opened = self.desk
        if opened is None:
            return
        run_work(self, lambda: opened.check_in(key), self.checked_in, group="desk")

    def checked_in(self, done: CheckedIn) -> None:
        person = done.arrival
        self.index.mark(person.key, person.checked_in_at)
        time = self.clock(person.checked_in_at)
        if done.already:
            self.say(self.word("intake_desk", "already", name=person.name, time=time), warning=True)
        else:
            self.checked_in_here.append(person.key)
            self.say(self.word("intake_desk", "checked_in", name=person.name, time=time))
            self.query_one("#search", Input).value = ""
        self.fill()
        self.query_one("#people", VirtualTable).move_to(person.key)
        self.query_one("#search", Input).focus()

    def action_undo(self) -> None:
        if not self.checked_in_here:
            self.say(self.word("intake_desk", "nothing_to_undo"), warning=True)
            return
        key = self.checked_in_here.pop()
        opened = self.desk
        if opened is None:
            return
        run_work(self, lambda: opened.undo(key), self.undone, group="desk")

    def undone(self, person: Arrival) -> None:
        self.index.mark(person.key, None)
        self.say(self.word("intake_desk", "undone", name=person.name))
        self.fill()
        self.query_one("#people", VirtualTable).move_to(person.key)

    def action_walk_in(self) -> None:
        typed = self.query_one("#search", Input).value.strip()
        self.app.push_screen(WalkInScreen(typed), self.walk_in)

    def walk_in(self, answers: tuple[str, str, str] | None) -> None:
        if answers is None:
            return
        name, organisation, email = answers
        opened = self.desk
        if opened is None:
            return
        run_work(self, lambda: opened.walk_in(name, organisation, email), self.walked_in,
                 group="desk")  # fmt: skip

    def walked_in(self, done: CheckedIn) -> None:
        self.index.add(done.arrival)
        self.checked_in(done)


class WalkInScreen(Dialog):
    """Name, organisation and e-mail of someone at the door: dismissed with them, or None."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.typed = name

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.word("intake_desk", "walk_in_title")), classes="heading")
            yield Input(self.typed, id="name", placeholder=self.word("intake_column", "name"))
            yield Input(id="organisation", placeholder=self.word("intake_column", "organisation"))
            yield Input(id="email", placeholder=self.word("intake_column", "email"))
            yield Static(Text(self.hint()), classes="hint")

    def hint(self) -> str:
        keys = self.app.get_key_display_for
        return self.word("intake_desk", "walk_in_hint", save=keys("form.save"),
                         cancel=keys("form.cancel"))  # fmt: skip

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#name").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        values = [
            self.query_one(f"#{name}", Input).value.strip()
            for name in ("name", "organisation", "email")
        ]
        if values[0]:
            self.dismiss((values[0], values[1], values[2]))
        else:
            self.query_one("#name").focus()
