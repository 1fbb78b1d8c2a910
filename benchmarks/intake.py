"""Importing a form export of 10,000 and 100,000 rows into a meeting: reading the file,
mapping its columns, every row as a registration, duplicates and likely duplicates, the
plan, and writing it in one transaction. Reference: the least any importer does, a plain
`csv.DictReader` and a pydantic `Registration` per row over the same file. Growing
linearly: the 100,000-row file costs about ten times the 10,000-row one."""

from __future__ import annotations

import csv
import io
import random
import time
from pathlib import Path

from benchmarks.measure import Result, Timing
from benchmarks.workloads import FAMILIES, NAMES, sample
from planner.model import MeetingFile, Registration
from planner.model.people import check_email
from planner.registrations.intake import importing
from planner.registrations.intake.plan import Decision
from planner.store import Workspace

SLUG = "nordisk-integrasjonskonferanse-2018"

BUDGETS = {10_000: 2.0, 100_000: 20.0}
HEADER = ["Tidsmerke", "E-postadresse", "Navn", "Organisasjon", "Matallergier",
          "Behov for tilrettelegging", "Hvor reiser du fra?"]  # fmt: skip
ORGANISATIONS = [f"{name} kommune" for name in ("Fjordvik", "Ås", "Bø", "Ørland", "Vik")] + [
    f"Etat {n}" for n in range(400)
]
DIETS = ["", "", "", "Vegetar", "Glutenfri", "Nei", "Laktosefri, nøtteallergi"]


def form_export(folder: Path, rows: int) -> Path:
    """A Google Forms export (Norwegian, semicolons) of `rows` registrations, some of them
    submitted twice."""
    path = folder / f"form-export-{rows}.csv"
    if path.exists():
        return path
    rng = random.Random(rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    for n in range(rows):
        person = n if rng.random() > 0.02 else max(0, n - 1)
        writer.writerow(
            [
                f"{1 + n % 28:02d}.02.2026 {n % 24:02d}:{n % 60:02d}:00",
                f"deltaker{person}@example.no",
                f"{rng.choice(NAMES)} {rng.choice(FAMILIES)}{person}",
                rng.choice(ORGANISATIONS),
                rng.choice(DIETS),
                "Rullestol" if rng.random() < 0.01 else "",
                rng.choice(["Oslo", "Bergen", "Tromsø", ""]),
            ]
        )
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _workspace(folder: Path, rows: int) -> Path:
    """A fresh workspace with the meeting to import into."""
    location = folder / f"bench-import-{rows}.sqlite"
    location.unlink(missing_ok=True)
    with Workspace.open(location, "benchmark") as workspace:
        meeting = sample("nordisk-").model_dump(exclude={"registrations", "exported"})
        workspace.import_meetings([MeetingFile.model_validate(meeting)])
    return location


def _import(folder: Path, path: Path, rows: int) -> float:
    """Reading the file and importing it, the likely duplicates decided (as the secretariat
    did after its dry run, which is not timed here)."""
    location = _workspace(folder, rows)
    with Workspace.open(location, "benchmark") as workspace:
        looked = importing.dry_run(workspace, SLUG, importing.prepare(workspace, SLUG, path))
        decisions = {likely.row: Decision.SEPARATE for likely in looked.likely}
        check_email.cache_clear()  # the file's addresses are new to this import
        begun = time.perf_counter()
        prepared = importing.prepare(workspace, SLUG, path)
        plan = importing.apply(workspace, SLUG, prepared, decisions)
        took = time.perf_counter() - begun
    assert plan.counts["rejected"] == 0 and plan.counts["new"] > rows * 0.9, plan.counts
    return took


def _reference(path: Path) -> float:
    check_email.cache_clear()
    begun = time.perf_counter()
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            day, clock = row["Tidsmerke"].split(" ")
            d, m, y = day.split(".")
            Registration.model_validate(
                {
                    "person": {
                        "name": row["Navn"],
                        "email": row["E-postadresse"],
                        "organisation": row["Organisasjon"],
                    },
                    "submitted_at": f"{y}-{m}-{d} {clock}",
                    "answers": {"dietary": row["Matallergier"] or None},
                }
            )
    return time.perf_counter() - begun


def run_size(folder: Path, rows: int, times: int) -> Result:
    path = form_export(folder, rows)
    measured = Timing([_import(folder, path, rows) for _ in range(times)])
    reference = Timing([_reference(path) for _ in range(times)])
    budget = BUDGETS[rows]
    return Result(
        workload=f"Import of a form export, {rows:,} rows",
        budget=f"≤ {budget:.0f} s",
        measured=measured,
        reference=reference,
        reference_name="csv.DictReader + pydantic per row",
        within_budget=measured.median <= budget,
        note=f"{measured.median / rows * 1e6:.0f} µs a row",
    )


def run(folder: Path) -> list[Result]:
    return [run_size(folder, 10_000, 5), run_size(folder, 100_000, 3)]
