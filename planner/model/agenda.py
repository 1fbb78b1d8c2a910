"""The agenda: items with times and durations, speakers, topics and questions to the room."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
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
    MAX_CAPACITY,
    MAX_DURATION_MINUTES,
    MAX_MEETING_DAYS,
    show_number,
    shown,
    whole_number,
)
from planner.model.patterns import anchored, any_case, compiled, one_of
from planner.model.problems import Loc, Problems
from planner.model.text import Key, Line, MultilingualLine, MultilingualText, Paragraphs
from planner.words import Number, Words

# Durations. Numbers are bounded in the expression itself (0..1440 minutes, 1..24 hours),
# so every text it matches is a duration Planner accepts, and the schema says so too.
_SPACE = "[ ]?"
_MINUTES = "(?:1440|14[0-3][0-9]|1[0-3][0-9]{2}|[1-9][0-9]{0,2}|0)"  # 0..1440
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
    "PT1H30M"; at most 24 hours. 0 is a milestone ("17.00 The conference closes")."""
    if isinstance(value, bool):
        raise ValueError(Words("model_agenda.duration_in_minutes"))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        if _DURATION.fullmatch(value):
            return _read_minutes(value.strip())
        rough = _rough_minutes(value)
        if rough is not None and not 0 <= rough <= MAX_DURATION_MINUTES:
            return rough  # refused with its own message by check_positive_minutes
    raise ValueError(Words("model_agenda.not_duration", value=shown(value)))


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


def check_minutes(minutes: int) -> int:
    if minutes < 0:
        raise ValueError(Words("model_agenda.minutes_negative", value=show_number(minutes)))
    if minutes > MAX_DURATION_MINUTES:
        raise ValueError(Words("model_agenda.minutes_too_many", value=show_number(minutes)))
    return minutes


def parse_clock(value: Any) -> Any:
    """A time of day from "10:15", "9:05" or the Norwegian "10.15" (or a `time`)."""
    if isinstance(value, str):
        if _CLOCK.fullmatch(value):
            hour, minute = re.split("[:.]", value.strip())[:2]
            return time(int(hour), int(minute))
        rough = _ROUGH_CLOCK.fullmatch(value)
        if rough and (int(rough["hour"]) > 23 or int(rough["minute"]) > 59):
            raise ValueError(Words("model_agenda.clock_out_of_range", value=shown(value)))
    elif isinstance(value, float | int) and not isinstance(value, bool):
        raise ValueError(Words("model_agenda.clock_read_as_number", value=shown(value)))
    elif isinstance(value, time):
        if value.second or value.microsecond:
            raise ValueError(Words("model_agenda.clock_whole_minutes", clock=f"{value:%H:%M}"))
        return value.replace(tzinfo=None)
    raise ValueError(Words("model_agenda.not_clock", value=shown(value)))


def check_day(day: int) -> int:
    if day < 1:
        raise ValueError(Words("model_agenda.day_before_first", value=show_number(day)))
    if day > MAX_MEETING_DAYS:
        raise ValueError(
            Words("model_agenda.day_too_late", value=show_number(day), most=MAX_MEETING_DAYS)
        )
    return day


