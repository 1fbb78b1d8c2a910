"""Editing one meeting from a screen (the agenda, its topics, people and events), saved as
you go (`planner.tui.saving`), with undo and redo.

The screen applies each change through a function of `planner.agenda.editing` (refused
changes say why) and keeps every version in an `EditHistory` for undo and redo; a
colleague's version taken in keeps the cursor on its item. A version kept aside is re-applied
here, and text typed into one of the screen's forms when the app stopped is opened again.

The screen provides `show()` (draw the meeting), a `#status` Static, `slug`, and the
`selected` path its edits apply to.
"""

from __future__ import annotations

from collections.abc import Callable

from planner.agenda.history import EditHistory
from planner.agenda.merging import follow
from planner.editing.drafts import Draft
from planner.editing.meetings import kept_meeting
from planner.editing.session import EditingSession, EditState
from planner.errors import PlannerError
from planner.model import Meeting
from planner.tui.saving import SavesAsYouGo
from planner.tui.work import run_work

Path = tuple[int, ...]
Edit = Callable[[Meeting, Path | None], "tuple[Meeting, Path | None] | Meeting"]


class EditsAMeeting(SavesAsYouGo):
    slug: str
    selected: Path | None = None
    history: EditHistory | None = None
    session: EditingSession[Meeting]
    cursors: dict[int, Path | None]
    """The cursor of each state of the history, as it was when the state was left."""
    pending_draft: Draft | None = None
    """Text typed into one of this screen's forms when the app stopped: the form is opened
    with it once the meeting is loaded."""

    def show(self) -> None:
        raise NotImplementedError  # each screen draws the meeting its own way

    def loaded(self) -> None:
        self.saved_here = False
        if self.reapplying is not None:
            kept, workspace = self.reapplying, self.app.workspace  # type: ignore[attr-defined]
            run_work(self, lambda: kept_meeting(workspace, kept), self.reapply)  # type: ignore[arg-type]
            return
        self.restart_history()
        self.show()
        if self.pending_draft is not None:
            draft, self.pending_draft = self.pending_draft, None
            self.open_draft(draft)

    def open_draft(self, draft: Draft) -> None:
        raise NotImplementedError  # each screen opens its own forms

    def show_reapplied(self) -> None:
        self.restart_history()
        self.show()

    def restart_history(self) -> None:
        present = self.session.present
        assert present is not None
        self.history = EditHistory(present, saved=self.session.state is EditState.SAVED)
        self.cursors = {}

    @property
    def meeting(self) -> Meeting:
        assert self.history is not None
        return self.history.present

    def shown_record(self) -> object:
        assert self.history is not None
        return self.history.present

    def edit(self, change: Edit, what: str) -> None:
        """Apply one edit: refused edits say why; a done one is kept for undo and saved."""
        if self.history is None:
            return
        self.catch_up()
        try:
            result = change(self.meeting, self.selected)
        except PlannerError as error:
            self.app.notify(str(error), severity="warning", timeout=8)  # type: ignore[attr-defined]
            return
        meeting, path = result if isinstance(result, tuple) else (result, self.selected)
        self.leaving()
        self.history.apply(meeting, self.word("edit", what))  # type: ignore[attr-defined]
        self.selected = path
        self.changed()

    def changed(self) -> None:
        """The present changed here: shown, handed to the session, saved soon."""
        assert self.history is not None
        self.session.edit(self.history.present)
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
        if self.history is None:
            return
        self.catch_up()
        history = self.history
        possible = history.can_undo if back else history.can_redo
        if not possible:
            self.app.notify(self.word("ui", "nothing_to_undo" if back else "nothing_to_redo"))  # type: ignore[attr-defined]
            return
        what = history.undo_description if back else history.redo_description
        self.leaving()
        history.undo() if back else history.redo()
        self.selected = self.cursors.get(history.present_serial, self.selected)
        self.app.notify(self.word("ui", "undone" if back else "redone", what=what), timeout=3)  # type: ignore[attr-defined]
        self.changed()

    def show_taken(self) -> bool:
        """The session's present shown, the cursor on the same item, the history starting
        from it."""
        before = self.meeting if self.history is not None else None
        after = self.session.present
        assert after is not None
        if before is after:
            return False  # shown already (caught up by an edit)
        if before is not None and self.selected is not None:
            self.selected = follow(self.selected, before, after) or self.selected_near(after)
        self.restart_history()
        self.show()
        return True

    def selected_near(self, meeting: Meeting) -> Path | None:
        """Where the cursor goes when its item is gone: the first item, if any."""
        return (0,) if meeting.agenda else None
