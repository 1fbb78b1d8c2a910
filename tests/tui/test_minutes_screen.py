"""The minutes screen, one key from the agenda and from the documents screen: a secretary
records who came and, case by case, what was decided, by keys alone; it is saved as they go,
what a rule refuses is said and kept, and leaving never loses what was typed."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from planner.editing.keeping import Kept, KeptFile, kept_files
from planner.minutes import record_item
from planner.model.minutes import Minutes
from planner.store import Workspace
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.agenda import AgendaScreen
from planner.tui.screens.conflict import ClashScreen
from planner.tui.screens.documents import DocumentsScreen
from planner.tui.screens.minutes import MinutesScreen
from tests.tui.editing import answer, open_from_agenda
from tests.tui.pilot import notices, shown, worked
from tests.tui.scenarios import workspace_of

COUNCIL = "formannskapet-fjordvik-2015-11"


@pytest.fixture
def workspace(tmp_path, documents_folder):
    with workspace_of(tmp_path / "planner.sqlite", COUNCIL, "test") as opened:
        yield opened


async def open_minutes(pilot) -> MinutesScreen:
    return await open_from_agenda(pilot, "m", MinutesScreen)


def kept_minutes() -> list[KeptFile]:
    return [kept for kept in kept_files() if kept.kind is Kept.MINUTES]


def colleague(workspace: Workspace, change) -> Minutes:
    """Someone else records something in the same minutes, through their own connection."""
    with Workspace.open(workspace.location, actor="kollega") as theirs:
        opened = theirs.get_minutes(COUNCIL)
        meeting = theirs.get_meeting(COUNCIL).meeting
        return theirs.save_minutes(
            opened.meeting_id, change(meeting, opened.minutes), opened.version
        ).minutes


KEYS = ("tab", "enter", "escape", "pagedown", "pageup")


async def typed(pilot, *keys: str) -> None:
    """Each of `keys` pressed: a key's name, or text typed letter by letter."""
    for key in keys:
        await pilot.press(key) if key in KEYS or "+" in key else await pilot.press(*key)
    await worked(pilot)


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


async def test_what_a_rule_refuses_is_said_kept_on_screen_and_in_a_file_on_leaving(workspace):
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
        [kept] = kept_minutes()
        text = kept.path.read_text(encoding="utf-8")
        assert "Åse" in text and "Vedtatt." in text
        assert "Not saved: " in notices(pilot.app) and kept.path.name in notices(pilot.app)


async def test_the_documents_screen_opens_the_minutes_and_previews_what_was_recorded(workspace):
    async with PlannerApp(workspace, keys=UserKeys(), home_language="nb").run_test(
        size=(120, 36)
    ) as pilot:
        documents = await open_from_agenda(pilot, "p", DocumentsScreen)
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


async def test_a_colleagues_decision_on_the_same_case_is_shown_beside_yours(workspace):
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(100, 32)
    ) as pilot:
        pilot.app.save_after = 3600  # saved by ctrl+s only
        screen = await open_minutes(pilot)
        theirs = colleague(
            workspace,
            lambda meeting, minutes: record_item(meeting, minutes, "75/15", decision="Theirs."),
        )

        await typed(pilot, "enter", "Mine.", "ctrl+s")
        assert isinstance(pilot.app.screen, ClashScreen)
        assert "kollega saved the minutes" in shown(pilot.app.screen, "#question")
        await answer(pilot, "t")  # take theirs: yours is kept aside first

        assert pilot.app.screen is screen
        assert screen.query_one("#decision", TextArea).text == "Theirs."
        assert workspace.get_minutes(COUNCIL).minutes == theirs  # untouched
        [kept] = kept_minutes()
        assert "Mine." in kept.path.read_text(encoding="utf-8")
        assert kept.path.name in notices(pilot.app)


async def test_a_colleagues_save_of_another_part_is_merged_with_yours(workspace):
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(100, 32)
    ) as pilot:
        pilot.app.save_after = 3600
        screen = await open_minutes(pilot)
        colleague(workspace, lambda meeting, minutes: Minutes(present=["Kari Kollega"]))

        await typed(pilot, "enter", "Mine.", "ctrl+s")

        assert pilot.app.screen is screen
        stored = workspace.get_minutes(COUNCIL).minutes
        assert stored.present == ["Kari Kollega"]
        assert stored.entry("agenda[2]").decision == "Mine."
        assert screen.query_one("#present", Input).value == "Kari Kollega"
        assert "kollega saved the minutes: their changes are merged" in notices(pilot.app)
        assert not kept_minutes()


async def test_minutes_kept_aside_are_reapplied_from_the_list_of_what_was_kept(workspace):
    async with PlannerApp(workspace, keys=UserKeys(), home_language="en").run_test(
        size=(100, 32)
    ) as pilot:
        await open_minutes(pilot)
        await typed(pilot, "enter", "Vedtatt.", "tab", "tab", "Åse", "escape")  # refused, kept
        assert len(kept_minutes()) == 1
        await typed(pilot, "escape")  # to the meetings
        await typed(pilot, "u")  # what was kept

        await typed(pilot, "a")  # apply: the minutes, with the refused text as typed
        screen = pilot.app.screen
        assert isinstance(screen, MinutesScreen)
        assert screen.query_one("#disqualified", Input).value == "Åse"
        assert screen.query_one("#decision", TextArea).text == "Vedtatt."

        await typed(pilot, "shift+tab", "shift+tab", "Åse")  # present, from the list
        await typed(pilot, "ctrl+s")  # put right: everything saved
        stored = workspace.get_minutes(COUNCIL).minutes
        assert stored.present == ["Åse"] and stored.entry("agenda[2]").disqualified == ["Åse"]
        assert not kept_minutes()  # the kept file is no longer needed
