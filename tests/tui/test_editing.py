"""Every editing screen in each of its states — loading, saved, unsaved, saving, diverged
from a colleague's version, and unable to keep the user's version aside — and left from
each with esc, or the app quit with ctrl+q: the user is never held, and never loses a
version without being told where it is."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest
from textual.widgets import TextArea

from planner.agenda import editing
from planner.editing.keeping import kept_files
from planner.editing.session import EditState
from planner.minutes import minutes_items, record_item
from planner.store import Workspace
from planner.tui.screens.conflict import ClashScreen, CouldNotKeepScreen
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
from tests.tui.pilot import notices, settled, until, worked


@dataclass(frozen=True)
class EditingScreen:
    name: str
    keys: tuple[str, ...]
    """From the meetings list to the screen; the last key opens it."""
    edit: Callable[..., Awaitable[None]]
    """The user changes the part `theirs` changes too (no save yet)."""
    theirs: Callable
    """What a colleague saves meanwhile (a meeting's, or its minutes' new version)."""
    saves: str = "save_meeting"
    """The workspace's method that saves what the screen edits."""
    colleague: Callable = colleague

    def __str__(self) -> str:
        return self.name


async def lengthen_first_item(pilot, round: int) -> None:
    await pilot.press("plus")


async def change_sanners_email(pilot, round: int) -> None:
    await pilot.press("enter")
    await worked(pilot)
    await type_into(pilot, "f-email", f"sanner{round}@kmd.dep.no")
    await pilot.press("ctrl+s")


async def retitle_meeting(pilot, round: int) -> None:
    await type_into(pilot, "f-title", f"Toppmøte {round}")


async def write_a_decision(pilot, round: int) -> None:
    decision = pilot.app.screen.query_one("#decision", TextArea)
    decision.focus()
    await pilot.press(*f"Vedtak {round}. ")


def their_decision(meeting, minutes):
    first = minutes_items(meeting)[0]
    return record_item(meeting, minutes, first.reference, decision="Kollegaens vedtak.")


def colleagues_minutes(workspace, change) -> None:
    """Someone else saves the meeting's minutes, through their own connection."""
    with Workspace.open(workspace.location, actor="kollega") as theirs:
        stored, meeting = theirs.get_minutes(KS), theirs.get_meeting(KS).meeting
        theirs.save_minutes(stored.meeting_id, change(meeting, stored.minutes), stored.version)


def their_sanner(meeting):
    sanner = meeting.people[0].model_copy(update={"email": "jts@kmd.dep.no"})
    return editing.replace_person(meeting, "sanner", sanner)


SCREENS = [
    EditingScreen(
        "agenda", ("enter",), lengthen_first_item, lambda m: editing.change_duration(m, (0,), 20)
    ),
    # The topics screen is a RegisterScreen as this one is, with other tables.
    EditingScreen("people", ("enter", "P"), change_sanners_email, their_sanner),
    EditingScreen(
        "meeting details",
        ("e",),
        retitle_meeting,
        lambda m: type(m).model_validate({**m.model_dump(), "title": {"nb": "Kollegaens tittel"}}),
    ),
    EditingScreen(
        "minutes",
        ("enter", "m"),
        write_a_decision,
        their_decision,
        saves="save_minutes",
        colleague=colleagues_minutes,
    ),
]


def state(app) -> EditState:
    return app.screen.editing_state


