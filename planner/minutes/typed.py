"""The minutes as a secretary types them: what the fields of the attendance and of each item
hold (`Typed`), taken through the rules into the minutes, and what the rules refused kept as
typed until it is put right. The app's minutes screen shows a `Recording` and edits it
through a `MinutesSheet`; the editing session saves its minutes (`planner.editing.minutes`).
Everything here works without Textual and without a workspace.

    sheet = MinutesSheet(meeting)
    recording = sheet.take(Recording(minutes), Typed(present="Ola; Per"), item,
                           Typed(decision="Vedtatt."))   # None: a part left as it was
    recording.problem      -> None (or why something typed was refused)
    recording.saved_part() -> the minutes the rules accepted, without what they refused

Names are typed separated by `;` ("Per Hansen; Lise Berg").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from planner.errors import PlannerError
from planner.minutes.items import MinutesItem, minutes_items, placed
from planner.minutes.recording import record_attendance, record_item, undecided_cases
from planner.model import Meeting
from planner.model.minutes import ItemMinutes, Minutes

ATTENDANCE = "attendance"
"""The key of the attendance among what was refused (items are keyed by reference)."""


@dataclass(frozen=True)
class Typed:
    """What the fields of the attendance or of one item hold, as typed."""

    decision: str = ""
    proceedings: str = ""
    disqualified: str = ""
    present: str = ""
    absent: str = ""

    @classmethod
    def of(cls, entry: ItemMinutes | None) -> Typed:
        if entry is None:
            return cls()
        return cls(
            entry.decision or "",
            entry.proceedings or "",
            "; ".join(entry.disqualified),
            "; ".join(entry.present),
            "; ".join(entry.absent),
        )

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> Typed:
        """Back from `written()` (a file kept aside): fields it does not know are left out."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in known and v is not None})

    def written(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def names(text: str) -> list[str]:
    """'Per Hansen; Lise Berg' -> ['Per Hansen', 'Lise Berg'] (a new line separates too)."""
    return [name.strip() for name in text.replace("\n", ";").split(";") if name.strip()]


@dataclass(frozen=True)
class Recording:
    """The user's version of a meeting's minutes: what the rules accepted, and what they
    refused as typed (by item reference, `ATTENDANCE` for the attendance) with why."""

    minutes: Minutes
    refused: tuple[tuple[str, Typed], ...] = ()
    problem: PlannerError | None = field(default=None, compare=False)
    """Why the last thing typed was refused."""

    def typed(self, key: str) -> Typed | None:
        return next((typed for k, typed in self.refused if k == key), None)

    def saved_part(self) -> tuple[Recording, PlannerError | None]:
        """What the workspace can hold (the accepted minutes), and why the rest cannot be."""
        if not self.refused:
            return self, None
        return Recording(self.minutes), self.problem


class MinutesSheet:
    """A meeting's minutes as the screen shows them: its items, what each shows, and what
    typing into them makes of a `Recording`."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.items = minutes_items(meeting)

    def first(self, recording: Recording) -> MinutesItem | None:
        """Where to start: the first case with no decision yet, else the first item."""
        undecided = undecided_cases(self.meeting, recording.minutes)
        return undecided[0] if undecided else (self.items[0] if self.items else None)

    def attendance(self, recording: Recording) -> Typed:
        minutes = recording.minutes
        recorded = Typed(present="; ".join(minutes.present), absent="; ".join(minutes.absent))
        return recording.typed(ATTENDANCE) or recorded

    def typed_for(self, recording: Recording, item: MinutesItem) -> Typed:
        """What the item's fields show: its refused text, else what is recorded."""
        at, _ = placed(self.meeting, recording.minutes, self.items)
        return recording.typed(item.reference) or Typed.of(at.get(item.path))

    def marks(self, recording: Recording) -> list[str]:
        """Each item's mark: '!' refused text, '✓' a decision, '·' something recorded."""
        at, _ = placed(self.meeting, recording.minutes, self.items)
        marks = []
        for item in self.items:
            entry = at.get(item.path)
            if recording.typed(item.reference) is not None:
                marks.append("!")
            elif entry is not None and entry.decision:
                marks.append("✓")
            else:
                marks.append("·" if entry is not None else " ")
        return marks

    def take(
        self,
        recording: Recording,
        attendance: Typed | None,
        item: MinutesItem | None,
        typed: Typed | None,
    ) -> Recording:
        """What was typed (None: a part left as it was), through the rules, into the minutes;
        what a rule refuses is kept as typed, and `problem` says why. Text refused before is
        tried again, as something typed since may have put it right (the attendance)."""
        minutes, refused = recording.minutes, dict(recording.refused)
        problems: list[PlannerError] = []
        if attendance is not None:
            refused[ATTENDANCE] = attendance
        if item is not None and typed is not None:
            refused[item.reference] = typed
        if ATTENDANCE in refused:
            try:
                minutes = self._attendance(minutes, refused[ATTENDANCE])
                del refused[ATTENDANCE]
            except PlannerError as error:
                problems.append(error)
        for reference in [key for key in refused if key != ATTENDANCE]:
            try:
                minutes = self._item(minutes, reference, refused[reference])
                del refused[reference]
            except PlannerError as error:
                problems.append(error)
        return Recording(minutes, tuple(refused.items()), problems[0] if problems else None)

    def _attendance(self, minutes: Minutes, typed: Typed) -> Minutes:
        present, absent = names(typed.present), names(typed.absent)
        return record_attendance(self.meeting, minutes, present=present, absent=absent)

    def _item(self, minutes: Minutes, reference: str, typed: Typed) -> Minutes:
        return record_item(
            self.meeting,
            minutes,
            reference,
            decision=typed.decision,
            proceedings=typed.proceedings,
            disqualified=names(typed.disqualified),
            present=names(typed.present),
            absent=names(typed.absent),
        )
