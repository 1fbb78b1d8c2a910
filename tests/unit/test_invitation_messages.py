"""Invitation calendars and e-mails as built, without a server: what they say, how they are
written, and hostile names as data in every header and template."""

from __future__ import annotations

import email
from datetime import UTC, date, datetime
from email.policy import SMTP
from zoneinfo import ZoneInfo

import pytest

from planner.errors import BadInput
from planner.invitations.compose import Composer
from planner.invitations.email import Letters, Mailbox, checked_address, invitation_email
from planner.invitations.entries import meeting_entries
from planner.invitations.ics import (
    Attendee,
    CalendarEntry,
    Method,
    PersonalCalendars,
    calendar_bytes,
)
from planner.invitations.plan import Reason, Sent, plan_send
from planner.invitations.recipients import people
from planner.model import Meeting, Registration
from planner.store import StoredMeeting, StoredRegistration
from tests.factories import meeting_data
from tests.invitation_checks import (
    check_calendar,
    check_message,
    letter_html,
    letter_text,
    raw_header,
    shown_name,
)


def decoded(value: str) -> str:
    from email.header import decode_header, make_header

    return str(make_header(decode_header(value)))


OSLO = ZoneInfo("Europe/Oslo")
ENTRY = CalendarEntry(
    uid="3f1c7d0e-0000-4000-8000-000000000001",
    sequence=2,
    summary="Toppmøte om integrering",
    description="Program\n12.30 Velkommen, ordfører\n" * 20,
    start=datetime(2016, 8, 26, 12, 30, tzinfo=OSLO),
    end=datetime(2016, 8, 26, 16, 0, tzinfo=OSLO),
    location="KS-huset, Haakon VIIs gate 9, 0161 Oslo",
    url="https://example.no/mote",
)
KARI = Attendee("kari.nordmann@example.no", "Kari Nordmann")
HOSTILE = [
    'Kari "Evil" Nordmann\r\nBcc: victim@example.com',
    "{{ 7*7 }} {% raw %}x{% endraw %}",
    "<script>alert(1)</script> & Co",
    "=cmd|' /C calc'!A0",
    "Ærlig Øyvind Åsmund \u202eevil\u202c " + "Långnamnsdotter " * 6,
    "Name, With; Colon: and \\ backslash",
]


def test_a_request_says_everything_a_calendar_needs():
    ics = calendar_bytes(ENTRY, Method.REQUEST, "post@example.no", KARI)
    calendar = check_calendar(ics, "REQUEST")
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == ENTRY.uid and event["SEQUENCE"] == 2
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:post@example.no"
    assert str(event["URL"]) == "https://example.no/mote"
    assert str(event["LOCATION"]) == ENTRY.location
    assert event["ATTENDEE"].params["CN"] == "Kari Nordmann"
    assert event.decoded("DTSTART") == ENTRY.start
    assert b"DTSTART;TZID=Europe/Oslo:20160826T123000\r\n" in ics
    assert max(len(line) for line in ics.split(b"\r\n")) == 75, "long lines folded at 75"


def test_a_cancel_of_the_whole_entry_says_cancelled_and_one_withdrawing_a_person_does_not():
    whole = check_calendar(calendar_bytes(ENTRY, Method.CANCEL, "p@example.no", KARI), "CANCEL")
    assert str(whole.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    one = calendar_bytes(ENTRY, Method.CANCEL, "p@example.no", KARI, withdrawn=True)
    assert "STATUS" not in check_calendar(one, "CANCEL").walk("VEVENT")[0]


def test_a_published_file_has_no_attendees():
    calendar = check_calendar(calendar_bytes(ENTRY, Method.PUBLISH, "p@example.no"), "PUBLISH")
    assert "ATTENDEE" not in calendar.walk("VEVENT")[0]


def test_a_meeting_with_a_date_only_is_an_all_day_event():
    days = CalendarEntry("u", 0, "Samling", "", date(2024, 6, 3), date(2024, 6, 4))
    ics = calendar_bytes(days, Method.REQUEST, "p@example.no", KARI)
    assert b"DTSTART;VALUE=DATE:20240603\r\n" in ics
    assert b"DTEND;VALUE=DATE:20240605\r\n" in ics
    assert b"VTIMEZONE" not in ics
    check_calendar(ics, "REQUEST")


@pytest.mark.parametrize("name", HOSTILE)
def test_each_recipients_copy_is_the_whole_calendar_written_for_them(name):
    stamp = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    attendee = Attendee("x@example.no", name)
    personal = PersonalCalendars(ENTRY, Method.REQUEST, "p@example.no", stamp=stamp)
    assert personal.for_attendee(attendee) == calendar_bytes(
        ENTRY, Method.REQUEST, "p@example.no", attendee, stamp=stamp
    )


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_stays_one_name_in_every_header_and_the_calendar(name):
    calendar = calendar_bytes(
        ENTRY, Method.REQUEST, "post@example.no", Attendee("x@example.no", name)
    )
    data = invitation_email(
        sender=Mailbox("post@example.no", name),
        recipient=Mailbox("x@example.no", name),
        subject=f"Invitasjon: {name}",
        text=f"Hei {name}",
        html="<p>Hei</p>",
        calendar=calendar,
        method=Method.REQUEST,
    )
    checked = check_message(data, sender="post@example.no")
    message = checked.message
    assert message["Bcc"] is None and "victim" not in str(message.keys())
    assert [a.addr_spec for a in message["To"].addresses] == ["x@example.no"]
    one_line = " ".join(name.replace("\r\n", " ").split())
    assert shown_name(message, "To") == one_line
    assert shown_name(message, "From") == one_line
    assert decoded(raw_header(message, "Subject")) == f"Invitasjon: {one_line}"
    cn = checked.calendar.walk("VEVENT")[0]["ATTENDEE"].params["CN"]
    assert cn == " ".join(one_line.replace('"', " ").split())


def test_names_that_are_not_ascii_are_encoded_and_read_back_as_written():
    data = invitation_email(
        sender=Mailbox("post@example.no", "Nordiska ministerrådet"),
        recipient=Mailbox("x@example.no", "Þórdís Ægisdóttir"),
        subject="Inbjudan: Integration i Norden – vad kan vi lära av varandra?",
        text="Hej",
        html="<p>Hej</p>",
        calendar=calendar_bytes(ENTRY, Method.REQUEST, "post@example.no", KARI),
        method=Method.REQUEST,
    )
    head = data.split(b"\r\n\r\n")[0]
    assert head.isascii() and b"=?utf-8?" in head
    message = email.message_from_bytes(data, policy=SMTP)
    assert str(message["To"]) == "Þórdís Ægisdóttir <x@example.no>"
    assert message["Subject"].endswith("vad kan vi lära av varandra?")


def test_letters_of_one_send_share_their_frame_and_each_has_its_own_id():
    letters = Letters(Mailbox("post@example.no", "Sekretariatet"), Method.REQUEST)
    stamp = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)
    first, second = (
        letters.message(
            Mailbox(address, "Åse"),
            subject="Invitasjon",
            text="Hei\n",
            html="<p>Hei</p>",
            calendar=calendar_bytes(
                ENTRY, Method.REQUEST, "post@example.no", Attendee(address, "Åse")
            ),
            date=stamp,
        )
        for address in ("a@example.no", "b@example.no")
    )
    assert check_message(first).to == "a@example.no" and check_message(second).to == "b@example.no"
    assert (
        email.message_from_bytes(first, policy=SMTP)["Message-ID"]
        != email.message_from_bytes(second, policy=SMTP)["Message-ID"]
    )


