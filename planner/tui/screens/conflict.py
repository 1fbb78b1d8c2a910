"""The dialogs of a colleague's change: one part both changed, shown side by side; the part
edited by hand; and, when the user's version cannot be kept aside, where to keep it instead.

Each dialog answers with a named choice (`ClashChoice`, `NotKept`), its keys from the
registry (scopes `clash`, `clash_edit`, `not_kept`); the flow that asks them is
`planner.tui.settling`. Escape always leads back: "decide later" in the clash dialog, "back"
when the version cannot be kept (nothing of either version is dropped then).
"""

from __future__ import annotations

import difflib
from enum import Enum
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Static, TextArea

from planner.editing.clashes import Clash, Edited
from planner.editing.keeping import KeepAsideFailed
from planner.errors import PlannerError
from planner.meeting_files import yaml_text
from planner.tui import actions
from planner.tui.screen import PlannerModal
from planner.tui.work import run_work
from planner.yaml_safety import load_yaml


class ClashChoice(Enum):
    KEEP_MINE = "keep_mine"
    TAKE_THEIRS = "take_theirs"
    EDIT = "edit"
    LATER = "later"


def part_text(value: Any, absent: str) -> str:
    """A part of a record as YAML; `absent` when it is not there (deleted)."""
    if value is None:
        return absent
    text = yaml_text(value)
    return text.removesuffix("...\n").rstrip("\n")


def side_by_side(mine: str, theirs: str) -> tuple[Text, Text]:
    """Both versions, the lines that differ in bold."""
    mine_lines, theirs_lines = mine.splitlines(), theirs.splitlines()
    matcher = difflib.SequenceMatcher(None, mine_lines, theirs_lines, autojunk=False)
    same_mine: set[int] = set()
    same_theirs: set[int] = set()
    for block in matcher.get_matching_blocks():
        same_mine.update(range(block.a, block.a + block.size))
        same_theirs.update(range(block.b, block.b + block.size))
    return _marked(mine_lines, same_mine), _marked(theirs_lines, same_theirs)


def _marked(lines: list[str], same: set[int]) -> Text:
    text = Text()
    for index, line in enumerate(lines):
        changed = index not in same
        text.append(("›" if changed else _KEEP) + _KEEP + _indented(line) + "\n")
        if changed:
            text.stylize("bold", len(text) - len(line) - 3, len(text))
    return text


_KEEP = "\u00a0"
"""A space the screen keeps at the start of a line (a plain one is wrapped away)."""


def _indented(line: str) -> str:
    stripped = line.lstrip(" ")
    return _KEEP * (len(line) - len(stripped)) + stripped


class ClashScreen(PlannerModal):
    """One part both changed: yours and theirs side by side. Dismissed with a ClashChoice."""

    SCOPE = actions.CLASH
    CSS_PATH = "conflict.tcss"

    def __init__(self, clash: Clash, heading: str, counted: str, theirs_title: str) -> None:
        super().__init__()
        self.clash = clash
        self.heading = heading
        """Who saved their version, and when."""
        self.counted = counted
        """Which clash this is: '1 of 2'."""
        self.theirs_title = theirs_title

    def compose(self) -> ComposeResult:
        absent = self.word("editing_settle", "not_there")
        mine, theirs = side_by_side(
            part_text(self.clash.mine, absent), part_text(self.clash.theirs, absent)
        )
        with Vertical(id="dialog", classes="wide"):
            yield Static(Text(self.heading, style="bold"), id="question")
            what = self.word("editing_settle", "both_changed", what=self.clash.what)
            yield Static(Text(f"{what} ({self.counted})"), id="what")
            with Horizontal(id="versions"):
                with VerticalScroll(classes="version"):
                    yield Static(Text(self.word("editing_settle", "yours"), style="bold"))
                    yield Static(mine, id="mine")
                with VerticalScroll(classes="version"):
                    yield Static(Text(self.theirs_title, style="bold"))
                    yield Static(theirs, id="theirs")
            shown = [a.id for a in actions.in_scope(self.SCOPE)]
            if not self.clash.editable:
                shown.remove("clash.edit")
            yield Static(self.key_hints(*shown), classes="hint", id="keys")

    def action_keep_mine(self) -> None:
        self.dismiss(ClashChoice.KEEP_MINE)

    def action_take_theirs(self) -> None:
        self.dismiss(ClashChoice.TAKE_THEIRS)

    def action_edit(self) -> None:
        if self.clash.editable:
            self.dismiss(ClashChoice.EDIT)

    def action_later(self) -> None:
        self.dismiss(ClashChoice.LATER)


