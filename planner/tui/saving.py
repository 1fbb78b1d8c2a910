"""Editing one meeting from a screen, saved as you go.

A screen that edits a meeting (the agenda, its topics, its people) mixes this in: it loads
the meeting in a worker, applies each change through a function of
`planner.agenda.editing` (refused changes say why), keeps every version in an `EditHistory`
for undo and redo, and saves the present version in a worker after each change. A save the
workspace refuses because a colleague changed the meeting stops the saving and offers to
load theirs, keeping yours in a file first: nothing typed is lost, and nothing of theirs is
overwritten. Before the screen closes, or the app quits, everything is saved.

The screen provides `show()` (draw the meeting), a `#status` Static, `slug`, and the
`selected` path its edits apply to.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from rich.text import Text
from textual.widgets import Static

from planner import config
from planner.agenda.history import EditHistory
from planner.errors import Conflict, PlannerError
from planner.meeting_files import write_meeting_file
from planner.model import Meeting, MeetingFile
from planner.store import StoredMeeting
from planner.tui.work import describe_failure, run_work, show_text

Path = tuple[int, ...]
Edit = Callable[[Meeting, Path | None], "tuple[Meeting, Path | None] | Meeting"]


class SavesAsYouGo:
    slug: str
    selected: Path | None = None
    stored: StoredMeeting | None = None
    history: EditHistory | None = None
    saving: bool = False
    saved_here: bool = False
    conflicted: bool = False
    cursors: dict[int, Path | None]
    """The cursor of each state of the history, as it was when the state was left."""

    def show(self) -> None:
        raise NotImplementedError  # each screen draws the meeting its own way

    LOADING = ""
    """The selector of the widget that shows a loading indicator while the meeting loads."""

    def load(self) -> None:
        workspace, slug = self.app.workspace, self.slug  # type: ignore[attr-defined]
        busy = self.query_one(self.LOADING) if self.LOADING else None  # type: ignore[attr-defined]
        run_work(self, lambda: workspace.get_meeting(slug), self.loaded, busy=busy)  # type: ignore[arg-type]

    def loaded(self, stored: StoredMeeting) -> None:
        self.stored = stored
        self.history = EditHistory(stored.meeting)
        self.saved_here = False
        """Whether anything was saved since it was opened: until then the status line says
        which version is open, not "Saved"."""
        self.cursors = {}
        self.conflicted = False
        self.show()

    @property
    def meeting(self) -> Meeting:
        assert self.history is not None
        return self.history.present

    def edit(self, change: Edit, what: str) -> None:
        """Apply one edit: refused edits say why; a done one is kept for undo and saved."""
        if self.history is None:
            return
        try:
            result = change(self.meeting, self.selected)
        except PlannerError as error:
            self.app.notify(str(error), severity="warning", timeout=8)
            return
        meeting, path = result if isinstance(result, tuple) else (result, self.selected)
        self.leaving()
        self.history.apply(meeting, self.word("edit", what))
        self.selected = path
        self.show()
        self.save_soon()

    def leaving(self) -> None:
        """Remember where the cursor was in the present state: undo and redo come back to
        it, so the item an edit moved is the one selected when the edit is undone."""
        assert self.history is not None
        self.cursors[self.history.present_serial] = self.selected

    def on_item(self, change: Callable[[Meeting, Path], object], what: str) -> None:
        if self.selected is not None:
            self.edit(lambda meeting, path: change(meeting, path), what)  # type: ignore[arg-type]

    def action_undo(self) -> None:
        self.step(back=True)

    def action_redo(self) -> None:
        self.step(back=False)

    def step(self, back: bool) -> None:
        history = self.history
        if history is None:
            return
        possible = history.can_undo if back else history.can_redo
        if not possible:
            self.app.notify(self.word("ui", "nothing_to_undo" if back else "nothing_to_redo"))
            return
        what = history.undo_description if back else history.redo_description
        self.leaving()
        history.undo() if back else history.redo()
        self.selected = self.cursors.get(history.present_serial, self.selected)
        self.app.notify(self.word("ui", "undone" if back else "redone", what=what), timeout=3)
        self.show()
        self.save_soon()

    # -- saving as you go ----------------------------------------------------------------

    def action_save(self) -> None:
        self.save_now()

    def save_soon(self) -> None:
        """Save once the edits pause for `save_after` seconds (config.toml, [editing])."""
        timer = getattr(self, "_save_timer", None)
        if timer is not None:
            timer.stop()
        self._save_timer = self.set_timer(self.app.save_after, self.save_now)  # type: ignore[attr-defined]
        self.show_status()

    def save_now(self) -> None:
        """Save the present version unless a save is running (it saves again when done)."""
        timer = getattr(self, "_save_timer", None)
        if timer is not None:
            timer.stop()
            self._save_timer = None
        history, stored = self.history, self.stored
        if history is None or stored is None or self.saving or self.conflicted:
            return
        if history.is_saved:
            return self.show_status()
        meeting, workspace = history.present, self.app.workspace
        self.saving = True
        self.show_status()
        run_work(
            self,
            lambda: workspace.save_meeting(stored.id, meeting, stored.version),
            lambda saved: self.saved(saved, meeting),
            failed=self.save_failed,
            group="save",
        )

    def saved(self, stored: StoredMeeting, meeting: Meeting) -> None:
        self.saving = False
        self.stored = stored
        self.saved_here = True
        if self.history is not None and self.history.present is meeting:
            self.history.mark_saved()
        self.show_status()
        self.save_now()  # edits made while it saved

    def save_failed(self, error: Exception) -> None:
        self.saving = False
        if isinstance(error, Conflict):
            self.conflicted = True
            from planner.tui.screens.conflict import ConflictScreen

            self.app.push_screen(ConflictScreen(str(error)), self.after_conflict)
        show_text(
            self.query_one("#status", Static),  # type: ignore[attr-defined]
            Text(self.word("ui", "not_saved", reason=describe_failure(error))),  # type: ignore[attr-defined]
        )

    def after_conflict(self, reload: bool | None) -> None:
        if not reload:
            return
        path = self.keep_aside()
        self.app.notify(self.word("ui", "kept_in", path=path), timeout=20)
        self.load()

    def keep_aside(self) -> str:
        return keep_aside(self.meeting)

    async def finish_saving(self) -> bool:
        """Called before leaving or quitting: True once everything is saved."""
        if self.history is None or self.conflicted:
            return not self.conflicted
        self.save_now()
        for _ in range(200):  # a save takes milliseconds; a busy workspace, up to its timeout
            if not self.saving:
                break
            await asyncio.sleep(0.05)
        return self.history.is_saved and not self.conflicted

    def show_status(self) -> None:
        status = self.query_one("#status", Static)  # type: ignore[attr-defined]
        if self.history is None or self.stored is None:
            show_text(status, Text(self.word("ui", "loading")))  # type: ignore[attr-defined]
        elif self.saving:
            show_text(status, Text(self.word("ui", "saving")))  # type: ignore[attr-defined]
        elif self.history.is_saved:
            version, which = self.stored.version, "saved" if self.saved_here else "opened"
            show_text(status, Text(self.word("ui", which, version=version)))  # type: ignore[attr-defined]
        else:
            show_text(status, Text(self.word("ui", "unsaved")))  # type: ignore[attr-defined]


def keep_aside(meeting: Meeting) -> str:
    """Your version of the meeting, written to a new file in the data folder's `unsaved/`
    before a colleague's is loaded over it (or the app is stopped with it unsaved)."""
    folder = config.data_folder() / "unsaved"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{meeting.slug}-{stamp}.yaml"
    copy = 1
    while target.exists():  # twice in one second: never over the first
        copy += 1
        target = folder / f"{meeting.slug}-{stamp}-{copy}.yaml"
    write_meeting_file(MeetingFile.model_validate(meeting.model_dump()), target)
    return str(target)
