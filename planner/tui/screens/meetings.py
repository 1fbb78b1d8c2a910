"""The meetings of the workspace: a list to filter by typing, and what to do with each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from planner import meeting_actions
from planner.agenda.wording import Wording
from planner.i18n import format_clock, format_date_short, format_span
from planner.model import Meeting
from planner.registrations.wording import taken_and_waiting
from planner.search import matches
from planner.store import MeetingSummary, Workspace
from planner.tui import actions
from planner.tui.screen import PlannerScreen
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, Tailed, VirtualTable
from planner.tui.work import run_work, show_text


@dataclass(frozen=True)
class Listed:
    """A meeting as the list shows it; `meeting` is None when its record cannot be read."""

    summary: MeetingSummary
    meeting: Meeting | None
    problem: str = ""


def read_meetings(workspace: Workspace) -> list[Listed]:
    listed = []
    for summary in workspace.list_meetings():
        try:
            meeting = workspace.get_meeting(summary.slug).meeting
        except Exception as error:  # a damaged record is listed as such, not hidden
            listed.append(Listed(summary, None, str(error)))
        else:
            listed.append(Listed(summary, meeting))
    return listed


COLUMNS = (
    # key, how it gives way on a narrow terminal, at most how wide
    ("when", 0, None),
    ("time", 100, None),
    ("title", 0, None),
    ("where", 0, 16),
    ("kind", 120, 16),
    ("status", 100, 12),
    ("registered", 0, 16),
)


class MeetingsScreen(PlannerScreen):
    SCOPE = actions.MEETINGS
    CSS_PATH = "meetings.tcss"
    AUTO_FOCUS = "#meetings"

    def __init__(self) -> None:
        super().__init__()
        self.listed: list[Listed] = []
        self.shown: list[Listed] = []
        self.show_archived = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="workspace", classes="hint")
        yield Input(id="filter", classes="hidden")
        yield VirtualTable(id="meetings")
        yield Static("", id="detail", classes="facts")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_words()
        self.reload()

    def language_changed(self) -> None:
        super().language_changed()
        self.show_words()
        self.fill()

    def show_words(self) -> None:
        self.query_one("#filter", Input).placeholder = self.word("ui", "filter_placeholder")
        note = self.query_one("#workspace", Static)
        note.display = self.app.is_demo
        note.update(Text(self.word("ui", "demo_note")))

    # -- loading and showing ------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        table = self.query_one("#meetings", VirtualTable)
        run_work(
            self,
            lambda: read_meetings(self.app.workspace),
            lambda found: self.loaded(found, select),
            busy=table,
            group="meetings",
            exclusive=True,
        )

    def loaded(self, listed: list[Listed], select: str | None) -> None:
        self.listed = listed
        self.fill(select)

    def fill(self, select: str | None = None) -> None:
        table = self.query_one("#meetings", VirtualTable)
        current = select or self.current_slug()
        table.set_columns(
            [
                Column(
                    key,
                    self.word("column", key),
                    grow=key == "title",
                    hide_below=narrow,
                    most=most,
                )
                for key, narrow, most in COLUMNS
            ]
        )
        self.shown = self.visible(self.query_one("#filter", Input).value)
        titles = Counter(self.shown_title(entry) for entry in self.shown)
        table.set_rows(
            [
                TableRow(entry.summary.slug, self.cells(entry, titles[self.shown_title(entry)] > 1))
                for entry in self.shown
            ],
            keep=current,
        )
        self.describe_current()

    def visible(self, query: str) -> list[Listed]:
        shown = [e for e in self.listed if self.show_archived or not e.summary.archived]
        if not query.strip():
            return shown
        return [e for e in shown if matches(query, *self.searched(e))]

    def shown_title(self, entry: Listed) -> str:
        if entry.meeting is None:
            return entry.summary.slug
        return Wording(entry.meeting, self.app.language).text(entry.meeting.title)

    def cells(self, entry: Listed, title_taken: bool) -> list[Text]:
        """Date, time, title, where, kind, status, registered. Two meetings of the same title
        are told apart by their keys."""
        summary, meeting = entry.summary, entry.meeting
        language = self.app.words_language
        if meeting is None:
            date = format_date_short(summary.start, language)
            return [Text(date), Text(""), Text(f"{summary.slug} — {entry.problem}")] + [
                Text("") for _ in range(4)
            ]
        title = Text(self.shown_title(entry))
        if title_taken:
            title = Tailed(title, Text(f" ({summary.slug})", style="dim"))
        kind, status = self.kind_and_status(entry)
        return [
            Text(format_date_short(meeting.start_date, language)),
            Text(_clock(meeting, language)),
            title,
            Text(_where(meeting)),
            Text(kind),
            Text(status),
            Text(self.registered(summary)),
        ]

    def kind_and_status(self, entry: Listed) -> tuple[str, str]:
        meeting = entry.meeting
        assert meeting is not None
        kind = self.word("meeting_kind", meeting.kind.value)
        status = self.word("meeting_status", meeting.status.value)
        if meeting.archived:
            status += f" · {self.word('meeting_archived', 'archived')}"
        return kind, status

    def searched(self, entry: Listed) -> list[str]:
        """What the filter looks in: the title, the key, the date, the kind and status, and
        the venue with its city."""
        summary, meeting = entry.summary, entry.meeting
        if meeting is None:
            return [summary.slug, summary.title, entry.problem]
        venue = meeting.venue
        places = [] if venue is None else [meeting.text(venue.name), venue.city or ""]
        return [
            self.shown_title(entry),
            meeting.text(meeting.title),
            summary.slug,
            format_date_short(meeting.start_date, self.app.words_language),
            *self.kind_and_status(entry),
            *places,
        ]

    def registered(self, summary: MeetingSummary) -> str:
        """'4/250, 1 waiting': places taken of the meeting's, and how many are on the
        waiting list."""
        taken, waiting = taken_and_waiting(summary.registrations, summary.capacity)
        if not waiting:
            return taken
        return f"{taken}, {self.word('screens_list', 'waiting', count=waiting)}"

    def current_slug(self) -> str | None:
        return self.query_one("#meetings", VirtualTable).current_key

    def current(self) -> Listed | None:
        slug = self.current_slug()
        return next((e for e in self.listed if e.summary.slug == slug), None)

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        self.describe_current()

    def describe_current(self) -> None:
        """The meeting under the cursor in full (its key, kind, status, when and where); or
        why the list is empty."""
        detail = self.query_one("#detail", Static)
        query = self.query_one("#filter", Input).value.strip()
        if not self.listed:
            location = self.app.workspace.location
            return show_text(detail, Text(self.word("ui", "no_meetings", location=location)))
        if not self.shown:
            if query:
                text = self.word("screens_list", "no_match", query=query)
            else:
                key = self.app.get_key_display_for("meetings.show_archived")
                text = self.word("screens_list", "all_archived", key=key)
            return show_text(detail, Text(text))
        entry = self.current()
        if entry is None or entry.meeting is None:
            return show_text(detail, Text(entry.problem if entry else ""))
        meeting = entry.meeting
        wording = Wording(meeting, self.app.language)
        facts = [entry.summary.slug, *self.kind_and_status(entry), wording.when()]
        if meeting.venue is not None:
            place = [wording.text(meeting.venue.name, name=True), meeting.venue.city or ""]
            facts.append(", ".join(p for p in place if p))
        show_text(detail, Text(" · ".join(f for f in facts if f)))

    # -- filtering -------------------------------------------------------------------------

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.remove_class("hidden")
        field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#meetings", VirtualTable).focus()

    def on_key(self, event) -> None:
        field = self.query_one("#filter", Input)
        if event.key == "escape" and field.has_focus:
            field.value = ""
            field.add_class("hidden")
            self.query_one("#meetings", VirtualTable).focus()
            event.stop()

    def action_show_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.fill()

    # -- what to do with a meeting --------------------------------------------------------

    def action_open(self) -> None:
        entry = self.current()
        if entry is not None and entry.meeting is not None:
            from planner.tui.screens.agenda import AgendaScreen

            self.app.push_screen(AgendaScreen(entry.summary.slug), lambda _: self.reload())

    def action_new(self) -> None:
        from planner.tui.screens.meeting_form import MeetingFormScreen

        self.app.push_screen(MeetingFormScreen(None), self.after_form)

    def action_details(self) -> None:
        entry = self.current()
        if entry is not None and entry.meeting is not None:
            from planner.tui.screens.meeting_form import MeetingFormScreen

            self.app.push_screen(MeetingFormScreen(entry.summary.slug), self.after_form)

    def after_form(self, slug: str | None) -> None:
        self.reload(select=slug)

    def action_duplicate(self) -> None:
        entry = self.current()
        if entry is None or entry.meeting is None:
            return
        workspace, slug = self.app.workspace, entry.summary.slug
        run_work(self, lambda: meeting_actions.duplicate(workspace, slug), self.duplicated)

    def duplicated(self, stored) -> None:
        self.app.notify(self.word("ui", "duplicated", slug=stored.slug))
        self.reload(select=stored.slug)

    def action_archive(self) -> None:
        entry = self.current()
        if entry is None or entry.meeting is None:
            return
        workspace, slug, archived = self.app.workspace, entry.summary.slug, entry.summary.archived
        run_work(
            self,
            lambda: meeting_actions.set_archived(workspace, slug, not archived),
            lambda stored: self.reload(select=stored.slug),
        )

    def action_delete(self) -> None:
        entry = self.current()
        if entry is None:
            return
        from planner.tui.screens.confirm import ConfirmScreen, when_yes

        slug = entry.summary.slug
        question = self.word("ui", "delete_question", title=entry.summary.title, slug=slug)
        self.app.push_screen(ConfirmScreen(question), when_yes(lambda: self.delete(slug)))

    def delete(self, slug: str) -> None:
        workspace = self.app.workspace
        run_work(self, lambda: meeting_actions.delete(workspace, slug), lambda _: self.reload())

    def action_topics(self) -> None:
        self.open_register("topics")

    def action_people(self) -> None:
        self.open_register("people")

    def action_events(self) -> None:
        self.open_register("events")

    def open_register(self, which: str) -> None:
        entry = self.current()
        if entry is None or entry.meeting is None:
            return
        from planner.tui.screens.registers import open_register

        open_register(self.app, which, entry.summary.slug)

    def action_reload(self) -> None:
        self.reload()

    def action_registrations(self) -> None:
        from planner.tui.screens.registrations import RegistrationsScreen

        self.open_on_meeting(RegistrationsScreen)

    def action_invitations(self) -> None:
        from planner.tui.screens.invitations import InvitationsScreen

        self.open_on_meeting(InvitationsScreen)

    def open_on_meeting(self, screen: Callable[[str], Screen]) -> None:
        """Open `screen` on the meeting under the cursor; back here, the list is read again
        with that meeting still chosen."""
        entry = self.current()
        if entry is None or entry.meeting is None:
            return
        slug = entry.summary.slug
        self.app.push_screen(screen(slug), lambda _: self.reload(select=slug))

    def action_checkin(self) -> None:
        entry = self.current()
        if entry is None or entry.meeting is None:
            return
        from planner.tui.screens.checkin import CheckinScreen

        slug = entry.summary.slug
        self.app.push_screen(CheckinScreen(slug), lambda _: self.reload(select=slug))

    def action_kept(self) -> None:
        from planner.tui.screens.kept import KeptScreen

        self.app.push_screen(KeptScreen(), lambda _: self.reload())


def _clock(meeting: Meeting, language: str) -> str:
    """'09.00–16.30'; the start alone when it ends on another day or is open; '' for a
    meeting known only by its date (never '00.00')."""
    start = meeting.start_time
    if start is None:
        return ""
    end = meeting.end
    if end is not None and end.date() == start.date():
        return format_span(start, end, language)
    return format_clock(start, language)


def _where(meeting: Meeting) -> str:
    venue = meeting.venue
    if venue is None:
        return ""
    return venue.city or meeting.text(venue.name)