Minutes = Annotated[
    int,
    BeforeValidator(parse_minutes),
    AfterValidator(check_minutes),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_DURATION_MINUTES},
                {"type": "string", "pattern": anchored(DURATION_PATTERN)},
            ],
            "description": (
                "minutes (90, '90 min', '45 minutter') or hours and minutes ('1h30', "
                "'2 timer', '1:30', 'PT1H30M'); at most 24 hours; 0 for a milestone"
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


def check_capacity(capacity: int) -> int:
    if not 1 <= capacity <= MAX_CAPACITY:
        raise ValueError(
            Words("model_agenda.capacity", most=Number(MAX_CAPACITY), value=show_number(capacity))
        )
    return capacity


Capacity = Annotated[
    int,
    BeforeValidator(whole_number),
    AfterValidator(check_capacity),
    WithJsonSchema(
        {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_CAPACITY,
            "description": "how many participants the meeting has room for",
        }
    ),
]


class ItemKind(StrEnum):
    REGISTRATION = "registration"
    WELCOME = "welcome"
    INTRODUCTION = "introduction"
    KEYNOTE = "keynote"
    TALK = "talk"
    DIALOGUE = "dialogue"
    PANEL = "panel"
    GROUP_WORK = "group_work"
    PARALLEL_SESSIONS = "parallel_sessions"
    BRIEFING = "briefing"
    CASE = "case"
    BREAK = "break"
    LUNCH = "lunch"
    SUMMARY = "summary"
    CLOSING = "closing"
    OTHER = "other"


UNNUMBERED_KINDS = frozenset({ItemKind.REGISTRATION, ItemKind.BREAK, ItemKind.LUNCH})
"""Programmes number the business of the meeting, not the coffee: these go without a number."""


class Part(StrEnum):
    """The parts people play in an item, as programmes name them, in the order printed."""

    HOST = "host"
    """The host for the day (konferansier), who presents the programme."""
    CHAIR = "chair"
    MODERATOR = "moderator"
    SPEAKER = "speaker"
    PANELLIST = "panellist"
    RESPONDENT = "respondent"
    RAPPORTEUR = "rapporteur"


PART_FIELDS: dict[Part, str] = {
    Part.HOST: "hosts",
    Part.CHAIR: "chairs",
    Part.MODERATOR: "moderators",
    Part.SPEAKER: "speakers",
    Part.PANELLIST: "panellists",
    Part.RESPONDENT: "respondents",
    Part.RAPPORTEUR: "rapporteurs",
}
"""The item field that lists the people in each part."""


class Link(BaseModel):
    """A link to read: background for a topic, an attachment to a case."""

    model_config = ConfigDict(extra="forbid")

    title: MultilingualLine
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


class Contribution(StrEnum):
    """What a speaker gives, which names the line they are printed on: "Tale ved …",
    "Innledning ved …", "Hilsen fra …"."""

    SPEECH = "speech"
    KEYNOTE = "keynote"
    INTRODUCTION = "introduction"
    GREETING = "greeting"
    TALK = "talk"
    PRESENTATION = "presentation"


SPEAKERS_GIVE: dict[ItemKind, Contribution] = {
    ItemKind.WELCOME: Contribution.GREETING,
    ItemKind.KEYNOTE: Contribution.KEYNOTE,
    ItemKind.INTRODUCTION: Contribution.INTRODUCTION,
    ItemKind.TALK: Contribution.TALK,
}
"""What the speakers of an item of each kind give, unless a speaker says otherwise; the
speakers of other kinds are printed as speakers ("Innleder: …")."""


class Participation(BaseModel):
    """Who takes a part: a person or an organisation, by key, with what they do there.

    Written `sanner`, or `{who: sanner, role: innleder}`; `person:` or `organisation:` may
    stand for `who:` (as meeting files of Planner 0.1 wrote it). `title` names a person by
    another title in this part only ("statsråd" on a panel, where they are otherwise
    "kunnskapsminister"); `gives` says what a speaker gives ("speech": "Tale ved …").
    """

    model_config = ConfigDict(extra="forbid")

    who: Key = Field(description="the key of a person or an organisation of the meeting")
    role: MultilingualLine | None = Field(
        default=None, description="what they do, as the programme says it: 'innleder'"
    )
    title: MultilingualLine | None = Field(
        default=None, description="the person's title in this part, instead of their own"
    )
    gives: Contribution | None = Field(
        default=None,
        description="what a speaker gives: speech, keynote, introduction, greeting, talk, "
        "presentation (default: from the item's kind)",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_key(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"who": value}
        if not isinstance(value, dict | Participation):
            raise ValueError(Words("model_agenda.participation"))
        if isinstance(value, dict) and "who" not in value:
            for old in ("person", "organisation"):
                if old in value:
                    value = {"who": value[old], **{k: v for k, v in value.items() if k != old}}
                    break
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        written_out = handler(core_schema)
        key = {"type": "string", "description": "the key of a person or an organisation"}
        older = [_renamed(written_out, "who", name) for name in ("person", "organisation")]
        return {"anyOf": [key, written_out, *older]}


def _renamed(schema: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """The same object schema with property `old` called `new`."""
    properties = {
        (new if name == old else name): value for name, value in schema["properties"].items()
    }
    required = [new if name == old else name for name in schema.get("required", [])]
    return {**schema, "properties": properties, "required": required}


People = Annotated[list[Participation], Field(default_factory=list)]


class Case(BaseModel):
    """A case on the agenda of an elected body, numbered as the case list numbers it."""

    model_config = ConfigDict(extra="forbid")

    number: Line = Field(description="the case number as published, e.g. 130/14")
    archive: Line | None = Field(
        default=None, description="the archive reference (arkivsak), e.g. 14/01234"
    )
    officer: Key | None = Field(
        default=None, description="the key of the person responsible (saksbehandler)"
    )
    recommendation: MultilingualText | None = Field(
        default=None, description="the proposal or recommendation (innstilling) as worded"
    )
    recommended_by: MultilingualLine | None = Field(
        default=None, description="whose it is, e.g. 'Rådmannens innstilling'"
    )


class AgendaItem(BaseModel):
    """One item of the programme.

    It starts at a fixed clock time (`start`) or when the item before it ends, and lasts
    `duration` minutes (0 for a milestone such as "17.00 The conference closes"). An item
    with neither has no time of its own: a talk listed under its timed block, a case on a
    council's case list. `day` (1 for the meeting's first day) moves the agenda to a later
    day. Sub-items (`items`) follow each other inside the item, or run side by side as
    tracks when `parallel` is set.
    """

    model_config = ConfigDict(extra="forbid")

    id: Key | None = None
    kind: ItemKind = ItemKind.OTHER
    title: MultilingualLine | None = None
    description: MultilingualText | None = None
    day: Day | None = None
    start: ClockTime | None = None
    duration: Minutes | None = None
    hosts: People
    chairs: People
    moderators: People
    speakers: People
    panellists: People
    respondents: People
    rapporteurs: People
    topics: list[Key] = Field(default_factory=list)
    questions: list[AgendaQuestion] = Field(default_factory=list)
    case: Case | None = None
    links: list[Link] = Field(
        default_factory=list, description="attachments and background to read"
    )
    room: MultilingualLine | None = None
    track: MultilingualLine | None = None
    online_url: HttpUrl | None = Field(
        default=None, description="where to join online: a Teams or Zoom link"
    )
    capacity: Capacity | None = Field(
        default=None, description="places, for a workshop or session people sign up for"
    )
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
            data = _one_moderator_as_many(data)
        return data

    @property
    def is_numbered(self) -> bool:
        if self.case is not None:
            return False  # numbered by its case number instead
        if self.numbered is not None:
            return self.numbered
        if self.duration == 0:
            return False  # a milestone marks a moment: "17.00 Konferansen avsluttes"
        return self.kind not in UNNUMBERED_KINDS

    @property
    def is_timed(self) -> bool:
        """Whether the item says anything about time: a start, a duration or timed items."""
        return self.start is not None or self.duration is not None

    def parts(self) -> Iterator[tuple[Part, int, Participation]]:
        """Everyone taking part, part by part in the order programmes print them."""
        for part, field in PART_FIELDS.items():
            for index, participation in enumerate(getattr(self, field)):
                yield part, index, participation


def _one_moderator_as_many(data: dict[str, Any]) -> dict[str, Any]:
    """`moderator: x` (Planner 0.1's single moderator) is `moderators: [x]`."""
    if "moderator" not in data:
        return data
    data = dict(data)
    single = data.pop("moderator")
    if single is not None:
        data["moderators"] = [single, *(data.get("moderators") or [])]
    return data


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
                    Words("model_agenda.too_deep", most=MAX_AGENDA_DEPTH),
                )
            else:
                pending.append((children, (*where, index, "items"), level + 1))
    return count
