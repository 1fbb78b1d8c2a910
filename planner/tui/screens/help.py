"""Every key of the app as it is bound now (the user's own keys included): those of the screen
you are on first, then those that work everywhere, then the other screens'. Each with the
name `[keys]` in config.toml knows it by."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from planner.tui import actions
from planner.tui.screen import PlannerModal
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.virtual_table import Column, TableRow, VirtualTable


def scopes_in_order(here: tuple[str, ...]) -> list[str]:
    """The screen's own scopes, then the app's, then the others in the registry's order."""
    every = list(dict.fromkeys(action.scope for action in actions.ACTIONS))
    first = [scope for scope in (*here, actions.APP) if scope in every]
    return first + [scope for scope in every if scope not in first]


class HelpScreen(PlannerModal):
    SCOPE = actions.HELP
    CSS_PATH = "help.tcss"
    AUTO_FOCUS = "#keys"

    def __init__(self, here: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.here = here
        """The scopes of the screen help was asked on: their keys come first."""

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Text(self.word("ui", "help_title")), classes="heading")
            yield VirtualTable(id="keys")
            yield Static(Text(self.word("ui", "help_hint")), classes="hint")
            yield KeyBar()

    def on_mount(self) -> None:
        self.fill()

    def language_changed(self) -> None:
        super().language_changed()
        self.fill()

    def fill(self) -> None:
        table = self.query_one("#keys", VirtualTable)
        table.set_columns(
            [
                Column("key", self.word("column", "key")),
                Column("action", self.word("column", "action"), grow=True),
                Column("id", self.word("column", "action_id")),
            ]
        )
        rows = []
        for scope in scopes_in_order(self.here):
            if scope == actions.HELP:
                continue
            heading = self.word("scope", scope)
            if scope in self.here:
                heading = self.word("screens_help", "here", scope=heading)
            for position, action in enumerate(actions.in_scope(scope)):
                rows.append(
                    TableRow(
                        action.id,
                        [
                            Text(self.app.get_key_display_for(action.id)),
                            Text(actions.description(action.id, self.app.words_language)),
                            Text(action.id, style="dim"),
                        ],
                        above=Text(heading, style="bold") if position == 0 else None,
                    )
                )
        table.set_rows(rows)

    def action_close(self) -> None:
        self.dismiss(None)
