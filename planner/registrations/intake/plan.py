"""The dry run: what importing a form export would do, row by row, before anything is written.

`plan_import(table, reading, held)` reads every row and compares it with the registrations
the meeting already holds (`held`). Each row gets one verdict:

- **new**: nobody with its e-mail address is registered;
- **updated**: someone with its e-mail address is, and the row changes their answers;
- **unchanged**: someone with its e-mail address is, with the same answers (importing the
  same file twice changes nothing);
- **duplicate**: another row of the file has the same e-mail address (trimmed, NFC,
  case-folded) and was submitted later: the latest submission counts, keeping the earliest
  submission time, which is the place in the queue;
- **skipped**: the secretariat decided not to import it (a likely duplicate);
- **rejected**: the row cannot be a registration; the reason says which column.

Likely duplicates (a new row whose name is like a registered person's, or another new row's,
in the same organisation, with another e-mail address) are listed for a decision and never
merged silently: `decisions` says, per row, to import it as someone else (`separate`), as
the same person (`same`: it updates the other), or not at all (`skip`). An import with
likely duplicates not yet decided is refused (`ImportPlan.undecided`).

Nothing here touches the workspace: the plan is a pure function of the file, the mapping,
the registrations held and the decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Mapping as Map
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from planner.model import Registration
from planner.registrations.intake.duplicates import Likely, likely_duplicates
from planner.registrations.intake.mapping import Mapping
from planner.registrations.intake.normalise import email_key
from planner.registrations.intake.reading import Table
from planner.registrations.intake.registrants import Reading, Refusal, registrant
from planner.words import Words


class Verdict(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"
    REJECTED = "rejected"


class Decision(StrEnum):
    """What to do with a likely duplicate."""

    SEPARATE = "separate"
    SAME = "same"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class Held:
    """A registration the meeting holds, as the plan compares it."""

    key: str
    registration: Registration

    @property
    def email_key(self) -> str:
        email = self.registration.person.email
        return email_key(email) if email else ""


@dataclass(slots=True)
class PlannedRow:
    row: int
    verdict: Verdict
    registration: Registration | None = None
    """What will be stored (for new and updated rows: with the held key when updated)."""
    held: Held | None = None
    column: str | None = None
    reason: Words | None = None
    same_as_row: int | None = None
    changed: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ImportPlan:
    source: str
    mapping: Mapping
    rows: list[PlannedRow]
    likely: list[Likely]
    decisions: dict[int, Decision]

    def of(self, verdict: Verdict) -> list[PlannedRow]:
        return [row for row in self.rows if row.verdict == verdict]

    @property
    def counts(self) -> dict[str, int]:
        counts = {verdict.value: 0 for verdict in Verdict}
        for row in self.rows:
            counts[row.verdict.value] += 1
        return counts

    @property
    def undecided(self) -> list[Likely]:
        return [likely for likely in self.likely if likely.row not in self.decisions]

    @property
    def changes_anything(self) -> bool:
        return any(row.verdict in (Verdict.NEW, Verdict.UPDATED) for row in self.rows)

    def as_json(self) -> dict[str, Any]:
        """The plan for `--json`: counts, then each row that is not plainly new or unchanged
        with its reason, then the likely duplicates."""
        return {
            "source": self.source,
            "preset": self.mapping.preset,
            "mapping": self.mapping.saved_as,
            "status": self.mapping.status.value,
            "columns": [
                {"header": c.header, "target": c.target.value, "origin": c.origin.value}
                for c in self.mapping.columns
            ],
            "counts": self.counts,
            "rows": [_row_json(row) for row in self.rows],
            "likely_duplicates": [
                {**likely.as_json(), "decision": _decision(self.decisions.get(likely.row))}
                for likely in self.likely
            ],
        }


@dataclass(slots=True)
class RowsRead:
    """Every row of a file read as a registration or refused: the costly part of a plan,
    done once, before the workspace is locked to apply it."""

    source: str
    mapping: Mapping
    accepted: list[tuple[int, Registration]]
    refused: list[Refusal]


def read_rows(
    table: Table, reading: Reading, progress: Callable[[int, int], None] | None = None
) -> RowsRead:
    """Every row read; `progress(done, total)` is told every 1,000 rows (the app's bar)."""
    accepted: list[tuple[int, Registration]] = []
    refused: list[Refusal] = []
    total = len(table.rows)
    for done, source_row in enumerate(table.rows):
        if progress is not None and done % 1000 == 0:
            progress(done, total)
        made = registrant(source_row, reading)
        if isinstance(made, Refusal):
            refused.append(made)
        else:
            accepted.append((source_row.number, made))
    return RowsRead(table.source, reading.mapping, accepted, refused)


def plan_import(
    table: Table,
    reading: Reading,
    held: Sequence[Held],
    decisions: Map[int, Decision] | None = None,
) -> ImportPlan:
    """What importing `table` over the registrations `held` would do (see the module)."""
    return plan_rows(read_rows(table, reading), held, decisions)


def plan_rows(
    read: RowsRead, held: Sequence[Held], decisions: Map[int, Decision] | None = None
) -> ImportPlan:
    """What importing the rows `read` over the registrations `held` would do."""
    decisions = dict(decisions or {})
    planned: dict[int, PlannedRow] = {
        refusal.row: PlannedRow(
            refusal.row, Verdict.REJECTED, column=refusal.column, reason=refusal.reason
        )
        for refusal in read.refused
    }
    winners = _latest_per_email(read.accepted, planned)
    by_email = _held_by_email(held)
    matched = {number: by_email.get(email_key(r.person.email or "")) for number, r in winners}
    fresh = [(number, r) for number, r in winners if matched[number] is None]
    likely = likely_duplicates(fresh, held)
    _decide(likely, decisions, winners, matched, planned)
    for number, registration in winners:
        if number in planned:
            continue
        planned[number] = _verdict(number, registration, matched[number])
    rows = [planned[number] for number in sorted(planned)]
    return ImportPlan(read.source, read.mapping, rows, likely, decisions)


def _latest_per_email(
    accepted: list[tuple[int, Registration]], planned: dict[int, PlannedRow]
) -> list[tuple[int, Registration]]:
    """One row per e-mail address: the latest submitted (the later row among equals), with
    the earliest submission time of them all; the others are duplicates of it."""
    groups: dict[str, list[tuple[int, Registration]]] = {}
    for number, registration in accepted:
        groups.setdefault(email_key(registration.person.email or ""), []).append(
            (number, registration)
        )
    winners = []
    for group in groups.values():
        if len(group) == 1:
            winners.append(group[0])
            continue
        ordered = sorted(group, key=lambda entry: (submitted_instant(entry[1]), entry[0]))
        number, latest = ordered[-1]
        earliest = min(group, key=lambda entry: submitted_instant(entry[1]))[1].submitted_at
        winners.append((number, latest.model_copy(update={"submitted_at": earliest})))
        for other, _ in ordered[:-1]:
            planned[other] = PlannedRow(
                other,
                Verdict.DUPLICATE,
                same_as_row=number,
                reason=Words("intake_plan.same_email", row=number),
            )
    winners.sort(key=lambda entry: entry[0])
    return winners


def submitted_instant(registration: Registration) -> datetime:
    """When it was submitted, comparable whether the time came with its zone or not."""
    moment = registration.submitted_at
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _held_by_email(held: Sequence[Held]) -> dict[str, Held]:
    found: dict[str, Held] = {}
    for entry in held:
        if entry.email_key:
            found.setdefault(entry.email_key, entry)
    return found


def _decide(
    likely: list[Likely],
    decisions: dict[int, Decision],
    winners: list[tuple[int, Registration]],
    matched: dict[int, Held | None],
    planned: dict[int, PlannedRow],
) -> None:
    """Apply the secretariat's decisions on likely duplicates to the rows they name."""
    rows = dict(winners)
    for entry in likely:
        decision = decisions.get(entry.row)
        if decision == Decision.SKIP:
            planned[entry.row] = PlannedRow(
                entry.row, Verdict.SKIPPED, reason=Words("intake_plan.skipped_by_decision")
            )
        elif decision == Decision.SAME and entry.held is not None:
            matched[entry.row] = entry.held
        elif decision == Decision.SAME and entry.other_row in rows:
            keep, drop = sorted(
                (entry.row, entry.other_row), key=lambda n: submitted_instant(rows[n])
            )[::-1]
            planned[drop] = PlannedRow(
                drop,
                Verdict.DUPLICATE,
                same_as_row=keep,
                reason=Words("intake_plan.same_by_decision", row=keep),
            )


_COMPARED = ("person", "answers", "notes")


def _verdict(number: int, registration: Registration, held: Held | None) -> PlannedRow:
    if held is None:
        return PlannedRow(number, Verdict.NEW, registration)
    stored = held.registration
    new_values = registration.model_dump(mode="json", include=set(_COMPARED))
    old_values = stored.model_dump(mode="json", include=set(_COMPARED))
    if registration.notes is None:
        new_values["notes"] = old_values.get("notes")
    changed = [name for name in _COMPARED if new_values.get(name) != old_values.get(name)]
    if not changed:
        return PlannedRow(number, Verdict.UNCHANGED, held=held)
    update: dict[str, Any] = {name: getattr(registration, name) for name in changed}
    if submitted_instant(registration) < submitted_instant(stored):
        update["submitted_at"] = registration.submitted_at
    merged = stored.model_copy(update=update)
    return PlannedRow(number, Verdict.UPDATED, merged, held=held, changed=changed)


def _row_json(row: PlannedRow) -> dict[str, Any]:
    entry: dict[str, Any] = {"row": row.row, "verdict": row.verdict.value}
    if row.registration is not None:
        entry["name"] = row.registration.person.name
        entry["email"] = row.registration.person.email
        if row.verdict == Verdict.NEW:
            entry["status"] = row.registration.status.value
    if row.held is not None:
        entry["key"] = row.held.key
    if row.column is not None:
        entry["column"] = row.column
    if row.reason is not None:
        entry["reason"] = str(row.reason)
        entry["reason_code"] = row.reason.key
    if row.same_as_row is not None:
        entry["same_as_row"] = row.same_as_row
    if row.changed:
        entry["changed"] = row.changed
    return entry


def _decision(decision: Decision | None) -> str | None:
    return decision.value if decision else None