@pytest.mark.parametrize("screen", SCREENS, ids=str)
async def test_each_editing_screen_in_each_state_can_be_left_with_esc(
    screen, ks_workspace, data_folder, monkeypatch
):
    app = app_on(ks_workspace)
    *parent, opening = screen.keys
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press(*parent)
        await settled(pilot)
        back_to = type(app.screen)

        # loading: the workspace has not answered yet, and esc leaves all the same
        ws = ks_workspace
        reply, get_meeting = threading.Event(), ws.get_meeting
        monkeypatch.setattr(ws, "get_meeting", lambda s: reply.wait(9) and get_meeting(s))
        await pilot.press(opening)
        await pilot.pause()
        assert state(app) is EditState.LOADING
        await pilot.press("escape")
        reply.set()
        await worked(pilot)
        assert type(app.screen) is back_to

        # saved, unsaved, saving, saved again
        await pilot.press(opening)
        await settled(pilot)
        assert state(app) is EditState.SAVED
        await screen.edit(pilot, 1)
        await worked(pilot)
        assert state(app) is EditState.UNSAVED
        hold, save = threading.Event(), getattr(ks_workspace, screen.saves)
        monkeypatch.setattr(ks_workspace, screen.saves, lambda *a: hold.wait(9) and save(*a))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: state(app) is EditState.SAVING)
        hold.set()
        await worked(pilot)
        if type(app.screen) is back_to:  # a form closes once saved: open it again
            await pilot.press(opening)
            await settled(pilot)
        else:
            assert state(app) is EditState.SAVED

        # diverged: a colleague saved the same part meanwhile; decided later, then left
        screen.colleague(ks_workspace, screen.theirs)
        await screen.edit(pilot, 2)
        await pilot.press("ctrl+s")
        await worked(pilot)
        assert isinstance(app.screen, ClashScreen)
        await pilot.press("escape")  # decide later
        await worked(pilot)
        assert state(app) is EditState.DIVERGED
        await pilot.press("escape")
        await worked(pilot)
        if type(app.screen) is not back_to:  # a form asks before dropping what was typed
            await pilot.press("y")
            await worked(pilot)
        assert type(app.screen) is back_to
    if screen.name != "meeting details":
        [kept] = kept_files()
        assert str(kept.path) in notices(app)


async def test_theirs_is_not_loaded_until_yours_is_kept_somewhere_or_discarded(
    ks_workspace, data_folder, tmp_path, monkeypatch
):
    data_folder.mkdir()
    (data_folder / "unsaved").write_text("a file where the folder should be")
    monkeypatch.setattr("planner.editing.leaving.last_resort", lambda: tmp_path / "last")
    app = app_on(ks_workspace)
    async with app.run_test(size=SIZE) as pilot:
        await open_agenda(pilot)
        agenda = app.screen

        await clash_on_the_first_item(pilot, ks_workspace)  # 10 → 15 theirs, 5 yours
        await pilot.press("t")  # take theirs: yours cannot be kept in unsaved/
        await worked(pilot)
        assert isinstance(app.screen, CouldNotKeepScreen)
        question = str(app.screen.query_one("#question").render())
        assert "a part of the path is not a folder" in question
        await pilot.press("escape")  # back: nothing dropped, theirs not loaded
        await worked(pilot)
        assert app.screen is agenda and agenda.editing_state is EditState.DIVERGED
        assert agenda.meeting.agenda[0].duration == 5

        await answer(pilot, "ctrl+s", "t", "f")  # the clash again; keep yours in a folder typed
        await type_into(pilot, "folder", str(tmp_path / "elsewhere"))
        await pilot.press("enter")
        await worked(pilot)
        [kept] = (tmp_path / "elsewhere").glob("*-*Z.yaml")
        assert "duration: 5" in kept.read_text(encoding="utf-8")
        assert agenda.meeting.agenda[0].duration == 15 and first_duration(ks_workspace) == 15

        await clash_on_the_first_item(pilot, ks_workspace)  # 20 theirs, 10 yours
        await answer(pilot, "t")
        await answer(pilot, "c")  # to the clipboard, as YAML
        assert "duration: 10" in app.clipboard and agenda.meeting.agenda[0].duration == 20

        await clash_on_the_first_item(pilot, ks_workspace)  # 25 theirs, 15 yours
        await answer(pilot, "t", "d")  # discard yours, said by the user
        assert agenda.meeting.agenda[0].duration == 25

        await pilot.press("ctrl+c")  # says how to quit, in words, not markup
        await until(pilot, lambda: "Press q / ^q to quit Planner" in notices(app))

        await clash_on_the_first_item(pilot, ks_workspace)  # 30 theirs, 20 yours
        await answer(pilot, "escape", "ctrl+q")  # decide later, then quit: cannot be kept
        assert isinstance(app.screen, CouldNotKeepScreen) and app.screen.quitting
        await pilot.press("ctrl+q")  # quit anyway
        await worked(pilot)
    assert first_duration(ks_workspace) == 30  # theirs, never overwritten
    [last] = (tmp_path / "last").glob("*-*Z.yaml")
    assert "duration: 20" in last.read_text(encoding="utf-8")
    assert any(str(last) in said for said in app.farewell)
