"""The minutes screen, one key from the agenda and from the documents screen: a secretary
records who came and, case by case, what was decided, by keys alone; it is saved as they go,
what a rule refuses is said and kept, and leaving never loses what was typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from planner.meeting_files import read_meeting_file
from planner.model.minutes import Minutes
from planner.resources import sample_meeting_files
from planner.store import Workspace
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.agenda import AgendaScreen
from planner.tui.screens.conflict import ConflictScreen
from planner.tui.screens.documents import DocumentsScreen
from planner.tui.screens.minutes import MinutesScreen
from tests.tui.pilot import settled, worked

COUNCIL = "formannskapet-fjordvik-2015-11"


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "data")
    monkeypatch.setattr("planner.config.documents_folder", lambda: tmp_path / "documents")
    monkeypatch.setattr("planner.config.template_folder", lambda option=None: None)
    return tmp_path / "data"


@pytest.fixture
def workspace(tmp_path, data):
    sample = next(p for p in sample_meeting_files() if p.stem == COUNCIL)
    with Workspace.open(tmp_path / "planner.sqlite", actor="test") as opened:
        opened.import_meetings([read_meeting_file(sample)])
        yield opened


async def open_minutes(pilot) -> MinutesScreen:
    await settled(pilot)
    await pilot.press("enter")
    await settled(pilot)
    assert isinstance(pilot.app.screen, AgendaScreen)
    await pilot.press("m")
    await worked(pilot)
    assert isinstance(pilot.app.screen, MinutesScreen)
    return pilot.app.screen


KEYS = ("tab", "enter", "escape", "pagedown", "pageup")


async def typed(pilot, *keys: str) -> None:
    """Each of `keys` pressed: a key's name, or text typed letter by letter."""
    for key in keys:
        await pilot.press(key) if key in KEYS or "+" in key else await pilot.press(*key)
    await worked(pilot)


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_a_secretary_records_the_minutes_case_by_case_by_keys(workspace):
    async with PlannerApp(workspace, keys=UserKeys(), home_language="nb").run_test(
        size=(100, 32)
    ) as pilot:
        screen = await open_minutes(pilot)
        assert screen.current is not None and screen.current.shown == "PS 75/15"  # undecided
        assert "Ordførerens forslag til vedtak" in shown(screen, "#recommendation")

        await typed(pilot, "shift+tab", "shift+tab", "Ola; Per; Lise")
        await typed(pilot, "tab", "Nils", "tab")  # absent, then back to the list
        await typed(pilot, "pagedown", "pagedown", "enter", "Vedtatt.")
        assert screen.current.shown == "PS 77/15"
        await typed(pilot, "tab", "Enstemmig.", "tab", "Per")
        await typed(pilot, "ctrl+s")
        await worked(pilot)

        stored = workspace.get_minutes(COUNCIL)
        assert stored.minutes.present == ["Ola", "Per", "Lise"]
        assert stored.minutes.absent == ["Nils"]
        [entry] = stored.minutes.items
        assert (entry.item, entry.decision, entry.proceedings) == (
            "ps-77-15",
            "Vedtatt.",
            "Enstemmig.",
        )
        assert entry.disqualified == ["Per"]
        assert "Lagret (versjon" in shown(screen, "#status")

        await typed(pilot, "pageup")  # back to PS 76/15, then to 77/15: the record is there
        await typed(pilot, "pagedown")
        assert screen.query_one("#decision", TextArea).text == "Vedtatt."
        assert screen.query_one("#disqualified", Input).value == "Per"
        await pilot.press("escape")
        await worked(pilot)
        assert isinstance(pilot.app.screen, AgendaScreen)


async def test_what_a_rule_refuses_is_said_kept_on_screen_and_in_a_file_on_leaving(workspace, data):
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(100, 32)
    ) as pilot:
        screen = await open_minutes(pilot)
        await typed(pilot, "enter", "Vedtatt.", "tab", "tab", "Åse", "ctrl+s")

        assert "record who was present first" in shown(screen, "#status")
        assert screen.query_one("#disqualified", Input).value == "Åse"  # nothing lost
        saved = workspace.get_minutes(COUNCIL).minutes.items
        assert all(not entry.disqualified for entry in saved)  # the refused name is not saved

        await pilot.press("escape")
        await worked(pilot)

        assert isinstance(pilot.app.screen, AgendaScreen)  # never trapped
        [kept] = (data / "unsaved").glob(f"{COUNCIL}-minutes-*.yaml")
        text = kept.read_text(encoding="utf-8")
        assert "Åse" in text and "Vedtatt." in text


async def test_the_documents_screen_opens_the_minutes_and_previews_what_was_recorded(workspace):
    async with PlannerApp(workspace, keys=UserKeys(), home_language="nb").run_test(
        size=(120, 36)
    ) as pilot:
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("p")
        await worked(pilot)
        documents = pilot.app.screen
        assert isinstance(documents, DocumentsScreen)
        while documents.document != "minutes":
            await pilot.press("down")
            await worked(pilot)
        assert "Vedtak:" in shown(documents, "#preview")

        await pilot.press("m")
        await worked(pilot)
        assert isinstance(pilot.app.screen, MinutesScreen)
        await typed(pilot, "enter", "Godkjent.", "escape")
        await worked(pilot)

        assert pilot.app.screen is documents
        assert "Vedtak:\n  Godkjent." in shown(documents, "#preview")


async def test_a_colleagues_save_meanwhile_is_never_overwritten(workspace, data):
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(100, 32)
    ) as pilot:
        screen = await open_minutes(pilot)
        with Workspace.open(workspace.location, actor="kollega") as theirs:
            opened = theirs.get_minutes(COUNCIL)
            present = Minutes(present=["Kari Kollega"])
            theirs.save_minutes(opened.meeting_id, present, opened.version)

        await typed(pilot, "enter", "Mine.", "ctrl+s")
        assert isinstance(pilot.app.screen, ConflictScreen)
        assert "changed by kollega" in str(pilot.app.screen.why)
        await typed(pilot, "r")

        assert pilot.app.screen is screen
        assert screen.query_one("#present", Input).value == "Kari Kollega"
        assert workspace.get_minutes(COUNCIL).minutes == present  # theirs, untouched
        [kept] = (data / "unsaved").glob(f"{COUNCIL}-minutes-*.yaml")
        assert "Mine." in kept.read_text(encoding="utf-8")
