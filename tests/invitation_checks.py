"""What every invitation e-mail and calendar Planner makes must satisfy (issue 14, points 1-3),
checked on the bytes as a mail client and a calendar would read them."""

from __future__ import annotations

import email
import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP

from icalendar import Calendar


@dataclass(frozen=True)
class Invitation:
    """One checked message: its method, the entry's UID and SEQUENCE, to whom."""

    method: str
    uid: str
    sequence: int
    to: str
    status: str | None
    message: EmailMessage
    calendar: Calendar

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.to, self.uid, self.sequence, self.method)


def check_message(data: bytes, *, sender: str | None = None) -> Invitation:
    """Parse an iMIP message and check its structure; the invitation it carries."""
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), "CRLF line ends only"
    for line in data.split(b"\r\n"):
        assert len(line) <= 998, "no line longer than SMTP allows"
    message: EmailMessage = email.message_from_bytes(data, policy=SMTP)  # type: ignore[assignment]
    assert not message.defects, message.defects
    for name in ("From", "To", "Subject", "Date", "Message-ID"):
        assert message[name], f"{name} is missing"
        assert len(message.get_all(name)) == 1, f"{name} twice"
    assert message.get_content_type() == "multipart/mixed"
    letter, attachment = message.iter_parts()
    assert letter.get_content_type() == "multipart/alternative"
    kinds = [part.get_content_type() for part in letter.iter_parts()]
    assert kinds == ["text/plain", "text/html", "text/calendar"], kinds
    calendar_part = list(letter.iter_parts())[2]
    assert calendar_part.get_content_charset().upper() == "UTF-8"
    method = calendar_part.get_param("method")
    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_content_disposition() == "attachment"
    ics = calendar_part.get_payload(decode=True)
    assert attachment.get_payload(decode=True) == ics
    calendar = check_calendar(ics, method)
    [event] = calendar.walk("VEVENT")
    from_address = message["From"].addresses[0].addr_spec
    if sender is not None:
        assert from_address == sender
    assert str(event["ORGANIZER"]) == f"mailto:{from_address}", "ORGANIZER is the sender"
    assert not event["ORGANIZER"].params, "ORGANIZER is a bare mailto:"
    to_address = message["To"].addresses[0].addr_spec
    if method != "PUBLISH":
        attendees = event.get("ATTENDEE")
        assert not isinstance(attendees, list), "one attendee per message"
        assert str(attendees) == f"mailto:{to_address}"
    return Invitation(
        method,
        str(event["UID"]),
        int(event["SEQUENCE"]),
        to_address,
        str(event["STATUS"]) if "STATUS" in event else None,
        message,
        calendar,
    )


def check_calendar(ics: bytes, method: str) -> Calendar:
    """Parse a calendar with icalendar and vobject and check what every calendar says."""
    import vobject

    assert ics.endswith(b"\r\n")
    for line in ics.split(b"\r\n"):
        assert len(line) <= 75, f"a line of {len(line)} octets: {line[:40]!r}"
    calendar = Calendar.from_ical(ics)
    assert str(calendar["METHOD"]) == method
    parsed = vobject.readOne(io.StringIO(ics.decode("utf-8")))
    assert parsed.method.value == method
    events = calendar.walk("VEVENT")
    assert len(events) == 1, "one UID per calendar"
    [event] = events
    stamp = event.decoded("DTSTAMP")
    assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0), "DTSTAMP in UTC"
    assert abs(datetime.now(UTC) - stamp) < timedelta(hours=1), "DTSTAMP is fresh"
    assert event["UID"] and "SEQUENCE" in event
    timezones = calendar.walk("VTIMEZONE")
    for zone in timezones:
        assert len(zone.walk("STANDARD")) == 1, "one STANDARD"
        assert len(zone.walk("DAYLIGHT")) <= 1, "at most one DAYLIGHT"
        assert b"RDATE" not in zone.to_ical()
    if method == "PUBLISH":
        assert "ATTENDEE" not in event
    else:
        attendee = event["ATTENDEE"]
        params = attendee.params
        assert params["PARTSTAT"] == "NEEDS-ACTION"
        assert params["RSVP"] == "TRUE"
        assert params["ROLE"] in ("REQ-PARTICIPANT", "CHAIR", "OPT-PARTICIPANT")
        name = params.get("CN", "")
        assert '"' not in name and "\n" not in name and "\r" not in name
    return calendar


def letter_text(message: EmailMessage) -> str:
    letter = next(message.iter_parts())
    return next(letter.iter_parts()).get_content().replace("\r\n", "\n")


def letter_html(message: EmailMessage) -> str:
    letter = next(message.iter_parts())
    return list(letter.iter_parts())[1].get_content()


def shown_name(message: EmailMessage, header: str) -> str:
    """The name a mail client shows for the header's mailbox, decoded as RFC 2047 says
    (whitespace between two encoded words is not part of the name; the standard library's
    newer parser keeps it, so the older decoder reads encoded names here)."""
    from email.header import decode_header, make_header

    value = raw_header(message, header)
    if "=?" in value:
        return str(make_header(decode_header(value.rsplit("<", 1)[0].strip())))
    return message[header].addresses[0].display_name


def raw_header(message: EmailMessage, header: str) -> str:
    for name, value in message.raw_items():
        if name.lower() == header.lower():
            return " ".join(str(value).split())
    raise KeyError(header)
