"""Time from starting `planner` to the first screen, on a workspace with 10,000
registrations. Reference: starting Python and importing `textual.app`, nothing more."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.measure import Result, repeat, timed_command
from benchmarks.workloads import workspace_with_registrations

BUDGET = 1.5
"""Seconds to the first screen."""


def run(folder: Path, times: int = 7) -> Result:
    location = workspace_with_registrations(folder, 10_000)
    planner = [sys.executable, "-m", "benchmarks.first_screen", str(location)]
    reference = [sys.executable, "-c", "import textual.app"]
    measured = repeat(lambda: timed_command(planner), times)
    baseline = repeat(lambda: timed_command(reference), times)
    return Result(
        workload="Start to the first screen, 10,000 registrations",
        budget=f"{BUDGET:.1f} s",
        measured=measured,
        reference=baseline,
        reference_name="python -c 'import textual.app'",
        within_budget=measured.median <= BUDGET,
    )
