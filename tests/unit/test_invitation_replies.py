"""Reading iTIP replies from what calendars send back: .ics files, e-mails, an mbox, a folder;
the latest reply counts; what cannot be read is named, file by file."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from planner.errors import InvalidInput, NotFound
from planner.invitations.replies import Answer, latest, read_replies

UID = "6b1f2d3c-4e5f-4a6b-8c7d-8e9f0a1b2c3d"


def reply_calendar(
    address: str,
    answer: str,
    *,
    uid: str = UID,
    sequence: int = 0,
    stamp: str = "20181001T100000Z",
    method: str = "REPLY",
) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Outlook//EN\r\n"
        f"METHOD:{method}\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nSEQUENCE:{sequence}\r\n"
        f"DTSTAMP:{stamp}\r\nDTSTART:20181120T073000Z\r\n"
        f"ATTENDEE;PARTSTAT={answer};CN=Someone:mailto:{address}\r\n"
        "ORGANIZER:mailto:integration@norden.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def reply_email(address: str, answer: str, **kw) -> EmailMessage:
    message = EmailMessage()
    message["From"] = address
    message["To"] = "integration@norden.org"
    message["Subject"] = f"{answer}: Integration i Norden"
    message.set_content("Svar")
    message.add_alternative(
        reply_calendar(address, answer, **kw).decode(),
        subtype="calendar",
        params={"method": "REPLY"},
    )
    return message


def test_replies_are_read_from_ics_eml_and_mbox_files_in_a_folder(tmp_path: Path):
    (tmp_path / "kari.ics").write_bytes(reply_calendar("Kari.Nordmann@Example.no", "ACCEPTED"))
    (tmp_path / "anna.eml").write_bytes(
        reply_email("anna.andersson@example.se", "DECLINED").as_bytes()
    )
    box = mailbox.mbox(tmp_path / "svar.mbox")
    box.add(reply_email("jon.jonsson@example.is", "TENTATIVE"))
    box.add(reply_email("asa.ek@example.se", "ACCEPTED"))
    box.close()
    (tmp_path / "notes.txt").write_text("not a reply")
    read = read_replies(tmp_path)
    found = sorted((r.address, r.answer, Path(r.where.split(",")[0]).name) for r in read.replies)
    assert found == [
        ("anna.andersson@example.se", Answer.DECLINED, "anna.eml"),
        ("asa.ek@example.se", Answer.ACCEPTED, "svar.mbox"),
        ("jon.jonsson@example.is", Answer.TENTATIVE, "svar.mbox"),
        ("kari.nordmann@example.no", Answer.ACCEPTED, "kari.ics"),
    ]
    assert any(r.where.endswith("message 2") for r in read.replies)


def test_only_the_latest_reply_of_each_person_counts(tmp_path: Path):
    (tmp_path / "a.ics").write_bytes(reply_calendar("kari@example.no", "ACCEPTED", sequence=1))
    (tmp_path / "b.ics").write_bytes(
        reply_calendar("kari@example.no", "DECLINED", sequence=1, stamp="20181002T080000Z")
    )
    (tmp_path / "c.ics").write_bytes(
        reply_calendar("kari@example.no", "TENTATIVE", sequence=0, stamp="20181005T080000Z")
    )
    [last] = latest(read_replies(tmp_path).replies)
    assert last.answer == Answer.DECLINED
    assert last.stamp == datetime(2018, 10, 2, 8, 0, tzinfo=UTC)


def test_invitations_and_published_files_are_not_replies(tmp_path: Path):
    (tmp_path / "invite.ics").write_bytes(
        reply_calendar("k@example.no", "ACCEPTED", method="REQUEST")
    )
    read = read_replies(tmp_path)
    assert read.replies == [] and read.not_replies == 1


def test_a_file_that_is_not_a_calendar_is_named_before_anything_is_done(tmp_path: Path):
    (tmp_path / "good.ics").write_bytes(reply_calendar("k@example.no", "ACCEPTED"))
    (tmp_path / "broken.ics").write_bytes(b"BEGIN:VCALENDAR\r\nthis is not\r\n")
    with pytest.raises(InvalidInput) as raised:
        read_replies(tmp_path)
    assert "broken.ics" in str(raised.value)
    assert "good.ics" not in str(raised.value)


def test_a_source_that_is_not_there_is_not_found(tmp_path: Path):
    with pytest.raises(NotFound, match="does not exist"):
        read_replies(tmp_path / "svar")
