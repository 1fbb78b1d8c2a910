"""Wall-clock arithmetic in a meeting's time zone, correct across daylight-saving changes.

Durations are added in UTC and shown in local time: a 60-minute item that starts at 01:30 on
the night the clocks go forward ends at 03:30, not 02:30.

Compare moments with `instant` (or `before`), never with `<` on local times: Python compares
two datetimes that share a tzinfo by their wall-clock reading and ignores `fold`, so on the
night the clocks go back the second 02:30 (UTC+1) would count as equal to the first (UTC+2),
and 02:45 in summer time as later than 02:15 in winter time, an hour after it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from planner.words import Words


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def check_time_zone(name: str) -> str:
    try:
        zone(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(Words("model_time.unknown_zone", name=repr(name))) from None
    return name


def localise(moment: datetime, tz: ZoneInfo) -> datetime:
    """A naive time is read as wall-clock time in `tz`; an aware one is converted to `tz`."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz)
    return moment.astimezone(tz)


def exists(moment: datetime) -> bool:
    """False for a wall-clock time skipped when the clocks go forward (02:30 in spring)."""
    round_trip = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None, fold=0) == moment.replace(tzinfo=None, fold=0)


def is_ambiguous(moment: datetime) -> bool:
    """True for a wall-clock time that happens twice when the clocks go back (02:30 in autumn)."""
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()


def instant(moment: datetime) -> datetime:
    """The moment in UTC: what to compare, sort or take the max of."""
    return moment.astimezone(UTC)


def before(earlier: datetime, later: datetime) -> bool:
    """True if `earlier` happens before `later` (compared as instants, across clock changes)."""
    return instant(earlier) < instant(later)


def at(day: date, clock: time, tz: ZoneInfo, near: datetime | None = None) -> datetime:
    """Wall-clock `clock` on `day` in `tz`.

    A time that happens twice (02:30 on the night the clocks go back) is the first one,
    unless `near` is given: then the one nearer to it, so an item fixed at 02:30 right after
    the second 02:30 is the second one.
    """
    moment = datetime.combine(day, clock.replace(tzinfo=None, fold=0), tzinfo=tz)
    if near is None or not is_ambiguous(moment):
        return moment
    second = moment.replace(fold=1)
    distance_first = abs(instant(moment) - instant(near))
    distance_second = abs(instant(second) - instant(near))
    return second if distance_second < distance_first else moment


def add_minutes(moment: datetime, minutes: int) -> datetime:
    return (moment.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(moment.tzinfo)


def minutes_between(earlier: datetime, later: datetime) -> int:
    # Subtracting two times that share a tzinfo ignores the offset: go through UTC.
    elapsed = later.astimezone(UTC) - earlier.astimezone(UTC)
    return round(elapsed.total_seconds() / 60)


def named_time(moment: datetime, tz: ZoneInfo | None = None, *, seconds: bool = False) -> str:
    """A moment as the user reads it, in one zone and naming it: the meeting's zone where
    there is a meeting ('2026-12-04 10:15 Europe/Oslo'), else UTC ('2026-12-04 09:15 UTC').
    A time that happens twice (the night the clocks go back) adds its offset:
    '2024-10-27 02:30 Europe/Oslo (UTC+01:00)'. What conflicts, the log and export stamps say.
    """
    local = moment.astimezone(tz or UTC)
    text = f"{local:%Y-%m-%d %H:%M:%S}" if seconds else f"{local:%Y-%m-%d %H:%M}"
    text += f" {tz}" if tz is not None else " UTC"
    if tz is not None and is_ambiguous(local):
        text += f" (UTC{local.isoformat(timespec='minutes')[-6:]})"
    return text
