"""A meeting's documents: the list of what Planner can make of it, a text preview of the one
chosen (it follows the cursor), and making any of them in any format and language, in a
worker with a progress bar, into the documents folder; the screen says where the file went
and can open it with the system's viewer.

Everything it does goes through `planner.documents.render`, as `planner render` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.message import Message
from textual.widgets import Header, ProgressBar, Static

from planner import config
from planner.documents.catalogue import DOCUMENTS
from planner.errors import PlannerError
from planner.model import LANGUAGES, Meeting, Registration
from planner.model.minutes import Minutes
from planner.tui import actions
from planner.tui.screen import PlannerScreen
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable
from planner.tui.work import run_work, show_text

PREVIEW_FORMATS = ("txt", "md")
"""What the preview shows a document as: its plain text, else its Markdown."""


@dataclass(frozen=True)
class Made:
    document: str
    format: str
    language: str
    path: str


class RenderProgress(Message):
    """Posted from the rendering worker: how far it has got."""

    def __init__(self, done: float, doing: str) -> None:
        super().__init__()
        self.done = done
        self.doing = doing


class DocumentsScreen(PlannerScreen):
    SCOPE = actions.DOCUMENTS
    CSS_PATH = "documents.tcss"
    AUTO_FOCUS = "#documents"

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.meeting: Meeting | None = None
        self.registrations: list[Registration] = []
        self.minutes: Minutes | None = None
        self.document = next(iter(DOCUMENTS))
        self.formats: dict[str, str] = {}
        """The format chosen for each document (PDF where it is made)."""
        self.language: str | None = None
        """The documents' language: None for the meeting's own."""
        self.previews: dict[tuple[str, str], str] = {}
        self.made: Made | None = None
        self.rendering = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="heading", classes="heading")
        with Horizontal():
            yield VirtualTable(id="documents")
            with Vertical(id="side"):
                yield Static("", id="choice", classes="facts")
                with ScrollableContainer(id="preview-box"):
                    yield Static("", id="preview")
        yield ProgressBar(id="progress", total=1.0, show_eta=False)
        yield Static("", id="status", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#documents", VirtualTable).loading = True
        run_work(self, self.read, self.loaded, busy=None)

    def read(self) -> tuple[Meeting, list[Registration], Minutes]:
        workspace = self.app.workspace  # type: ignore[attr-defined]
        meeting = workspace.get_meeting(self.slug).meeting
        registrations = [stored.registration for stored in workspace.list_registrations(self.slug)]
        return meeting, registrations, workspace.get_minutes(self.slug).minutes

    def loaded(self, found: tuple[Meeting, list[Registration], Minutes]) -> None:
        self.meeting, self.registrations, self.minutes = found
        self.query_one("#documents", VirtualTable).loading = False
        self.show()

    # -- showing -------------------------------------------------------------------------

    @property
    def chosen_language(self) -> str:
        assert self.meeting is not None
        return self.language or self.app.language or self.meeting.language  # type: ignore[attr-defined]

    @property
    def chosen_format(self) -> str:
        kind = DOCUMENTS[self.document]
        chosen = self.formats.get(self.document)
        return (
            chosen
            if chosen in kind.formats
            else ("pdf" if "pdf" in kind.formats else kind.formats[0])
        )

    def language_changed(self) -> None:
        super().language_changed()
        if self.meeting is not None:
            self.show()

    def show(self) -> None:
        if self.meeting is None:
            return
        title = self.meeting.text(self.meeting.title, self.app.language)  # type: ignore[attr-defined]
        heading = f"{self.word('documents_ui', 'title')} · {title}"
        show_text(self.query_one("#heading", Static), Text(heading))
        table = self.query_one("#documents", VirtualTable)
        table.set_columns([Column("document", self.word("documents_ui", "document"), grow=True)])
        rows = [TableRow(name, [Text(self.word("documents_name", name))]) for name in DOCUMENTS]
        table.set_rows(rows, keep=self.document)
        self.show_choice()
        self.show_preview()
        self.show_status()

    def show_choice(self) -> None:
        from planner.i18n import language_name

        language = self.chosen_language
        names = " + ".join(
            language_name(part, self.app.words_language) for part in language.split("+")
        )  # type: ignore[attr-defined]
        line = self.word(
            "documents_ui",
            "choice",
            format=self.chosen_format.upper(),
            formats=" ".join(DOCUMENTS[self.document].formats),
            language=f"{names} ({language})",
            folder=config.shown_path(self.folder()),
        )
        show_text(self.query_one("#choice", Static), Text(line))

    def show_status(self, text: str | None = None) -> None:
        if text is None:
            text = (
                self.word("documents_ui", "written", path=Path(self.made.path).name)
                if self.made is not None
                else self.word("documents_ui", "keys")
            )
        show_text(self.query_one("#status", Static), Text(text, overflow="fold"))

    def on_virtual_table_highlighted(self, event: VirtualTable.Highlighted) -> None:
        if event.key and event.key != self.document:
            self.document = event.key
            self.show_choice()
            self.show_preview()

    def show_preview(self) -> None:
        """The chosen document as text, made in a worker (the last asked for wins)."""
        if self.meeting is None:
            return
        document, language = self.document, self.chosen_language.split("+")[0]
        cached = self.previews.get((document, language))
        if cached is not None:
            self.put_preview(cached)
            return
        meeting, registrations, minutes = self.meeting, self.registrations, self.minutes

        def preview() -> tuple[str, str, str]:
            text = preview_text(meeting, registrations, document, language, minutes)
            return document, language, text

        run_work(self, preview, self.previewed, group="preview", exclusive=True)

    def previewed(self, result: tuple[str, str, str]) -> None:
        document, language, text = result
        self.previews[(document, language)] = text
        if (document, language) == (self.document, self.chosen_language.split("+")[0]):
            self.put_preview(text)

    def put_preview(self, text: str) -> None:
        """As the document has it: its lines are not wrapped again (the box scrolls)."""
        show_text(self.query_one("#preview", Static), Text(text, no_wrap=True, overflow="ignore"))

    # -- choosing ------------------------------------------------------------------------

    def action_format(self) -> None:
        formats = DOCUMENTS[self.document].formats
        position = formats.index(self.chosen_format)
        self.formats[self.document] = formats[(position + 1) % len(formats)]
        self.show_choice()

    def action_language(self) -> None:
        """The next language: the meeting's own, then every language Planner writes, then
        the meeting's own beside English (for the documents printed side by side)."""
        assert self.meeting is not None
        own = self.meeting.language
        choices = [own, *(lang for lang in LANGUAGES if lang != own)]
        if own != "en":
            choices.append(f"{own}+en")
        current = self.chosen_language
        position = choices.index(current) if current in choices else -1
        self.language = choices[(position + 1) % len(choices)]
        self.show_choice()
        self.show_preview()

    # -- making --------------------------------------------------------------------------

    def folder(self) -> Path:
        try:
            return config.documents_folder()
        except PlannerError:  # a bad setting is said when a file is made
            return Path("~/Documents/Planner").expanduser()

    def action_render(self) -> None:
        if self.meeting is None or self.rendering:
            return
        document, format, language = self.document, self.chosen_format, self.chosen_language
        meeting, registrations, minutes = self.meeting, self.registrations, self.minutes
        folder_setting = config.documents_folder

        def make() -> Made:
            from planner.documents.render import render_document, save_document

            folder = folder_setting()
            folder.mkdir(parents=True, exist_ok=True)
            rendered = render_document(
                meeting,
                document,
                format,
                language,
                registrations=registrations,
                minutes=minutes,
                template_folder=config.template_folder(),
                progress=lambda done, doing: self.post_message(RenderProgress(done, doing)),
            )
            return Made(
                document, format, language, save_document(rendered, folder / rendered.file_name)
            )

        self.rendering = True
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(progress=0.0)
        self.show_status(
            self.word(
                "documents_ui",
                "making",
                document=self.word("documents_name", document),
                format=format.upper(),
            )
        )
        run_work(self, make, self.written, failed=self.not_written)

    def on_render_progress(self, message: RenderProgress) -> None:
        self.query_one("#progress", ProgressBar).update(progress=max(0.0, min(1.0, message.done)))

    def written(self, made: Made) -> None:
        self.rendering = False
        self.made = made
        self.query_one("#progress", ProgressBar).display = False
        self.show_status()
        self.app.notify(self.word("documents_ui", "written", path=made.path), timeout=6)

    def not_written(self, error: Exception) -> None:
        self.rendering = False
        self.query_one("#progress", ProgressBar).display = False
        self.show_status(str(error))

    def action_open(self) -> None:
        from planner.documents.viewer import open_with_viewer

        if self.made is None:
            self.app.notify(self.word("documents_ui", "nothing_made"), timeout=5)
            return
        if not open_with_viewer(self.made.path):
            self.app.notify(self.word("documents_ui", "no_viewer", path=self.made.path), timeout=10)

    def action_minutes(self) -> None:
        """Record the minutes; back here, the minutes' preview shows what was recorded."""
        from planner.tui.screens.minutes import MinutesScreen

        self.app.push_screen(MinutesScreen(self.slug), lambda _: self.minutes_recorded())

    def minutes_recorded(self) -> None:
        self.previews = {key: text for key, text in self.previews.items() if key[0] != "minutes"}
        run_work(self, self.read, self.loaded)

    def action_back(self) -> None:
        self.dismiss(self.slug)


def preview_text(
    meeting: Meeting,
    registrations: list[Registration],
    document: str,
    language: str,
    minutes: Minutes | None = None,
) -> str:
    """The document as text for the preview: its plain text, else its Markdown, else a line
    saying what the file will hold."""
    from planner.documents.render import render_document
    from planner.documents.view import meeting_view
    from planner.words import say

    kind = DOCUMENTS[document]
    format = next((f for f in PREVIEW_FORMATS if f in kind.formats), None)
    try:
        if format is None:
            view = meeting_view(meeting, language, registrations)
            count = len(view.attendance.badges) if view.attendance else 0
            if kind.lists_people:
                return say("documents_ui.badges_preview", count=count)
            return say("documents_ui.no_preview")
        rendered = render_document(
            meeting, document, format, language, registrations=registrations, minutes=minutes
        )
    except PlannerError as error:
        return str(error)
    return str(rendered.content)
