"""A save the workspace refused because someone else changed the meeting: say who and when,
and let the user load their version (theirs is never overwritten; yours is kept in a file)
or keep editing unsaved."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from planner import config


class ConflictScreen(ModalScreen[bool]):
    """Dismissed with True to load theirs, False to keep editing."""

    BINDINGS = [
        Binding("r", "choose(True)", show=False),
        Binding("k", "choose(False)", show=False),
        Binding("escape", "choose(False)", show=False),
    ]

    def __init__(self, why: str) -> None:
        super().__init__()
        self.why = why

    def compose(self) -> ComposeResult:
        folder = config.data_folder() / "unsaved"
        with Vertical(id="dialog"):
            yield Static(Text(self.app.word("ui", "conflict_title"), style="bold"))
            yield Static(Text(self.why), id="question")
            yield Static(Text(self.app.word("ui", "conflict_hint", folder=folder)), classes="hint")

    def action_choose(self, reload: bool) -> None:
        self.dismiss(reload)
