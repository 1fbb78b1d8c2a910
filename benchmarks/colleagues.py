"""What noticing a colleague's save costs while a meeting is open in the app: the look the
app takes every `check_every` seconds (one small query, on a workspace where the open
meeting has 10,000 registrations), and, when a colleague did save, merging their version
of a 120-item agenda with yours. Reference: reading the meeting whole, as opening it does."""

from __future__ import annotations

from pathlib import Path

from benchmarks.measure import Result, repeat, timed
from benchmarks.workloads import two_day_conference, workspace_with_registrations
from planner.agenda import editing
from planner.agenda.merging import merge_meetings
from planner.editing.meetings import meeting_session
from planner.store import Workspace

BUDGET = 0.005
"""Seconds for one look at whether a colleague saved."""
MERGE_BUDGET = 0.200
"""Seconds for merging two versions of a 120-item agenda, changed in different items."""


def _merge_note() -> str:
    base = two_day_conference(120)
    mine = editing.change_duration(base, (3,), 5)
    theirs = editing.change_duration(base, (90,), 5)
    merging = repeat(lambda: timed(lambda: merge_meetings(base, mine, theirs).resolve({})), 5)
    mark = "within" if merging.median <= MERGE_BUDGET else "over"
    return f"a merge of 120 items: {merging.median * 1000:.0f} ms, {mark} {MERGE_BUDGET:.1f} s"


def run(folder: Path, times: int = 50) -> Result:
    location = workspace_with_registrations(folder, 10_000)
    with Workspace.open(location, "benchmark") as workspace:
        session = meeting_session(workspace, "nordisk-integrasjonskonferanse-2018")
        session.load()
        looks = repeat(lambda: timed(session.check), times, warmup=3)
        slug = "nordisk-integrasjonskonferanse-2018"
        reading = repeat(lambda: timed(lambda: workspace.get_meeting(slug)), times // 5)
    note = _merge_note()
    return Result(
        workload="A look for a colleague's save, 10,000 registrations",
        budget=f"{BUDGET * 1000:.0f} ms",
        measured=looks,
        reference=reading,
        reference_name="reading the meeting",
        within_budget=looks.median <= BUDGET and "within" in note,
        note=note,
    )
