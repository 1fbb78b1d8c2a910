"""A meeting of 100,000 registrations exported and imported (references: libyaml's own dump
and load of the same meeting as one YAML file, in the same run). Budget: within 2× the
reference, and the import within 1 GB of memory (the peak resident size of a process that
does only the import, from `resource.getrusage`).

Export is measured both ways `planner export` writes: the registrations in the YAML file,
and beside it as JSON Lines (what it does above 10,000). The import reads the pair: a YAML
file of 100,000 takes longer to read than libyaml's load and gigabytes to hold, which is why
large meetings travel that way. Each is measured once: they take tens of seconds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from benchmarks.measure import Result, Timing, timed_result
from benchmarks.workloads import workspace_by_sql
from planner.registration_files import beside
from planner.store import Workspace

SLUG = "nordisk-integrasjonskonferanse-2018"
COUNT = 100_000
RATIO = 2.0
MEMORY = 1024**3
"""Bytes: the most an import of the meeting may hold at once."""

_IMPORT = """
import json, resource, sys, time
from planner.meeting_files import read_meeting_files
from planner.store import Workspace
begun = time.perf_counter()
files = read_meeting_files([sys.argv[1]])
with Workspace.open(sys.argv[2], "benchmark") as workspace:
    workspace.import_meetings(files)
spent = time.perf_counter() - begun
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": spent, "peak": peak}))
"""


_LAUNCHER = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"
"""Starts the import from a small process: Linux keeps a process's peak resident size across
fork and exec, so a child started straight from this one (which holds the exported
meeting) would report this one's peak as its own."""


def _import_apart(meeting: Path, target: Path) -> tuple[float, int]:
    """Seconds and peak bytes of a process that imports `meeting` into a new workspace."""
    target.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, sys.executable, "-c", _IMPORT, str(meeting), str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout.splitlines()[-1])
    return found["seconds"], found["peak"]


def run(folder: Path) -> list[Result]:
    location = workspace_by_sql(folder, COUNT)
    whole, pair = folder / "big.yaml", folder / "big-apart.yaml"
    companion = beside(pair)
    with Workspace.open(location, "benchmark") as workspace:
        exported, files = timed_result(lambda: workspace.export_files(SLUG))
        apart, parts = timed_result(lambda: workspace.export_files(SLUG, apart=companion.name))
    whole.write_text(files.meeting, encoding="utf-8")
    pair.write_text(parts.meeting, encoding="utf-8")
    companion.write_bytes(parts.registrations)
    text = files.meeting
    loaded, data = timed_result(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    dumped, _ = timed_result(lambda: yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True))
    imported, peak = _import_apart(pair, folder / "imported.sqlite")
    return [
        _export(
            f"Export of a meeting with {COUNT:,} registrations, in the YAML file", exported, dumped
        ),
        _export(
            f"Export of a meeting with {COUNT:,} registrations, beside it (JSON Lines)",
            apart,
            dumped,
        ),
        Result(
            workload=f"Import of a meeting with {COUNT:,} registrations beside it (JSON Lines)",
            budget=f"≤ {RATIO:.0f}× a C-YAML load, ≤ 1 GB",
            measured=Timing([imported]),
            reference=Timing([loaded]),
            reference_name="yaml.load with libyaml (CSafeLoader), the same meeting as one file",
            within_budget=imported <= RATIO * loaded and peak <= MEMORY,
            note=f"peak memory {peak / 1024**2:,.0f} MiB",
        ),
    ]


def _export(workload: str, seconds: float, dumped: float) -> Result:
    return Result(
        workload=workload,
        budget=f"≤ {RATIO:.0f}× a C-YAML dump",
        measured=Timing([seconds]),
        reference=Timing([dumped]),
        reference_name="yaml.dump with libyaml (CSafeDumper), the same data",
        within_budget=seconds <= RATIO * dumped,
    )
