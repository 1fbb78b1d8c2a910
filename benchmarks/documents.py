"""Documents: a four-page programme as PDF and as DOCX, the participant list as PDF at 300
and 3,000 people, `planner render --all` for a sample, and `planner list` beside what it cost before
the documents were added.

- The programme's reference is the same HTML laid out by WeasyPrint with no stylesheet: what
  Planner's styles, tags and fonts add.
- The DOCX programme's reference is its Word template opened and saved by python-docx: what
  rendering it in the sandbox adds.
- The 300-person list's reference is the same people in one big HTML table (the layout the
  list does not use: WeasyPrint lays a long table out at about 7 ms a row).
- The 3,000-person list is measured against the 300-person one: it should grow linearly
  (budget: at most 12 times as long for 10 times the people). It reports its progress as
  the app's worker does; the note says how often.
- `planner list`'s reference is the same command with the `render` command left out, as
  before this work; the budget is 1.2 times that.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from benchmarks.measure import Result, repeat, timed, timed_command
from benchmarks.workloads import (
    confirmed_participants,
    four_page_programme,
    sample,
    workspace_with_registrations,
)

PROGRAMME_BUDGET = 0.5
DOCX_BUDGET = 0.5
LIST_BUDGET = 1.5
GROWTH_BUDGET = 12.0
RENDER_ALL_BUDGET = 8.0
LIST_COMMAND_BUDGET = 1.2


def programme(folder: Path, times: int = 7) -> Result:
    from planner.documents.pdf import html_to_pdf
    from planner.documents.render import render_document

    meeting = four_page_programme()
    html = render_document(meeting, "programme", "html").content
    assert isinstance(html, str)
    bare = re.sub(r"<style>.*?</style>", "", html, flags=re.DOTALL)
    measured = repeat(lambda: timed(lambda: render_document(meeting, "programme", "pdf")), times)
    reference = repeat(lambda: timed(lambda: html_to_pdf(bare)), times)
    return Result(
        workload="Programme PDF, four pages (warm)",
        budget=f"{PROGRAMME_BUDGET:.1f} s",
        measured=measured,
        reference=reference,
        reference_name="the same HTML, no stylesheet",
        within_budget=measured.median <= PROGRAMME_BUDGET,
    )


def programme_docx(folder: Path, times: int = 7) -> Result:
    """The four-page programme as DOCX, against opening and saving its Word template with
    python-docx alone: what the rendering (docxtpl in the sandbox) adds."""
    import io

    from docx import Document

    from planner.documents.docx import word_template
    from planner.documents.render import render_document

    meeting = four_page_programme()
    template = word_template("word/programme.docx", None)

    def opened_and_saved() -> None:
        Document(str(template)).save(io.BytesIO())

    measured = repeat(lambda: timed(lambda: render_document(meeting, "programme", "docx")), times)
    reference = repeat(lambda: timed(opened_and_saved), times)
    return Result(
        workload="Programme DOCX, four pages (warm)",
        budget=f"{DOCX_BUDGET:.1f} s",
        measured=measured,
        reference=reference,
        reference_name="its Word template opened and saved",
        within_budget=measured.median <= DOCX_BUDGET,
    )


def participants(folder: Path, times: int = 5, people: int = 300) -> Result:
    from planner.documents.pdf import html_to_pdf
    from planner.documents.render import render_document

    meeting = sample("nordisk-")
    registrations = confirmed_participants(people)
    table = _one_big_table(registrations)

    def listed() -> None:
        render_document(meeting, "participants", "pdf", registrations=registrations)

    measured = repeat(lambda: timed(listed), times)
    reference = repeat(lambda: timed(lambda: html_to_pdf(table)), times)
    return Result(
        workload=f"Participant list PDF, {people:,} people",
        budget=f"{LIST_BUDGET:.1f} s",
        measured=measured,
        reference=reference,
        reference_name="the same people in one HTML table",
        within_budget=measured.median <= LIST_BUDGET,
    )


def growth(folder: Path, times: int = 3, small: int = 300, large: int = 3000) -> Result:
    from planner.documents.render import render_document

    meeting = sample("nordisk-")
    few, many = confirmed_participants(small), confirmed_participants(large)
    reports: list[float] = []

    def listed(registrations, report=None) -> float:
        def make() -> None:
            render_document(meeting, "participants", "pdf", registrations=registrations,
                            progress=report or (lambda done, doing: None))  # fmt: skip

        return timed(make)

    reference = repeat(lambda: listed(few), times)
    measured = repeat(lambda: listed(many, lambda done, doing: reports.append(done)), times)
    ratio = measured.median / reference.median
    return Result(
        workload=f"Participant list PDF, {large:,} people",
        budget=f"≤ {GROWTH_BUDGET:.0f}× the {small:,}-person list",
        measured=measured,
        reference=reference,
        reference_name=f"the {small:,}-person list",
        within_budget=ratio <= GROWTH_BUDGET,
        note=f"{len(reports) // (times + 1)} progress reports a render",
    )


def render_all(folder: Path, times: int = 3) -> Result:
    meeting = next(p for p in _samples() if p.stem.startswith("ks-"))
    target = folder / "all"
    target.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "planner", "render", str(meeting), "--all", "-o", str(target)]
    reference = [sys.executable, "-m", "planner", "show", str(meeting)]
    measured = repeat(lambda: timed_command(command), times)
    baseline = repeat(lambda: timed_command(reference), times)
    files = len(list(target.iterdir()))
    return Result(
        workload=f"planner render --all, KS summit ({files} files)",
        budget=f"{RENDER_ALL_BUDGET:.0f} s",
        measured=measured,
        reference=baseline,
        reference_name="planner show, the same meeting",
        within_budget=measured.median <= RENDER_ALL_BUDGET,
    )


def list_command(folder: Path, times: int = 9) -> Result:
    location = str(workspace_with_registrations(folder, 10_000))
    now = [sys.executable, "-m", "planner", "--workspace", location, "list"]
    before = [sys.executable, "-c", _WITHOUT_RENDER, "--workspace", location, "list"]
    measured = repeat(lambda: timed_command(now), times)
    reference = repeat(lambda: timed_command(before), times)
    return Result(
        workload="planner list beside before the documents",
        budget=f"≤ {LIST_COMMAND_BUDGET:.1f}× before",
        measured=measured,
        reference=reference,
        reference_name="planner list without the render command",
        within_budget=measured.median <= LIST_COMMAND_BUDGET * reference.median,
    )


_WITHOUT_RENDER = (
    "import sys, types; sys.modules['planner.cli.render_commands'] = types.ModuleType('x'); "
    "sys.argv[0] = 'planner'; from planner.cli import main; main()"
)


def _samples() -> list[Path]:
    from planner.resources import sample_meeting_files

    return sample_meeting_files()


def _one_big_table(registrations) -> str:
    from html import escape

    rows = "".join(
        f"<tr><td>{escape(r.person.name)}</td><td>{escape(str(r.person.title or ''))}</td>"
        f"<td>{escape(r.person.organisation or '')}</td></tr>"
        for r in registrations
    )
    return (
        "<!DOCTYPE html><html lang='nb'><head><meta charset='utf-8'><title>Deltakere</title>"
        "<style>@page { size: A4; margin: 20mm } html { font-family: 'Liberation Sans' }"
        "tr { break-inside: avoid }</style></head><body><table>"
        f"<thead><tr><th>Navn</th><th>Tittel</th><th>Virksomhet</th></tr></thead>{rows}"
        "</table></body></html>"
    )


def run(folder: Path) -> list[Result]:
    return [
        programme(folder),
        programme_docx(folder),
        participants(folder),
        growth(folder),
        render_all(folder),
        list_command(folder),
    ]
