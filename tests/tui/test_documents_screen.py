"""The documents screen, one key from the agenda: a text preview that follows the cursor, any
document made in any format and language with a progress bar, where it went said, and opened
with the system's viewer when there is one."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import ProgressBar, Static

from planner.meeting_files import read_meeting_file
from planner.resources import sample_meeting_files
from planner.store import Workspace
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.agenda import AgendaScreen
from planner.tui.screens.documents import DocumentsScreen
from tests.tui.pilot import settled, worked

NORDIC = "nordisk-integrasjonskonferanse-2018"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "data")
    monkeypatch.setattr("planner.config.documents_folder", lambda: tmp_path / "documents")
    monkeypatch.setattr("planner.config.template_folder", lambda option=None: None)
    return tmp_path / "documents"


@pytest.fixture
def workspace(tmp_path, folder):
    sample = next(p for p in sample_meeting_files() if p.stem == NORDIC)
    with Workspace.open(tmp_path / "planner.sqlite", actor="test") as opened:
        opened.import_meetings([read_meeting_file(sample)])
        yield opened


async def open_documents(pilot) -> DocumentsScreen:
    await settled(pilot)
    await pilot.press("enter")
    await settled(pilot)
    assert isinstance(pilot.app.screen, AgendaScreen)
    await pilot.press("p")
    await worked(pilot)
    assert isinstance(pilot.app.screen, DocumentsScreen)
    return pilot.app.screen


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_the_preview_follows_the_cursor_through_the_documents(workspace):
    async with PlannerApp(workspace, keys=UserKeys(), home_language="nb").run_test(
        size=(120, 36)
    ) as pilot:
        screen = await open_documents(pilot)
        assert "Integration i Norden – vad kan vi lära av varandra?" in shown(screen, "#preview")
        assert "08:30–09:00" in shown(screen, "#preview")

        await pilot.press("down", "down")
        await worked(pilot)
        assert "Körschema" in shown(screen, "#preview")

        await pilot.press("s")
        await worked(pilot)
        assert "Kjøreplan" in shown(screen, "#preview")  # bokmål, the next language
        assert "norsk bokmål (nb)" in shown(screen, "#choice")


async def test_a_document_is_made_in_a_worker_and_the_screen_says_where_it_went(
    workspace, folder, monkeypatch
):
    progress: list[float] = []
    shows = DocumentsScreen.on_render_progress

    def showing(screen, message) -> None:
        progress.append(message.done)
        shows(screen, message)

    monkeypatch.setattr(DocumentsScreen, "on_render_progress", showing)
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(120, 36)
    ) as pilot:
        screen = await open_documents(pilot)
        await pilot.press("enter")
        await worked(pilot)

        made = folder / f"{NORDIC}-programme-sv.pdf"
        assert made.read_bytes()[:5] == b"%PDF-"
        assert f"Written: {made.name}" in shown(screen, "#status")
        assert f"Written: {made}" in _notices(pilot)
        assert progress and progress[-1] == 1.0
        assert not screen.query_one("#progress", ProgressBar).display


async def test_the_format_is_chosen_per_document_and_text_formats_are_written_too(
    workspace, folder
):
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(120, 36)
    ) as pilot:
        screen = await open_documents(pilot)
        await pilot.press("f")
        assert "Format: MD" in shown(screen, "#choice")

        await pilot.press("enter")
        await worked(pilot)

        text = (folder / f"{NORDIC}-programme-sv.md").read_text(encoding="utf-8")
        assert text.startswith("# Integration i Norden")


async def test_opening_without_a_viewer_says_where_the_file_is(workspace, folder, monkeypatch):
    monkeypatch.setattr("planner.documents.viewer.viewer_command", lambda: None)
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(120, 36)
    ) as pilot:
        screen = await open_documents(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert "No file has been made yet" in _notices(pilot)

        await pilot.press("f", "f", "f", "enter")
        await worked(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert f"The file is in {folder}/{NORDIC}-programme-sv.html" in _notices(pilot)
        assert isinstance(pilot.app.screen, DocumentsScreen)
        assert screen.made is not None


async def test_opening_with_a_viewer_starts_it_apart(workspace, folder, monkeypatch):
    started = []
    monkeypatch.setattr("planner.documents.viewer.viewer_command", lambda: ["true"])
    monkeypatch.setattr(
        "planner.documents.viewer.subprocess.Popen", lambda command, **kw: started.append(kw)
    )
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(120, 36)
    ) as pilot:
        await open_documents(pilot)
        await pilot.press("f", "f", "enter")
        await worked(pilot)
        await pilot.press("o")
        await pilot.pause()

    assert started and started[0]["start_new_session"] is True


async def test_a_template_that_fails_is_one_message_and_the_screen_goes_on(
    workspace, folder, tmp_path, monkeypatch
):
    own = tmp_path / "own"
    (own / "documents").mkdir(parents=True)
    (own / "documents" / "programme.html").write_text("{{ meeting.no_such_thing }}")
    monkeypatch.setattr("planner.config.template_folder", lambda option=None: own)
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(120, 36)
    ) as pilot:
        screen = await open_documents(pilot)
        await pilot.press("enter")
        await worked(pilot)

        assert "programme.html, line 1" in shown(screen, "#status")
        assert not folder.exists() or not list(folder.iterdir())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AgendaScreen)


def _notices(pilot) -> str:
    return " ".join(str(n.message) for n in pilot.app._notifications)