@pytest.mark.parametrize(
    "address", ["kari", "kari@", "a b@example.no", "a@example.no\r\nBcc: x@y.no", "<a@b.no>"]
)
def test_an_address_a_message_cannot_go_to_is_refused(address):
    with pytest.raises(BadInput, match="not an e-mail address"):
        checked_address(address)


def test_a_domain_in_another_script_is_sent_in_its_ascii_form():
    sent_to = checked_address("post@ærø.dk")
    assert sent_to.startswith("post@xn--") and sent_to.endswith(".dk") and sent_to.isascii()


def _meeting(**changes) -> StoredMeeting:
    meeting = Meeting.model_validate(meeting_data(**changes))
    return StoredMeeting(
        id=1, uid="3f1c7d0e-0000-4000-8000-0000000000aa", version=1, revision=1, meeting=meeting
    )


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_printed_as_typed_in_the_letters_never_run(name):
    stored = _meeting()
    registration = Registration.model_validate(
        {
            "person": {"name": " ".join(name.split()), "email": "x@example.no"},
            "status": "confirmed",
            "submitted_at": "2016-08-01 10:00",
        }
    )
    found = people(stored.meeting, [StoredRegistration(1, 1, registration)], "all")
    plan = plan_send(meeting_entries(stored, sessions=False), found, Sent())
    [planned] = plan.messages
    composed = Composer(stored.meeting, Mailbox("post@example.no", "Sekretariatet")).compose(
        planned
    )
    checked = check_message(composed.message)
    text, html = letter_text(checked.message), letter_html(checked.message)
    shown = registration.person.name
    assert f"Kjære {shown}," in text, "the documents' invitation letter, as typed"
    assert "49" not in text.split("\n")[0] or "7*7" in text
    assert ("<script>" not in html and "&lt;script&gt;" in html) or "<script>" not in shown
    assert "&amp;" in html or "&" not in shown
    assert planned.reason == Reason.NEW


def test_letters_written_once_per_language_are_each_recipients_own(tmp_path, monkeypatch):
    stored = _meeting()
    registrations = [
        StoredRegistration(
            n,
            1,
            Registration.model_validate(
                {
                    "person": {"name": name, "email": f"p{n}@example.no"},
                    "status": "confirmed",
                    "submitted_at": "2016-08-01 10:00",
                }
            ),
        )
        for n, name in enumerate(["Kari <b>Nordmann</b>", "Åse & Co"], start=1)
    ]
    found = people(stored.meeting, registrations, "all")
    messages = plan_send(meeting_entries(stored, sessions=False), found, Sent()).messages
    composer = Composer(stored.meeting, Mailbox("post@example.no", "Sekretariatet"))
    for planned in messages:
        composed = composer.compose(planned)
        values = {"recipient": planned.recipient.name}
        alone = Composer(stored.meeting, Mailbox("post@example.no", "Sekretariatet"))
        alone._shared_letters = lambda *args: None  # render this one for the recipient
        assert alone.compose(planned).text == composed.text
        assert values["recipient"] in composed.text
    # A secretariat's letter that looks at `person` is rendered for each recipient.
    own = tmp_path / "templates" / "mail"
    own.mkdir(parents=True)
    (own / "subject.txt").write_text("{{ person.email }}: {{ entry.title }}")
    monkeypatch.setattr(
        "planner.config.template_folder", lambda option=None: tmp_path / "templates"
    )
    composer = Composer(stored.meeting, Mailbox("post@example.no", "Sekretariatet"))
    subjects = [composer.compose(planned).subject.strip() for planned in messages]
    assert subjects == [
        "p1@example.no: Testmøte om integrering",
        "p2@example.no: Testmøte om integrering",
    ]
