"""Agenda arithmetic: the clock time and number of every item, and what does not fit.

Items run from the day's start one after another; an item with a fixed `start` is an anchor
the items before it must fit. Durations are added in elapsed time, so the times are right on
the days the clocks change, and times are compared as instants (`clock.before`), never by
their wall-clock reading. Sub-items follow each other inside their item, or, for a `parallel`
item, all start with it as tracks.

Nothing is invented: an item gets a clock time only from its own `start` or from a timed item
before it. An item with neither a start nor a duration (a talk under its timed block, a case
on a council's list) has no time, and neither has an item after a block whose end is not
known. Warnings about gaps and overruns count only what is really timed, and say nothing of a
gap that untimed items may fill.

Warnings carry their facts, not their wording: `planner.agenda.wording` says them in the
language the meeting is printed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from planner.model import clock
from planner.model.agenda import AgendaItem
from planner.model.meeting import Meeting, MeetingKind

Path = tuple[int, ...]


class WarningKind(StrEnum):
    OVERLAP = "overlap"
    GAP = "gap"
    BEFORE_START = "before_start"
    OUTSIDE_DATES = "outside_dates"
    OVERRUN = "overrun"
    SUB_ITEMS_OVERRUN = "sub_items_overrun"
    NO_LINK = "no_link"
    LISTED_TWICE = "listed_twice"
    SAME_CASE_NUMBER = "same_case_number"


class WarningForm(StrEnum):
    """How a warning is worded: its label in the `warning` group of the labels."""

    OVERLAP = "overlap"
    GAP_BETWEEN = "gap_between"
    GAP_AFTER_START = "gap_after_start"
    GAP_BEFORE_END = "gap_before_end"
    BEFORE_START = "before_start"
    OUTSIDE_DATES = "outside_dates"
    OVERRUN = "overrun"
    SUB_ITEMS_OVERRUN = "sub_items_overrun"
    NO_LINK_ONLINE = "no_link_online"
    NO_LINK_HYBRID = "no_link_hybrid"
    LISTED_TWICE = "listed_twice"
    LISTED_TWICE_IN_ITEM = "listed_twice_in_item"
    SAME_CASE_NUMBER = "same_case_number"


@dataclass(frozen=True)
class ScheduledItem:
    item: AgendaItem
    path: Path
    """Index of the item in the agenda, then in its parent's sub-items: (1, 0) is 2.1's place."""
    number: str | None
    """Its number in the programme ("2.1"); None for a break, and for a case (numbered by its
    case number)."""
    day: int
    start: datetime | None
    """None when the item has no time of its own."""
    end: datetime | None
    """None when its end is not known; equal to `start` for a milestone."""

    @property
    def depth(self) -> int:
        return len(self.path) - 1

    @property
    def timed(self) -> bool:
        return self.start is not None

    @property
    def minutes(self) -> int | None:
        """How long it lasts, when that is known (from its times, or its own duration)."""
        if self.start is not None and self.end is not None:
            return clock.minutes_between(self.start, self.end)
        return self.item.duration


@dataclass(frozen=True)
class ScheduleWarning:
    """What does not fit, as facts: `form` names the wording, `facts` fill it in (datetimes,
    minutes, and the paths of the items concerned)."""

    kind: WarningKind
    path: Path | None
    form: WarningForm
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass
class Schedule:
    meeting: Meeting
    items: list[ScheduledItem] = field(default_factory=list)
    warnings: list[ScheduleWarning] = field(default_factory=list)

    @property
    def end(self) -> datetime | None:
        """When the last timed item ends."""
        ends = [entry.end for entry in self.items if entry.end is not None]
        return max(ends, key=clock.instant, default=None)

    def entry(self, path: Path) -> ScheduledItem:
        return next(entry for entry in self.items if entry.path == path)

    def on_day(self, day: int) -> list[ScheduledItem]:
        return [entry for entry in self.items if entry.day == day]

    @property
    def days(self) -> list[tuple[int, date]]:
        """The agenda's days in order, with their dates."""
        seen = sorted({entry.day for entry in self.items})
        return [(day, self.meeting.date_of_day(day)) for day in seen]


