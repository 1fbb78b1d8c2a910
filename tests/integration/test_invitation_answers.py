"""planner replies import: iTIP replies move registrations through the status machine,
strangers are listed, and importing the same replies again changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.invitations import outbox
from planner.invitations.settings import MailSettings
from planner.resources import sample_meeting_files
from planner.store import Workspace
from tests.integration.command_line import planner, succeeded
from tests.unit.test_invitation_replies import reply_calendar

NORDIC = next(p for p in sample_meeting_files() if p.stem.startswith("nordisk"))
SLUG = NORDIC.stem


@pytest.fixture
def invited(runner, workspace, tmp_path, monkeypatch) -> tuple[Path, str]:
    """The Nordic conference with its invitations queued: its entries' UIDs known."""
    monkeypatch.setattr("planner.config.config_file", lambda: tmp_path / "config.toml")
    succeeded(planner(runner, workspace, "import", str(NORDIC)))
    with Workspace.open(workspace, "test") as opened:
        queued = outbox.queue(opened, SLUG, settings=MailSettings())
        uid = next(m.entry.uid for m in queued.send.plan.messages if m.entry.key is None)
    return workspace, uid


def statuses(workspace: Path) -> dict[str, str]:
    with Workspace.open(workspace, "test") as opened:
        return {
            str(r.registration.person.email): r.registration.status.value
            for r in opened.list_registrations(SLUG)
        }


def notes(workspace: Path, email: str) -> str:
    with Workspace.open(workspace, "test") as opened:
        [found] = [
            r for r in opened.list_registrations(SLUG) if r.registration.person.email == email
        ]
        return found.registration.notes or ""


def test_replies_move_registrations_and_importing_them_again_changes_nothing(
    runner, invited, tmp_path
):
    workspace, uid = invited
    replies = tmp_path / "svar"
    replies.mkdir()
    answers = {
        "kari.nordmann@example.no": "ACCEPTED",  # confirmed already
        "asa.ek@example.se": "ACCEPTED",  # pending -> confirmed
        "matti.meikalainen@example.fi": "DECLINED",  # pending -> declined
        "jon.jonsson@example.is": "DECLINED",  # confirmed -> cancelled
        "aerling.odegard@example.no": "TENTATIVE",  # a note
        "stranger@example.com": "ACCEPTED",  # no registration
    }
    for n, (address, answer) in enumerate(answers.items()):
        (replies / f"{n}.ics").write_bytes(reply_calendar(address, answer, uid=uid))
    (replies / "other.ics").write_bytes(
        reply_calendar("kari.nordmann@example.no", "ACCEPTED", uid="x-1")
    )
    before = statuses(workspace)

    out = succeeded(planner(runner, workspace, "replies", "import", str(replies)))
    after = statuses(workspace)
    assert after["asa.ek@example.se"] == "confirmed"
    assert after["matti.meikalainen@example.fi"] == "declined"
    assert after["jon.jonsson@example.is"] == "cancelled"
    assert after["kari.nordmann@example.no"] == before["kari.nordmann@example.no"]
    assert "Svarade kanske" in notes(workspace, "aerling.odegard@example.no")
    assert "stranger@example.com" in out and "no registration has this address" in out
    assert "no meeting of this workspace sent (UID x-1)" in out
    assert "Åsa Ek: Accepted, pending → confirmed" in out

    again = succeeded(planner(runner, workspace, "replies", "import", str(replies)))
    assert statuses(workspace) == after
    assert notes(workspace, "aerling.odegard@example.no").count("Svarade kanske") == 1
    assert "→" not in again and "changed nothing" in again


def test_an_acceptance_when_the_meeting_is_full_goes_on_the_waiting_list(runner, invited, tmp_path):
    workspace, uid = invited
    with Workspace.open(workspace, "test") as opened:
        stored = opened.get_meeting(SLUG)
        full = stored.meeting.model_copy(update={"capacity": 4})
        opened.save_meeting(stored.id, full, stored.version)
    source = tmp_path / "asa.ics"
    source.write_bytes(reply_calendar("asa.ek@example.se", "ACCEPTED", uid=uid))
    out = succeeded(planner(runner, workspace, "replies", "import", str(source)))
    assert statuses(workspace)["asa.ek@example.se"] == "waitlisted", out


def test_a_reply_to_the_dinner_is_kept_as_a_note(runner, invited, tmp_path):
    workspace, uid = invited
    source = tmp_path / "anna.ics"
    source.write_bytes(
        reply_calendar("anna.andersson@example.se", "DECLINED", uid=f"{uid}-event-konferensmiddag")
    )
    succeeded(planner(runner, workspace, "replies", "import", str(source)))
    assert statuses(workspace)["anna.andersson@example.se"] == "confirmed"
    assert "Tackade nej (Konferensmiddag)" in notes(workspace, "anna.andersson@example.se")
