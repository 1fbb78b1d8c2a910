"""The Registrations screen at scale: keystroke to updated frame while filtering 10,000 and
100,000 registrations (budget: 30 and 60 ms above the harness's floor, a key no binding
takes); opening the screen at 100,000 (budget: 3 s). The reference the virtual table
replaces, Textual's DataTable cleared and filled with 10,000 rows, is measured once."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from benchmarks.agenda_keys import press_times
from benchmarks.measure import Result, Timing
from benchmarks.workloads import workspace_by_sql
from planner.store import Workspace
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from planner.tui.screens.registrations import RegistrationsScreen

BUDGETS = {10_000: 0.030, 100_000: 0.060}
"""Seconds above the harness's floor, per keystroke."""
OPEN_BUDGET = 3.0
TYPED = list("kari") + ["backspace"] * 4 + list("ola") + ["backspace"] * 3


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _measure(location: Path, rounds: int) -> tuple[list[float], list[float], float]:
    with Workspace.open(location, "benchmark") as workspace:
        app = PlannerApp(workspace, keys=UserKeys(), home_language="nb")
        async with app.run_test(size=(160, 50)) as pilot:
            await _settled(pilot)
            await pilot.press("down", "down")
            begun = time.perf_counter()
            await pilot.press("R")
            while not (isinstance(app.screen, RegistrationsScreen) and app.screen.roster):
                await pilot.pause(0.001)
            await pilot.pause()
            opened = time.perf_counter() - begun
            await _settled(pilot)
            await pilot.press("slash")
            await press_times(pilot, TYPED)  # warm up
            typed = []
            for _ in range(rounds):
                typed += await press_times(pilot, TYPED)
            await pilot.press("escape")
            floor = await press_times(pilot, ["f12"] * len(typed))
    return typed, floor, opened


def _data_table_fill(count: int) -> float:
    """Textual's DataTable cleared and filled with `count` rows: what a filter did before."""
    from rich.text import Text
    from textual.app import App
    from textual.widgets import DataTable

    rows = [
        (Text(f"Deltaker {n}"), Text("bekreftet"), Text(f"Kommune {n % 40}")) for n in range(count)
    ]
    spent: list[float] = []

    class Filling(App):
        def compose(self):
            yield DataTable()

        async def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Navn", "Status", "Organisasjon")
            begun = time.perf_counter()
            table.clear()
            table.add_rows(rows)
            await asyncio.sleep(0)
            self.refresh()
            spent.append(time.perf_counter() - begun)
            self.exit()

    async def main() -> None:
        async with Filling().run_test(size=(160, 50)) as pilot:
            await pilot.pause()

    asyncio.run(main())
    return spent[0] if spent else float("nan")


def run(folder: Path, rounds: int = 3) -> list[Result]:
    results = []
    data_table = Timing([_data_table_fill(10_000)])
    for count, budget in BUDGETS.items():
        typed, floor, opened = asyncio.run(_measure(workspace_by_sql(folder, count), rounds))
        measured, reference = Timing(typed), Timing(floor)
        above = measured.median - reference.median
        results.append(
            Result(
                workload=f"Keystroke to frame filtering registrations, {count:,}",
                budget=f"≤ {budget * 1000:.0f} ms above the floor",
                measured=measured,
                reference=reference,
                reference_name="a key no binding takes (the harness's floor)",
                within_budget=above <= budget,
                note=f"{above * 1000:.1f} ms above the floor; DataTable clear + add_rows of "
                f"10,000: {data_table.median * 1000:.0f} ms",
            )
        )
        if count == max(BUDGETS):
            results.append(
                Result(
                    workload=f"Opening the Registrations screen, {count:,}",
                    budget=f"{OPEN_BUDGET:.1f} s",
                    measured=Timing([opened]),
                    reference=data_table,
                    reference_name="DataTable clear + add_rows, 10,000 rows",
                    within_budget=opened <= OPEN_BUDGET,
                )
            )
    return results
