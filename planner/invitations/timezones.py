"""One compact VTIMEZONE per zone, as Outlook, Google, Apple and Thunderbird all read it.

icalendar's `add_missing_timezones()` writes every transition from 1970 to 2038 as RDATE lists
with two STANDARD blocks; Outlook can shift such events by an hour. A calendar from Planner
describes a zone the way Outlook writes one itself: one STANDARD and one DAYLIGHT block, each
with a yearly rule, derived from zoneinfo and checked against it:

    BEGIN:VTIMEZONE
    TZID:Europe/Oslo
    BEGIN:STANDARD
    DTSTART:19961027T030000
    RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
    TZOFFSETFROM:+0200
    TZOFFSETTO:+0100
    TZNAME:CET
    END:STANDARD
    BEGIN:DAYLIGHT
    ...

A rule is the simplest that gives zoneinfo's transitions: the last or the n-th weekday of the
month (BYDAY=-1SU, BYDAY=2SU), else a weekday within seven days of the month (Greenland
changes its clocks on the Saturday before the last Sunday: BYDAY=SA;BYMONTHDAY=24,...,30). Its
DTSTART is the first year since 1970 from which the rule has held without a break (so it is in
force before the meeting's year begins). A zone without daylight saving time gets one STANDARD
block. A year no yearly rule describes (the year a zone changed its rules, as Greenland did in
2023) gets each of that year's transitions as its own block.

Every result is checked for the years asked: its transitions must be zoneinfo's, to the
second, and the offset in force at the start of each year must be zoneinfo's. Each zone is
built once per set of years and kept (`vtimezone` is cached), not once per message.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from icalendar import Timezone

EARLIEST_YEAR = 1970
_EVER = datetime(1, 1, 1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    """A moment the zone's clocks change: when (UTC), and the offsets before and after."""

    at: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    """The zone's abbreviation after the change: 'CEST', 'EET', '-01'."""
    daylight: bool

    @property
    def local_start(self) -> datetime:
        """The wall-clock time the change happens at, read on the clock before it (a
        VTIMEZONE's DTSTART): 02:00 when Oslo moves to summer time, 03:00 when it leaves."""
        return (self.at + self.offset_from).replace(tzinfo=None)


@dataclass(frozen=True)
class YearlyRule:
    """A transition that recurs every year: in `month`, on `weekday` (0 Monday), either the
    `nth` of the month (-1 the last) or the one within `days` of the month."""

    month: int
    weekday: int
    at: time
    nth: int | None = None
    days: tuple[int, ...] = ()

    def day_in(self, year: int) -> date:
        matching = [
            day
            for day in range(1, calendar.monthrange(year, self.month)[1] + 1)
            if date(year, self.month, day).weekday() == self.weekday
        ]
        if self.nth is not None:
            day = matching[self.nth if self.nth < 0 else self.nth - 1]
        else:
            day = next(day for day in matching if day in self.days)
        return date(year, self.month, day)

    def local_start(self, year: int) -> datetime:
        return datetime.combine(self.day_in(year), self.at)

    @property
    def rrule(self) -> dict[str, object]:
        weekday = _WEEKDAYS[self.weekday]
        if self.nth is not None:
            return {"FREQ": "YEARLY", "BYMONTH": self.month, "BYDAY": f"{self.nth}{weekday}"}
        return {
            "FREQ": "YEARLY",
            "BYMONTH": self.month,
            "BYDAY": weekday,
            "BYMONTHDAY": list(self.days),
        }


@dataclass(frozen=True)
class Observance:
    """One STANDARD or DAYLIGHT block: from `start` (local, on the clock before), the offset
    `offset_to`, repeated yearly by `rule` when it has one."""

    start: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool
    rule: YearlyRule | None = None


def vtimezone(zone_name: str, years: tuple[int, ...]) -> Timezone:
    """The VTIMEZONE of `zone_name` for events in `years`, built once and kept."""
    return _built(zone_name, tuple(sorted(set(years))))


@cache
def _built(zone_name: str, years: tuple[int, ...]) -> Timezone:
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    component = Timezone()
    component.add("tzid", zone_name)
    for observance in observances(zone_name, years):
        block = TimezoneDaylight() if observance.daylight else TimezoneStandard()
        block.add("dtstart", observance.start)
        if observance.rule is not None:
            block.add("rrule", observance.rule.rrule)
        block.add("tzoffsetfrom", observance.offset_from)
        block.add("tzoffsetto", observance.offset_to)
        block.add("tzname", observance.name)
        component.add_component(block)
    return component


@cache
def observances(zone_name: str, years: tuple[int, ...]) -> tuple[Observance, ...]:
    """The blocks of the zone's VTIMEZONE for `years`, checked against zoneinfo."""
    zone = ZoneInfo(zone_name)
    found = {year: transitions(zone, year) for year in years}
    changes = [t for year in years for t in found[year]]
    if not changes:
        return (_constant(zone, years[0]),)
    yearly = _yearly(zone, years, found)
    if yearly is not None and _agrees(zone, years, yearly):
        return yearly
    return _one_by_one(zone, years, changes)


def transitions(zone: ZoneInfo, year: int) -> list[Transition]:
    """Every change of the zone's UTC offset (or of its abbreviation) during `year`, to the
    second, read from zoneinfo."""
    found = []
    day = datetime(year, 1, 1, tzinfo=UTC) - timedelta(hours=14)
    end = datetime(year + 1, 1, 1, tzinfo=UTC) + timedelta(hours=14)
    before = _state(zone, day)
    while day < end:
        after_day = day + timedelta(days=1)
        after = _state(zone, after_day)
        if after != before:
            moment = _bisect(zone, day, after_day, before)
            local = (moment + before[0]).year
            if local == year:
                found.append(_transition(zone, moment, before[0]))
        day, before = after_day, after
    return found


