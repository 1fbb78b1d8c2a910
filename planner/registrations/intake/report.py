"""The dry run as a secretariat reads it: how the file was read, where each column goes, the
counts, then every row that is not plainly new or unchanged with its reason, and the likely
duplicates. Lines of text in the reader's language (the command line prints them, the app
shows the same)."""

from __future__ import annotations

from planner.model.text import printable
from planner.registrations.intake.duplicates import Likely
from planner.registrations.intake.plan import ImportPlan, PlannedRow, Verdict
from planner.registrations.intake.reading import Table, encoding_name
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
    return ", ".join(
        f"{count} {say(f'intake_verdict.{verdict}')}" for verdict, count in plan.counts.items()
    )


def row_line(row: PlannedRow) -> str:
    where = say("intake_report.row", row=row.row)
    if row.column:
        where += ", " + say("intake_report.column", column=printable(row.column))
    reason = printable(str(row.reason)) if row.reason else ""
    return f"  {where}: {say(f'intake_verdict.{row.verdict.value}')}: {reason}"


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
    lines += [row_line(row) for row in plan.rows if row.verdict not in PLAIN]
    for likely in plan.likely:
        decision = plan.decisions.get(likely.row)
        lines.append(likely_line(likely, decision.value if decision else None))
    return lines
