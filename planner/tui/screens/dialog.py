"""A small dialog with the form keys: ctrl+s keeps (`action_save`), escape cancels (dismissed
with None); nothing in it is written per language, so ctrl+l does nothing."""

from __future__ import annotations

from planner.tui import actions
from planner.tui.screen import PlannerModal


class Dialog(PlannerModal):
    SCOPE = actions.FORM

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_language(self) -> None:
        """Nothing here is written per language."""
