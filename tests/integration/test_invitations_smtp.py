"""Invitations through a real SMTP server on 127.0.0.1: what arrives, updates and
cancellations with their SEQUENCE, a server that says "try later", and a send killed halfway
through 500 messages."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from planner.errors import ExitCode
from planner.resources import sample_meeting_files
from planner.store import Workspace
from tests.integration.command_line import planner, succeeded
from tests.invitation_checks import check_message, letter_html, letter_text
from tests.smtp_server import LocalServer

ROOT = Path(__file__).resolve().parents[2]
NORDIC = next(p for p in sample_meeting_files() if p.stem.startswith("nordisk"))
SLUG = NORDIC.stem
SENDER = "integration@norden.org"


@pytest.fixture(scope="module")
def server():
    with LocalServer() as running:
        yield running


@pytest.fixture
def mailroom(server):
    server.mailroom.clear()
    return server.mailroom


@pytest.fixture
def configured(server, tmp_path, monkeypatch):
    """config.toml sending through the test server."""
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    config.write_text(server.config())
    monkeypatch.setattr("planner.config.config_file", lambda: config)
    return config


@pytest.fixture
def imported(runner, workspace, configured):
    succeeded(planner(runner, workspace, "import", str(NORDIC)))
    return workspace


def received(mailroom, *, dinner: bool = False):
    """The invitations the server got: to the meeting only, unless `dinner`."""
    found = [check_message(item.data, sender=SENDER) for item in mailroom.received]
    return found if dinner else [i for i in found if "-event-" not in i.uid]


def edit_meeting(workspace: Path, **changes) -> None:
    with Workspace.open(workspace, "test") as opened:
        stored = opened.get_meeting(SLUG)
        data = stored.meeting.model_dump(mode="json")
        data.update(changes)
        changed = type(stored.meeting).model_validate(data)
        opened.save_meeting(stored.id, changed, stored.version)


def test_each_person_due_an_invitation_gets_one_in_their_language(runner, imported, mailroom):
    out = succeeded(planner(runner, imported, "invite", SLUG, "--send"))
    assert "The meeting: 6 new invitations" in out
    assert "“Conference dinner”: 4 new invitations" in out, "the dinner is an entry of its own"
    assert "Sent: 10, failed: 0, left in the queue: 0" in out
    invitations = received(mailroom)
    assert sorted(i.to for i in invitations) == sorted(
        [
            "kari.nordmann@example.no",
            "anna.andersson@example.se",
            "jon.jonsson@example.is",
            "asa.ek@example.se",
            "aerling.odegard@example.no",
            "matti.meikalainen@example.fi",
        ]
    )
    assert {(i.method, i.sequence, i.status) for i in invitations} == {("REQUEST", 0, "CONFIRMED")}
    assert len({i.uid for i in invitations}) == 1, "one UID for the meeting"
    kari = next(i for i in invitations if i.to.startswith("kari"))
    assert kari.message["Subject"] == (
        "Invitasjon: Integrering i Norden – hva kan vi lære av hverandre?"
    )
    text = letter_text(kari.message)
    assert text.startswith("Kjære Kari Nordmann,\n"), "the documents' invitation letter"
    assert "08.30–09.00  Registrering og morgenkaffe" in text
    assert "Kalenderoppføringen ligger ved." in text
    assert "<p>Kjære Kari Nordmann,</p>" in letter_html(kari.message)
    anna = next(i for i in invitations if i.to.startswith("anna"))
    assert anna.message["Subject"].startswith("Inbjudan: Integration i Norden")
    [event] = anna.calendar.walk("VEVENT")
    assert str(event["LOCATION"]).startswith("Eigtveds Pakhus, Plenarsal")
    assert event.decoded("DTSTART").isoformat() == "2018-11-20T08:30:00+01:00"
    assert "Program" in str(event["DESCRIPTION"])

    again = succeeded(planner(runner, imported, "invite", SLUG, "--send"))
    assert "Nothing to send" in again
    assert len(mailroom.received) == 10, "nobody gets what they already have"


def test_sessions_and_the_dinner_go_as_entries_of_their_own(runner, imported, mailroom):
    succeeded(planner(runner, imported, "invite", SLUG, "--send", "--sessions"))
    invitations = received(mailroom, dinner=True)
    kari = {i.uid: i for i in invitations if i.to.startswith("kari")}
    [meeting_uid] = [uid for uid in kari if "-" not in uid[36:]]
    assert sorted(kari) == sorted(
        [meeting_uid, f"{meeting_uid}-session-spar-a", f"{meeting_uid}-event-konferensmiddag"]
    )
    assert len({i.uid for i in invitations}) == 5  # the meeting, three tracks, the dinner
    dinner = kari[f"{meeting_uid}-event-konferensmiddag"]
    [event] = dinner.calendar.walk("VEVENT")
    assert event.decoded("DTSTART").isoformat() == "2018-11-20T18:30:00+01:00"


def test_a_changed_time_updates_everyone_once_with_a_higher_sequence(runner, imported, mailroom):
    succeeded(planner(runner, imported, "invite", SLUG, "--send"))
    [uid] = {i.uid for i in received(mailroom)}
    mailroom.clear()

    edit_meeting(imported, description={"sv": "Ny beskrivning."})
    out = succeeded(planner(runner, imported, "invite", SLUG, "--send"))
    assert "Nothing to send" in out, "a new description is no reason for an update"

    edit_meeting(imported, start="2018-11-20 09:00")
    out = succeeded(planner(runner, imported, "invite", SLUG, "--send"))
    assert "The meeting: the time has changed — 6 updates" in out
    assert "dinner" not in out, "the dinner keeps its own time"
    updates = received(mailroom, dinner=True)
    assert {(i.uid, i.method, i.sequence) for i in updates} == {(uid, "REQUEST", 1)}
    kari = next(i for i in updates if i.to.startswith("kari"))
    assert kari.message["Subject"].startswith("Endret: ")
    assert "- Tidspunktet er endret." in letter_text(kari.message)

    mailroom.clear()
    edit_meeting(imported, venue={"name": "Nordens Hus", "city": "København"})
    succeeded(planner(runner, imported, "invite", SLUG, "--send"))
    assert {i.sequence for i in received(mailroom)} == {2}


def test_cancelling_the_meeting_reaches_everyone_who_has_it(runner, imported, mailroom):
    succeeded(planner(runner, imported, "invite", SLUG, "--send"))
    mailroom.clear()

    dry = succeeded(planner(runner, imported, "cancel", SLUG))
    assert "The meeting: cancelled — 6 cancellations" in dry
    assert "“Conference dinner”: cancelled — 4 cancellations" in dry
    assert mailroom.received == []
    with Workspace.open(imported, "test") as opened:
        assert opened.get_meeting(SLUG).meeting.status == "published"

    succeeded(planner(runner, imported, "cancel", SLUG, "--send"))
    cancels = received(mailroom)
    assert len(cancels) == 6
    assert {(i.method, i.sequence, i.status) for i in cancels} == {("CANCEL", 1, "CANCELLED")}
    with Workspace.open(imported, "test") as opened:
        assert opened.get_meeting(SLUG).meeting.status == "cancelled"
    mailroom.clear()
    succeeded(planner(runner, imported, "cancel", SLUG, "--send"))
    assert mailroom.received == [], "cancelled once is enough"


def test_someone_who_cancels_gets_a_cancel_of_their_own(runner, imported, mailroom):
    succeeded(planner(runner, imported, "invite", SLUG, "--send"))
    mailroom.clear()
    anna = "anna.andersson@example.se"
    succeeded(planner(runner, imported, "registrations", "set-status", SLUG, anna, "cancelled"))
    out = succeeded(planner(runner, imported, "invite", SLUG, "--send"))
    assert "The meeting: 1 invitation withdrawn" in out
    assert "“Conference dinner”: 1 invitation withdrawn" in out
    [withdrawn] = received(mailroom)
    assert (withdrawn.to, withdrawn.method, withdrawn.status) == (
        "anna.andersson@example.se",
        "CANCEL",
        None,
    )
    assert withdrawn.sequence == 1, "above the copy Anna holds"
    assert "inte längre anmäld" in letter_text(withdrawn.message)


def test_a_server_that_says_try_later_gets_the_message_later(runner, imported, mailroom):
    mailroom.refusals[:] = ["451 4.3.0 Greylisted, try again later"] * 2
    out = succeeded(
        planner(runner, imported, "invite", SLUG, "--send", "--to", "kari.nordmann@example.no")
    )
    assert "Sent: 2, failed: 0" in out  # the meeting and the dinner
    assert mailroom.refused == 2
    assert [i.to for i in received(mailroom)] == ["kari.nordmann@example.no"]


def test_a_refusal_for_good_is_failed_listed_and_can_be_sent_again(runner, imported, mailroom):
    mailroom.refusals[:] = ["550 5.1.1 No such user here"]
    result = planner(runner, imported, "invite", SLUG, "--send", "--to", "asa.ek@example.se")
    assert result.exit_code == 1, result.output
    assert "Sent: 0, failed: 1" in result.stdout
    listing = succeeded(planner(runner, imported, "outbox", SLUG, "--failed"))
    assert "550 5.1.1 No such user here" in listing
    message_id = int(listing.splitlines()[1].split()[0])
    assert mailroom.received == []

    succeeded(planner(runner, imported, "outbox", SLUG, "--resend", str(message_id)))
    [again] = received(mailroom)
    assert (again.to, again.sequence) == ("asa.ek@example.se", 0)
    assert "failed: 0" in succeeded(planner(runner, imported, "outbox", SLUG))


def test_a_send_killed_halfway_loses_nothing_and_repeats_at_most_the_one_in_flight(
    runner, workspace, server, mailroom, configured, tmp_path
):
    """500 registrations; the sending process is killed (SIGKILL) after the server has
    taken 150 messages; the next run sends the rest."""
    meeting = yaml.safe_load(NORDIC.read_text(encoding="utf-8"))
    meeting["capacity"] = 1000
    meeting["events"] = []
    meeting["registrations"] = [
        {
            "person": {"name": f"Deltaker {n}", "email": f"deltaker{n}@example.no"},
            "status": "confirmed",
            "submitted_at": "2018-10-01 10:00",
        }
        for n in range(500)
    ]
    source = tmp_path / "stor.yaml"
    source.write_text(yaml.safe_dump(meeting, allow_unicode=True), encoding="utf-8")
    succeeded(planner(runner, workspace, "import", str(source)))
    home = tmp_path / "home"
    (home / "planner").mkdir(parents=True)
    (home / "planner" / "config.toml").write_text(configured.read_text())
    environment = {**os.environ, "XDG_CONFIG_HOME": str(home), "PLANNER_USER": "Test"}
    sender = subprocess.Popen(
        [sys.executable, "-m", "planner", "--workspace", str(workspace), "invite", SLUG, "--send"],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        mailroom.wait_for(150, seconds=120)
        sender.send_signal(signal.SIGKILL)
    finally:
        sender.wait(30)
    assert sender.returncode == -signal.SIGKILL
    assert mailroom.count() < 500, "killed before the end"

    resumed = succeeded(planner(runner, workspace, "outbox", SLUG, "--send"))
    assert "left in the queue: 0" in resumed
    invitations = [check_message(item.data) for item in mailroom.received]
    copies = Counter(i.to for i in invitations)
    assert len(copies) == 500, "none lost"
    twice = [to for to, count in copies.items() if count > 1]
    assert len(twice) <= 1, "only the message in flight when killed may come twice"
    for to in twice:
        pair = [i for i in invitations if i.to == to]
        assert len({(i.uid, i.sequence) for i in pair}) == 1, "again with the same UID and SEQUENCE"
        assert len({i.message["Message-ID"] for i in pair}) == 1
        assert "sent again with the same UID and SEQUENCE" in resumed
    assert len(invitations) == 500 + len(twice)
    listing = succeeded(planner(runner, workspace, "outbox", SLUG))
    assert listing.startswith("queued: 0  sending: 0  sent: 500  failed: 0")


def test_an_unreachable_server_leaves_everything_queued(runner, imported, configured, server):
    configured.write_text(server.config(port=9))
    result = planner(runner, imported, "invite", SLUG, "--send")
    assert result.exit_code == ExitCode.WORKSPACE_UNAVAILABLE, result.output
    assert "Cannot reach the mail server 127.0.0.1:9" in result.stderr
    assert "queued: 10" in succeeded(planner(runner, imported, "outbox", SLUG))


def test_a_shared_workspace_on_postgresql_queues_and_sends_the_same(postgres_url, server, mailroom):
    from planner.invitations import outbox, sending
    from planner.invitations.settings import MailSettings
    from planner.invitations.smtp import SmtpTransport
    from planner.meeting_files import read_meeting_files

    settings = MailSettings(host="127.0.0.1", port=server.port, security="none", rate=0)
    with Workspace.open(postgres_url, "test") as shared:
        shared.import_meetings(read_meeting_files([NORDIC]))
        queued = outbox.queue(shared, SLUG, settings=settings)
        progress = sending.send_queued(shared, SLUG, SmtpTransport(settings, None), settings)
        assert (queued.count, progress.sent, progress.failed) == (10, 10, 0)
        assert outbox.queue(shared, SLUG, settings=settings).count == 0
        [first, *_] = outbox.messages(shared, SLUG)
        outbox.requeue(shared, SLUG, first.id)
        sending.send_queued(shared, SLUG, SmtpTransport(settings, None), settings)
        assert outbox.state_counts(shared, SLUG)[outbox.State.SENT] == 10
    assert len(received(mailroom, dinner=True)) == 11
