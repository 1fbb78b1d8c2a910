"""The agenda: items with times and durations, speakers, topics and questions to the room."""

from __future__ import annotations

import math
import re
from datetime import time
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from planner.model.limits import (
    MAX_AGENDA_DEPTH,
    MAX_DURATION_MINUTES,
    MAX_MEETING_DAYS,
    show_number,
    shown,
    whole_number,
)
from planner.model.patterns import anchored, any_case, compiled, one_of
from planner.model.problems import Loc, Problems
from planner.model.text import Key, Line, MultilingualLine, MultilingualText, Paragraphs

# Durations. Numbers are bounded in the expression itself (1..1440 minutes, 1..24 hours),
# so every text it matches is a duration Planner accepts, and the schema says so too.
_SPACE = "[ ]?"
_MINUTES = "(?:1440|14[0-3][0-9]|1[0-3][0-9]{2}|[1-9][0-9]{0,2})"  # 1..1440
_HOURS = "(?:2[0-4]|1[0-9]|[1-9])"  # 1..24
_HOURS_AND = "(?:2[0-3]|1[0-9]|[1-9])"  # 1..23, followed by minutes
_MINUTES_AFTER = "[0-5]?[0-9]"  # 0..59 after hours
_HOUR_UNIT = one_of(*(any_case(u) for u in ("h", "t", "hour", "hours", "time", "timer")))
_MINUTE_UNIT = one_of(
    *(any_case(u) for u in ("m", "min", "minute", "minutes", "minutt", "minutter", "minuter"))
)
DURATION_PATTERN = (
    " *"
    + one_of(
        # 90, "90 min", "45 minutter"
        f"{_MINUTES}(?:{_SPACE}{_MINUTE_UNIT})?",
        # "2 timer", "1h"
        f"{_HOURS}{_SPACE}{_HOUR_UNIT}",
        # "1h30", "1 h 30 min", "1 time 30 minutter"
        f"{_HOURS_AND}{_SPACE}{_HOUR_UNIT}{_SPACE}{_MINUTES_AFTER}(?:{_SPACE}{_MINUTE_UNIT})?",
        # "1:30", "0:45", "24:00"
        "(?:0?[1-9]|1[0-9]|2[0-3]):[0-5][0-9]|0?0:(?:0[1-9]|[1-5][0-9])|24:00",
        # ISO 8601: "PT1H30M", "PT2H", "PT90M"
        any_case("pt")
        + one_of(
            f"{_HOURS}{any_case('h')}",
            f"{_HOURS_AND}{any_case('h')}{_MINUTES_AFTER}{any_case('m')}",
            f"{_MINUTES}{any_case('m')}",
        ),
    )
    + " *"
)
"""The one expression a duration written as text must match."""
_DURATION = compiled(DURATION_PATTERN)
_NUMBERS = re.compile(r"[0-9]{1,9}")

CLOCK_PATTERN = r" *(?:[01]?[0-9]|2[0-3])(?::[0-5][0-9](?::00)?|\.[0-5][0-9]) *"
"""The one expression a time of day must match: 10:15, 9:05, the Norwegian 10.15, 10:15:00."""
_CLOCK = compiled(CLOCK_PATTERN)
_ROUGH_CLOCK = re.compile(r" *(?P<hour>[0-9]{1,9})[:.](?P<minute>[0-9]{1,9})(?::[0-9]+)? *")


def parse_minutes(value: Any) -> Any:
    """Whole minutes from 90, "90", "90 min", "45 minutter", "1h30", "2 timer", "1:30" or
    "PT1H30M"; at most 24 hours."""
    if isinstance(value, bool):
        raise ValueError("give the duration in minutes, e.g. 90 or 1h30")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        if _DURATION.fullmatch(value):
            return _read_minutes(value.strip())
        rough = _rough_minutes(value)
        if rough is not None and not 0 < rough <= MAX_DURATION_MINUTES:
            return rough  # refused with its own message by check_positive_minutes
    raise ValueError(
        f"{shown(value)} is not a duration: give minutes (90) or hours and minutes (1h30)"
    )


