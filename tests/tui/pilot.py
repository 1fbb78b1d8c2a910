"""Waiting for the app the way the tests need it, in one place."""

from __future__ import annotations

from planner.tui.saving import SavesAsYouGo


async def worked(pilot) -> None:
    """Every key taken in and every worker done."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def settled(pilot) -> None:
    """As `worked`, and every edit of the screen saved."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    if isinstance(pilot.app.screen, SavesAsYouGo):
        await pilot.app.screen.finish_saving()
    await worked(pilot)
