"""Timing: medians with their spread, and a reference measured in the same run."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Seconds, over several runs."""

    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        """The middle half of the runs: from the first to the third quartile."""
        if len(self.runs) < 4:
            return min(self.runs), max(self.runs)
        quartiles = statistics.quantiles(self.runs, n=4)
        return quartiles[0], quartiles[2]


@dataclass(frozen=True)
class Result:
    workload: str
    budget: str
    measured: Timing
    reference: Timing
    reference_name: str
    within_budget: bool
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.measured.median / self.reference.median


def repeat(run: Callable[[], float], times: int, warmup: int = 1) -> Timing:
    """`run` returns the seconds one run took; the first `warmup` runs are not counted."""
    for _ in range(warmup):
        run()
    return Timing([run() for _ in range(times)])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed_command(command: list[str]) -> float:
    """Seconds a command takes to run to its end (its output is kept, not shown)."""
    import os
    import subprocess
    import time

    environment = {**os.environ, "PLANNER_USER": "benchmark"}
    begun = time.perf_counter()
    subprocess.run(command, check=True, env=environment, capture_output=True)
    return time.perf_counter() - begun