def _read_minutes(text: str) -> int:
    """Minutes from a text that matched DURATION_PATTERN: the forms are told apart by shape."""
    if text[:2].upper() == "PT":
        hours, _, minutes = text[2:].upper().rstrip("M").partition("H")
        return int(hours) * 60 + int(minutes or 0) if "H" in text.upper() else int(hours)
    if ":" in text:
        hours, minutes = text.split(":")
        return int(hours) * 60 + int(minutes)
    numbers = [int(n) for n in _NUMBERS.findall(text)]
    if len(numbers) == 2:
        return numbers[0] * 60 + numbers[1]
    unit = text.lstrip("0123456789 ")
    return numbers[0] if unit[:1] in ("", "m", "M") else numbers[0] * 60


def _rough_minutes(text: str) -> int | None:
    """For the message only: the minutes a text that almost matched would mean."""
    numbers = _NUMBERS.findall(text)
    if not numbers or len(numbers) > 2 or re.search(r"[0-9]{10}", text):
        return None
    if len(numbers) == 2:
        return int(numbers[0]) * 60 + int(numbers[1])
    unit = text.strip().lstrip("0123456789 ").lower()
    if unit == "" or unit.startswith("m"):
        return int(numbers[0])
    if unit.startswith(("h", "t")):
        return int(numbers[0]) * 60
    return None


def check_positive_minutes(minutes: int) -> int:
    if minutes <= 0:
        raise ValueError(f"must be more than 0 minutes (got {show_number(minutes)})")
    if minutes > MAX_DURATION_MINUTES:
        raise ValueError(f"must be at most 24 hours (got {show_number(minutes)} minutes)")
    return minutes


def parse_clock(value: Any) -> Any:
    """A time of day from "10:15", "9:05" or the Norwegian "10.15" (or a `time`)."""
    if isinstance(value, str):
        if _CLOCK.fullmatch(value):
            hour, minute = re.split("[:.]", value.strip())[:2]
            return time(int(hour), int(minute))
        rough = _ROUGH_CLOCK.fullmatch(value)
        if rough and (int(rough["hour"]) > 23 or int(rough["minute"]) > 59):
            raise ValueError(f"{shown(value)} is not a time of day (00:00 to 23:59)")
    elif isinstance(value, float | int) and not isinstance(value, bool):
        raise ValueError(
            f"{shown(value)} was read as a number: write the time as 10:15, or put quotes "
            'around it, "10.15"'
        )
    elif isinstance(value, time):
        if value.second or value.microsecond:
            raise ValueError(f"give the time in whole minutes, e.g. {value:%H:%M}")
        return value.replace(tzinfo=None)
    raise ValueError(f"{shown(value)} is not a time of day: write it as 10:15 or 10.15")


def check_day(day: int) -> int:
    if day < 1:
        raise ValueError(
            f"days are counted from 1, the meeting's first day (got {show_number(day)})"
        )
    if day > MAX_MEETING_DAYS:
        raise ValueError(
            f"day {show_number(day)} is after the last day a meeting can have "
            f"(a meeting lasts at most {MAX_MEETING_DAYS} days)"
        )
    return day


Minutes = Annotated[
    int,
    BeforeValidator(parse_minutes),
    AfterValidator(check_positive_minutes),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_DURATION_MINUTES},
                {"type": "string", "pattern": anchored(DURATION_PATTERN)},
            ],
            "description": (
                "minutes (90, '90 min', '45 minutter') or hours and minutes ('1h30', "
                "'2 timer', '1:30', 'PT1H30M'); at most 24 hours"
            ),
        }
    ),
]
ClockTime = Annotated[
    time,
    BeforeValidator(parse_clock),
    PlainSerializer(lambda clock: clock.strftime("%H:%M"), return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": anchored(CLOCK_PATTERN),
            "description": "a time of day, 10:15 or 10.15",
        }
    ),
]
Day = Annotated[
    int,
    BeforeValidator(whole_number),
    AfterValidator(check_day),
    WithJsonSchema(
        {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_MEETING_DAYS,
            "description": "the meeting's day: 1 for its first day",
        }
    ),
]


