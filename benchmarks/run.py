"""Run every benchmark and write BENCHMARKS.md: `make bench`, or
`python -m benchmarks.run [--output FILE] [--only NAME]`.

Each benchmark module has `run(folder)`, returning a Result or a list of them; add new ones to
WORKLOADS."""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from benchmarks import (
    agenda_keys,
    checkin_search,
    colleagues,
    documents,
    export_xlsx,
    intake,
    invitation_build,
    invitation_send,
    registrations_keys,
    registrations_store,
    registrations_transfer,
    startup,
)
from benchmarks.measure import Result, ms

WORKLOADS = {
    "startup": startup,
    "agenda-keys": agenda_keys,
    "colleagues": colleagues,
    "invitations-build": invitation_build,
    "invitations-send": invitation_send,
    "documents": documents,
    "registrations-store": registrations_store,
    "registrations-keys": registrations_keys,
    "registrations-transfer": registrations_transfer,
    "intake": intake,
    "checkin-search": checkin_search,
    "export-xlsx": export_xlsx,
}


def _row(result: Result) -> str:
    low, high = result.measured.spread
    mark = "within" if result.within_budget else "**over**"
    note = f" ({result.note})" if result.note else ""
    return (
        f"| {result.workload} | {result.budget} | {ms(result.measured.median)} "
        f"| {ms(low)} – {ms(high)} | {ms(result.reference.median)}: {result.reference_name} "
        f"| {result.ratio:.2f}× | {mark}{note} |"
    )


def report(results: list[Result]) -> str:
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks.run`); do not edit by hand.",
        f"Last run {datetime.now():%Y-%m-%d %H:%M} on {machine}, "
        f"Python {platform.python_version()}.",
        "",
        "Median over several runs, the spread as the middle half of the runs (first to third",
        "quartile), and a reference measured in the same run; the ratio is median / reference.",
        "",
        "| Workload | Budget | Median | Spread | Reference | Ratio | Budget kept |",
        "|---|---|---|---|---|---|---|",
        *(_row(result) for result in results),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--output", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--only", choices=sorted(WORKLOADS), action="append")
    arguments = parser.parse_args(argv)
    chosen = arguments.only or list(WORKLOADS)
    results = []
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as folder:
        for name in chosen:
            print(f"running {name} …", file=sys.stderr, flush=True)
            found = WORKLOADS[name].run(Path(folder))
            results.extend(found if isinstance(found, list) else [found])
    text = report(results)
    arguments.output.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(result.within_budget for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
