"""Wall-clock arithmetic in a meeting's time zone, correct across daylight-saving changes.

Durations are added in UTC and shown in local time: a 60-minute item that starts at 01:30 on
the night the clocks go forward ends at 03:30, not 02:30.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def check_time_zone(name: str) -> str:
    try:
        zone(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"unknown time zone {name!r}: use an IANA name such as Europe/Oslo"
        ) from None
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


def at(day: date, clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


def add_minutes(moment: datetime, minutes: int) -> datetime:
    return (moment.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(moment.tzinfo)


def minutes_between(earlier: datetime, later: datetime) -> int:
    # Subtracting two times that share a tzinfo ignores the offset: go through UTC.
    elapsed = later.astimezone(UTC) - earlier.astimezone(UTC)
    return round(elapsed.total_seconds() / 60)
