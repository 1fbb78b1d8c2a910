"""The agenda editor, driven from the keyboard: every change shows at once, is saved as you
go, can be undone, and a colleague's change is never overwritten."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from planner.meeting_files import read_meeting_file
from planner.resources import sample_meeting_files
from planner.store import Workspace
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.agenda import AgendaScreen
from planner.tui.screens.meetings import MeetingsScreen
from planner.tui.widgets.virtual_table import VirtualTable
from tests.tui.pilot import settled

KS = "ks-toppmote-integrering-2016"


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "data")
    sample = next(p for p in sample_meeting_files() if p.stem == KS)
    with Workspace.open(tmp_path / "planner.sqlite", actor="test") as opened:
        opened.import_meetings([read_meeting_file(sample)])
        yield opened


async def open_agenda(pilot) -> AgendaScreen:
    await settled(pilot)
    await pilot.press("enter")
    await settled(pilot)
    assert isinstance(pilot.app.screen, AgendaScreen)
    return pilot.app.screen


def row(screen: AgendaScreen, index: int) -> list[str]:
    table = screen.query_one("#agenda", VirtualTable)
    return [str(cell) for cell in table.rows[index].cells][1:5]


def titles(screen: AgendaScreen) -> list[str]:
    """The titles of the top-level items, in order."""
    table = screen.query_one("#agenda", VirtualTable)
    first_lines = [str(r.cells[4]).split("\n")[0] for r in table.rows]
    return [line for line in first_lines if not line.startswith(" ")]


def status(screen: AgendaScreen) -> str:
    return str(screen.query_one("#status", Static).render())


def app_on(workspace: Workspace) -> PlannerApp:
    return PlannerApp(workspace, keys=UserKeys(), home_language="en")


async def test_the_agenda_shows_numbers_and_times_as_planner_show_does(workspace):
    async with app_on(workspace).run_test(size=(150, 50)) as pilot:
        screen = await open_agenda(pilot)
        assert row(screen, 0)[:3] == ["1", "12.30–12.40", "10"]
        assert row(screen, 2) == [
            "2.1",
            "12.40–12.52",
            "12",
            "  Bosetting av flyktninger – takk til kommunene\n"
            "    Innledning ved Jan Tore Sanner, kommunal- og moderniseringsminister, KMD",
        ]
        assert "Ingen advarsler" in str(screen.query_one("#warnings", Static).render())


async def test_lengthening_an_item_moves_the_rest_warns_and_is_saved(workspace):
    async with app_on(workspace).run_test(size=(150, 50)) as pilot:
        screen = await open_agenda(pilot)
        await pilot.press("plus", "plus")
        await settled(pilot)

        assert row(screen, 0)[:3] == ["1", "12.30–12.50", "20"]
        assert row(screen, 1)[1] == "12.50–13.50"
        warnings = str(screen.query_one("#warnings", Static).render())
        assert "punkt 4 «Oppsummering» begynner 15.20, 10 min før punkt 3" in warnings
        assert status(screen).startswith("Saved (version 2)")  # two keys, one save
        assert workspace.get_meeting(KS).meeting.agenda[0].duration == 20


async def test_moving_undoing_and_redoing(workspace):
    async with app_on(workspace).run_test(size=(150, 50)) as pilot:
        screen = await open_agenda(pilot)
        before = titles(screen)
        await pilot.press("shift+down")
        await settled(pilot)
        assert titles(screen)[:2] == [before[1], before[0]]
        assert screen.selected == (1,)

        await pilot.press("u")
        await settled(pilot)
        assert titles(screen) == before
        assert workspace.get_meeting(KS).meeting.agenda[0].title.in_language() == "Velkommen"

        await pilot.press("ctrl+r")
        await settled(pilot)
        assert titles(screen)[:2] == [before[1], before[0]]


async def test_deleting_copying_and_moving_in_and_out_of_a_block(workspace):
    async with app_on(workspace).run_test(size=(150, 50)) as pilot:
        screen = await open_agenda(pilot)
        await pilot.press("y")  # copy "Velkommen"
        await settled(pilot)
        assert titles(screen)[:2] == ["Velkommen", "Velkommen"]
        assert screen.selected == (1,)

        await pilot.press("shift+right")  # into the item above: the first "Velkommen"
        await settled(pilot)
        assert screen.selected == (0, 0)
        await pilot.press("shift+left")
        await settled(pilot)
        assert screen.selected == (1,)

        await pilot.press("d")
        await settled(pilot)
        assert titles(screen).count("Velkommen") == 1
        assert any("u undoes it" in n.message for n in pilot.app._notifications)


async def test_fixing_a_start_keeps_the_item_at_its_time(workspace):
    async with app_on(workspace).run_test(size=(150, 50)) as pilot:
        screen = await open_agenda(pilot)
        table = screen.query_one("#agenda", VirtualTable)
        table.move_to("2")  # the break at 13.40
        await pilot.pause()
        await pilot.press("f")
        await settled(pilot)
        assert workspace.get_meeting(KS).meeting.agenda[2].start.strftime("%H:%M") == "13:40"

        table.cursor = 0
        await pilot.press("plus")
        await settled(pilot)
        assert row(screen, 7)[1] == "13.40–14.00"  # the break stayed put
        assert "min før" in str(screen.query_one("#warnings", Static).render())


async def test_a_refused_edit_says_why_and_changes_nothing(workspace):
    async with app_on(workspace).run_test(size=(150, 50)) as pilot:
        screen = await open_agenda(pilot)
        before = titles(screen)
        await pilot.press("shift+up")  # the first item cannot move up
        await settled(pilot)
        assert titles(screen) == before
        assert any("cannot move up" in n.message for n in pilot.app._notifications)


async def test_a_colleagues_change_is_never_overwritten_and_yours_is_kept(workspace, tmp_path):
    async with app_on(workspace).run_test(size=(150, 50)) as pilot:
        screen = await open_agenda(pilot)
        with Workspace.open(tmp_path / "planner.sqlite", actor="colleague") as theirs:
            stored = theirs.get_meeting(KS)
            changed = stored.meeting.model_copy(update={"capacity": 99})
            theirs.save_meeting(stored.id, changed, stored.version)

        await pilot.press("plus")
        await settled(pilot)
        assert type(pilot.app.screen).__name__ == "ConflictScreen"
        assert "changed by colleague" in str(pilot.app.screen.query_one("#question").render())

        await pilot.press("r")  # load theirs
        await settled(pilot)
        assert pilot.app.screen is screen
        meeting = workspace.get_meeting(KS).meeting
        assert meeting.capacity == 99 and meeting.agenda[0].duration == 10
        kept = list((tmp_path / "data" / "unsaved").glob(f"{KS}-*.yaml"))
        assert len(kept) == 1
        assert read_meeting_file(kept[0]).agenda[0].duration == 15


async def test_going_back_and_quitting_save_first(workspace):
    app = app_on(workspace)
    async with app.run_test(size=(150, 50)) as pilot:
        await open_agenda(pilot)
        await pilot.press("minus")
        await pilot.press("escape")
        await settled(pilot)
        assert isinstance(app.screen, MeetingsScreen)
        assert workspace.get_meeting(KS).meeting.agenda[0].duration == 5

        await pilot.press("enter")
        await settled(pilot)
        await pilot.press("minus", "q")
        await settled(pilot)
    assert workspace.get_meeting(KS).meeting.agenda[0].duration == 0


async def test_the_agenda_follows_the_language_key(workspace):
    async with app_on(workspace).run_test(size=(150, 50)) as pilot:
        screen = await open_agenda(pilot)
        await pilot.press("l", "l", "l", "l", "l", "l", "l")  # round to English
        await pilot.pause()
        assert pilot.app.language == "en"
        assert titles(screen)[0] == "Welcome"
        table = screen.query_one("#agenda", VirtualTable)
        assert [c.label for c in table.columns][1:] == [
            "No.",
            "Time",
            "Min",
            "Programme",
        ]


async def test_a_title_too_long_for_the_table_is_cut_visibly_and_shown_in_full_beside(workspace):
    async with app_on(workspace).run_test(size=(100, 40)) as pilot:
        screen = await open_agenda(pilot)
        table = screen.query_one("#agenda", VirtualTable)
        drawn = [table.render_line(y).text.rstrip() for y in range(table.size.height)]
        cut = next(line for line in drawn if line.endswith("…"))
        assert len(cut) <= table.size.width

        await pilot.press("down", "down")  # 2.1, whose speaker line is cut in the table
        await settled(pilot)
        beside = str(screen.query_one("#item", Static).render())
        assert "Bosetting av flyktninger – takk til kommunene" in beside
        assert "Jan Tore Sanner, kommunal- og moderniseringsminister, KMD" in beside.replace(
            "\n", " "
        )


async def test_the_agenda_shows_it_is_loading_while_the_workspace_answers(workspace):
    import threading

    answer = threading.Event()
    get_meeting = workspace.get_meeting

    def slow_get_meeting(slug):
        answer.wait(10)
        return get_meeting(slug)

    async with app_on(workspace).run_test(size=(150, 50)) as pilot:
        await settled(pilot)
        workspace.get_meeting = slow_get_meeting
        await pilot.press("enter")
        await pilot.pause()
        table = pilot.app.screen.query_one("#agenda", VirtualTable)
        assert table.loading
        answer.set()
        await settled(pilot)
        assert not table.loading and row(pilot.app.screen, 0)[0] == "1"


async def test_a_person_listed_twice_is_flagged_beside_the_item(tmp_path, monkeypatch):
    from planner.meeting_files import parse_meeting_yaml

    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "data")
    sample = next(p for p in sample_meeting_files() if p.stem == KS)
    text = sample.read_text(encoding="utf-8").replace(
        "    duration: 10\n    chairs: [sanner, helgesen]\n",
        "    duration: 10\n    chairs: [sanner, helgesen, sanner]\n",
        1,
    )
    with Workspace.open(tmp_path / "planner.sqlite", actor="test") as workspace:
        workspace.import_meetings([parse_meeting_yaml(text)])
        async with app_on(workspace).run_test(size=(150, 50)) as pilot:
            screen = await open_agenda(pilot)
            table = screen.query_one("#agenda", VirtualTable)
            warnings = str(screen.query_one("#warnings", Static).render())

            assert [str(r.cells[0]) for r in table.rows[:2]] == ["!", ""]
            assert "Jan Tore Sanner" in warnings and "står to ganger i «Møteledere»" in warnings
            assert str(table.rows[0].cells[4]).count("Jan Tore Sanner") == 1
