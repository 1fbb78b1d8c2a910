"""Every key of the app, screen by screen, as it is bound now (the user's own keys included)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from planner.tui import actions


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape", "close", show=False),
        Binding("question_mark", "close", show=False),
        Binding("q", "close", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text(self.app.word("ui", "help_title")), classes="heading")
        yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)
        yield Static(Text(self.app.word("ui", "help_hint")), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        for column in ("key", "action", "where"):
            table.add_column(self.app.word("column", column), key=column)
        language = self.app.words_language
        for action in actions.ACTIONS:
            table.add_row(
                Text(self.app.get_key_display_for(action.id)),
                Text(actions.description(action.id, language)),
                Text(self.app.word("scope", action.scope)),
                key=action.id,
            )
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
