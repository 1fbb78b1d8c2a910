"""The meeting: what, when, where, who, and its agenda. Pure data and rules, no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from planner.model import clock
from planner.model.agenda import (
    PART_FIELDS,
    AgendaItem,
    Capacity,
    Participation,
    Topic,
    check_nesting,
)
from planner.model.limits import (
    MAX_AGENDA_DEPTH,
    MAX_AGENDA_ITEMS,
    MAX_MEETING_DAYS,
)
from planner.model.minutes import Minutes
from planner.model.moments import CalendarDate, LocalDateTime, MeetingStart
from planner.model.people import Contact, Country, Organisation, Organiser, Person
from planner.model.problems import Loc, Problems, format_loc, said
from planner.model.registration import Registration, RegistrationRules
from planner.model.text import (
    Key,
    Language,
    Line,
    MultilingualLine,
    MultilingualText,
    _Multilingual,
)
from planner.words import Joined, Number, Words

SET_ONLINE = Words("model_meeting.set_online")
"""How a meeting file says a meeting is online; the command line says it as its option."""


class MeetingKind(StrEnum):
    DIALOGUE_MEETING = "dialogue_meeting"
    TOP_LEVEL_MEETING = "top_level_meeting"
    CONFERENCE = "conference"
    SEMINAR = "seminar"
    WORKSHOP = "workshop"
    COUNCIL_MEETING = "council_meeting"
    """A meeting of an elected body: kommunestyre, formannskap, utvalg; a board (styre)."""


class MeetingStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class MeetingMode(StrEnum):
    """Where people take part: in the room, online, or both."""

    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


TimeZoneName = Annotated[
    str,
    AfterValidator(clock.check_time_zone),
    WithJsonSchema({"type": "string", "description": "IANA time zone, e.g. Europe/Oslo"}),
]


class Venue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: MultilingualLine
    address: Line | None = None
    postal_code: Line | None = None
    city: Line | None = None
    country: Country | None = None
    room: MultilingualLine | None = None
    online_url: HttpUrl | None = None


class EventKind(StrEnum):
    DINNER = "dinner"
    RECEPTION = "reception"
    STUDY_VISIT = "study_visit"
    SIDE_EVENT = "side_event"
    EXCURSION = "excursion"
    OTHER = "other"


class SideEvent(BaseModel):
    """Something outside the programme: the conference dinner, a study visit, a side event.
    It has its own time, place and capacity, and the schedule's warnings leave it alone."""

    model_config = ConfigDict(extra="forbid")

    id: Key | None = Field(default=None, description="a key, if registrations choose it")
    kind: EventKind = EventKind.OTHER
    title: MultilingualLine
    description: MultilingualText | None = None
    start: LocalDateTime
    end: LocalDateTime | None = None
    venue: Venue | None = Field(default=None, description="where, if not at the meeting's venue")
    online_url: HttpUrl | None = None
    capacity: Capacity | None = None


class Privacy(BaseModel):
    """How long the registrations' working data is kept. Public bodies keep the archived
    record (who attended) while diet, accessibility and contact details go after the event."""

    model_config = ConfigDict(extra="forbid")

    erase_after: date = Field(
        description="after this day, dietary and accessibility answers and the contact "
        "details of those who did not attend are erased (planner privacy purge)"
    )
    archival: bool = Field(
        default=False,
        description="keep the record of who attended for the archive: erasing a person keeps "
        "their name, organisation and attendance",
    )


class Absence(BaseModel):
    """How to report absence, and to whom ("Forfall meldes til …")."""

    model_config = ConfigDict(extra="forbid")

    to: Key | Contact | None = Field(
        default=None, description="a person of the meeting (by key), or a contact"
    )
    how: MultilingualText | None = Field(
        default=None, description="e.g. 'snarest, slik at varamedlem kan innkalles'"
    )


