"""Date-times: one type, `LocalDateTime`, for every moment in the model.

A date-time is a `datetime` (from Python code) or text (from a file) matching one regular
expression, `DATE_TIME_PATTERN`:

    2018-11-20 09:00          date, a space or T, hours and minutes (two digits each)
    2018-11-20T09:00:30.5     optional seconds, and a fraction of a second after them
    2018-11-20 09:00+01:00    optional UTC offset, or Z for UTC

The year is between MIN_YEAR (1900) and MAX_YEAR (2199), and the date is in the calendar
(2024-02-29 is, 2023-02-29 is not); the JSON Schema uses the same expression, so an editor
accepts exactly what Planner reads. A number (`start: 2024`, "1700000000"), a date without a
time ("2018-11-20") and a boolean are refused, each with a message saying how to write it.

A time without an offset is wall-clock time in the meeting's zone; the meeting reads it there
(`clock.localise`) and refuses one the clocks skip.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from planner.model.limits import MAX_YEAR, MIN_YEAR, shorten, shown
from planner.model.patterns import anchored, compiled
from planner.words import Words

EXAMPLE = "2018-11-20 09:00"


def _year_patterns() -> tuple[str, str]:
    """Every year MIN_YEAR..MAX_YEAR, and the leap years among them, as expressions."""
    assert MIN_YEAR % 100 == 0 and (MAX_YEAR + 1) % 100 == 0, "whole centuries only"
    centuries = range(MIN_YEAR // 100, (MAX_YEAR + 1) // 100)
    years = "(?:" + "|".join(f"{c}" for c in centuries) + ")[0-9]{2}"
    leap = []
    for century in centuries:
        # Years divisible by 4; a century year only when divisible by 400 (2000, not 1900).
        ends = (
            "[02468][048]|[13579][26]"
            if calendar.isleap(century * 100)
            else ("0[48]|[2468][048]|[13579][26]")
        )
        leap.append(f"{century}(?:{ends})")
    return years, "(?:" + "|".join(leap) + ")"


_YEAR, _LEAP_YEAR = _year_patterns()
_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_DATE = f"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,9})?)?"
_OFFSET = "(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"

DATE_TIME_PATTERN = f" *{_DATE}[T ]{_TIME}{_OFFSET}? *"
"""The one expression a date-time written as text must match (spaces around are allowed)."""
_DATE_TIME = compiled(DATE_TIME_PATTERN)

# Only to explain a refusal; never to accept anything.
_DATE_ONLY = re.compile(r" *[0-9]{4}-[0-9]{2}-[0-9]{2} *")
_ROUGH = re.compile(
    r" *(?P<year>-?[0-9]{1,9})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})"
    r"(?:[T ]+(?P<hour>[0-9]{1,2})(?P<separator>[:.])(?P<minute>[0-9]{1,2}).*)? *",
    re.DOTALL,
)


def parse_date_time(value: Any) -> datetime:
    """A `datetime`, or text matching DATE_TIME_PATTERN, as a `datetime`; else ValueError."""
    if isinstance(value, datetime):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            written = value.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
            raise ValueError(_outside(written))
        return value
    if isinstance(value, str):
        if _DATE_TIME.fullmatch(value):
            return datetime.fromisoformat(value.strip())
        raise ValueError(_explain(value))
    if isinstance(value, date):
        raise ValueError(_said("model_time.no_time_of_day", value.isoformat()))
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(_said("model_time.number_not_date", shown(value)))
    raise ValueError(_said("model_time.give_text", value=shown(value)))


def _said(key: str, written: object = "", **values: object) -> Words:
    return Words(key, written=written, example=EXAMPLE, **values)


def _outside(written: str) -> Words:
    return _said("model_time.year_outside", written, first=MIN_YEAR, last=MAX_YEAR)


def _explain(text: str) -> Words:
    """Why `text` is not a date-time, as the secretariat would put it right."""
    written = shorten(repr(text))
    if text.strip().isdigit():
        return _said("model_time.number_not_date", written)
    if _DATE_ONLY.fullmatch(text):
        return _said("model_time.no_time_of_day", written)
    rough = _ROUGH.fullmatch(text)
    if rough is None:
        return _said("model_time.not_date_time", written)
    year, month, day = int(rough["year"]), int(rough["month"]), int(rough["day"])
    if not MIN_YEAR <= year <= MAX_YEAR or len(rough["year"]) != 4:
        return _outside(written)
    try:
        date(year, month, day)
    except ValueError:
        return _said("model_time.no_such_date", written, date=f"{year}-{month:02d}-{day:02d}")
    if len(rough["month"]) != 2 or len(rough["day"]) != 2:
        return _said("model_time.two_digit_date", written)
    if rough["hour"] is None:
        return _said("model_time.no_time_of_day", written)
    hour, minute = int(rough["hour"]), int(rough["minute"])
    if hour > 23 or minute > 59:
        return _said("model_time.not_clock", written, clock=f"{hour}:{minute:02d}")
    if rough["separator"] == "." or len(rough["hour"]) != 2 or len(rough["minute"]) != 2:
        return _said("model_time.two_digit_clock", written)
    return _said("model_time.not_date_time_in_full", written)


LocalDateTime = Annotated[
    datetime,
    BeforeValidator(parse_date_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": anchored(DATE_TIME_PATTERN),
            "description": (
                f"date and time in the meeting's time zone, e.g. {EXAMPLE}; optionally "
                f"with seconds and a UTC offset (2018-11-20T09:00:00+01:00); years "
                f"{MIN_YEAR}–{MAX_YEAR}"
            ),
        }
    ),
]
"""Every date-time of the model: a meeting's start and end, registration times."""

DATE_PATTERN = f" *{_DATE} *"
"""A calendar date alone: 2014-12-04."""
_DATE_ALONE = compiled(DATE_PATTERN)


def parse_start(value: Any) -> datetime | date:
    """A meeting's start: a date-time, or a date alone when the time is not published (the
    meeting then says in `starts_after` what it follows: "etter møtet i formannskapet")."""
    if isinstance(value, date) and not isinstance(value, datetime):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise ValueError(_outside(value.isoformat()))
        return value
    if isinstance(value, str) and _DATE_ALONE.fullmatch(value):
        return date.fromisoformat(value.strip())
    return parse_date_time(value)


MeetingStart = Annotated[
    datetime | date,
    BeforeValidator(parse_start),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": anchored(f"{DATE_TIME_PATTERN}|{DATE_PATTERN}"),
            "description": (
                f"date and time in the meeting's time zone, e.g. {EXAMPLE}; or the date alone "
                "(2014-12-04) when the time is not published and `starts_after` says what "
                "the meeting follows"
            ),
        }
    ),
]
"""A meeting's start: a date-time, or a date whose time of day is not known."""


def parse_date(value: Any) -> date:
    """A calendar date: a `date`, or text such as 2014-10-30."""
    if isinstance(value, datetime):
        raise ValueError(Words("model_time.date_alone", date=value.date().isoformat()))
    if isinstance(value, date):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise ValueError(_outside(value.isoformat()))
        return value
    if isinstance(value, str) and _DATE_ALONE.fullmatch(value):
        return parse_start(value)  # type: ignore[return-value]
    raise ValueError(
        Words("model_time.not_a_date", written=shorten(repr(value)), example="2014-10-30")
    )


CalendarDate = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": anchored(DATE_PATTERN),
            "description": f"a date, e.g. 2014-10-30; years {MIN_YEAR}–{MAX_YEAR}",
        }
    ),
]
"""A date without a time: the day a notice was signed."""