class ClashEditor(PlannerModal):
    """The part edited by hand, as it is written in a meeting file, theirs beside it.
    Dismissed with the edited value (`Edited`), or None when cancelled. `check(edited)` says
    what is wrong with it (raising the record's InvalidInput), so it is fixed here."""

    SCOPE = actions.CLASH_EDIT
    CSS_PATH = "conflict.tcss"

    def __init__(self, clash: Clash, theirs_title: str, check) -> None:
        super().__init__()
        self.clash = clash
        self.theirs_title = theirs_title
        self.check = check

    def compose(self) -> ComposeResult:
        absent = self.word("editing_settle", "not_there")
        with Vertical(id="dialog", classes="wide"):
            what = self.word("editing_settle", "editing", what=self.clash.what)
            yield Static(Text(what, style="bold"), id="question")
            yield Static("", id="problems", classes="error hidden")
            with Horizontal(id="versions"):
                with Vertical(classes="version"):
                    yield Static(Text(self.word("editing_settle", "yours"), style="bold"))
                    mine = "" if self.clash.mine is None else part_text(self.clash.mine, "")
                    yield TextArea(mine, id="edited", soft_wrap=False, tab_behavior="indent")
                with VerticalScroll(classes="version"):
                    yield Static(Text(self.theirs_title, style="bold"))
                    theirs = part_text(self.clash.theirs, absent)
                    lines = theirs.splitlines()
                    yield Static(_marked(lines, set(range(len(lines)))), id="theirs")
            yield Static(self.key_hints(), classes="hint", id="keys")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#edited", TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one("#edited", TextArea).text
        source = self.word("editing_merge", "your_edit")
        try:
            value = load_yaml(text, source).data
            edited = Edited(value)
            self.check(edited)
        except PlannerError as error:
            problems = self.query_one("#problems", Static)
            problems.update(Text(str(error)))
            problems.remove_class("hidden")
            return
        self.dismiss(edited)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NotKept(Enum):
    """What the user chose when their version could not be kept aside."""

    KEPT_ELSEWHERE = "kept_elsewhere"
    COPIED = "copied"
    DISCARDED = "discarded"
    BACK = "back"
    QUIT_ANYWAY = "quit_anyway"
    """Quitting while this dialog was open: the version is shown on the terminal after."""


class CouldNotKeepScreen(PlannerModal):
    """Your version could not be kept where it was to go: why, and where else to keep it
    (a folder you type, the clipboard as YAML), or to discard it. Dismissed with NotKept.

    `keeper` is what holds the version: `keep_aside(folder)` writes it, `text()` gives it."""

    SCOPE = actions.NOT_KEPT
    CSS_PATH = "conflict.tcss"
    AUTO_FOCUS = ""  # the keys, until f opens the folder to type

    def __init__(self, keeper, failure: PlannerError, *, quitting: bool = False) -> None:
        super().__init__()
        self.keeper = keeper
        self.failure = failure
        self.quitting = quitting

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.word("editing_settle", "not_kept_title"), style="bold"))
            yield Static(Text(str(self.failure)), id="question", classes="error")
            yield Static(Text(self.word("editing_settle", "not_kept_how")), classes="hint")
            folder = Input(id="folder", classes="hidden", placeholder=str(Path.home()))
            folder.value = str(Path.home())
            yield folder
            yield Static(self.key_hints(), classes="hint", id="keys")
            if self.quitting:
                quit_key = self.app.key_display("ctrl+q")
                words = self.word("editing_settle", "quit_anyway", keys=quit_key)
                yield Static(Text(words), classes="hint")

    def action_folder(self) -> None:
        folder = self.query_one("#folder", Input)
        folder.remove_class("hidden")
        folder.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if not typed:
            return
        folder = Path(typed).expanduser()
        run_work(
            self,
            lambda: self.keeper.keep_aside(folder),
            lambda _: self.dismiss(NotKept.KEPT_ELSEWHERE),
            failed=self.still_not_kept,
        )

    def still_not_kept(self, error: Exception) -> None:
        if isinstance(error, KeepAsideFailed):
            self.query_one("#question", Static).update(Text(str(error)))

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.keeper.text())
        self.dismiss(NotKept.COPIED)

    def action_discard(self) -> None:
        self.dismiss(NotKept.DISCARDED)

    def action_back(self) -> None:
        folder = self.query_one("#folder", Input)
        if folder.display:  # esc closes the folder first
            folder.add_class("hidden")
            self.set_focus(None)
            return
        self.dismiss(NotKept.BACK)