class Signature(BaseModel):
    """Where and when a notice was signed: "Hov, 30. oktober 2014"."""

    model_config = ConfigDict(extra="forbid")

    place: MultilingualLine | None = Field(default=None, description="e.g. Hov")
    date: CalendarDate | None = Field(default=None, description="e.g. 2014-10-30")


CASE_NUMBER = "{number}"
"""Where the case number goes in a meeting's `case_format`."""


def check_case_format(value: str) -> str:
    if value.count(CASE_NUMBER) != 1 or value.replace(CASE_NUMBER, "").count("{"):
        examples = Joined(["'PS {number}'", "'{number} §'", "'Punkt {number}'"], ", ")
        raise ValueError(
            Words(
                "model_meeting.case_format",
                value=repr(value),
                number=CASE_NUMBER,
                examples=examples,
            )
        )
    return value


CaseFormat = Annotated[Line, AfterValidator(check_case_format)]


class Meeting(BaseModel):
    """A meeting as the secretariat plans it.

    Times given without a UTC offset are wall-clock times in `timezone`; after validation
    every time is timezone-aware in that zone. Times are compared as instants, so a meeting
    from 02:30 (summer time) to 02:15 (winter time) on the night the clocks go back lasts
    45 minutes rather than ending before it starts.

    The agenda nests at most MAX_AGENDA_DEPTH (4) levels and holds at most MAX_AGENDA_ITEMS
    (2,000) items in all; both are checked before the items are read.
    """

    model_config = ConfigDict(extra="forbid")

    slug: Key
    kind: MeetingKind
    status: MeetingStatus = MeetingStatus.DRAFT
    archived: bool = Field(
        default=False, description="put away: kept, but no longer among the current meetings"
    )
    language: Language = Field(
        default="nb", description="the meeting's default language for all texts"
    )
    title: MultilingualLine
    body: MultilingualLine | None = Field(
        default=None, description="the elected body that meets, e.g. Formannskapet"
    )
    description: MultilingualText | None = None
    timezone: TimeZoneName
    start: MeetingStart
    starts_after: MultilingualLine | None = Field(
        default=None,
        description="what the meeting follows ('etter møtet i …'): instead of a time, or "
        "with one ('kl. 09.30, etter møte i partssammensatt utvalg')",
    )
    end: LocalDateTime | None = Field(default=None, description="none for an open end")
    mode: MeetingMode = MeetingMode.IN_PERSON
    venue: Venue | None = Field(default=None, description="required unless the meeting is online")
    online_url: HttpUrl | None = Field(
        default=None, description="where to join an online or hybrid meeting"
    )
    organiser: Organiser
    hosts: list[Key] = Field(default_factory=list, description="keys of host organisations")
    chairs: list[Participation] = Field(
        default_factory=list, description="who chairs the meeting (people, by key)"
    )
    day_hosts: list[Participation] = Field(
        default_factory=list, description="the host(s) for the day (konferansier)"
    )
    delegations: list[Key] = Field(
        default_factory=list, description="keys of organisations invited to send a delegation"
    )
    capacity: Capacity | None = None
    registration_rules: RegistrationRules = Field(
        default_factory=RegistrationRules,
        description="what a full meeting does, how freed places are passed on, quotas",
    )
    registration_opens: LocalDateTime | None = None
    registration_closes: LocalDateTime | None = None
    case_prefix: Line | None = Field(
        default=None, description="what case numbers are printed after: 'Sak', 'PS'"
    )
    case_format: CaseFormat | None = Field(
        default=None,
        description="how case numbers are printed, when not after a prefix: '{number} §', "
        "'Punkt {number}'",
    )
    absence: Absence | None = None
    signed_by: list[Participation] = Field(
        default_factory=list, description="who signs the notice: the chair, the secretary"
    )
    signed: Signature | None = Field(
        default=None, description="where and when the notice was signed: {place: Hov, date: …}"
    )
    organisations: list[Organisation] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)
    events: list[SideEvent] = Field(
        default_factory=list, description="events outside the programme: a dinner, a visit"
    )
    privacy: Privacy | None = Field(
        default=None, description="when the registrations' personal data is erased"
    )

    @property
    def zone(self) -> ZoneInfo:
        return clock.zone(self.timezone)

    @property
    def start_date(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def start_time(self) -> datetime | None:
        """When the meeting starts, or None when only its date is known."""
        return self.start if isinstance(self.start, datetime) else None

    @property
    def begins(self) -> datetime:
        """The start, or the beginning of its day when only the date is known: for sorting."""
        return self.start_time or datetime.combine(self.start_date, time(0), tzinfo=self.zone)

    @property
    def last_date(self) -> date:
        """The meeting's last day: its end's, or for an open end its last agenda day's."""
        if self.end is not None:
            return self.end.date()
        last_day = max((item.day or 1 for item in self.agenda), default=1)
        return self.date_of_day(last_day)

    @property
    def day_count(self) -> int:
        return (self.last_date - self.start_date).days + 1

    def date_of_day(self, day: int) -> date:
        """The calendar date of agenda day `day` (1 is the first day)."""
        return self.start_date + timedelta(days=day - 1)

    def case_number(self, number: str, word: str) -> str:
        """A case number in the body's own form: 'PS 76/15', '57 §', 'Punkt 3'; `word` is
        the label that goes before it when the meeting gives no form ('Sak 76/15')."""
        if self.case_format is not None:
            return self.case_format.replace(CASE_NUMBER, number)
        return f"{self.case_prefix or word} {number}"

    def text(self, value: _Multilingual | None, language: str | None = None) -> str:
        """`value` in `language`, falling back to the meeting's language."""
        return value.in_language(language, self.language) if value is not None else ""

    def person(self, key: str) -> Person | None:
        return next((p for p in self.people if p.id == key), None)

    def organisation(self, key: str) -> Organisation | None:
        return next((o for o in self.organisations if o.id == key), None)

    @model_validator(mode="before")
    @classmethod
    def _check_agenda_size(cls, data: Any) -> Any:
        if isinstance(data, dict):
            problems = Problems(cls.__name__)
            count = check_nesting(data.get("agenda"), ("agenda",), problems, MAX_AGENDA_DEPTH)
            if count > MAX_AGENDA_ITEMS:
                problems.add(
                    ("agenda",),
                    Words(
                        "model_meeting.too_many_items",
                        count=Number(count),
                        most=Number(MAX_AGENDA_ITEMS),
                    ),
                )
            problems.raise_if_any()
        return data

    @model_validator(mode="after")
    def _check_rules(self) -> Meeting:
        problems = Problems(type(self).__name__)
        self._check_times(problems)
        self._check_place(problems)
        self._check_case_numbers(problems)
        self._check_languages(problems)
        self._check_references(problems)
        self._check_agenda_shape(problems)
        self._check_events(problems)
        problems.raise_if_any()
        return self

    def _check_times(self, problems: Problems) -> None:
        for field in ("end", "registration_opens", "registration_closes"):
            value = getattr(self, field)
            if value is not None:
                setattr(self, field, local_time(problems, (field,), value, self.zone))
        if isinstance(self.start, datetime):
            self.start = local_time(problems, ("start",), self.start, self.zone)
        elif self.starts_after is None:
            problems.add(
                ("start",),
                Words("model_meeting.date_without_time", date=self.start.isoformat()),
                self.start,
            )
        start, end = self.begins, self.end
        if end is not None and not clock.before(start, end):
            problems.add(
                ("end",),
                Words("model_meeting.ends_before_start", end=_written(end), start=_written(start)),
                end,
            )
        elif self.day_count > MAX_MEETING_DAYS:
            problems.add(
                ("end",),
                Words("model_meeting.too_many_days", days=self.day_count, most=MAX_MEETING_DAYS),
                end,
            )
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and not clock.before(opens, closes):
            problems.add(
                ("registration_closes",),
                Words(
                    "model_meeting.closes_before_opens",
                    closes=_written(closes),
                    opens=_written(opens),
                ),
                closes,
            )
        if closes and end is not None and clock.before(end, closes):
            problems.add(
                ("registration_closes",),
                Words("model_meeting.closes_after_end", closes=_written(closes), end=_written(end)),
                closes,
            )

    def _check_case_numbers(self, problems: Problems) -> None:
        if self.case_prefix is not None and self.case_format is not None:
            problems.add(
                ("case_format",),
                Words("model_meeting.prefix_or_format", prefix="'PS'", format="'{number} §'"),
                self.case_format,
            )

    def _check_place(self, problems: Problems) -> None:
        if self.venue is None and self.mode != MeetingMode.ONLINE:
            problems.add(
                ("venue",),
                Words(f"model_meeting.no_venue_{self.mode.value}", online=SET_ONLINE),
            )

    def _check_languages(self, problems: Problems) -> None:
        for loc, text in _multilingual_texts(self, ()):
            if text.languages and self.language not in text.languages:
                problems.add(
                    loc,
                    Words(
                        "model_meeting.not_in_meeting_language",
                        language=repr(self.language),
                        languages=", ".join(text.languages),
                    ),
                    text.root,
                )

    def _check_references(self, problems: Problems) -> None:
        organisations = _unique_keys(problems, "organisations", self.organisations)
        people = _unique_keys(problems, "people", self.people)
        _no_shared_keys(problems, self.people, self.organisations)
        topics = _unique_keys(problems, "topics", self.topics)
        anyone = people | organisations
        _refer(problems, ("hosts",), self.hosts, organisations, "organisation")
        _refer(problems, ("delegations",), self.delegations, organisations, "organisation")
        for field in ("chairs", "day_hosts", "signed_by"):
            _refer_parts(problems, (field,), getattr(self, field), anyone)
        if self.absence is not None and isinstance(self.absence.to, str):
            _refer_one(problems, ("absence", "to"), self.absence.to, people, "person")
        choosable: dict[str, Loc] = {}
        question_keys: dict[str, Loc] = {}
        for loc, item in walk_agenda(self.agenda):
            _note_unique(problems, loc + ("id",), item.id, choosable)
            for part, index, participation in item.parts():
                where = loc + (PART_FIELDS[part], index)
                _refer_one(problems, where, participation.who, anyone, "anyone")
            if item.case is not None and item.case.officer is not None:
                where = loc + ("case", "officer")
                _refer_one(problems, where, item.case.officer, people, "person")
            _refer(problems, loc + ("topics",), item.topics, topics, "topic")
            for k, question in enumerate(item.questions):
                qloc = loc + ("questions", k)
                _note_unique(problems, qloc + ("id",), question.id, question_keys)
                if question.topic:
                    _refer_one(problems, qloc + ("topic",), question.topic, topics, "topic")
                if question.owner:
                    where = qloc + ("owner",)
                    _refer_one(problems, where, question.owner, anyone, "anyone")
        for index, event in enumerate(self.events):
            _note_unique(problems, ("events", index, "id"), event.id, choosable)

    def _check_agenda_shape(self, problems: Problems) -> None:
        day = 1
        for i, item in enumerate(self.agenda):
            if item.day is not None and item.day < day:
                problems.add(
                    ("agenda", i, "day"),
                    Words("model_meeting.day_order", day=item.day, previous=day),
                    item.day,
                )
            elif item.day is not None and item.day > day:
                day = item.day
                if item.start is None:
                    problems.add(
                        ("agenda", i, "start"), Words("model_meeting.day_needs_start", day=day)
                    )
        for loc, item in walk_agenda(self.agenda):
            if len(loc) > 2 and item.day is not None:
                problems.add(loc + ("day",), Words("model_meeting.sub_item_day"), item.day)
        for loc, item in walk_agenda(self.agenda):
            if item.start is not None and len(loc) == 2:
                moment = clock.at(self.date_of_day(item.day or 1), item.start, self.zone)
                if not clock.exists(moment):
                    problems.add(
                        loc + ("start",),
                        Words(
                            "model_time.skipped_on_day",
                            clock=f"{moment:%H:%M}",
                            date=f"{moment:%Y-%m-%d}",
                            zone=self.timezone,
                        ),
                        item.start,
                    )

    def _check_events(self, problems: Problems) -> None:
        for index, event in enumerate(self.events):
            loc: Loc = ("events", index)
            event.start = local_time(problems, (*loc, "start"), event.start, self.zone)
            if event.end is None:
                continue
            event.end = local_time(problems, (*loc, "end"), event.end, self.zone)
            if not clock.before(event.start, event.end):
                problems.add(
                    (*loc, "end"),
                    Words(
                        "model_meeting.event_ends_before_start",
                        end=_written(event.end),
                        start=_written(event.start),
                    ),
                    event.end,
                )


class ExportStamp(BaseModel):
    """Where and when a meeting file was exported. `planner import --replace` compares it with
    the workspace and refuses to overwrite changes made after the export, unless forced."""

    model_config = ConfigDict(extra="forbid")

    workspace: Line = Field(description="the id of the workspace it was exported from")
    meeting: Line = Field(description="the meeting's uid in that workspace (not its slug)")
    version: int = Field(ge=1, description="the meeting's version when exported")
    revision: int = Field(
        ge=1, description="the count of changes to the meeting and its registrations when exported"
    )
    at: LocalDateTime
    by: Line = Field(description="who exported it")


_FILE_BESIDE = re.compile(r"[^/\\.][^/\\]{0,250}\.jsonl")


def _file_beside(name: str) -> str:
    """A file in the meeting file's own folder: `big.registrations.jsonl`, never a path that
    leads elsewhere (`../x.jsonl`, `/etc/x.jsonl`)."""
    if not _FILE_BESIDE.fullmatch(name):
        raise ValueError(Words("registrations_files.not_beside", file=repr(name)))
    return name


class RegistrationsFile(BaseModel):
    """Where a meeting file's registrations are when they travel beside it, as a JSON Lines
    file (one registration a line) in the same folder: what `planner export` writes for a
    large meeting (`planner.registration_files`)."""

    model_config = ConfigDict(extra="forbid")

    file: Annotated[str, AfterValidator(_file_beside)] = Field(
        description="the file's name, in the meeting file's folder (no folder of its own)"
    )
    count: int = Field(ge=0, description="how many registrations (lines) it holds")
    sha256: str | None = Field(
        default=None,
        pattern="^[0-9a-f]{64}$",
        description="its SHA-256 checksum: a file changed or replaced since is refused",
    )


class MeetingFile(Meeting):
    """A meeting file in agendas/: the meeting and, optionally, its registrations (in it, or
    in the file `registrations_file` names) and its minutes."""

    registrations: list[Registration] = Field(default_factory=list)
    registrations_file: RegistrationsFile | None = Field(
        default=None,
        description="written by `planner export` when the registrations travel beside the file",
    )
    minutes: Minutes | None = Field(
        default=None,
        description="what was recorded at the meeting: who was present and absent, and each "
        "item's decision (`planner minutes` and the app record them; `planner export` writes "
        "them here)",
    )
    exported: ExportStamp | None = Field(
        default=None, description="written by `planner export`; leave it as it is"
    )

    def to_meeting(self) -> Meeting:
        """The meeting without its registrations and minutes (the workspace keeps those
        apart)."""
        return Meeting.model_validate(self.model_dump(exclude=NOT_THE_MEETING))

    @model_validator(mode="after")
    def _check_registrations(self) -> MeetingFile:
        problems = Problems(type(self).__name__)
        if self.registrations and self.registrations_file is not None:
            problems.add(("registrations_file",), Words("registrations_files.both"))
        tracks = known_tracks(self)
        keys: dict[str, Loc] = {}
        localised = []
        for i, registration in enumerate(self.registrations):
            loc = ("registrations", i)
            _note_unique(problems, (*loc, "key"), registration.key, keys)
            try:
                localised.append(localise_registration(registration, self.zone, strict=True))
            except ValidationError as error:
                for details in error.errors():
                    problems.add((*loc, *details["loc"]), said(details), details["input"])
                localised.append(registration)
            for choice_loc, message in unknown_workshop_choices(registration, tracks):
                problems.add((*loc, *choice_loc), message)
        if self.exported is not None:
            self.exported = self.exported.model_copy(
                update={"at": local_time(problems, ("exported", "at"), self.exported.at, self.zone)}
            )
        self.registrations = localised
        if self.minutes is not None:
            _check_minutes(problems, self)
        problems.raise_if_any()
        return self


def _check_minutes(problems: Problems, meeting: MeetingFile) -> None:
    """The minutes keep the rules of recording them (no one both present and absent, only
    those present disqualified…): the same refusal `planner minutes` would give."""
    from planner.errors import PlannerError
    from planner.minutes.recording import check_minutes

    assert meeting.minutes is not None
    try:
        check_minutes(meeting, meeting.minutes)
    except PlannerError as refused:
        problems.add(("minutes",), refused.args[0] if refused.args else str(refused))


NOT_THE_MEETING = frozenset({"registrations", "registrations_file", "minutes", "exported"})
"""A meeting file's fields that are not the meeting itself (the workspace keeps those apart)."""


def local_time(problems: Problems, loc: Loc, value: datetime, tz: ZoneInfo) -> datetime:
    """`value` in the meeting's zone (naive: read as wall-clock time there); a problem at
    `loc` if it is a wall-clock time the clocks skip, such as 02:30 on 31 March 2024 in Oslo."""
    local = clock.localise(value, tz)
    if not clock.exists(local):
        problems.add(
            loc,
            Words("model_time.skipped", moment=f"{value:%Y-%m-%d %H:%M}", zone=str(tz)),
            value,
        )
    return local


def known_tracks(meeting: Meeting) -> set[str]:
    """What a registration may choose: the keys of the agenda items (sessions, workshops,
    tracks) and of the events outside the programme."""
    items = {item.id for _, item in walk_agenda(meeting.agenda) if item.id}
    return items | {event.id for event in meeting.events if event.id}


def unknown_workshop_choices(
    registration: Registration, tracks: set[str]
) -> Iterator[tuple[Loc, Words]]:
    """(where, message) for each workshop choice that names none of the meeting's `tracks`:
    `answers.workshops[1]: unknown agenda item 'spor-c' (known: spor-a, spor-b)`."""
    for index, choice in enumerate(registration.answers.workshops):
        if choice not in tracks:
            yield (("answers", "workshops", index), _unknown("choice", choice, tracks))


def dropped_choices(meeting: Meeting, chosen: Mapping[str, int]) -> dict[str, int]:
    """Of the agenda items and events registrations chose (`chosen`: each key and how many
    chose it), those this version of the meeting no longer has."""
    tracks = known_tracks(meeting)
    return {key: count for key, count in chosen.items() if count and key not in tracks}


def localise_registration(
    registration: Registration, tz: ZoneInfo, *, strict: bool = False
) -> Registration:
    """The registration with naive times read as wall-clock times in the meeting's zone (a
    copy, unless its times are in that zone already).

    With `strict`, a time the clocks skip is refused: a ValidationError at `submitted_at` or
    `checked_in_at`, as `MeetingFile` refuses it at `registrations[i].submitted_at`.
    """
    problems = Problems(type(registration).__name__)
    times = {}
    for field in ("submitted_at", "checked_in_at", "offer_expires_at"):
        value = getattr(registration, field)
        if value is not None:
            times[field] = local_time(problems, (field,), value, tz)
    if strict:
        problems.raise_if_any()
    if all(times[field] is getattr(registration, field) for field in times):
        return registration  # already in the zone: no copy (100,000 of them take 300 MB)
    return registration.model_copy(update=times)


def walk_agenda(
    items: list[AgendaItem], loc: Loc = ("agenda",)
) -> Iterator[tuple[Loc, AgendaItem]]:
    """Every item and sub-item, depth first, with where it is in the meeting.

    Iterative, so even an agenda built in code with no depth limit cannot exhaust the stack.
    """
    pending: list[tuple[Loc, Iterator[tuple[int, AgendaItem]]]] = [(loc, enumerate(items))]
    while pending:
        where, entries = pending[-1]
        for index, item in entries:
            yield (*where, index), item
            pending.append(((*where, index, "items"), enumerate(item.items)))
            break
        else:
            pending.pop()


def _multilingual_texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, _Multilingual]]:
    """Every multilingual text in `value`, in document order (iteratively, like walk_agenda)."""
    pending: list[tuple[Loc, Any]] = [(loc, value)]
    while pending:
        where, current = pending.pop()
        if isinstance(current, _Multilingual):
            yield where, current
        elif isinstance(current, BaseModel):
            names = list(type(current).model_fields)
            pending.extend(((*where, n), getattr(current, n)) for n in reversed(names))
        elif isinstance(current, list):
            pending.extend(((*where, i), e) for i, e in reversed(list(enumerate(current))))


