"""iTIP replies (METHOD:REPLY): who accepted, declined or said maybe, read from what their
calendars sent back: .eml files, .ics files, an mbox, or a folder of them.

Each reply is matched by its UID to the meeting (and entry) it answers, and by the
attendee's address to that meeting's registration; a reply whose UID no meeting of the
workspace sent, or whose address no registration has, is listed and nothing is guessed.
Only each person's latest reply to an entry counts (by SEQUENCE, then DTSTAMP), so
importing the same replies again, or an older one after a newer, changes nothing.
"""

from __future__ import annotations

import email
import mailbox
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.policy import default
from enum import StrEnum
from pathlib import Path
from typing import Any

from planner.errors import InvalidInput, NotFound, Problem
from planner.words import Words

MAX_FILE = 50 * 1024 * 1024
"""A reply file larger than this (50 MB) is refused unread."""
SUFFIXES = (".eml", ".ics", ".mbox")


class Answer(StrEnum):
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    TENTATIVE = "TENTATIVE"


@dataclass(frozen=True)
class Reply:
    uid: str
    address: str
    """Lower-cased, without mailto:."""
    answer: Answer
    sequence: int
    stamp: datetime | None
    where: str
    """The file, and the message in an mbox: 'svar.mbox, message 3'."""


@dataclass
class Read:
    replies: list[Reply] = field(default_factory=list)
    not_replies: int = 0
    """Calendars in the files that are not replies (invitations, published files)."""


def read_replies(source: Path) -> Read:
    """Every reply in `source` (a file or a folder); InvalidInput naming each file or message
    that cannot be read, before anything is done with the others."""
    if not source.exists():
        raise NotFound(Words("invitations_replies.no_source", path=str(source)))
    found = Read()
    problems: list[Problem] = []
    for path in _files(source):
        try:
            for where, calendar_bytes in _calendars(path):
                _collect(found, where, calendar_bytes, problems)
        except (OSError, ValueError, UnicodeError) as error:
            problems.append(Problem(str(path), " ".join(str(error).split())[:300]))
    if problems:
        raise InvalidInput(problems)
    return found


def latest(replies: list[Reply]) -> list[Reply]:
    """Each person's last reply to each entry."""
    chosen: dict[tuple[str, str], Reply] = {}
    for reply in replies:
        key = (reply.uid, reply.address)
        if key not in chosen or _order(reply) >= _order(chosen[key]):
            chosen[key] = reply
    return list(chosen.values())


def _order(reply: Reply) -> tuple[int, float]:
    return (reply.sequence, reply.stamp.timestamp() if reply.stamp else 0.0)


def _files(source: Path) -> Iterator[Path]:
    if source.is_file():
        yield source
        return
    for path in sorted(source.rglob("*")):
        if path.is_file() and (path.suffix.lower() in SUFFIXES or _looks_like_mbox(path)):
            yield path


def _looks_like_mbox(path: Path) -> bool:
    if path.suffix:
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(5) == b"From "
    except OSError:
        return False


def _calendars(path: Path) -> Iterator[tuple[str, bytes]]:
    """(where, calendar bytes) for each calendar in the file."""
    if path.stat().st_size > MAX_FILE:
        raise ValueError(f"larger than {MAX_FILE // (1024 * 1024)} MB")
    suffix = path.suffix.lower()
    if suffix == ".ics":
        yield str(path), path.read_bytes()
        return
    if suffix == ".mbox" or _looks_like_mbox(path):
        box = mailbox.mbox(path, create=False)
        try:
            for index, message in enumerate(box, start=1):
                for data in _message_calendars(message):
                    yield f"{path}, message {index}", data
        finally:
            box.close()
        return
    with open(path, "rb") as handle:
        message = email.message_from_binary_file(handle, policy=default)
    for data in _message_calendars(message):
        yield str(path), data


def _message_calendars(message: Message) -> Iterator[bytes]:
    for part in message.walk():
        if part.get_content_type() in ("text/calendar", "application/ics"):
            data = part.get_payload(decode=True)
            if isinstance(data, bytes) and data.strip():
                yield data


def _collect(found: Read, where: str, data: bytes, problems: list[Problem]) -> None:
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except ValueError as error:
        problems.append(Problem(where, f"not a calendar: {' '.join(str(error).split())[:200]}"))
        return
    for calendar in calendars:
        if str(calendar.get("METHOD", "")).upper() != "REPLY":
            found.not_replies += 1
            continue
        for event in calendar.walk("VEVENT"):
            found.replies += list(_event_replies(event, where, problems))


def _event_replies(event, where: str, problems: list[Problem]) -> Iterator[Reply]:
    uid = str(event.get("UID", "")).strip()
    if not uid:
        problems.append(Problem(where, "a reply without a UID"))
        return
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    try:
        sequence = int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        sequence = 0
    stamp = _stamp(event)
    for attendee in attendees:
        address = str(attendee).strip()
        if address.lower().startswith("mailto:"):
            address = address[7:]
        partstat = str(attendee.params.get("PARTSTAT", "")).upper()
        if partstat not in Answer.__members__:
            continue  # NEEDS-ACTION, DELEGATED: nothing to record
        yield Reply(uid, address.strip().lower(), Answer(partstat), sequence, stamp, where)


def _stamp(event) -> datetime | None:
    try:
        value = event.decoded("DTSTAMP")
    except (KeyError, ValueError):
        return None
    return value if isinstance(value, datetime) and value.tzinfo is not None else None


# -- matching replies to meetings and registrations ------------------------------------------


@dataclass(frozen=True)
class Answered:
    """A reply matched to a registration: who, to what (the meeting, or one of its
    sessions or events), and the answer."""

    reply: Reply
    slug: str
    registration_id: int
    registration_key: str
    name: str
    status: str
    entry_kind: str
    entry_key: str | None


@dataclass
class Matched:
    answered: list[Answered] = field(default_factory=list)
    unknown_addresses: list[Reply] = field(default_factory=list)
    """Replies to a meeting's entry from an address none of its registrations has."""
    unknown_entries: list[Reply] = field(default_factory=list)
    """Replies to a UID no meeting of this workspace sent."""
    not_replies: int = 0


def match(workspace, read: Read) -> Matched:
    """Each person's latest reply matched to their registration; the rest listed."""
    from planner.store import meetings
    from planner.store import outbox as rows

    matched = Matched(not_replies=read.not_replies)
    entries: dict[str, tuple[str, str, str | None] | None] = {}
    registrations: dict[str, dict[str, Any]] = {}
    for reply in sorted(latest(read.replies), key=lambda r: (r.where, r.address)):
        if reply.uid not in entries:
            with workspace.reading() as connection:
                found = rows.meeting_of_uid(connection, reply.uid)
                meeting = meetings.find_by_id(connection, found.meeting_id) if found else None
            entries[reply.uid] = (meeting.slug, found.kind, found.key) if meeting else None
        entry = entries[reply.uid]
        if entry is None:
            matched.unknown_entries.append(reply)
            continue
        slug, kind, key = entry
        if slug not in registrations:
            registrations[slug] = _by_address(workspace.list_registrations(slug))
        stored = registrations[slug].get(reply.address)
        if stored is None:
            matched.unknown_addresses.append(reply)
            continue
        registration = stored.registration
        matched.answered.append(
            Answered(
                reply,
                slug,
                stored.id,
                registration.key or "",
                registration.person.name,
                registration.status.value,
                kind,
                key,
            )
        )
    return matched


def _by_address(stored: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in stored:
        email_address = item.registration.person.email
        if email_address:
            found.setdefault(str(email_address).lower(), item)
    return found
