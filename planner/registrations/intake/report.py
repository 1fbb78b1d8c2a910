"""The dry run as a secretariat reads it: how the file was read, where each column goes, the
counts, then every row that is not plainly new or unchanged with its reason, and the likely
duplicates. Lines of text in the reader's language (the command line prints them, the app
shows the same)."""

from __future__ import annotations

from planner.model.text import printable
from planner.registrations.intake.duplicates import Likely
from planner.registrations.intake.placing import new_statuses
from planner.registrations.intake.plan import ImportPlan, PlannedRow, Verdict
from planner.registrations.intake.reading import Table, encoding_name
from planner.registrations.wording import status_label
from planner.words import say

PLAIN = (Verdict.NEW, Verdict.UNCHANGED)


def how_read(table: Table, plan: ImportPlan) -> str:
    preset = plan.mapping.preset
    if plan.mapping.saved_as:
        shown = say("intake_report.mapping", name=plan.mapping.saved_as)
    else:
        shown = preset_title(preset) if preset else say("intake_report.no_preset")
    return say(
        "intake_report.read_as",
        source=table.source,
        kind=table.kind.upper(),
        encoding=encoding_name(table.encoding),
        delimiter=table.delimiter_name,
        rows=len(table.rows),
        empty=table.empty_rows,
        preset=shown,
    )


def preset_title(name: str) -> str:
    from planner.registrations.intake.presets import PRESETS

    return PRESETS[name].title if name in PRESETS else name


def column_lines(plan: ImportPlan) -> list[str]:
    return [
        f"  {printable(column.header)} → {say(f'intake_target.{column.target.value}')}"
        f" ({say(f'intake_origin.{column.origin.value}')})"
        for column in plan.mapping.columns
    ]


def counts_line(plan: ImportPlan) -> str:
    """'3 new (2 pending, 1 waitlisted), 1 updated, 0 unchanged, …'."""
    parts = []
    for verdict, count in plan.counts.items():
        part = f"{count} {say(f'intake_verdict.{verdict}')}"
        if verdict == Verdict.NEW and count:
            part += f" ({statuses_said(plan)})"
        parts.append(part)
    return ", ".join(parts)


def statuses_said(plan: ImportPlan) -> str:
    """'2 pending, 1 waitlisted': what the new rows go in as."""
    return ", ".join(f"{n} {status_label(s)}" for s, n in new_statuses(plan).items())


def apply_question(plan: ImportPlan, title: str) -> str:
    """What the app asks before importing: into which meeting, how many new (as what) and
    updated."""
    counts = plan.counts
    return say(
        "intake_report.apply_question",
        title=printable(title),
        new=counts[Verdict.NEW],
        statuses=statuses_said(plan) or "—",
        updated=counts[Verdict.UPDATED],
    )


def row_line(row: PlannedRow) -> str:
    where = say("intake_report.row", row=row.row)
    if row.column:
        where += ", " + say("intake_report.column", column=printable(row.column))
    reason = printable(str(row.reason)) if row.reason else ""
    verdict = say(f"intake_verdict.{row.verdict.value}")
    if row.verdict == Verdict.NEW and row.registration is not None:
        verdict += f" → {status_label(row.registration.status)}"
    return f"  {where}: {verdict}: {reason}"


def _said(row: PlannedRow) -> bool:
    """Rows said one by one: all but the plainly new (a new row placed otherwise than the
    mapping says is said, with why) and the unchanged."""
    return row.verdict not in PLAIN or (row.verdict == Verdict.NEW and row.reason is not None)


def likely_line(likely: Likely, decision: str | None) -> str:
    if likely.held is not None:
        other = say("intake_report.registered", name=likely.other_name, email=likely.other_email)
    else:
        other = say("intake_report.row", row=likely.other_row)
        other += f" {likely.other_name} <{likely.other_email}>"
    text = say(
        "intake_report.likely",
        row=likely.row,
        name=likely.name,
        email=likely.email,
        organisation=likely.organisation,
        other=other,
        similarity=round(likely.score),
    )
    if decision:
        text += "; " + say("intake_report.decided", decision=say(f"intake_report.{decision}"))
    return "  " + printable(text)


def plan_lines(table: Table, plan: ImportPlan) -> list[str]:
    lines = [printable(how_read(table, plan)), say("intake_report.columns") + ":"]
    lines += column_lines(plan)
    lines.append(counts_line(plan))
    lines += [row_line(row) for row in plan.rows if _said(row)]
    for likely in plan.likely:
        decision = plan.decisions.get(likely.row)
        lines.append(likely_line(likely, decision.value if decision else None))
    return lines
