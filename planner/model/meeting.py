"""The meeting: what, when, where, who, and its agenda. Pure data and rules, no I/O."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    PositiveInt,
    WithJsonSchema,
    model_validator,
)

from planner.model import clock
from planner.model.agenda import AgendaItem, Topic
from planner.model.people import Country, Organisation, Organiser, Person
from planner.model.problems import Loc, Problems, format_loc
from planner.model.registration import Registration
from planner.model.text import (
    Key,
    Language,
    Line,
    MultilingualLine,
    MultilingualText,
    _Multilingual,
)

MAX_MEETING_DAYS = 31


class MeetingKind(StrEnum):
    DIALOGUE_MEETING = "dialogue_meeting"
    TOP_LEVEL_MEETING = "top_level_meeting"
    CONFERENCE = "conference"
    SEMINAR = "seminar"
    WORKSHOP = "workshop"


class MeetingStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


TimeZoneName = Annotated[
    str,
    AfterValidator(clock.check_time_zone),
    WithJsonSchema({"type": "string", "description": "IANA time zone, e.g. Europe/Oslo"}),
]
LocalDateTime = Annotated[
    datetime,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}",
            "description": "date and time in the meeting's time zone, e.g. 2018-11-20 09:00",
        }
    ),
]


class Venue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Line
    address: Line | None = None
    postal_code: Line | None = None
    city: Line | None = None
    country: Country | None = None
    room: Line | None = None
    online_url: HttpUrl | None = None


class Meeting(BaseModel):
    """A meeting as the secretariat plans it.

    Times given without a UTC offset are wall-clock times in `timezone`; after validation
    every time is timezone-aware in that zone.
    """

    model_config = ConfigDict(extra="forbid")

    slug: Key
    kind: MeetingKind
    status: MeetingStatus = MeetingStatus.DRAFT
    language: Language = Field(
        default="nb", description="the meeting's default language for all texts"
    )
    title: MultilingualLine
    description: MultilingualText | None = None
    timezone: TimeZoneName
    start: LocalDateTime
    end: LocalDateTime
    venue: Venue
    organiser: Organiser
    hosts: list[Key] = Field(default_factory=list, description="keys of host organisations")
    chairs: list[Key] = Field(default_factory=list, description="keys of the people chairing")
    delegations: list[Key] = Field(
        default_factory=list, description="keys of organisations invited to send a delegation"
    )
    capacity: PositiveInt | None = None
    registration_opens: LocalDateTime | None = None
    registration_closes: LocalDateTime | None = None
    organisations: list[Organisation] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)

    @property
    def zone(self) -> ZoneInfo:
        return clock.zone(self.timezone)

    @property
    def day_count(self) -> int:
        return (self.end.date() - self.start.date()).days + 1

    def date_of_day(self, day: int) -> date:
        """The calendar date of agenda day `day` (1 is the first day)."""
        return self.start.date() + timedelta(days=day - 1)

    def text(self, value: _Multilingual | None, language: str | None = None) -> str:
        """`value` in `language`, falling back to the meeting's language."""
        return value.in_language(language, self.language) if value is not None else ""

    def person(self, key: str) -> Person | None:
        return next((p for p in self.people if p.id == key), None)

    def organisation(self, key: str) -> Organisation | None:
        return next((o for o in self.organisations if o.id == key), None)

    @model_validator(mode="after")
    def _check_rules(self) -> Meeting:
        problems = Problems(type(self).__name__)
        self._check_times(problems)
        self._check_languages(problems)
        self._check_references(problems)
        self._check_agenda_shape(problems)
        problems.raise_if_any()
        return self

    def _check_times(self, problems: Problems) -> None:
        tz = self.zone
        for field in ("start", "end", "registration_opens", "registration_closes"):
            value = getattr(self, field)
            if value is None:
                continue
            local = clock.localise(value, tz)
            if not clock.exists(local):
                problems.add(
                    (field,),
                    f"{value:%Y-%m-%d %H:%M} does not exist in {self.timezone}: the clocks "
                    "go forward then",
                    value,
                )
            setattr(self, field, local)
        if self.end <= self.start:
            problems.add(
                ("end",),
                f"the meeting ends ({self.end:%Y-%m-%d %H:%M}) before it starts "
                f"({self.start:%Y-%m-%d %H:%M})",
                self.end,
            )
        elif self.day_count > MAX_MEETING_DAYS:
            problems.add(
                ("end",),
                f"the meeting would last {self.day_count} days (at most {MAX_MEETING_DAYS}): "
                "check the year and month",
                self.end,
            )
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and closes <= opens:
            problems.add(
                ("registration_closes",),
                f"registration closes ({closes:%Y-%m-%d %H:%M}) before it opens "
                f"({opens:%Y-%m-%d %H:%M})",
                closes,
            )
        if closes and closes > self.end:
            problems.add(
                ("registration_closes",),
                f"registration closes ({closes:%Y-%m-%d %H:%M}) after the meeting has ended "
                f"({self.end:%Y-%m-%d %H:%M})",
                closes,
            )

    def _check_languages(self, problems: Problems) -> None:
        for loc, text in _multilingual_texts(self, ()):
            if text.languages and self.language not in text.languages:
                problems.add(
                    loc,
                    f"has no text in the meeting's language {self.language!r} "
                    f"(it has {', '.join(text.languages)})",
                    text.root,
                )

    def _check_references(self, problems: Problems) -> None:
        organisations = _unique_keys(problems, "organisations", self.organisations)
        people = _unique_keys(problems, "people", self.people)
        topics = _unique_keys(problems, "topics", self.topics)
        _refer(problems, ("hosts",), self.hosts, organisations, "organisation")
        _refer(problems, ("delegations",), self.delegations, organisations, "organisation")
        _refer(problems, ("chairs",), self.chairs, people, "person")

        item_keys: dict[str, Loc] = {}
        question_keys: dict[str, Loc] = {}
        for loc, item in walk_agenda(self.agenda):
            _note_unique(problems, loc + ("id",), item.id, item_keys)
            for j, speaker in enumerate(item.speakers):
                _refer_one(
                    problems, loc + ("speakers", j, "person"), speaker.person, people, "person"
                )
            if item.moderator:
                _refer_one(
                    problems, loc + ("moderator", "person"), item.moderator.person, people, "person"
                )
            _refer(problems, loc + ("topics",), item.topics, topics, "topic")
            for k, question in enumerate(item.questions):
                qloc = loc + ("questions", k)
                _note_unique(problems, qloc + ("id",), question.id, question_keys)
                if question.topic:
                    _refer_one(problems, qloc + ("topic",), question.topic, topics, "topic")
                if question.owner:
                    owners = people | organisations
                    _refer_one(
                        problems,
                        qloc + ("owner",),
                        question.owner,
                        owners,
                        "person or organisation",
                    )

    def _check_agenda_shape(self, problems: Problems) -> None:
        day = 1
        for i, item in enumerate(self.agenda):
            if item.day is not None and item.day < day:
                problems.add(
                    ("agenda", i, "day"),
                    f"day {item.day} comes after day {day}: keep the agenda in day order",
                    item.day,
                )
            elif item.day is not None and item.day > day:
                day = item.day
                if item.start is None:
                    problems.add(
                        ("agenda", i, "start"),
                        f"the first item of day {day} needs a start time",
                    )
        for loc, item in walk_agenda(self.agenda):
            if len(loc) > 2 and item.day is not None:
                problems.add(loc + ("day",), "sub-items take the day of their item", item.day)
            if item.duration is None and not item.items:
                problems.add(loc + ("duration",), "give a duration in minutes (or sub-items)")
            if item.parallel and len(item.items) < 2:
                problems.add(loc + ("parallel",), "parallel tracks need at least two sub-items")
        for loc, item in walk_agenda(self.agenda):
            if item.start is not None and len(loc) == 2:
                moment = clock.at(self.date_of_day(item.day or 1), item.start, self.zone)
                if not clock.exists(moment):
                    problems.add(
                        loc + ("start",),
                        f"{moment:%H:%M} does not exist on {moment:%Y-%m-%d} in "
                        f"{self.timezone}: the clocks go forward then",
                        item.start,
                    )