def build_schedule(meeting: Meeting) -> Schedule:
    """Work out every item's times and numbers, and warn about what does not fit, and
    about the meeting's other facts worth a warning (`planner.agenda.facts`)."""
    from planner.agenda.facts import meeting_facts  # it builds on this module's warnings

    builder = _Builder(meeting)
    builder.run()
    builder.schedule.warnings += meeting_facts(meeting)
    return builder.schedule


@dataclass
class _Sequence:
    """Where a run of items has got to: the clock, the last timed item, and whether untimed
    items came after it (they may fill a gap, so none is reported)."""

    cursor: datetime | None
    previous: ScheduledItem | None = None
    untimed_since: bool = False

    def follow(self, entry: ScheduledItem) -> None:
        if entry.start is None:
            # It takes time no one has said: what follows has no time unless it sets one.
            self.cursor, self.untimed_since = None, True
            return
        self.cursor, self.previous, self.untimed_since = entry.end, entry, False
        if entry.end is None:
            self.previous = None


class _Builder:
    def __init__(self, meeting: Meeting):
        self.meeting = meeting
        self.schedule = Schedule(meeting)
        self.tz = meeting.zone
        self.first_timed_seen = False

    def warn(self, kind: WarningKind, path: Path | None, form: WarningForm, **facts: Any) -> None:
        self.schedule.warnings.append(ScheduleWarning(kind, path, form, facts))

    def run(self) -> None:
        meeting = self.meeting
        day, counter = 1, 0
        sequence = _Sequence(meeting.start_time)
        for index, item in enumerate(meeting.agenda):
            path = (index,)
            if item.day is not None and item.day > day:
                day = item.day
                sequence = _Sequence(self.at(day, item.start) if item.start else None)
                self.check_day(day, path)
            number = None
            if self.numbered(item):
                counter += 1
                number = str(counter)
            start = self.anchor(item, day, sequence, path)
            entries = self.place(item, path, number, day, start)
            self.schedule.items.extend(entries)
            if start is not None:
                self.check_first(entries[0], day, after_untimed=sequence.untimed_since)
            sequence.follow(entries[0])
        self.check_end(sequence)

    def numbered(self, item: AgendaItem) -> bool:
        """Programmes number their items; a council's case list numbers only its cases (by
        their case numbers), so a briefing there has no number unless it says so."""
        if self.meeting.kind == MeetingKind.COUNCIL_MEETING and item.numbered is None:
            return False
        return item.is_numbered

    def check_first(self, entry: ScheduledItem, day: int, after_untimed: bool) -> None:
        """The first timed item against the meeting's start: nothing planned before it (unless
        untimed items came first and may fill the time), or it begins before the meeting."""
        begins = self.meeting.start_time
        if day != 1 or begins is None or entry.start is None:
            return
        if clock.before(entry.start, begins):
            self.warn(
                WarningKind.BEFORE_START,
                entry.path,
                WarningForm.BEFORE_START,
                item=entry.path,
                at=entry.start,
                meeting_start=begins,
            )
        elif (
            not self.first_timed_seen
            and not after_untimed
            and self.meeting.starts_after is None  # it starts when that ends: no gap to tell
            and clock.before(begins, entry.start)
        ):
            self.warn(
                WarningKind.GAP,
                entry.path,
                WarningForm.GAP_AFTER_START,
                item=entry.path,
                at=entry.start,
                meeting_start=begins,
                minutes=clock.minutes_between(begins, entry.start),
            )
        self.first_timed_seen = True

    def check_day(self, day: int, path: Path) -> None:
        if self.meeting.end is not None and day > self.meeting.day_count:
            self.warn(
                WarningKind.OUTSIDE_DATES,
                path,
                WarningForm.OUTSIDE_DATES,
                day=day,
                date=self.meeting.date_of_day(day),
                last_date=self.meeting.last_date,
            )

    def at(self, day: int, start: time, near: datetime | None = None) -> datetime:
        return clock.at(self.meeting.date_of_day(day), start, self.tz, near=near)

    def anchor(
        self, item: AgendaItem, day: int, sequence: _Sequence, path: Path
    ) -> datetime | None:
        """Where the item starts: its fixed time, else where the timed item before it ended
        (if the item is timed at all); None when it has no time of its own."""
        if item.start is None:
            return sequence.cursor if _takes_time(item) else None
        fixed = self.at(day, item.start, near=sequence.cursor)
        previous = sequence.previous
        if previous is None or previous.end is None:
            return fixed
        if clock.before(fixed, previous.end):
            self.warn(
                WarningKind.OVERLAP,
                path,
                WarningForm.OVERLAP,
                item=path,
                at=fixed,
                previous=previous.path,
                previous_end=previous.end,
                minutes=clock.minutes_between(fixed, previous.end),
            )
        elif clock.before(previous.end, fixed) and not sequence.untimed_since:
            self.warn(
                WarningKind.GAP,
                path,
                WarningForm.GAP_BETWEEN,
                item=path,
                at=fixed,
                previous=previous.path,
                previous_end=previous.end,
                minutes=clock.minutes_between(previous.end, fixed),
            )
        return fixed

    def place(
        self, item: AgendaItem, path: Path, number: str | None, day: int, start: datetime | None
    ) -> list[ScheduledItem]:
        """The item's entry followed by those of its sub-items, in document order."""
        children = self.place_children(item, path, number, day, start)
        own = [c for c in children if len(c.path) == len(path) + 1]
        if any(c.timed and c.end is None for c in own):
            children_end = None
        else:
            ends = [c.end for c in own if c.end is not None]
            children_end = max(ends, key=clock.instant, default=None)
        if start is not None and item.duration is not None:
            end = clock.add_minutes(start, item.duration)
            if children_end is not None and clock.before(end, children_end):
                self.warn(
                    WarningKind.SUB_ITEMS_OVERRUN,
                    path,
                    WarningForm.SUB_ITEMS_OVERRUN,
                    item=path,
                    minutes=clock.minutes_between(end, children_end),
                    duration=item.duration,
                    children_end=children_end,
                )
        elif start is not None:
            end = children_end
        else:
            end = None
        return [ScheduledItem(item, path, number, day, start, end), *children]

    def place_children(
        self, item: AgendaItem, path: Path, number: str | None, day: int, start: datetime | None
    ) -> list[ScheduledItem]:
        sequence, counter = _Sequence(start), 0
        entries: list[ScheduledItem] = []
        for index, child in enumerate(item.items):
            child_number = None
            if number and self.numbered(child):
                counter += 1
                child_number = f"{number}.{counter}"
            child_path = (*path, index)
            if item.parallel:
                fixed = self.at(day, child.start, near=start) if child.start else None
                child_start = fixed or (start if _takes_time(child) else None)
            else:
                child_start = self.anchor(child, day, sequence, child_path)
            placed = self.place(child, child_path, child_number, day, child_start)
            entries.extend(placed)
            if not item.parallel:
                sequence.follow(placed[0])
        return entries

    def check_end(self, sequence: _Sequence) -> None:
        meeting, end = self.meeting, self.schedule.end
        if end is None or meeting.end is None:
            return
        last = max(
            (e for e in self.schedule.items if e.depth == 0 and e.end is not None),
            key=lambda e: clock.instant(e.end),  # type: ignore[arg-type]
        )
        if clock.before(meeting.end, end):
            self.warn(
                WarningKind.OVERRUN,
                last.path,
                WarningForm.OVERRUN,
                agenda_end=end,
                meeting_end=meeting.end,
                minutes=clock.minutes_between(meeting.end, end),
            )
        elif (
            clock.before(end, meeting.end)
            and last.day == meeting.day_count
            and not sequence.untimed_since
        ):
            self.warn(
                WarningKind.GAP,
                last.path,
                WarningForm.GAP_BEFORE_END,
                agenda_end=end,
                meeting_end=meeting.end,
                minutes=clock.minutes_between(end, meeting.end),
            )


def _takes_time(item: AgendaItem) -> bool:
    """Whether an item without a fixed start follows on from the item before it: it has a
    duration, or sub-items that take time."""
    if item.duration is not None:
        return True
    return any(_takes_time(child) or child.start is not None for child in item.items)
