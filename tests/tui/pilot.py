"""Waiting for the app the way the tests need it, and reading what it shows, in one place."""

from __future__ import annotations

import asyncio

from textual.widgets import Static
from textual.worker import WorkerState

from planner.editing.session import EditState
from planner.tui.saving import SavesAsYouGo
from planner.tui.settling import ASKING


async def worked(pilot) -> None:
    """Every key taken in and every worker done, but those waiting for the user's answer
    in a dialog (they are done when it is answered), and the work their results start
    (reading a meeting, then its minutes, then a version kept aside) done too."""
    await pilot.pause()
    for _ in range(CHAINED):
        if not await _workers_done(pilot.app):
            break
        await pilot.pause()  # their results taken in, which may start more work


CHAINED = 10
"""At most this many rounds of work started by the results of work before."""


async def _workers_done(app) -> bool:
    """Wait for the workers running; whether there were any."""
    waited = False
    while True:
        working = [w for w in app.workers if not (w.group.startswith(ASKING) or w.is_finished)]
        if not working:
            return waited
        waited = True
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


def shown(screen, selector: str) -> str:
    """The text the Static `selector` of `screen` shows."""
    return str(screen.query_one(selector, Static).render())


def notices(app) -> str:
    """Every notification the app showed."""
    return "\n".join(str(n.message) for n in app._notifications)
