"""Registrations in the store at 1,000 and 100,000: one status change (reference: one sqlite3
UPDATE of one row of the same file, committed) and an agenda save (reference: the same save
on the meeting of 1,000). The budget is the ratio: near 1 means proportionate."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from benchmarks.measure import Result, repeat
from benchmarks.workloads import workspace_by_sql
from planner import registrations
from planner.model import RegistrationStatus as Status
from planner.store import Workspace

SLUG = "nordisk-integrasjonskonferanse-2018"
SMALL, LARGE = 1_000, 100_000
RATIO = 1.5
"""The most the 100,000 meeting may cost, as a multiple of the 1,000 one."""


def _status_change(location: Path) -> float:
    """Confirm someone pending, then set them back by undo (two changes): seconds for one."""
    with Workspace.open(location, "benchmark") as workspace:
        pending = registrations.page(workspace, SLUG, statuses=[Status.PENDING], limit=1)[0]
        begun = time.perf_counter()
        registrations.set_status(workspace, SLUG, pending.key, Status.CONFIRMED)
        registrations.undo(workspace, SLUG)
        return (time.perf_counter() - begun) / 2


def _sqlite_update(location: Path) -> float:
    connection = sqlite3.connect(location, isolation_level=None)
    try:
        begun = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE registrations SET version = version WHERE id = 7")
        connection.execute("COMMIT")
        return time.perf_counter() - begun
    finally:
        connection.close()


def _agenda_save(location: Path) -> float:
    with Workspace.open(location, "benchmark") as workspace:
        stored = workspace.get_meeting(SLUG)
        agenda = list(stored.meeting.agenda)
        first = agenda[0].model_copy(update={"duration": (agenda[0].duration or 10) + 5})
        changed = stored.meeting.model_copy(update={"agenda": [first, *agenda[1:]]})
        begun = time.perf_counter()
        workspace.save_meeting(stored.id, changed, stored.version)
        return time.perf_counter() - begun


def run(folder: Path, times: int = 15) -> list[Result]:
    small, large = (workspace_by_sql(folder, count) for count in (SMALL, LARGE))
    results = []
    update = repeat(lambda: _sqlite_update(large), times)
    changes = {count: repeat(lambda p=path: _status_change(p), times) for count, path in
               ((SMALL, small), (LARGE, large))}  # fmt: skip
    ratio = changes[LARGE].median / changes[SMALL].median
    for count in (SMALL, LARGE):
        results.append(
            Result(
                workload=f"One status change (with its audit entry), {count:,} registrations",
                budget=f"100,000/1,000 ≤ {RATIO}×",
                measured=changes[count],
                reference=update,
                reference_name="one sqlite3 UPDATE, committed",
                within_budget=ratio <= RATIO,
                note=f"100,000/1,000 = {ratio:.2f}×",
            )
        )
    saves = {count: repeat(lambda p=path: _agenda_save(p), times) for count, path in
             ((SMALL, small), (LARGE, large))}  # fmt: skip
    save_ratio = saves[LARGE].median / saves[SMALL].median
    results.append(
        Result(
            workload="An agenda save, 100,000 registrations",
            budget=f"≤ {RATIO}× the save at 1,000",
            measured=saves[LARGE],
            reference=saves[SMALL],
            reference_name="the same save, 1,000 registrations",
            within_budget=save_ratio <= RATIO,
        )
    )
    return results
