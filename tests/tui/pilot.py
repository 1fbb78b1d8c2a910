"""Waiting for the app the way the tests need it, in one place."""

from __future__ import annotations

import asyncio

from textual.worker import WorkerState

from planner.editing.session import EditState
from planner.tui.saving import SavesAsYouGo
from planner.tui.settling import ASKING


async def worked(pilot) -> None:
    """Every key taken in and every worker done, but those waiting for the user's answer
    in a dialog (they are done when it is answered)."""
    await pilot.pause()
    await _workers_done(pilot.app)
    await pilot.pause()


async def _workers_done(app) -> None:
    while True:
        working = [w for w in app.workers if not (w.group.startswith(ASKING) or w.is_finished)]
        if not working:
            return
        started = [w for w in working if w.state is not WorkerState.PENDING]
        if started:
            await asyncio.gather(*(w.wait() for w in started), return_exceptions=True)
        else:
            await asyncio.sleep(0.005)


async def settled(pilot) -> None:
    """As `worked`, and every edit of the screen saved (or refused)."""
    await worked(pilot)
    screen = pilot.app.screen
    if isinstance(screen, SavesAsYouGo) and screen.editing_state is EditState.UNSAVED:
        screen.save_now()
    await worked(pilot)


async def until(pilot, condition, seconds: float = 10.0) -> None:
    """Until `condition()` holds, letting the app run (its timers, its workers): what a
    user waiting at the screen would see. Fails, saying so, after `seconds`."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened within {seconds} s: {condition.__doc__ or condition}")
