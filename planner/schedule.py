"""Agenda arithmetic: the clock time and number of every item, and what does not fit.

Items run from the day's start one after another; an item with a fixed `start` is an anchor
the items before it must fit. Durations are added in elapsed time, so the times are right on
the days the clocks change, and times are compared as instants (`clock.before`), never by
their wall-clock reading: on the night the clocks go back, an item at the second 02:30 is an
hour after one at the first 02:30. Sub-items follow each other inside their item, or, for a
`parallel` item, all start with it as tracks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from planner.model import clock
from planner.model.agenda import AgendaItem
from planner.model.meeting import Meeting


class WarningKind(StrEnum):
    OVERLAP = "overlap"
    GAP = "gap"
    BEFORE_START = "before_start"
    OUTSIDE_DATES = "outside_dates"
    OVERRUN = "overrun"
    SUB_ITEMS_OVERRUN = "sub_items_overrun"


@dataclass(frozen=True)
class ScheduledItem:
    item: AgendaItem
    path: tuple[int, ...]
    """Index of the item in the agenda, then in its parent's sub-items: (1, 0) is 2.1's place."""
    number: str | None
    day: int
    start: datetime
    end: datetime

    @property
    def depth(self) -> int:
        return len(self.path) - 1

    @property
    def minutes(self) -> int:
        return clock.minutes_between(self.start, self.end)

    @property
    def label(self) -> str:
        """How messages name the item: its number, else its place."""
        return f"item {self.number}" if self.number else f"the item at {self.start:%H:%M}"


@dataclass(frozen=True)
class ScheduleWarning:
    kind: WarningKind
    path: tuple[int, ...] | None
    message: str


@dataclass
class Schedule:
    meeting: Meeting
    items: list[ScheduledItem] = field(default_factory=list)
    warnings: list[ScheduleWarning] = field(default_factory=list)

    @property
    def end(self) -> datetime | None:
        return max((entry.end for entry in self.items), key=clock.instant, default=None)

    def on_day(self, day: int) -> list[ScheduledItem]:
        return [entry for entry in self.items if entry.day == day]

    @property
    def days(self) -> list[tuple[int, date]]:
        """The agenda's days in order, with their dates."""
        seen = sorted({entry.day for entry in self.items})
        return [(day, self.meeting.date_of_day(day)) for day in seen]


def build_schedule(meeting: Meeting) -> Schedule:
    """Work out every item's times and numbers, and warn about what does not fit."""
    builder = _Builder(meeting)
    builder.run()
    return builder.schedule


