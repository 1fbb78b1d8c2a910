"""A meeting of 100,000 registrations exported to its meeting file and imported from it into
a new workspace (references: libyaml's own load and dump of the same file, in the same run).
Budget: within 2× the reference. Each is measured once: they take tens of seconds."""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks.measure import Result, Timing, timed_result
from benchmarks.workloads import workspace_by_sql
from planner.meeting_files import read_meeting_files
from planner.store import Workspace

SLUG = "nordisk-integrasjonskonferanse-2018"
COUNT = 100_000
RATIO = 2.0


def run(folder: Path) -> list[Result]:
    location = workspace_by_sql(folder, COUNT)
    with Workspace.open(location, "benchmark") as workspace:
        exported, text = timed_result(lambda: workspace.export_yaml(SLUG))
    path = folder / "big.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, data = timed_result(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    dumped, _ = timed_result(lambda: yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True))
    target = folder / "imported.sqlite"
    target.unlink(missing_ok=True)

    def import_file() -> None:
        files = read_meeting_files([path])
        with Workspace.open(target, "benchmark") as workspace:
            workspace.import_meetings(files)

    imported, _ = timed_result(import_file)
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