def _written(moment: datetime) -> str:
    """'2024-10-27 02:30' in messages; with the UTC offset when that time happens twice."""
    text = f"{moment:%Y-%m-%d %H:%M}"
    if not clock.is_ambiguous(moment):
        return text
    offset = moment.isoformat(timespec="minutes")[-6:]  # '+01:00'
    return f"{text} (UTC{offset})"


def _unique_keys(problems: Problems, field: str, entries: list[Any]) -> set[str]:
    seen: dict[str, Loc] = {}
    for i, entry in enumerate(entries):
        _note_unique(problems, (field, i, "id"), entry.id, seen)
    return set(seen)


def _no_shared_keys(
    problems: Problems, people: list[Person], organisations: list[Organisation]
) -> None:
    """A person and an organisation may not share a key: a part given by that key could
    mean either."""
    organisation_at = {o.id: index for index, o in enumerate(organisations)}
    for index, person in enumerate(people):
        if person.id in organisation_at:
            message = Words(
                "safety_model.shared_key",
                key=person.id,
                other=format_loc(("organisations", organisation_at[person.id], "id")),
            )
            problems.add(("people", index, "id"), str(message), person.id)


def _note_unique(problems: Problems, loc: Loc, key: str | None, seen: dict[str, Loc]) -> None:
    if key is None:
        return
    if key in seen:
        problems.add(
            loc,
            Words("model_meeting.duplicate_key", key=repr(key), where=format_loc(seen[key])),
            key,
        )
    else:
        seen[key] = loc