class MeetingFile(Meeting):
    """A meeting file in agendas/: the meeting and, optionally, its registrations."""

    registrations: list[Registration] = Field(default_factory=list)

    def to_meeting(self) -> Meeting:
        """The meeting without its registrations (the workspace keeps those apart)."""
        return Meeting.model_validate(self.model_dump(exclude={"registrations"}))

    @model_validator(mode="after")
    def _check_registrations(self) -> MeetingFile:
        problems = Problems(type(self).__name__)
        tracks = {item.id for _, item in walk_agenda(self.agenda) if item.id}
        self.registrations = [localise_registration(r, self.zone) for r in self.registrations]
        for i, registration in enumerate(self.registrations):
            for j, choice in enumerate(registration.answers.workshops):
                if choice not in tracks:
                    problems.add(
                        ("registrations", i, "answers", "workshops", j),
                        f"unknown agenda item {choice!r}" + _known(tracks),
                        choice,
                    )
        problems.raise_if_any()
        return self


def localise_registration(registration: Registration, tz: ZoneInfo) -> Registration:
    """A copy with naive times read as wall-clock times in the meeting's zone."""
    checked_in = registration.checked_in_at
    return registration.model_copy(
        update={
            "submitted_at": clock.localise(registration.submitted_at, tz),
            "checked_in_at": clock.localise(checked_in, tz) if checked_in else None,
        }
    )


def walk_agenda(
    items: list[AgendaItem], loc: Loc = ("agenda",)
) -> Iterator[tuple[Loc, AgendaItem]]:
    """Every item and sub-item, depth first, with where it is in the meeting."""
    for i, item in enumerate(items):
        yield loc + (i,), item
        yield from walk_agenda(item.items, loc + (i, "items"))


def _multilingual_texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, _Multilingual]]:
    if isinstance(value, _Multilingual):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _multilingual_texts(getattr(value, name), loc + (name,))
    elif isinstance(value, list):
        for i, element in enumerate(value):
            yield from _multilingual_texts(element, loc + (i,))


def _unique_keys(problems: Problems, field: str, entries: list[Any]) -> set[str]:
    seen: dict[str, Loc] = {}
    for i, entry in enumerate(entries):
        _note_unique(problems, (field, i, "id"), entry.id, seen)
    return set(seen)


def _note_unique(problems: Problems, loc: Loc, key: str | None, seen: dict[str, Loc]) -> None:
    if key is None:
        return
    if key in seen:
        problems.add(loc, f"duplicate key {key!r}: also used at {format_loc(seen[key])}", key)
    else:
        seen[key] = loc


def _refer(problems: Problems, loc: Loc, keys: list[str], known: set[str], what: str) -> None:
    """Each key in the list field at `loc` must be one of `known`."""
    for j, key in enumerate(keys):
        _refer_one(problems, loc + (j,), key, known, what)


def _refer_one(problems: Problems, loc: Loc, key: str, known: set[str], what: str) -> None:
    if key not in known:
        problems.add(loc, f"unknown {what} {key!r}" + _known(known), key)


def _known(keys: set[str]) -> str:
    if not keys:
        return " (none are defined)"
    listed = sorted(keys)
    more = f", … ({len(listed)} in all)" if len(listed) > 8 else ""
    return f" (known: {', '.join(listed[:8])}{more})"
