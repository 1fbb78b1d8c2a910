"""Keystroke to frame in the agenda editor, on a two-day conference with 60 items: the time
from pressing + (five minutes longer: the whole agenda is worked out and drawn again, and a
save starts) until the screen has taken it in. Reference: the test harness's floor, a key no
binding takes, pressed and settled the same way."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from benchmarks.measure import Result, Timing
from benchmarks.workloads import two_day_conference
from planner.store import Workspace
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.agenda import AgendaScreen

BUDGET = 0.030
"""Seconds above the harness's floor."""


async def press_times(pilot, keys: list[str]) -> list[float]:
    timings = []
    for key in keys:
        begun = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        timings.append(time.perf_counter() - begun)
    return timings


async def _measure(location: Path, times: int) -> tuple[list[float], list[float]]:
    with Workspace.open(location, "benchmark") as workspace:
        app = PlannerApp(workspace, keys=UserKeys(), home_language="nb")
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, AgendaScreen), app.screen
            await press_times(pilot, ["plus", "minus", "f12", "f12"])  # warm up
            edits = await press_times(pilot, ["plus", "minus"] * (times // 2))
            floor = await press_times(pilot, ["f12"] * times)
            await app.workers.wait_for_complete()
    return edits, floor


def run(folder: Path, times: int = 40) -> Result:
    location = folder / "bench-agenda.sqlite"
    location.unlink(missing_ok=True)
    with Workspace.open(location, "benchmark") as workspace:
        workspace.import_meetings([two_day_conference(60)])
    edits, floor = asyncio.run(_measure(location, times))
    measured, reference = Timing(edits), Timing(floor)
    return Result(
        workload="Keystroke to frame in the agenda editor, two-day conference, 60 items",
        budget=f"≤ {BUDGET * 1000:.0f} ms above the floor",
        measured=measured,
        reference=reference,
        reference_name="a key no binding takes (the harness's floor)",
        within_budget=measured.median - reference.median <= BUDGET,
        note=f"{(measured.median - reference.median) * 1000:.1f} ms above the floor",
    )
