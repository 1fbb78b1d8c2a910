"""Building 10,000 personalised invitation e-mails (calendar and MIME) for the Nordic
conference, in each person's language. Reference: building each the plain way, a whole
icalendar calendar with `add_missing_timezones()` and a stdlib `EmailMessage` per message,
measured on 300 messages in the same run and scaled to 10,000."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path

from benchmarks.measure import Result, Timing, repeat
from benchmarks.workloads import FAMILIES, NAMES, sample
from planner.invitations.compose import Composer
from planner.invitations.email import Mailbox
from planner.invitations.entries import meeting_entries
from planner.invitations.plan import Planned, Sent, plan_send
from planner.invitations.recipients import people
from planner.model import Registration
from planner.store import StoredMeeting, StoredRegistration

BUDGET = 5.0
"""Seconds for 10,000 messages on the 2-core machine."""
COUNT = 10_000
REFERENCE_SAMPLE = 300
LANGUAGES = ("nb", "sv", "da", "fi", "is", "en", "nn")


def planned(count: int = COUNT) -> tuple[StoredMeeting, list[Planned]]:
    meeting = sample("nordisk-").to_meeting()
    stored = StoredMeeting(
        id=1, uid="6b1f2d3c-4e5f-4a6b-8c7d-8e9f0a1b2c3d", version=1, revision=1, meeting=meeting
    )
    registrations = [
        StoredRegistration(
            n,
            1,
            Registration.model_validate(
                {
                    "person": {
                        "name": f"{NAMES[n % len(NAMES)]} {FAMILIES[n % len(FAMILIES)]} {n}",
                        "email": f"deltaker{n}@example.no",
                        "language": LANGUAGES[n % len(LANGUAGES)],
                    },
                    "status": "confirmed",
                    "submitted_at": "2018-10-01 09:00",
                }
            ),
        )
        for n in range(count)
    ]
    found = people(meeting, registrations, "all")
    plan = plan_send(meeting_entries(stored, sessions=False), found, Sent())
    return stored, [m for m in plan.messages if m.entry.key is None][:count]


def build_all(stored: StoredMeeting, messages: list[Planned]) -> float:
    begun = time.perf_counter()
    composer = Composer(stored.meeting, Mailbox("integration@norden.org", "Nordiska ministerrådet"))
    for message in messages:
        composer.compose(message)
    return time.perf_counter() - begun


def build_plainly(stored: StoredMeeting, messages: list[Planned]) -> float:
    """Each message from scratch: a whole icalendar calendar with its time zone added by
    `add_missing_timezones()`, and a stdlib EmailMessage with its parts set one by one."""
    from icalendar import Calendar, Event, vCalAddress

    composer = Composer(stored.meeting, Mailbox("integration@norden.org", "Nordiska ministerrådet"))
    texts = {m.recipient.language: composer.compose(m) for m in messages[:20]}
    meeting = stored.meeting
    begun = time.perf_counter()
    for message in messages:
        said = texts[message.recipient.language]
        calendar = Calendar()
        calendar.add("prodid", "-//Planner//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "REQUEST")
        event = Event()
        event.add("uid", message.entry.uid)
        event.add("sequence", message.sequence)
        event.add("dtstamp", datetime.now(UTC))
        event.add("dtstart", meeting.start_time)
        event.add("dtend", meeting.end)
        event.add("summary", said.subject)
        event.add("description", said.text)
        event.add("location", "Eigtveds Pakhus")
        event.add("organizer", "mailto:integration@norden.org")
        attendee = vCalAddress(f"mailto:{message.recipient.email}")
        attendee.params.update(
            {"CN": message.recipient.name, "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"}
        )
        event.add("attendee", attendee)
        calendar.add_component(event)
        calendar.add_missing_timezones()
        ics = calendar.to_ical()
        mail = EmailMessage(policy=SMTP)
        mail["From"] = "Nordiska ministerrådet <integration@norden.org>"
        mail["To"] = f"{message.recipient.name} <{message.recipient.email}>"
        mail["Subject"] = said.subject
        mail["Date"] = format_datetime(datetime.now(UTC))
        mail["Message-ID"] = make_msgid(domain="norden.org")
        mail.set_content(said.text)
        mail.add_alternative(f"<p>{said.text}</p>", subtype="html")
        mail.add_alternative(ics.decode(), subtype="calendar", params={"method": "REQUEST"})
        mail.make_mixed()
        mail.add_attachment(ics, maintype="application", subtype="ics", filename="invite.ics")
        mail.as_bytes()
    return time.perf_counter() - begun


def run(folder: Path, times: int = 3, count: int = COUNT) -> Result:
    stored, messages = planned(count)
    measured = repeat(lambda: build_all(stored, messages), times)
    few = messages[: min(REFERENCE_SAMPLE, len(messages))]
    scale = len(messages) / len(few)
    reference = repeat(lambda: build_plainly(stored, few) * scale, times)
    rate = len(messages) / measured.median
    return Result(
        workload=f"{len(messages):,} invitation e-mails built (ICS + MIME, 7 languages)",
        budget=f"{BUDGET:.1f} s",
        measured=measured,
        reference=Timing(reference.runs),
        reference_name="each built whole with add_missing_timezones() (300, scaled)",
        within_budget=measured.median <= BUDGET,
        note=f"{rate:,.0f} messages/s",
    )
