"""Warnings about a meeting's registrations: things `planner check` reports, not errors.

A meeting file with these still reads: someone may really have registered twice with one
address, and a meeting may knowingly be overbooked. The secretariat should look, though.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from planner.model.meeting import MeetingFile
from planner.model.problems import format_loc
from planner.model.registration import RegistrationStatus


@dataclass(frozen=True)
class Finding:
    """One warning, at a field in the meeting file's terms: `registrations[4].checked_in_at`."""

    field: str
    message: str


def registration_warnings(meeting: MeetingFile) -> list[Finding]:
    """What looks wrong in the registrations, in the order of the file.

    - a check-in on a day the meeting is not held (in the meeting's own zone): "checked in on
      2018-11-19, but the meeting is on 2018-11-20";
    - an e-mail address registered twice (ignoring case and cancelled registrations), named
      at the later registration with the place of the earlier one;
    - more confirmed registrations than the meeting's `capacity`.
    """
    findings: list[Finding] = []
    days = _meeting_dates(meeting)
    first_with_email: dict[str, str] = {}
    for i, registration in enumerate(meeting.registrations):
        loc = ("registrations", i)
        checked_in = registration.checked_in_at
        if checked_in is not None:
            day = checked_in.astimezone(meeting.zone).date()
            if day not in days:
                findings.append(
                    Finding(
                        format_loc((*loc, "checked_in_at")),
                        f"checked in on {day.isoformat()}, but the meeting is "
                        f"{_describe_dates(days)}",
                    )
                )
        email = registration.person.email
        if email and registration.status != RegistrationStatus.CANCELLED:
            field = format_loc((*loc, "person", "email"))
            same = _comparable(email)
            if same in first_with_email:
                findings.append(
                    Finding(
                        field,
                        f"{email} is registered twice: also at {first_with_email[same]}",
                    )
                )
            else:
                first_with_email[same] = field
    confirmed = sum(r.status == RegistrationStatus.CONFIRMED for r in meeting.registrations)
    if meeting.capacity is not None and confirmed > meeting.capacity:
        findings.append(
            Finding(
                "capacity",
                f"{confirmed} registrations are confirmed, but the meeting has room for "
                f"{meeting.capacity}",
            )
        )
    return findings


def _meeting_dates(meeting: MeetingFile) -> list[date]:
    first = meeting.start.astimezone(meeting.zone).date()
    last = meeting.end.astimezone(meeting.zone).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _describe_dates(days: list[date]) -> str:
    if len(days) == 1:
        return f"on {days[0].isoformat()}"
    return f"from {days[0].isoformat()} to {days[-1].isoformat()}"


def _comparable(email: str) -> str:
    """The address as compared: NFC-normalised, case folded ("Kari@Example.no" = "kari@…")."""
    return unicodedata.normalize("NFC", email).casefold()
