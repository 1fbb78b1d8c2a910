"""Textual's DataTable for the app's lists, without its own enter key: enter stays with the
screen (open the meeting, edit the topic), so the footer shows what it does."""

from __future__ import annotations

from textual.widgets import DataTable


class ListTable(DataTable, inherit_bindings=False):
    BINDINGS = [binding for binding in DataTable.BINDINGS if binding.key != "enter"]  # type: ignore[union-attr]