def _state(zone: ZoneInfo, moment: datetime) -> tuple[timedelta, str, bool]:
    local = moment.astimezone(zone)
    offset = local.utcoffset() or timedelta(0)
    return offset, local.tzname() or "", bool(local.dst())


def _bisect(
    zone: ZoneInfo, low: datetime, high: datetime, before: tuple[timedelta, str, bool]
) -> datetime:
    """The first second in (low, high] at which the zone's state is no longer `before`."""
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle <= low:
            middle = low + timedelta(seconds=1)
        if _state(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high


def _transition(zone: ZoneInfo, moment: datetime, offset_from: timedelta) -> Transition:
    offset_to, name, daylight = _state(zone, moment)
    return Transition(moment, offset_from, offset_to, name, daylight)


def _constant(zone: ZoneInfo, year: int) -> Observance:
    offset, name, daylight = _state(zone, datetime(year, 7, 1, tzinfo=UTC))
    return Observance(datetime(EARLIEST_YEAR, 1, 1), offset, offset, name, daylight)


def _yearly(
    zone: ZoneInfo, years: tuple[int, ...], found: dict[int, list[Transition]]
) -> tuple[Observance, ...] | None:
    """One STANDARD and one DAYLIGHT block with yearly rules, if each year in `years` has
    exactly one change into and one out of daylight saving time."""
    blocks = []
    for daylight in (False, True):
        kind = [[t for t in found[year] if t.daylight == daylight] for year in years]
        if any(len(changes) != 1 for changes in kind):
            return None
        first = kind[0][0]
        if any(
            (t.offset_from, t.offset_to, t.name) != (first.offset_from, first.offset_to, first.name)
            for [t] in kind
        ):
            return None
        rule = _rule_for(zone, first, years)
        if rule is None:
            return None
        since = _held_since(zone, rule, first, years[0])
        blocks.append(
            Observance(
                rule.local_start(since),
                first.offset_from,
                first.offset_to,
                first.name,
                daylight,
                rule,
            )
        )
    return tuple(blocks)


def _rule_for(zone: ZoneInfo, change: Transition, years: tuple[int, ...]) -> YearlyRule | None:
    """The simplest yearly rule that puts the change where zoneinfo has it in every year in
    `years` (and, among equals, in the most years around them)."""
    local = change.local_start
    month, weekday, at = local.month, local.weekday(), local.time()
    last_day = calendar.monthrange(local.year, month)[1]
    candidates = []
    if local.day + 7 > last_day:
        candidates.append(YearlyRule(month, weekday, at, nth=-1))
    if local.day <= 28:
        candidates.append(YearlyRule(month, weekday, at, nth=(local.day - 1) // 7 + 1))
    for first_day in range(max(1, local.day - 6), min(local.day, last_day - 6) + 1):
        days = tuple(range(first_day, first_day + 7))
        candidates.append(YearlyRule(month, weekday, at, days=days))
    fitting = [rule for rule in candidates if all(_holds(zone, rule, change, y) for y in years)]
    if not fitting:
        return None
    around = range(years[0] - 10, years[-1] + 11)
    return max(fitting, key=lambda rule: sum(_holds(zone, rule, change, y) for y in around))


def _holds(zone: ZoneInfo, rule: YearlyRule, change: Transition, year: int) -> bool:
    """Whether zoneinfo changes from `change`'s offset to its other exactly at the rule's
    moment in `year`."""
    if year < EARLIEST_YEAR:
        return False
    moment = (rule.local_start(year) - change.offset_from).replace(tzinfo=UTC)
    just_before = _state(zone, moment - timedelta(seconds=1))
    at = _state(zone, moment)
    return (just_before[0], at[0], at[1]) == (change.offset_from, change.offset_to, change.name)


def _held_since(zone: ZoneInfo, rule: YearlyRule, change: Transition, first_year: int) -> int:
    """The first year of the unbroken run of years up to `first_year` in which the rule holds,
    and at most the year before `first_year`, so the rule is in force when that year begins."""
    year = first_year
    while year - 1 >= EARLIEST_YEAR and _holds(zone, rule, change, year - 1):
        year -= 1
    return min(year, max(first_year - 1, EARLIEST_YEAR))


def _one_by_one(
    zone: ZoneInfo, years: tuple[int, ...], changes: list[Transition]
) -> tuple[Observance, ...]:
    """Each change in `years` as its own block, after one that gives the offset in force
    when the first year begins."""
    opening = datetime(years[0], 1, 1, tzinfo=UTC) - timedelta(hours=14)
    offset, name, daylight = _state(zone, opening)
    blocks = [Observance(datetime(EARLIEST_YEAR, 1, 1), offset, offset, name, daylight)]
    blocks += [
        Observance(t.local_start, t.offset_from, t.offset_to, t.name, t.daylight) for t in changes
    ]
    return tuple(blocks)


def _agrees(zone: ZoneInfo, years: tuple[int, ...], blocks: tuple[Observance, ...]) -> bool:
    """Whether the blocks give zoneinfo's transitions in `years`, and its offset when each of
    those years begins."""
    for year in years:
        expected = [(t.local_start, t.offset_to) for t in transitions(zone, year)]
        given = sorted(
            (block.rule.local_start(year), block.offset_to)
            for block in blocks
            if block.rule is not None
        )
        if given != sorted(expected):
            return False
        # The block in force when the year begins is the one that last changed the clocks the
        # year before.
        in_force = max(blocks, key=lambda b: b.rule.local_start(year - 1) if b.rule else _EVER)
        start = datetime(year, 1, 1, tzinfo=UTC) - in_force.offset_to
        if in_force.offset_to != _state(zone, start)[0]:
            return False
    return True
