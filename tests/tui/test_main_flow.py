"""The main flow, by keys alone, as a secretariat would go: create a meeting in the form,
build a four-item agenda, move an item, undo, save, quit, reopen and find it as left."""

from __future__ import annotations

from textual.widgets import Select

from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.agenda import AgendaScreen
from planner.tui.screens.item_form import ItemFormScreen
from planner.tui.screens.meeting_form import MeetingFormScreen
from planner.tui.screens.meetings import MeetingsScreen
from planner.tui.widgets.virtual_table import VirtualTable
from tests.tui.keyboard import tab_to, type_text
from tests.tui.pilot import settled

SIZE = (140, 45)
ITEMS = ["Velkommen", "Innledning: Kåre [utkast]", "Pause", "Spørsmål fra salen"]


def agenda_lines(screen: AgendaScreen) -> list[tuple[str, str, str]]:
    """(number, time, title) of each item, as the editor shows them."""
    table = screen.query_one("#agenda", VirtualTable)
    return [(str(r.cells[1]), str(r.cells[2]), str(r.cells[4])) for r in table.rows]


async def create_meeting_by_keys(pilot) -> None:
    await pilot.press("n")
    await settled(pilot)
    assert isinstance(pilot.app.screen, MeetingFormScreen)
    await type_text(pilot, "f-slug", "dialogmote-2027")
    await tab_to(pilot, "f-kind")
    await pilot.press("enter", "down", "enter")  # the first kind: a dialogue meeting
    assert pilot.app.screen.query_one("#f-kind", Select).value == "dialogue_meeting"
    await type_text(pilot, "f-title", "Dialogmøte om bosetting")
    await type_text(pilot, "f-start", "2027-03-09 10:00")
    await type_text(pilot, "f-end", "2027-03-09 12:00")
    await type_text(pilot, "f-venue--name", "Fjordvik rådhus")
    await type_text(pilot, "f-organiser--name", "Sekretariatet")
    await type_text(pilot, "f-organiser--email", "post@example.no")
    await pilot.press("ctrl+s")
    await settled(pilot)


async def add_item_by_keys(pilot, title: str) -> None:
    await pilot.press("a")
    await settled(pilot)
    assert isinstance(pilot.app.screen, ItemFormScreen)
    if title == "Pause":
        await tab_to(pilot, "f-kind")
        await pilot.press("enter", *"pause", "enter")  # the list finds the kind as typed
        assert pilot.app.screen.query_one("#f-kind", Select).value == "break"
    await type_text(pilot, "f-title", title)
    await pilot.press("ctrl+s")
    await settled(pilot)


async def test_create_build_move_undo_save_reopen(empty_workspace):
    app = PlannerApp(empty_workspace, keys=UserKeys(), home_language="nb")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await create_meeting_by_keys(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        await pilot.press("enter")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        for title in ITEMS:
            await add_item_by_keys(pilot, title)
        assert [title for *_, title in agenda_lines(screen)] == ITEMS

        await pilot.press("shift+up")  # "Spørsmål fra salen" before the break
        await settled(pilot)
        assert [t for *_, t in agenda_lines(screen)][2:] == ["Spørsmål fra salen", "Pause"]
        await pilot.press("u")
        await settled(pilot)
        await pilot.press("minus")  # the last item five minutes shorter
        await pilot.press("ctrl+s")
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0

    reopened = PlannerApp(empty_workspace, keys=UserKeys(), home_language="nb")
    async with reopened.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert agenda_lines(reopened.screen) == [
            ("1", "10.00–10.15", "Velkommen"),
            ("2", "10.15–10.30", "Innledning: Kåre [utkast]"),
            ("", "10.30–10.45", "Pause"),
            ("3", "10.45–10.55", "Spørsmål fra salen"),
        ]
    assert empty_workspace.get_meeting("dialogmote-2027").meeting.agenda[3].duration == 10
