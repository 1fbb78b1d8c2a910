"""The documents screen, one key from the agenda: a text preview that follows the cursor, any
document made in any format and language with a progress bar, where it went said, and opened
with the system's viewer when there is one."""

from __future__ import annotations

import pytest
from textual.widgets import ProgressBar

from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.agenda import AgendaScreen
from planner.tui.screens.documents import DocumentsScreen
from tests.tui.editing import open_from_agenda
from tests.tui.pilot import notices, shown, worked
from tests.tui.scenarios import workspace_of

NORDIC = "nordisk-integrasjonskonferanse-2018"


@pytest.fixture
def workspace(tmp_path, documents_folder):
    with workspace_of(tmp_path / "planner.sqlite", NORDIC, "test") as opened:
        yield opened


async def open_documents(pilot) -> DocumentsScreen:
    return await open_from_agenda(pilot, "p", DocumentsScreen)


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
    workspace, documents_folder, monkeypatch
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

        made = documents_folder / f"{NORDIC}-programme-sv.pdf"
        assert made.read_bytes()[:5] == b"%PDF-"
        assert f"Written: {made.name}" in shown(screen, "#status")
        assert f"Written: {made}" in notices(pilot.app)
        assert progress and progress[-1] == 1.0
        assert not screen.query_one("#progress", ProgressBar).display


async def test_the_format_is_chosen_per_document_and_text_formats_are_written_too(
    workspace, documents_folder
):
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(120, 36)
    ) as pilot:
        screen = await open_documents(pilot)
        await pilot.press("f")
        assert "Format: DOCX" in shown(screen, "#choice")
        await pilot.press("f")
        assert "Format: MD" in shown(screen, "#choice")

        await pilot.press("enter")
        await worked(pilot)

        text = (documents_folder / f"{NORDIC}-programme-sv.md").read_text(encoding="utf-8")
        assert text.startswith("# Integration i Norden")


async def test_opening_without_a_viewer_says_where_the_file_is(
    workspace, documents_folder, monkeypatch
):
    monkeypatch.setattr("planner.documents.viewer.viewer_command", lambda: None)
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(120, 36)
    ) as pilot:
        screen = await open_documents(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert "No file has been made yet" in notices(pilot.app)

        await pilot.press("f", "f", "f", "f", "enter")  # pdf, docx, md, txt: html
        await worked(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert f"The file is in {documents_folder}/{NORDIC}-programme-sv.html" in notices(pilot.app)
        assert isinstance(pilot.app.screen, DocumentsScreen)
        assert screen.made is not None


async def test_opening_with_a_viewer_starts_it_apart(workspace, documents_folder, monkeypatch):
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
    workspace, documents_folder, tmp_path, monkeypatch
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
        assert not documents_folder.exists() or not list(documents_folder.iterdir())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AgendaScreen)
