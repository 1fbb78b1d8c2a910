"""Exporting a meeting's list from the app: which list, CSV or XLSX, and where; written by
`planner.registrations.exports.service`, the same as `planner registrations export`."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from planner.files import write_output
from planner.registrations.exports.service import LISTS, export_list
from planner.tui.screens.dialog import Dialog
from planner.tui.screens.import_wizard import PathSuggester
from planner.tui.work import run_work
from planner.words import say

FORMATS = ("xlsx", "csv")


class ExportDialog(Dialog):
    """Dismissed with the path written, or None."""

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(say("intake_export.dialog_title", slug=self.slug)), classes="heading")
            yield Select(
                [(say(f"intake_export.list_{name}"), name) for name in LISTS],
                value="door",
                allow_blank=False,
                id="list",
            )
            yield Select([(name.upper(), name) for name in FORMATS], value="xlsx",
                         allow_blank=False, id="format")  # fmt: skip
            yield Input(str(Path.cwd() / f"{self.slug}-door.xlsx"), id="path",
                        suggester=PathSuggester())  # fmt: skip
            yield Static("", id="problem", classes="error")
            yield Static(Text(self.hint()), classes="hint")

    def hint(self) -> str:
        keys = self.app.get_key_display_for
        return say("intake_export.dialog_hint", save=keys("form.save"), cancel=keys("form.cancel"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#list").focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """The file's name follows the list and the format chosen, until it is typed."""
        path = self.query_one("#path", Input)
        which, file_format = (
            self.query_one("#list", Select).value,
            self.query_one("#format", Select).value,
        )
        folder = Path(path.value).parent if path.value else Path.cwd()
        path.value = str(folder / f"{self.slug}-{which}.{file_format}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        which = str(self.query_one("#list", Select).value)
        file_format = str(self.query_one("#format", Select).value)
        target = self.query_one("#path", Input).value.strip()
        if not target:
            return
        workspace, slug = self.app.workspace, self.slug
        run_work(
            self,
            lambda: write_output(target, export_list(workspace, slug, which, file_format)),
            self.dismiss,
            failed=lambda error: self.query_one("#problem", Static).update(Text(str(error))),
        )
