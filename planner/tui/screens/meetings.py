"""The meetings of the workspace: a list to filter by typing, and what to do with each."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header, Input, Static

from planner import meeting_actions
from planner.agenda.wording import Wording
from planner.model import Meeting
from planner.search import matches
from planner.store import MeetingSummary, Workspace
from planner.tui import actions
from planner.tui.screen import PlannerScreen
from planner.tui.widgets.list_table import ListTable
from planner.tui.work import run_work


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


class MeetingsScreen(PlannerScreen):
    SCOPE = actions.MEETINGS
    CSS_PATH = "meetings.tcss"
    AUTO_FOCUS = "#meetings"

    def __init__(self) -> None:
        super().__init__()
        self.listed: list[Listed] = []
        self.show_archived = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(id="filter", classes="hidden")
        yield ListTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detail", classes="facts")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter", Input).placeholder = self.word("ui", "filter_placeholder")
        self.reload()

    def language_changed(self) -> None:
        super().language_changed()
        self.query_one("#filter", Input).placeholder = self.word("ui", "filter_placeholder")
        self.fill()

    # -- loading and showing ------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        table = self.query_one("#meetings", DataTable)
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
        table = self.query_one("#meetings", DataTable)
        current = select or self.current_slug()
        table.clear(columns=True)
        for column in ("when", "kind", "status", "registered", "title"):
            table.add_column(self.word("column", column), key=column)
        visible = self.visible(self.query_one("#filter", Input).value)
        for entry in visible:
            table.add_row(*self.cells(entry), key=entry.summary.slug)
        if current is not None and current in {e.summary.slug for e in visible}:
            table.move_cursor(row=table.get_row_index(current))
        self.describe_current()
        if not self.listed:
            self.query_one("#detail", Static).update(
                Text(self.word("ui", "no_meetings", location=self.app.workspace.location))
            )

    def visible(self, query: str) -> list[Listed]:
        shown = [e for e in self.listed if self.show_archived or not e.summary.archived]
        if not query.strip():
            return shown
        return [e for e in shown if matches(query, *self.cells_text(e))]

    def cells(self, entry: Listed) -> list[Text]:
        return [Text(cell) for cell in self.cells_text(entry)]

    def cells_text(self, entry: Listed) -> list[str]:
        summary, meeting = entry.summary, entry.meeting
        if meeting is None:
            return [f"{summary.start:%Y-%m-%d}", "", "", "", f"{summary.slug} — {entry.problem}"]
        wording = Wording(meeting, self.app.language)
        kind = wording.label("meeting_kind", meeting.kind.value)
        status = wording.label("meeting_status", meeting.status.value)
        if meeting.archived:
            status += f" · {wording.label('meeting_archived', 'archived')}"
        return [
            wording.date(meeting.start_date),
            kind,
            status,
            _registered(summary),
            wording.text(meeting.title),
        ]

    def current_slug(self) -> str | None:
        table = self.query_one("#meetings", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def current(self) -> Listed | None:
        slug = self.current_slug()
        return next((e for e in self.listed if e.summary.slug == slug), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.describe_current()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def describe_current(self) -> None:
        entry = self.current()
        detail = self.query_one("#detail", Static)
        if entry is None or entry.meeting is None:
            detail.update(Text(entry.problem if entry else ""))
            return
        wording = Wording(entry.meeting, self.app.language)
        detail.update(Text(f"{entry.summary.slug} · {wording.when()}"))

    # -- filtering -------------------------------------------------------------------------

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.remove_class("hidden")
        field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#meetings", DataTable).focus()

    def on_key(self, event) -> None:
        field = self.query_one("#filter", Input)
        if event.key == "escape" and field.has_focus:
            field.value = ""
            field.add_class("hidden")
            self.query_one("#meetings", DataTable).focus()
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
        from planner.tui.screens.confirm import ConfirmScreen

        slug = entry.summary.slug
        question = self.word("ui", "delete_question", title=entry.summary.title, slug=slug)
        self.app.push_screen(ConfirmScreen(question), lambda yes: yes and self.delete(slug))

    def delete(self, slug: str) -> None:
        workspace = self.app.workspace
        run_work(self, lambda: meeting_actions.delete(workspace, slug), lambda _: self.reload())

    def action_topics(self) -> None:
        self.open_register("topics")

    def action_people(self) -> None:
        self.open_register("people")

    def open_register(self, which: str) -> None:
        entry = self.current()
        if entry is None or entry.meeting is None:
            return
        from planner.tui.screens.registers import open_register

        open_register(self.app, which, entry.summary.slug)

    def action_reload(self) -> None:
        self.reload()

    def action_invitations(self) -> None:
        entry = self.current()
        if entry is None or entry.meeting is None:
            return
        from planner.tui.screens.invitations import InvitationsScreen

        self.app.push_screen(InvitationsScreen(entry.summary.slug), lambda _: self.reload())


def _registered(summary: MeetingSummary) -> str:
    """'4/250 (+1)': confirmed of the places, and how many wait."""
    confirmed = summary.registrations.get("confirmed", 0)
    text = f"{confirmed}/{summary.capacity}" if summary.capacity else str(confirmed)
    waiting = summary.registrations.get("waitlisted", 0)
    return f"{text} (+{waiting})" if waiting else text
