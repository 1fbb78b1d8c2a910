"""The state of recording one meeting's minutes in the app: what is stored (with its
version), what the rules accepted of what was typed, and what they refused, kept as typed
until it is put right. The app's minutes screen holds one and shows it; everything here
works without Textual.

    editing = MinutesEditing(meeting, workspace.get_minutes(slug))
    editing.take(Typed(present="Ola; Per"), item, Typed(decision="Vedtatt."))
    editing.problem            -> '' (or why something typed was refused)
    editing.is_saved           -> False: save `editing.minutes` at `editing.stored.version`

Names are typed separated by `;` ("Per Hansen; Lise Berg").
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from planner.errors import PlannerError
from planner.minutes.items import MinutesItem, minutes_items, placed
from planner.minutes.kept import keep_aside
from planner.minutes.recording import record_attendance, record_item, undecided_cases
from planner.model import Meeting
from planner.model.minutes import ItemMinutes, Minutes
from planner.store.records import StoredMinutes

ATTENDANCE = ""
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

    def written(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def names(text: str) -> list[str]:
    """'Per Hansen; Lise Berg' -> ['Per Hansen', 'Lise Berg'] (a new line separates too)."""
    return [name.strip() for name in text.replace("\n", ";").split(";") if name.strip()]


class MinutesEditing:
    def __init__(self, meeting: Meeting, stored: StoredMinutes):
        self.meeting = meeting
        self.items = minutes_items(meeting)
        self.stored = stored
        self.minutes = stored.minutes
        """Every edit the rules accepted: what is saved."""
        self.refused: dict[str, Typed] = {}
        self.problem = ""
        """Why the last thing typed was refused, or ""."""

    # -- what there is ---------------------------------------------------------------------

    def first(self) -> MinutesItem | None:
        """Where to start: the first case with no decision yet, else the first item."""
        undecided = undecided_cases(self.meeting, self.minutes)
        return undecided[0] if undecided else (self.items[0] if self.items else None)

    def attendance(self) -> Typed:
        recorded = Typed(present="; ".join(self.minutes.present),
                         absent="; ".join(self.minutes.absent))  # fmt: skip
        return self.refused.get(ATTENDANCE) or recorded

    def typed_for(self, item: MinutesItem) -> Typed:
        """What the item's fields show: its refused text, else what is recorded."""
        at, _ = placed(self.meeting, self.minutes, self.items)
        return self.refused.get(item.reference) or Typed.of(at.get(item.path))

    def marks(self) -> list[str]:
        """Each item's mark: '!' refused text, '✓' a decision, '·' something recorded."""
        at, _ = placed(self.meeting, self.minutes, self.items)
        marks = []
        for item in self.items:
            entry = at.get(item.path)
            if item.reference in self.refused:
                marks.append("!")
            elif entry is not None and entry.decision:
                marks.append("✓")
            else:
                marks.append("·" if entry is not None else " ")
        return marks

    @property
    def is_saved(self) -> bool:
        return not self.refused and self.minutes == self.stored.minutes

    # -- changing it ---------------------------------------------------------------------

    def take(self, attendance: Typed, item: MinutesItem | None, typed: Typed) -> None:
        """What the fields hold, through the rules, into the minutes; what a rule refuses is
        kept as typed, and `problem` says why."""
        self.problem = ""
        minutes = self.minutes
        try:
            minutes = record_attendance(
                self.meeting,
                minutes,
                present=names(attendance.present),
                absent=names(attendance.absent),
            )
            self.refused.pop(ATTENDANCE, None)
        except PlannerError as error:
            self.refused[ATTENDANCE] = attendance
            self.problem = str(error)
        if item is not None:
            minutes = self._take_item(minutes, item, typed)
        self.minutes = minutes

    def _take_item(self, minutes: Minutes, item: MinutesItem, typed: Typed) -> Minutes:
        try:
            recorded = record_item(
                self.meeting,
                minutes,
                item.reference,
                decision=typed.decision,
                proceedings=typed.proceedings,
                disqualified=names(typed.disqualified),
                present=names(typed.present),
                absent=names(typed.absent),
            )
        except PlannerError as error:
            self.refused[item.reference] = typed
            self.problem = self.problem or str(error)
            return minutes
        self.refused.pop(item.reference, None)
        return recorded

    def saved(self, stored: StoredMinutes) -> None:
        self.stored = stored

    def keep_aside(self) -> str:
        """Everything not saved, accepted or refused, in a file in `unsaved/`; its path."""
        typed = {
            reference or "attendance": text.written() for reference, text in self.refused.items()
        }
        return keep_aside(self.meeting.slug, self.minutes, typed)
