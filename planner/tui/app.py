"""A first screen: the meetings in the workspace and the timed agenda of the one selected.

Read-only for now; editing, registrations and invitations come with the TUI's own issue.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from planner.agenda.schedule import Schedule, build_schedule
from planner.agenda.sheet import AgendaRow, agenda_rows, header_facts
from planner.agenda.wording import Wording
from planner.errors import PlannerError
from planner.i18n import LABELLED
from planner.model import Meeting
from planner.store import Workspace


@dataclass
class LoadedMeeting:
    """A meeting read from the workspace, or why it could not be read."""

    slug: str
    meeting: Meeting | None = None
    schedule: Schedule | None = None
    problem: str = ""


class MeetingsLoaded(Message):
    def __init__(self, meetings: list[LoadedMeeting], location: str) -> None:
        super().__init__()
        self.meetings = meetings
        self.location = location


class LoadFailed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class PlannerApp(App):
    TITLE = "Planner"
    CSS = """
    #meetings { width: 42; border: round $primary; }
    #detail { border: round $primary; }
    #heading { padding: 0 1; height: auto; }
    #agenda { height: 1fr; }
    #warnings { height: auto; max-height: 8; padding: 0 1; color: $warning; }
    """
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("r", "reload", "Reload", id="app.reload"),
        Binding("l", "next_language", "Language", id="app.language"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.location = workspace.location
        self.meetings: list[LoadedMeeting] = []
        self.current: int | None = None
        self.language: str | None = None
        """None: each meeting in its own language."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="meetings")
            with Vertical(id="detail"):
                yield Static("Loading the workspace…", id="heading")
                yield DataTable(id="agenda", cursor_type="row", zebra_stripes=True)
                yield Static("", id="warnings")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.location
        self.load_meetings()

    def action_reload(self) -> None:
        self.load_meetings()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load_meetings(self) -> None:
        """Reads the workspace off the UI thread and posts what it found. A failure is shown
        on screen; the app goes on."""
        try:
            loaded = [self._load(summary.slug) for summary in self.workspace.list_meetings()]
        except Exception as error:
            self.post_message(LoadFailed(_describe_failure(error)))
            return
        self.post_message(MeetingsLoaded(loaded, self.workspace.location))

    def _load(self, slug: str) -> LoadedMeeting:
        try:
            meeting = self.workspace.get_meeting(slug).meeting
            return LoadedMeeting(slug, meeting, build_schedule(meeting))
        except PlannerError as error:
            return LoadedMeeting(slug, problem=str(error))

    def on_meetings_loaded(self, message: MeetingsLoaded) -> None:
        self.meetings = message.meetings
        self._fill_meeting_list()
        options = self.query_one("#meetings", OptionList)
        if self.meetings:
            options.highlighted = 0
            options.focus()
        else:
            self.query_one("#heading", Static).update(
                Text(f"No meetings in {message.location}. Try `planner demo`.")
            )

    def _fill_meeting_list(self) -> None:
        options = self.query_one("#meetings", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for index, entry in enumerate(self.meetings):
            meeting = entry.meeting
            if meeting is None:
                text = Text(entry.slug)
                text.append("\ncannot be read", style="bold red")
                options.add_option(Option(text, id=str(index)))
                continue
            wording = Wording(meeting, self.language)
            kind = wording.label("meeting_kind", meeting.kind.value)
            status = wording.label("meeting_status", meeting.status.value)
            text = Text(wording.text(meeting.title))
            text.append(f"\n{wording.date(meeting.start_date)} · {kind} · {status}", style="dim")
            options.add_option(Option(text, id=str(index)))
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted

    def on_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#heading", Static).update(Text(message.text))

    @on(OptionList.OptionHighlighted, "#meetings")
    def on_highlight(self, event: OptionList.OptionHighlighted) -> None:
        self.current = int(event.option.id)
        self.show_meeting()

    def action_next_language(self) -> None:
        """Show the meetings in the next language: the meeting's own, those it names, then
        the others Planner has labels for."""
        languages = [None, *(lang for lang in LABELLED)]
        position = languages.index(self.language) if self.language in languages else 0
        self.language = languages[(position + 1) % len(languages)]
        shown = self.language or "each meeting's own"
        self.notify(f"Language: {shown}")
        self._fill_meeting_list()
        self.show_meeting()

    def show_meeting(self) -> None:
        if self.current is None or self.current >= len(self.meetings):
            return
        entry = self.meetings[self.current]
        meeting = entry.meeting
        table = self.query_one("#agenda", DataTable)
        if meeting is None or entry.schedule is None:
            table.clear()
            self.query_one("#heading", Static).update(Text(entry.problem))
            self.query_one("#warnings", Static).update("")
            return
        wording = Wording(meeting, self.language)
        heading = Text(wording.text(meeting.title, "title"), style="bold")
        for name, fact in header_facts(meeting, wording):
            heading.append(f"\n{name}: {fact}", style="")
        self.query_one("#heading", Static).update(heading)
        table.clear(columns=True)
        for column in ("number", "time", "minutes", "programme"):
            table.add_column(wording.label("word", column))
        for row in agenda_rows(entry.schedule, wording):
            self._add_row(table, row)
        lines = [f"! {wording.warning(entry.schedule, w)}" for w in entry.schedule.warnings]
        if note := wording.missing_note():
            lines.append(note)
        self.query_one("#warnings", Static).update(Text("\n".join(lines)))

    @staticmethod
    def _add_row(table: DataTable, row: AgendaRow) -> None:
        if row.day_heading:
            table.add_row("", "", "", Text(row.day_heading, style="bold"))
        indent = "  " * row.depth
        item = Text(indent + row.title)
        for line in row.people:
            item.append(f"\n{indent}  {line}", style="italic dim")
        for line in row.details:
            item.append(f"\n{indent}  {line}", style="dim")
        table.add_row(Text(row.number), Text(row.time), Text(row.minutes), item, height=None)


def _describe_failure(error: Exception) -> str:
    if isinstance(error, PlannerError):
        return str(error)
    return f"Planner could not read the workspace ({type(error).__name__}: {error})"


def run(workspace: Workspace) -> None:
    with workspace:
        PlannerApp(workspace).run()
