"""What of a meeting goes into calendars: the meeting itself, and, each as its own entry with
its own UID, the sessions people signed up for and the events outside the programme (the
conference dinner).

An entry's UID never changes: the meeting's is its workspace uid
(`5f0c…-…`), a session's and an event's add their key (`5f0c…-session-spar-a`,
`5f0c…-event-konferensmiddag`; an event without a key is known by its place in the list).
Its `Facts` are what a calendar must follow: the time, the place and the status. When they
change, the entry's SEQUENCE rises (`plan`); when nothing else changes, it does not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from planner.agenda.schedule import Schedule, ScheduledItem, build_schedule
from planner.model import Meeting, MeetingStatus, walk_agenda
from planner.model.meeting import SideEvent, Venue
from planner.model.text import _Multilingual
from planner.store.records import StoredMeeting


class EntryKind(StrEnum):
    MEETING = "meeting"
    SESSION = "session"
    EVENT = "event"


class Change(StrEnum):
    """What about an entry changed since a calendar got it."""

    TIME = "time"
    PLACE = "place"
    STATUS = "status"


@dataclass(frozen=True)
class Facts:
    """What a calendar must follow: when, where, and whether it still takes place."""

    start: str
    """ISO 8601: a date for an all-day entry, else a date-time with its UTC offset."""
    end: str | None
    zone: str
    place: str
    """The venue and room as JSON (the same in every language)."""
    online: str | None
    cancelled: bool = False

    def changes_from(self, earlier: Facts) -> frozenset[Change]:
        changes = set()
        if (self.start, self.end, self.zone) != (earlier.start, earlier.end, earlier.zone):
            changes.add(Change.TIME)
        if (self.place, self.online) != (earlier.place, earlier.online):
            changes.add(Change.PLACE)
        if self.cancelled != earlier.cancelled:
            changes.add(Change.STATUS)
        return frozenset(changes)

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Facts:
        return cls(**json.loads(text))

    # -- read back -----------------------------------------------------------------------

    @property
    def start_moment(self) -> datetime | date:
        return _moment(self.start, self.zone)

    @property
    def end_moment(self) -> datetime | date | None:
        return _moment(self.end, self.zone) if self.end else None

    @property
    def venue(self) -> Venue | None:
        place = json.loads(self.place)
        return Venue.model_validate(place["venue"]) if place.get("venue") else None

    @property
    def room(self) -> dict[str, str] | str | None:
        return json.loads(self.place).get("room")


@dataclass(frozen=True)
class Entry:
    """One calendar entry of a meeting."""

    uid: str
    kind: EntryKind
    key: str | None
    facts: Facts
    title: dict[str, str]
    """The title per language (one text for every language when it has one only)."""
    number: str | None = None
    """A session's number in the programme ('3'), to say which item changed."""
    item: Any = None
    """The agenda item (`ScheduledItem`) or `SideEvent` it is made from; None for an entry
    the meeting no longer has."""

    def with_facts(self, facts: Facts) -> Entry:
        return Entry(self.uid, self.kind, self.key, facts, self.title, self.number, self.item)


def meeting_entries(stored: StoredMeeting, *, sessions: bool) -> list[Entry]:
    """The meeting's entries: the meeting, its events outside the programme, and with
    `sessions` every agenda item that can be signed up for (it has a key)."""
    meeting = stored.meeting
    cancelled = meeting.status == MeetingStatus.CANCELLED
    found = [_meeting_entry(stored, cancelled)]
    if sessions:
        schedule = build_schedule(meeting)
        for _, item in walk_agenda(meeting.agenda):
            if item.id:
                scheduled = next(e for e in schedule.items if e.item is item)
                found.append(_session_entry(stored, schedule, scheduled, cancelled))
    for index, event in enumerate(meeting.events):
        found.append(_event_entry(stored, index, event, cancelled))
    return found


def entry_uid(meeting_uid: str, kind: EntryKind, key: str | None = None) -> str:
    return meeting_uid if kind == EntryKind.MEETING else f"{meeting_uid}-{kind.value}-{key}"


def event_key(index: int, event: SideEvent) -> str:
    return event.id or f"{index + 1}"


def _meeting_entry(stored: StoredMeeting, cancelled: bool) -> Entry:
    meeting = stored.meeting
    start: datetime | date = meeting.start_time or meeting.start_date
    end: datetime | date | None = meeting.end
    if isinstance(start, date) and not isinstance(start, datetime):
        end = meeting.last_date
    elif end is None:
        end = build_schedule(meeting).end
    facts = _facts(meeting, start, end, meeting.venue, None, meeting.online_url, cancelled)
    return Entry(
        entry_uid(stored.uid, EntryKind.MEETING),
        EntryKind.MEETING,
        None,
        facts,
        _texts(meeting.title),
        item=meeting,
    )


def _session_entry(
    stored: StoredMeeting, schedule: Schedule, scheduled: ScheduledItem, cancelled: bool
) -> Entry:
    meeting, item = stored.meeting, scheduled.item
    start: datetime | date
    end: datetime | date | None
    if scheduled.start is not None:
        start, end = scheduled.start, scheduled.end
    else:  # no time of its own: all day on its day
        start = end = meeting.date_of_day(scheduled.day)
    facts = _facts(
        meeting,
        start,
        end,
        meeting.venue,
        item.room,
        item.online_url or meeting.online_url,
        cancelled,
    )
    title = _texts(item.title) if item.title is not None else _texts(meeting.title)
    return Entry(
        entry_uid(stored.uid, EntryKind.SESSION, item.id),
        EntryKind.SESSION,
        item.id,
        facts,
        title,
        number=scheduled.number,
        item=scheduled,
    )


def _event_entry(stored: StoredMeeting, index: int, event: SideEvent, cancelled: bool) -> Entry:
    meeting = stored.meeting
    key = event_key(index, event)
    facts = _facts(
        meeting,
        event.start,
        event.end,
        event.venue or meeting.venue,
        None,
        event.online_url,
        cancelled,
    )
    return Entry(
        entry_uid(stored.uid, EntryKind.EVENT, key),
        EntryKind.EVENT,
        key,
        facts,
        _texts(event.title),
        item=event,
    )


def _facts(
    meeting: Meeting,
    start: datetime | date,
    end: datetime | date | None,
    venue: Venue | None,
    room: _Multilingual | None,
    online: Any,
    cancelled: bool,
) -> Facts:
    place = {
        "venue": venue.model_dump(mode="json", exclude_none=True) if venue else None,
        "room": room.model_dump(mode="json") if room is not None else None,
    }
    return Facts(
        start=start.isoformat(),
        end=end.isoformat() if end is not None else None,
        zone=meeting.timezone,
        place=json.dumps(place, ensure_ascii=False, sort_keys=True),
        online=str(online) if online else None,
        cancelled=cancelled,
    )


def _texts(value: _Multilingual) -> dict[str, str]:
    dumped = value.model_dump(mode="json")
    return dumped if isinstance(dumped, dict) else {"": dumped}


def text_in(texts: dict[str, str], language: str, meeting_language: str) -> str:
    """A title in `language`, else the meeting's language, else any it has."""
    for choice in (language, "", meeting_language):
        if texts.get(choice):
            return texts[choice]
    return next(iter(texts.values()), "")


def _moment(text: str, zone: str) -> datetime | date:
    if "T" not in text:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text).astimezone(ZoneInfo(zone))


def day_after(day: date) -> date:
    return day + timedelta(days=1)