def _refer(problems: Problems, loc: Loc, keys: list[str], known: set[str], what: Kind) -> None:
    """Each key in the list field at `loc` must be one of `known`."""
    for j, key in enumerate(keys):
        _refer_one(problems, loc + (j,), key, known, what)


def _refer_parts(problems: Problems, loc: Loc, parts: list[Participation], known: set[str]) -> None:
    for index, participation in enumerate(parts):
        _refer_one(problems, (*loc, index), participation.who, known, "anyone")


Kind = Literal["person", "organisation", "anyone", "topic", "choice"]
"""What a key names, as the message about an unknown one says it."""


def _refer_one(problems: Problems, loc: Loc, key: str, known: set[str], what: Kind) -> None:
    if key not in known:
        problems.add(loc, _unknown(what, key, known), key)


def _unknown(what: Kind, key: str, known: set[str]) -> Words:
    """ "unknown person 'x' (known: a, b)": the keys that would do, at most eight of them."""
    return Words(f"model_meeting.unknown_{what}", key=repr(key), known=_known(known))


def _known(keys: set[str]) -> Words:
    if not keys:
        return Words("model_meeting.none_known")
    listed = sorted(keys)
    if len(listed) > 8:
        return Words("model_meeting.known_many", keys=", ".join(listed[:8]), count=len(listed))
    return Words("model_meeting.known", keys=", ".join(listed))
