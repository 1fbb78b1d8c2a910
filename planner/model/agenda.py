"""The agenda: items with times and durations, speakers, topics and questions to the room."""

from __future__ import annotations

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
    PositiveInt,
    WithJsonSchema,
    model_validator,
)

from planner.model.text import Key, Line, MultilingualLine, MultilingualText, Paragraphs

_DURATION = re.compile(
    r"(?:(?P<hours>\d+)\s*(?:h|t|hours?|timer?)\s*)?(?:(?P<minutes>\d+)\s*(?:m|min|minutes?|minutter)?)?",
    re.IGNORECASE,
)
_ISO_DURATION = re.compile(r"PT(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?", re.IGNORECASE)
_CLOCK = re.compile(r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::00)?")


def parse_minutes(value: Any) -> Any:
    """Accept 90, "90", "90 min", "1h30", "1:30" or "PT1H30M" and give whole minutes."""
    if isinstance(value, bool):
        raise ValueError("give the duration in minutes, e.g. 90 or 1h30")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if clock := re.fullmatch(r"(\d+):(\d{2})", text):
            return int(clock[1]) * 60 + int(clock[2])
        for pattern in (_ISO_DURATION, _DURATION):
            match = pattern.fullmatch(text)
            if match and (match["hours"] or match["minutes"]):
                return int(match["hours"] or 0) * 60 + int(match["minutes"] or 0)
    raise ValueError(f"{value!r} is not a duration: give minutes (90) or hours and minutes (1h30)")


def check_positive_minutes(minutes: int) -> int:
    if minutes <= 0:
        raise ValueError(f"must be more than 0 minutes (got {minutes})")
    if minutes > 24 * 60:
        raise ValueError(f"must be at most 24 hours (got {minutes} minutes)")
    return minutes


def parse_clock(value: Any) -> Any:
    """Accept "10:15" and the Norwegian "10.15" for a time of day."""
    if isinstance(value, str) and (match := _CLOCK.fullmatch(value.strip())):
        hour, minute = int(match["hour"]), int(match["minute"])
        if hour > 23 or minute > 59:
            raise ValueError(f"{value!r} is not a time of day")
        return time(hour, minute)
    if isinstance(value, time):
        return value
    raise ValueError(f"{value!r} is not a time of day: write it as 10:15 or 10.15")


Minutes = Annotated[
    int,
    BeforeValidator(parse_minutes),
    AfterValidator(check_positive_minutes),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "exclusiveMinimum": 0},
                {"type": "string", "pattern": r"^\s*(\d+\s*h\s*)?(\d+\s*(min|m)?)?\s*$"},
            ],
            "description": "minutes (90) or hours and minutes (1h30)",
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
            "pattern": r"^\d{1,2}[:.]\d{2}$",
            "description": "a time of day, 10:15 or 10.15",
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
    day: PositiveInt | None = None
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

    @property
    def is_numbered(self) -> bool:
        if self.numbered is not None:
            return self.numbered
        return self.kind not in UNNUMBERED_KINDS
