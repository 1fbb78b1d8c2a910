"""Text typed into a form and not saved is kept when the app is quit (or stopped), and
offered back at the next start: restored into the same form, or discarded."""

from __future__ import annotations

from textual.widgets import Input

from planner import registrations
from planner.editing.keeping import kept_files
from planner.editing.session import EditState
from planner.tui.screens.item_form import ItemFormScreen
from planner.tui.screens.kept import DraftOffer
from planner.tui.screens.meeting_form import MeetingFormScreen
from planner.tui.screens.registrations import PersonForm, RegistrationsScreen
from tests.tui.editing import (
    KS,
    SIZE,
    answer,
    app_on,
    type_into,
)
from tests.tui.pilot import settled, worked


async def quit_typing(ks_workspace, opening: tuple[str, ...], field: str, text: str) -> list[str]:
    """Open a form, type into it, quit with ctrl+q; what the app said as it closed."""
    app = app_on(ks_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        if isinstance(app.screen, DraftOffer):
            await answer(pilot, "escape")  # later: it stays aside
        await answer(pilot, *opening)
        await type_into(pilot, field, text)
        assert app.screen.editing_state is EditState.UNSAVED
        await answer(pilot, "ctrl+q")
    assert not app.is_running
    return app.farewell


async def test_text_typed_into_forms_is_offered_back_to_restore_or_discard(
    ks_workspace, data_folder
):
    said = await quit_typing(ks_workspace, ("n",), "f-slug", "bosetting-2026")
    [new_meeting] = kept_files()
    assert new_meeting.draft and str(new_meeting.path) in said[0]
    await quit_typing(ks_workspace, ("enter", "enter"), "f-title", "Velkommen, alle")
    [item, _] = kept_files()

    app = app_on(ks_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await worked(pilot)
        assert isinstance(app.screen, DraftOffer)  # the newest first: the item's
        await answer(pilot, "d")  # discarded
        assert not item.path.exists()
        await answer(pilot, "r")  # the new meeting's: restored into its form
        await settled(pilot)
        assert isinstance(app.screen, MeetingFormScreen) and app.screen.slug is None
        assert app.screen.query_one("#f-slug", Input).value == "bosetting-2026"
        assert app.screen.editing_state is EditState.UNSAVED
        await answer(pilot, "escape", "n")  # typed text: asked before it is dropped
        assert isinstance(app.screen, MeetingFormScreen)
    assert kept_files() == []  # restored: in the form now, no longer aside


async def test_an_items_text_comes_back_into_the_form_of_the_item_it_was_typed_for(
    ks_workspace, data_folder
):
    await quit_typing(ks_workspace, ("enter", "down", "enter"), "f-title", "Innledninger, kort")
    app = app_on(ks_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await worked(pilot)
        await answer(pilot, "r")
        await settled(pilot)
        assert isinstance(app.screen, ItemFormScreen)
        assert app.screen.query_one("#f-title", Input).value == "Innledninger, kort"
        assert app.screen.item.title.in_language() == "Innledninger fra statsrådene"
        await answer(pilot, "ctrl+s")
        await settled(pilot)
    assert (
        ks_workspace.get_meeting(KS).meeting.agenda[1].title.in_language() == "Innledninger, kort"
    )


async def test_a_new_registrations_name_comes_back_into_its_form_on_the_registrations_screen(
    ks_workspace, data_folder
):
    await quit_typing(ks_workspace, ("R", "a"), "f-name", "Kari Nordmann")
    [kept] = kept_files()
    app = app_on(ks_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await worked(pilot)
        await answer(pilot, "r")
        await settled(pilot)
        assert isinstance(app.screen, PersonForm)
        assert app.screen.query_one("#f-name", Input).value == "Kari Nordmann"
        await answer(pilot, "ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, RegistrationsScreen)
    assert not kept.path.exists()
    assert [r.name for r in registrations.everyone(ks_workspace, KS)] == ["Kari Nordmann"]
