"""The Invitations screen, driven by keys: what a send would send, a recipient's e-mail, the
send with its progress, the failures, sending one again, and a dry run without a server."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from planner.meeting_files import read_meeting_files
from planner.resources import sample_meeting_files
from planner.store import Workspace
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.invitations import InvitationsScreen
from planner.tui.screens.meetings import MeetingsScreen
from planner.tui.widgets.virtual_table import VirtualTable
from tests.smtp_server import LocalServer
from tests.tui.pilot import worked

NORDIC = "nordisk-integrasjonskonferanse-2018"


@pytest.fixture(scope="module")
def server():
    with LocalServer() as running:
        yield running


@pytest.fixture
def config(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    monkeypatch.setattr("planner.config.config_file", lambda: path)
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "data")
    return path


@pytest.fixture
def workspace(tmp_path, config):
    with Workspace.open(tmp_path / "demo.sqlite", actor="test") as opened:
        opened.import_meetings(read_meeting_files(sample_meeting_files()))
        yield opened


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_invitations(pilot) -> InvitationsScreen:
    for _ in range(500):
        screen = pilot.app.screen
        if isinstance(screen, MeetingsScreen) and screen.listed:
            break
        await pilot.pause(0.01)
    await pilot.press("down", "down", "i")
    await worked(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InvitationsScreen)
    return screen


async def test_it_shows_what_a_send_would_send_and_each_recipients_email(workspace):
    app = PlannerApp(workspace, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_invitations(pilot)
        summary = text_of(app, "#summary")
        assert "The meeting: 6 new invitations" in summary
        assert "“Conference dinner”: 4 new invitations" in summary
        assert "No mail server is set up" in text_of(app, "#server")
        assert "Subject: Invitasjon: Integrering i Norden" in text_of(app, "#preview")
        await pilot.press("down")
        await worked(pilot)
        preview = text_of(app, "#preview")
        assert "To: Anna Andersson" in preview and "Inbjudan" in preview
        assert "METHOD: REQUEST" in preview and "SEQUENCE: 0" in preview

        await pilot.press("a")  # only the confirmed
        await worked(pilot)
        assert "The meeting: 4 new invitations" in text_of(app, "#summary")
        await pilot.press("o")  # and an entry per session
        await worked(pilot)
        assert "Item 3.1" in text_of(app, "#summary")
        await pilot.press("escape")
        await worked(pilot)
        assert isinstance(app.screen, MeetingsScreen)


async def test_without_a_server_sending_writes_a_dry_run_and_changes_nothing(workspace, tmp_path):
    app = PlannerApp(workspace, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_invitations(pilot)
        await pilot.press("s")
        await worked(pilot)
        status = text_of(app, "#status")
        assert "Dry run: 10 messages written to" in status
        [folder] = (tmp_path / "data" / "dry-runs").iterdir()
        assert len(list(folder.glob("*.eml"))) == 10
        assert "The meeting: 6 new invitations" in text_of(app, "#summary"), "nothing recorded"


async def test_sending_shows_progress_then_failures_and_one_can_be_sent_again(
    workspace, server, config
):
    config.write_text(server.config())
    server.mailroom.clear()
    server.mailroom.refusals[:] = ["550 5.1.1 No such user here"]
    app = PlannerApp(workspace, keys=UserKeys(), home_language="en")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_invitations(pilot)
        assert "Sent through 127.0.0.1" in text_of(app, "#server")
        await pilot.press("s")
        await worked(pilot)
        await worked(pilot)
        assert "Sent: 9 · failed: 1 · left: 0" in text_of(app, "#status")
        assert server.mailroom.count() == 9
        assert screen.view == "failed", "the failures are shown after a send with some"
        table = app.screen.query_one("#messages", VirtualTable)
        assert len(table.rows) == 1
        assert "550 5.1.1 No such user here" in text_of(app, "#preview")
        await pilot.press("R")
        await worked(pilot)
        assert "is queued again" in text_of(app, "#status")
        await pilot.press("s")
        await worked(pilot)
        await worked(pilot)
        assert server.mailroom.count() == 10
        assert "Nothing to send" in text_of(app, "#summary")
        await pilot.press("b")
        await worked(pilot)
        assert "sent: 10" in text_of(app, "#summary")
