"""Driving the app's editing screens in tests: a meeting open in it, a colleague saving the
same meeting through their own connection, and keys answered once their dialog is there."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.widgets import Input

from planner.agenda import editing
from planner.store import Workspace
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.agenda import AgendaScreen
from planner.tui.screens.conflict import ClashScreen
from tests.tui.pilot import settled, worked

S = TypeVar("S")

KS = "ks-toppmote-integrering-2016"
SIZE = (140, 45)


def app_on(workspace: Workspace, *, check_every: float = 3600) -> PlannerApp:
    app = PlannerApp(workspace, keys=UserKeys(), home_language="en")
    app.save_after = 3600  # saved by ctrl+s only: each state stays until the test moves on
    app.check_every = check_every
    return app


def colleague(workspace: Workspace, change: Callable) -> None:
    """Someone else saves the meeting, through their own connection."""
    with Workspace.open(workspace.location, actor="kollega") as theirs:
        stored = theirs.get_meeting(KS)
        theirs.save_meeting(stored.id, change(stored.meeting), stored.version)


async def type_into(pilot, field_id: str, text: str) -> None:
    """What typing `text` into the field leaves in it (typing it key by key is the forms'
    tests' business; here it would only make these slow)."""
    field = pilot.app.screen.query_one(f"#{field_id}", Input)
    field.focus()
    field.value = text
    await pilot.pause()


async def clash_on_the_first_item(pilot, workspace) -> None:
    """A colleague lengthens the first item while the user shortens it, and the user saves."""
    colleague(workspace, lambda m: editing.change_duration(m, (0,), 5))
    await pilot.press("minus", "ctrl+s")
    await worked(pilot)
    assert isinstance(pilot.app.screen, ClashScreen)


def first_duration(workspace: Workspace) -> int:
    return workspace.get_meeting(KS).meeting.agenda[0].duration


async def answer(pilot, *keys: str) -> None:
    """Each key once the dialog it answers is there."""
    for key in keys:
        await pilot.press(key)
        await worked(pilot)


async def open_agenda(pilot) -> AgendaScreen:
    """The agenda of the meeting under the cursor (the first one listed)."""
    await settled(pilot)
    await pilot.press("enter")
    await settled(pilot)
    assert isinstance(pilot.app.screen, AgendaScreen)
    return pilot.app.screen


async def open_from_agenda(pilot, key: str, kind: type[S]) -> S:
    """The screen `key` opens from the agenda of the first meeting listed."""
    await open_agenda(pilot)
    await pilot.press(key)
    await worked(pilot)
    assert isinstance(pilot.app.screen, kind)
    return pilot.app.screen
