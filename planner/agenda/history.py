"""Undo and redo for the edits of one meeting. Pure: meetings in, meetings out, no I/O.

    history = EditHistory(stored.meeting)
    history.apply(move_up(history.present, path)[0], "move item 3 up")
    history.undo()                     # the meeting as it was; history.redo() brings it back
    history.mark_saved()               # after Workspace.save_meeting
    history.is_saved                   # False again after the next edit or undo

Each step keeps the whole meeting (meetings are immutable, so nothing is copied twice). At
most `MAX_STEPS` (500) steps can be undone: the oldest is forgotten when a new one would
go past it. `undo` and `redo` raise `NothingToUndo` / `NothingToRedo` (both `EditRefused`,
so the app shows their message like any other refusal) when there is nothing to do; check
`can_undo` / `can_redo` first to grey out a menu entry.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from itertools import count

from planner.agenda.editing import EditRefused
from planner.model import Meeting
from planner.words import Words

MAX_STEPS = 500
"""How many edits can be undone."""


class NothingToUndo(EditRefused):
    def __init__(self) -> None:
        super().__init__(Words("agenda_edit.nothing_to_undo"))


class NothingToRedo(EditRefused):
    def __init__(self) -> None:
        super().__init__(Words("agenda_edit.nothing_to_redo"))


@dataclass(frozen=True)
class _State:
    meeting: Meeting
    serial: int
    """Which state this is: every state the history holds has its own number."""


@dataclass(frozen=True)
class _Step:
    """An edit: the state before it, the state after it, and what it did."""

    before: _State
    after: _State
    description: str


class EditHistory:
    """The meeting being edited (`present`), with the edits that can be undone and redone.

    `saved_at` is the serial number of the state the workspace holds (every state gets its
    own number; None while nothing is saved); `is_saved` says whether the present is that
    state, so the app can tell whether there is anything to save. The history starts saved
    (it is opened on a meeting read from the workspace) unless `saved=False`.
    """

    def __init__(self, meeting: Meeting, *, limit: int = MAX_STEPS, saved: bool = True):
        if limit < 1:
            raise ValueError("an edit history keeps at least one step")
        self._serials = count(1)
        self._present = _State(meeting, next(self._serials))
        self._undo: deque[_Step] = deque(maxlen=limit)
        self._redo: list[_Step] = []
        self.saved_at: int | None = self._present.serial if saved else None
        self.limit = limit

    @property
    def present(self) -> Meeting:
        return self._present.meeting

    @property
    def present_serial(self) -> int:
        """The number of the present state: the app remembers the cursor of each state."""
        return self._present.serial

    def apply(self, meeting: Meeting, description: str) -> None:
        """Make `meeting` the present, as the edit `description` ("move item 3 up"). What
        could be redone is dropped. An edit that changed nothing is not recorded."""
        if meeting == self._present.meeting:
            return
        after = _State(meeting, next(self._serials))
        self._undo.append(_Step(self._present, after, description))
        self._redo.clear()
        self._present = after

    def undo(self) -> Meeting:
        """Go back one edit; the new present. NothingToUndo when there is none."""
        if not self._undo:
            raise NothingToUndo()
        step = self._undo.pop()
        self._redo.append(step)
        self._present = step.before
        return self.present

    def redo(self) -> Meeting:
        """Do again the edit last undone; the new present. NothingToRedo when there is none."""
        if not self._redo:
            raise NothingToRedo()
        step = self._redo.pop()
        self._undo.append(step)
        self._present = step.after
        return self.present

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_description(self) -> str | None:
        """What undo would undo ("move item 3 up"), or None."""
        return self._undo[-1].description if self._undo else None

    @property
    def redo_description(self) -> str | None:
        """What redo would do again, or None."""
        return self._redo[-1].description if self._redo else None

    def mark_saved(self, stored: Meeting | None = None) -> None:
        """The present is what the workspace now holds. `stored` (the meeting as the
        workspace gave it back) replaces the present without becoming an edit of its own."""
        if stored is not None:
            present = self._present = _State(stored, self._present.serial)
            if self._undo:
                last = self._undo.pop()
                self._undo.append(_Step(last.before, present, last.description))
            if self._redo:
                following = self._redo.pop()
                self._redo.append(_Step(present, following.after, following.description))
        self.saved_at = self._present.serial

    @property
    def is_saved(self) -> bool:
        return self.saved_at == self._present.serial
