"""A meeting of 100,000 registrations exported to its meeting file and imported from it into
a new workspace (references: libyaml's own load and dump of the same file, in the same run).
Budget: within 2× the reference. Each is measured once: they take tens of seconds."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from benchmarks.measure import Result, Timing
from benchmarks.workloads import workspace_by_sql
from planner.meeting_files import read_meeting_files
from planner.store import Workspace

SLUG = "nordisk-integrasjonskonferanse-2018"
COUNT = 100_000
RATIO = 2.0


def _timed(work) -> tuple[float, object]:
    begun = time.perf_counter()
    result = work()
    return time.perf_counter() - begun, result


def run(folder: Path) -> list[Result]:
    location = workspace_by_sql(folder, COUNT)
    with Workspace.open(location, "benchmark") as workspace:
        exported, text = _timed(lambda: workspace.export_yaml(SLUG))
    path = folder / "big.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, data = _timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    dumped, _ = _timed(lambda: yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True))
    target = folder / "imported.sqlite"
    target.unlink(missing_ok=True)

    def import_file() -> None:
        files = read_meeting_files([path])
        with Workspace.open(target, "benchmark") as workspace:
            workspace.import_meetings(files)

    imported, _ = _timed(import_file)
    return [
        Result(
            workload=f"Export of a meeting with {COUNT:,} registrations",
            budget=f"≤ {RATIO:.0f}× a C-YAML dump",
            measured=Timing([exported]),
            reference=Timing([dumped]),
            reference_name="yaml.dump with libyaml (CSafeDumper), the same data",
            within_budget=exported <= RATIO * dumped,
        ),
        Result(
            workload=f"Import of a meeting file with {COUNT:,} registrations",
            budget=f"≤ {RATIO:.0f}× a C-YAML load",
            measured=Timing([imported]),
            reference=Timing([loaded]),
            reference_name="yaml.load with libyaml (CSafeLoader), the same file",
            within_budget=imported <= RATIO * loaded,
        ),
    ]
