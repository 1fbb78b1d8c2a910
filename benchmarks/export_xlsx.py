"""Exporting 10,000 registrations with every answer as an Excel workbook (text cells, never
formulas). Reference: openpyxl's write-only workbook given the same rows as they are."""

from __future__ import annotations

import io
import random
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.measure import Result, Timing
from benchmarks.workloads import FAMILIES, NAMES
from planner.model import Meeting, Registration
from planner.registrations.exports.lists import Listed, all_registrations
from planner.registrations.exports.sheets import to_xlsx

BUDGET = 5.0
COUNT = 10_000


def registrations(meeting: Meeting, count: int = COUNT) -> list[Listed]:
    rng = random.Random(count)
    return [
        Listed(
            f"k{n}",
            Registration.model_validate(
                {
                    "person": {
                        "name": f"{rng.choice(NAMES)} {rng.choice(FAMILIES)}",
                        "email": f"person{n}@example.no",
                        "organisation": f"Etat {n % 300}",
                    },
                    "status": "confirmed",
                    "submitted_at": datetime(2026, 2, 1, 10, n % 60, tzinfo=UTC),
                    "answers": {"dietary": rng.choice([None, "Vegetar", "=1+1"]),
                                "other": {"Hvor reiser du fra?": "Bergen"}},
                }
            ),
        )
        for n in range(count)
    ]  # fmt: skip


def _plain(headers: list[str], rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(io.BytesIO())


def run(folder: Path, times: int = 3) -> Result:
    from planner.meeting_files import read_meeting_file
    from planner.resources import sample_meeting_files

    path = next(p for p in sample_meeting_files() if p.stem.startswith("nordisk-"))
    meeting = read_meeting_file(path)
    entries = registrations(meeting)
    zone = ZoneInfo(meeting.timezone)
    measured, reference = [], []
    for _ in range(times):
        begun = time.perf_counter()
        to_xlsx([all_registrations(meeting, entries, zone)])
        measured.append(time.perf_counter() - begun)
        sheet = all_registrations(meeting, entries, zone)
        begun = time.perf_counter()
        _plain(sheet.headers, sheet.rows)
        reference.append(time.perf_counter() - begun)
    timing = Timing(measured)
    return Result(
        workload=f"XLSX export of {COUNT:,} registrations with every answer",
        budget=f"≤ {BUDGET:.0f} s",
        measured=timing,
        reference=Timing(reference),
        reference_name="openpyxl write-only, the rows as they are",
        within_budget=timing.median <= BUDGET,
    )