class ItemKind(StrEnum):
    REGISTRATION = "registration"
    WELCOME = "welcome"
    INTRODUCTION = "introduction"
    KEYNOTE = "keynote"
    DIALOGUE = "dialogue"
    PANEL = "panel"
    GROUP_WORK = "group_work"
    BREAK = "break"
    LUNCH = "lunch"
    SUMMARY = "summary"
    CLOSING = "closing"
    OTHER = "other"


UNNUMBERED_KINDS = frozenset({ItemKind.REGISTRATION, ItemKind.BREAK, ItemKind.LUNCH})
"""Programmes number the business of the meeting, not the coffee: these go without a number."""


class Link(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Line
    url: HttpUrl


class Topic(BaseModel):
    """A subject the meeting takes up, with background reading."""

    model_config = ConfigDict(extra="forbid")

    id: Key
    title: MultilingualLine
    description: MultilingualText | None = None
    links: list[Link] = Field(default_factory=list)


class AgendaQuestion(BaseModel):
    """A question put to the room, optionally under a topic and owned by a person or body."""

    model_config = ConfigDict(extra="forbid")

    id: Key | None = None
    text: MultilingualText
    topic: Key | None = None
    owner: Key | None = None


class Participation(BaseModel):
    """A person's part in an item: `sanner` or `{person: sanner, role: innleder}`."""

    model_config = ConfigDict(extra="forbid")

    person: Key
    role: Line | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_key(cls, value: Any) -> Any:
        return {"person": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        written_out = handler(core_schema)
        return {"anyOf": [{"type": "string", "description": "the person's key"}, written_out]}


class AgendaItem(BaseModel):
    """One item of the programme.

    It starts at a fixed clock time (`start`) or when the item before it ends. `day` (1 for
    the meeting's first day) moves the agenda to a later day of a multi-day meeting. Sub-items
    (`items`) follow each other inside the item, or run side by side as tracks when
    `parallel` is set.
    """

    model_config = ConfigDict(extra="forbid")

    id: Key | None = None
    kind: ItemKind = ItemKind.OTHER
    title: MultilingualLine | None = None
    description: MultilingualText | None = None
    day: Day | None = None
    start: ClockTime | None = None
    duration: Minutes | None = None
    speakers: list[Participation] = Field(default_factory=list)
    moderator: Participation | None = None
    topics: list[Key] = Field(default_factory=list)
    questions: list[AgendaQuestion] = Field(default_factory=list)
    room: Line | None = None
    track: Line | None = None
    parallel: bool = False
    numbered: bool | None = None
    notes: Paragraphs | None = Field(
        default=None, description="internal notes for the run-sheet, never printed for guests"
    )
    items: list[AgendaItem] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _check_depth(cls, data: Any) -> Any:
        # An item validated on its own is level 1; inside a meeting, Meeting checks first.
        if isinstance(data, dict):
            problems = Problems(cls.__name__)
            check_nesting(data.get("items"), ("items",), problems, MAX_AGENDA_DEPTH - 1)
            problems.raise_if_any()
        return data

    @property
    def is_numbered(self) -> bool:
        if self.numbered is not None:
            return self.numbered
        return self.kind not in UNNUMBERED_KINDS


def check_nesting(items: Any, loc: Loc, problems: Problems, levels: int) -> int:
    """Refuse sub-items nested more than `levels` deep in `items`; the number of items.

    It reads the data as given, before pydantic descends into it, and without recursion: a
    file with 300 levels of `items` gets a message at the fifth level, never a RecursionError.
    """
    count = 0
    pending: list[tuple[Any, Loc, int]] = [(items, loc, 1)]
    while pending:
        entries, where, level = pending.pop()
        if not isinstance(entries, list | tuple):
            continue  # not a list: pydantic says so
        for index, entry in enumerate(entries):
            count += 1
            children = entry.get("items") if isinstance(entry, dict) else None
            if isinstance(entry, AgendaItem):
                children = entry.items
            if not isinstance(children, list | tuple) or not children:
                continue
            if level >= levels:
                problems.add(
                    (*where, index, "items"),
                    f"agenda items nest at most {MAX_AGENDA_DEPTH} levels deep (2, 2.1, 2.1.1 "
                    "and 2.1.1.1): move these sub-items up a level",
                )
            else:
                pending.append((children, (*where, index, "items"), level + 1))
    return count
