"""Time from starting `planner` to the first screen, on a workspace with 10,000
registrations. Reference: starting Python and importing `textual.app`, nothing more."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.measure import Result, repeat
from benchmarks.workloads import workspace_with_registrations

BUDGET = 1.5
"""Seconds to the first screen."""


def _timed(command: list[str]) -> float:
    environment = {**os.environ, "PLANNER_USER": "benchmark"}
    begun = time.perf_counter()
    subprocess.run(command, check=True, env=environment, capture_output=True)
    return time.perf_counter() - begun


def run(folder: Path, times: int = 7) -> Result:
    location = workspace_with_registrations(folder, 10_000)
    planner = [sys.executable, "-m", "benchmarks.first_screen", str(location)]
    reference = [sys.executable, "-c", "import textual.app"]
    measured = repeat(lambda: _timed(planner), times)
    baseline = repeat(lambda: _timed(reference), times)
    return Result(
        workload="Start to the first screen, 10,000 registrations",
        budget=f"{BUDGET:.1f} s",
        measured=measured,
        reference=baseline,
        reference_name="python -c 'import textual.app'",
        within_budget=measured.median <= BUDGET,
    )
