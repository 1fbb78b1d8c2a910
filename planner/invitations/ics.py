"""Calendar entries as iCalendar (RFC 5545) for iTIP (RFC 5546): REQUEST, CANCEL and PUBLISH.

One calendar holds one entry (one UID): a message never carries two. What a calendar says:

- a fresh DTSTAMP in UTC on every send, the entry's stable UID and its SEQUENCE;
- ORGANIZER a bare `mailto:` with the sender's address, the address the e-mail comes from;
- for REQUEST and CANCEL, the recipient as ATTENDEE with ROLE, PARTSTAT=NEEDS-ACTION,
  RSVP=TRUE and a CN with no quotes and no line breaks; PUBLISH has no attendees;
- a CANCEL of the whole entry says STATUS:CANCELLED; a CANCEL that withdraws one person's
  invitation says no STATUS (RFC 5546 3.2.5: the event itself goes on);
- the times in the meeting's zone with one compact VTIMEZONE (`timezones`), or, for a meeting
  with a date and no time, an all-day event (DTSTART;VALUE=DATE, DTEND the day after);
- LOCATION from the venue, the online link as URL;
- CRLF line ends and lines folded at 75 octets (icalendar's writer).

icalendar loads only when a calendar is first made. `PersonalCalendars` writes an entry once
per send and puts each recipient's own ATTENDEE line into it: the same bytes as writing the
whole calendar again for each recipient, at a fraction of the cost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from planner.invitations.timezones import vtimezone

if TYPE_CHECKING:
    from icalendar import Calendar

PRODID = "-//Planner//Planner invitations//EN"
CRLF = b"\r\n"


class Method(StrEnum):
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"
    PUBLISH = "PUBLISH"


class Role(StrEnum):
    CHAIR = "CHAIR"
    REQUIRED = "REQ-PARTICIPANT"
    OPTIONAL = "OPT-PARTICIPANT"


@dataclass(frozen=True)
class CalendarEntry:
    """What a calendar shows of a meeting, a session or an event outside the programme."""

    uid: str
    sequence: int
    summary: str
    description: str
    start: datetime | date
    """Aware, in the meeting's zone; a `date` for an all-day entry."""
    end: datetime | date | None
    """None for an open end; for an all-day entry, the last day (inclusive)."""
    location: str = ""
    url: str | None = None
    cancelled: bool = False

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    def years(self) -> tuple[int, ...]:
        moments = [m for m in (self.start, self.end) if isinstance(m, datetime)]
        return tuple(sorted({m.year for m in moments}))


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str
    role: Role = Role.REQUIRED


def calendar_bytes(
    entry: CalendarEntry,
    method: Method,
    organiser: str,
    attendee: Attendee | None = None,
    *,
    stamp: datetime | None = None,
    withdrawn: bool = False,
) -> bytes:
    """The calendar for one entry: to `attendee` (REQUEST, CANCEL), or to anyone (PUBLISH).
    `withdrawn` makes a CANCEL withdraw the attendee's invitation rather than cancel the
    entry."""
    return _calendar(entry, method, organiser, attendee, stamp, withdrawn).to_ical()


class PersonalCalendars:
    """One entry's calendar for one send, written once; each recipient's copy is that with
    their own ATTENDEE line, written by icalendar's content-line writer and folded the same."""

    _PLACEHOLDER = Attendee("attendee@planner.invalid", "Planner")

    def __init__(
        self,
        entry: CalendarEntry,
        method: Method,
        organiser: str,
        *,
        stamp: datetime | None = None,
        withdrawn: bool = False,
    ) -> None:
        whole = calendar_bytes(
            entry, method, organiser, self._PLACEHOLDER, stamp=stamp, withdrawn=withdrawn
        )
        line = _attendee_line(self._PLACEHOLDER)
        self._before, found, self._after = whole.partition(line)
        if not found:
            raise AssertionError("the placeholder attendee is not in the calendar written")

    def for_attendee(self, attendee: Attendee) -> bytes:
        return self._before + _attendee_line(attendee) + self._after


def _calendar(
    entry: CalendarEntry,
    method: Method,
    organiser: str,
    attendee: Attendee | None,
    stamp: datetime | None,
    withdrawn: bool,
) -> Calendar:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method.value)
    if not entry.all_day:
        zone = getattr(entry.start, "tzinfo", None)
        key = getattr(zone, "key", None)
        if key is None:
            raise ValueError(f"{entry.uid}: the start needs an IANA time zone, got {zone!r}")
        calendar.add_component(vtimezone(key, entry.years()))
    event = Event()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0))
    _add_times(event, entry)
    event.add("summary", one_line(entry.summary))
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", one_line(entry.location))
    if entry.url:
        event.add("url", entry.url)
    status = _status(entry, method, withdrawn)
    if status:
        event.add("status", status)
    event.add("transp", "OPAQUE")
    event.add("organizer", f"mailto:{organiser}")
    if method != Method.PUBLISH:
        if attendee is None:
            raise ValueError(f"a {method.value} goes to an attendee")
        event.add("attendee", _address(attendee))
    calendar.add_component(event)
    return calendar


def _add_times(event, entry: CalendarEntry) -> None:
    if entry.all_day:
        first = entry.start
        last = entry.end if isinstance(entry.end, date) else first
        event.add("dtstart", first)
        event.add("dtend", last + timedelta(days=1))
        return
    event.add("dtstart", entry.start)
    if entry.end is not None:
        event.add("dtend", entry.end)


def _status(entry: CalendarEntry, method: Method, withdrawn: bool) -> str | None:
    if method == Method.CANCEL:
        return None if withdrawn else "CANCELLED"
    return "CANCELLED" if entry.cancelled else "CONFIRMED"


def _address(attendee: Attendee):
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{attendee.email}")
    address.params["CUTYPE"] = "INDIVIDUAL"
    address.params["ROLE"] = attendee.role.value
    address.params["PARTSTAT"] = "NEEDS-ACTION"
    address.params["RSVP"] = "TRUE"
    name = common_name(attendee.name)
    if name:
        address.params["CN"] = name
    return address


def _attendee_line(attendee: Attendee) -> bytes:
    from icalendar import Event

    event = Event()
    event.add("attendee", _address(attendee))
    lines = event.to_ical().split(CRLF)
    # BEGIN:VEVENT, the attendee's (folded) line, END:VEVENT, ''
    return CRLF.join(lines[1:-2]) + CRLF


_BREAKS = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def one_line(text: str) -> str:
    """`text` on one line: every line break and control character a space."""
    return " ".join(_BREAKS.sub(" ", text).split())


def common_name(name: str) -> str:
    """A name as an ATTENDEE's CN: one line, without double quotes (which a parameter cannot
    hold, and RFC 6868's ^' shows as such in Outlook)."""
    return one_line(name.replace('"', " "))