class _Builder:
    def __init__(self, meeting: Meeting):
        self.meeting = meeting
        self.schedule = Schedule(meeting)
        self.tz = meeting.zone

    def warn(self, kind: WarningKind, path: tuple[int, ...] | None, message: str) -> None:
        self.schedule.warnings.append(ScheduleWarning(kind, path, message))

    def run(self) -> None:
        meeting = self.meeting
        day, cursor, counter = 1, meeting.start, 0
        previous: ScheduledItem | None = None
        for index, item in enumerate(meeting.agenda):
            if item.day is not None and item.day > day:
                day, previous = item.day, None
                cursor = self.at(day, item.start, near=None) if item.start else cursor
                self.check_day(day, (index,))
            number = None
            if item.is_numbered:
                counter += 1
                number = str(counter)
            start = self.anchor(item, day, cursor, previous, (index,))
            if index == 0 and clock.before(meeting.start, start):
                self.warn(
                    WarningKind.GAP,
                    (index,),
                    f"{clock.minutes_between(meeting.start, start)} min with nothing planned "
                    f"between the meeting's start ({meeting.start:%H:%M}) and "
                    f"{self.describe(item)} ({start:%H:%M})",
                )
            entries = self.place(item, (index,), number, day, start)
            self.schedule.items.extend(entries)
            if day == 1 and clock.before(start, meeting.start):
                self.warn(
                    WarningKind.BEFORE_START,
                    (index,),
                    f"{entries[0].label} starts at {start:%H:%M}, before the meeting starts "
                    f"({meeting.start:%H:%M})",
                )
            cursor, previous = entries[0].end, entries[0]
        self.check_end()

    def check_day(self, day: int, path: tuple[int, ...]) -> None:
        if day > self.meeting.day_count:
            self.warn(
                WarningKind.OUTSIDE_DATES,
                path,
                f"day {day} ({self.meeting.date_of_day(day):%Y-%m-%d}) is after the "
                f"meeting's last day ({self.meeting.end:%Y-%m-%d})",
            )

    def at(self, day: int, start: time, near: datetime | None) -> datetime:
        """`start` on agenda day `day`; a time that happens twice is the one nearer `near`."""
        return clock.at(self.meeting.date_of_day(day), start, self.tz, near)

    def anchor(
        self,
        item: AgendaItem,
        day: int,
        cursor: datetime,
        previous: ScheduledItem | None,
        path: tuple[int, ...],
    ) -> datetime:
        """Where the item starts: its fixed time, else where the one before it ended."""
        if item.start is None:
            return cursor
        fixed = self.at(day, item.start, near=cursor)
        if previous is None:
            return fixed
        name = f"item {previous.number}" if previous.number else self.describe(previous.item)
        if clock.before(fixed, previous.end):
            late = clock.minutes_between(fixed, previous.end)
            self.warn(
                WarningKind.OVERLAP,
                path,
                f"{self.describe(item)} starts at {fixed:%H:%M}, {late} min before {name} "
                f"ends ({previous.end:%H:%M})",
            )
        elif clock.before(previous.end, fixed):
            idle = clock.minutes_between(previous.end, fixed)
            self.warn(
                WarningKind.GAP,
                path,
                f"{idle} min with nothing planned between {name} ({previous.end:%H:%M}) "
                f"and {self.describe(item)} ({fixed:%H:%M})",
            )
        return fixed

    def describe(self, item: AgendaItem) -> str:
        title = self.meeting.text(item.title) or item.kind.value.replace("_", " ")
        return f"“{title}”"

    def place(
        self, item: AgendaItem, path: tuple[int, ...], number: str | None, day: int, start: datetime
    ) -> list[ScheduledItem]:
        """The item's entry followed by those of its sub-items, in document order."""
        children = self.place_children(item, path, number, day, start)
        children_end = max(
            (c.end for c in children if len(c.path) == len(path) + 1),
            key=clock.instant,
            default=None,
        )
        if item.duration is not None:
            end = clock.add_minutes(start, item.duration)
            if children_end is not None and clock.before(end, children_end):
                over = clock.minutes_between(end, children_end)
                self.warn(
                    WarningKind.SUB_ITEMS_OVERRUN,
                    path,
                    f"the sub-items of {self.describe(item)} run {over} min past its "
                    f"{item.duration} min (to {children_end:%H:%M})",
                )
        else:
            end = children_end or start
        return [ScheduledItem(item, path, number, day, start, end), *children]

    def place_children(
        self, item: AgendaItem, path: tuple[int, ...], number: str | None, day: int, start: datetime
    ) -> list[ScheduledItem]:
        cursor, previous, counter = start, None, 0
        entries: list[ScheduledItem] = []
        for index, child in enumerate(item.items):
            child_number = None
            if number and child.is_numbered:
                counter += 1
                child_number = f"{number}.{counter}"
            child_path = (*path, index)
            if item.parallel:
                child_start = self.at(day, child.start, near=start) if child.start else start
            else:
                child_start = self.anchor(child, day, cursor, previous, child_path)
            placed = self.place(child, child_path, child_number, day, child_start)
            entries.extend(placed)
            if not item.parallel:
                cursor, previous = placed[0].end, placed[0]
        return entries

    def check_end(self) -> None:
        meeting, end = self.meeting, self.schedule.end
        if end is None:
            return
        last = max(
            (e for e in self.schedule.items if e.depth == 0), key=lambda e: clock.instant(e.end)
        )
        if clock.before(meeting.end, end):
            over = clock.minutes_between(meeting.end, end)
            self.warn(
                WarningKind.OVERRUN,
                last.path,
                f"the agenda ends at {end:%H:%M}, {format_minutes(over)} after the meeting "
                f"ends ({meeting.end:%H:%M})",
            )
        elif clock.before(end, meeting.end) and last.day == meeting.day_count:
            idle = clock.minutes_between(end, meeting.end)
            self.warn(
                WarningKind.GAP,
                last.path,
                f"{format_minutes(idle)} with nothing planned between the end of the agenda "
                f"({end:%H:%M}) and the meeting's end ({meeting.end:%H:%M})",
            )


def format_minutes(minutes: int) -> str:
    """95 -> '1 h 35 min', 45 -> '45 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
