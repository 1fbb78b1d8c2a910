"""Textual's DataTable for the app's short lists (topics, people), without its own enter key:
enter stays with the screen (edit the topic), so the footer shows what it does. Home and End
go to the first and the last row, as in every list of the app; PgUp and PgDn by a page."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class ListTable(DataTable, inherit_bindings=False):
    BINDINGS = [
        *(b for b in DataTable.BINDINGS if b.key not in ("enter", "home", "end")),  # type: ignore[union-attr]
        Binding("home", "first_row", show=False),
        Binding("end", "last_row", show=False),
    ]

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)
