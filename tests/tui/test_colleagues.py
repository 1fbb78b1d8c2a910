"""A colleague's save, in the app: noticed within the configured interval and shown with the
cursor where it was; the same item changed by both shown side by side and settled by keeping
yours, taking theirs or editing; a version kept aside listed, viewed and re-applied."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from planner.agenda import editing
from planner.editing.keeping import kept_files
from planner.editing.meetings import meeting_session
from planner.editing.session import EditState
from planner.model import AgendaItem
from planner.tui.screens.agenda import AgendaScreen
from planner.tui.screens.conflict import ClashEditor, ClashScreen
from planner.tui.screens.kept import KeptScreen, KeptViewer
from planner.tui.widgets.virtual_table import VirtualTable
from tests.tui.editing import (
    KS,
    SIZE,
    answer,
    app_on,
    clash_on_the_first_item,
    colleague,
    first_duration,
    open_agenda,
    type_into,
)
from tests.tui.pilot import notices, settled, until


def title_under_cursor(screen: AgendaScreen) -> str:
    table = screen.query_one("#agenda", VirtualTable)
    return str(table.rows[table.cursor].cells[4]).split("\n")[0].strip()


async def test_a_colleagues_save_shows_within_the_interval_with_the_cursor_on_its_item(
    ks_workspace,
):
    app = app_on(ks_workspace, check_every=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot)
        screen = app.screen
        await pilot.press("down", "down", "down")  # 2.2 «Utfordringsbildet …»
        await settled(pilot)
        before = title_under_cursor(screen)
        added = AgendaItem.model_validate({"title": "Kaffe", "duration": 15})
        colleague(ks_workspace, lambda m: editing.add_item(m, (0,), added, inside=False)[0])

        await until(pilot, lambda: "Kaffe" in str(screen.query_one("#agenda", VirtualTable).rows))
        assert screen.editing_state is EditState.SAVED  # nothing of yours: nothing to merge
        assert title_under_cursor(screen) == before and screen.selected == (2, 1)  # was 2.2
        await until(pilot, lambda: "kollega saved the meeting" in notices(app))


async def test_a_topic_added_from_the_agenda_is_shown_back_there_as_your_own_save(
    ks_workspace, data_folder
):
    app = app_on(ks_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot)
        agenda = app.screen
        await answer(pilot, "T", "a")
        await type_into(pilot, "f-id", "boliger")
        await type_into(pilot, "f-title", "Boliger")
        await answer(pilot, "ctrl+s", "ctrl+s", "escape")  # the topic, then the screen saved
        await until(pilot, lambda: any(t.id == "boliger" for t in agenda.meeting.topics))
        await settled(pilot)
        assert app.screen is agenda and agenda.editing_state is EditState.SAVED
        assert "saved the meeting" not in notices(app)  # it was you, on the topics screen
        assert "Saved (version" in str(agenda.query_one("#status", Static).render())


async def test_the_same_item_changed_by_both_is_settled_by_keeping_taking_or_editing(
    ks_workspace, data_folder
):
    app = app_on(ks_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot)
        agenda = app.screen

        await clash_on_the_first_item(pilot, ks_workspace)  # 15 theirs, 5 yours
        shown = app.screen.query_one("#mine", Static).render(), app.screen.query_one("#theirs")
        assert "duration: 5" in str(shown[0]) and "duration: 15" in str(shown[1].render())
        await answer(pilot, "m")  # keep yours
        await settled(pilot)
        assert first_duration(ks_workspace) == 5 and agenda.editing_state is EditState.SAVED

        await clash_on_the_first_item(pilot, ks_workspace)  # 10 theirs, 0 yours
        await answer(pilot, "t")  # take theirs: yours kept aside first
        await settled(pilot)
        assert first_duration(ks_workspace) == 10 and agenda.meeting.agenda[0].duration == 10
        [kept] = kept_files()
        assert "duration: 0" in kept.path.read_text(encoding="utf-8")

        await clash_on_the_first_item(pilot, ks_workspace)  # 15 theirs, 5 yours
        await answer(pilot, "e")  # edit: yours as written, theirs beside it
        assert isinstance(app.screen, ClashEditor)
        edited = app.screen.query_one("#edited", TextArea)
        edited.load_text(edited.text.replace("duration: 5", "duration: 12"))
        await answer(pilot, "ctrl+s")
        await settled(pilot)
        assert first_duration(ks_workspace) == 12
        assert not isinstance(app.screen, ClashScreen | ClashEditor)


async def test_a_version_kept_aside_is_listed_viewed_and_reapplied_through_the_merge(
    ks_workspace, data_folder
):
    mine = meeting_session(ks_workspace, KS)
    mine.load()
    mine.edit(editing.change_duration(mine.present, (0,), 5))  # 15 min, never saved
    kept = mine.keep_aside()
    colleague(ks_workspace, lambda m: editing.change_duration(m, (2,), 10))  # the break, since

    app = app_on(ks_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await answer(pilot, "u")
        assert isinstance(app.screen, KeptScreen)
        [row] = app.screen.query_one("#kept", VirtualTable).rows
        assert kept.name in " ".join(str(cell) for cell in row.cells)
        await answer(pilot, "enter")
        assert isinstance(app.screen, KeptViewer)
        assert "duration: 15" in str(app.screen.query_one("#text Static").render())
        await answer(pilot, "a")  # re-apply: saved through the merge with the break
        await settled(pilot)
        assert isinstance(app.screen, AgendaScreen)
        stored = ks_workspace.get_meeting(KS).meeting
        assert (stored.agenda[0].duration, stored.agenda[2].duration) == (15, 30)
        assert not kept.exists()
        await answer(pilot, "escape")
        assert isinstance(app.screen, KeptScreen)
        assert app.screen.query_one("#kept").row_count == 0


async def test_an_edit_made_as_a_colleagues_version_arrives_applies_to_theirs(ks_workspace):
    app = app_on(ks_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot)
        colleague(ks_workspace, lambda m: editing.change_duration(m, (2,), 10))  # the break
        app.screen.session.check()  # taken in; the screen not yet told
        await pilot.press("plus")  # the welcome
        await settled(pilot)
    stored = ks_workspace.get_meeting(KS).meeting
    assert (stored.agenda[0].duration, stored.agenda[2].duration) == (15, 30)
