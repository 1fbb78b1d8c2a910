"""Importing a form export into a meeting: what `planner registrations import` and the app's
import wizard both call.

    prepared = prepare(workspace, "nordisk-2026", Path("svar.csv"), preset="google-forms")
    plan = dry_run(workspace, "nordisk-2026", prepared)          # nothing written
    plan = apply(workspace, "nordisk-2026", prepared, approved=plan)   # all rows or none

The file is read and every row made a registration before the workspace is locked; the
comparison with the registrations held is made again inside the one write transaction, so a
colleague's change in between is never overwritten: if the plan came out different from the
one approved, nothing is written and the import says so.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping as Map
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from planner.bulk import in_bulk
from planner.errors import BadInput, Conflict
from planner.model import Meeting
from planner.model.meeting import walk_agenda
from planner.registrations.intake.mapping import Mapping, check_mapping, map_columns
from planner.registrations.intake.plan import (
    Decision,
    Held,
    ImportPlan,
    RowsRead,
    Verdict,
    plan_rows,
    read_rows,
)
from planner.registrations.intake.reading import Table, read_table
from planner.registrations.intake.registrants import reading_for
from planner.search import folded
from planner.store import StoredRegistration, Workspace
from planner.store.audit import AuditAction
from planner.store.records import RegistrationChanges
from planner.words import Words

Progress = Callable[[int, int], None]
"""Told (rows read, rows in all) as a large file is read."""


@dataclass(slots=True)
class Prepared:
    """A file read, its columns mapped and every row read: ready for a dry run."""

    table: Table
    mapping: Mapping
    rows: RowsRead


def tracks_of(meeting: Meeting) -> dict[str, str]:
    """What a form may call each item or event registrations choose: its key or its title
    in any language, folded -> its key."""
    tracks: dict[str, str] = {}
    choosable = [item for _, item in walk_agenda(meeting.agenda) if item.id]
    for thing in [*choosable, *(event for event in meeting.events if event.id)]:
        assert thing.id is not None
        tracks[folded(thing.id)] = thing.id
        title = thing.title
        if title is not None:
            texts = title.root.values() if isinstance(title.root, dict) else [title.root]
            for text in texts:
                tracks.setdefault(" ".join(folded(text).split()), thing.id)
    return tracks


def prepare(
    workspace: Workspace,
    slug: str,
    path: Path,
    *,
    preset: str | None = None,
    mapping: str | None = None,
    columns: Mapping | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Read `path` and map its columns: by `columns` (set in the wizard), a saved mapping by
    name, a preset by name, or what the headers say."""
    if preset and mapping:
        raise BadInput(Words("intake_import.preset_or_mapping"))
    meeting = workspace.get_meeting(slug).meeting
    with in_bulk():
        table = read_table(path)
    if columns is None:
        saved = workspace.get_mapping(mapping) if mapping else None
        columns = map_columns(
            table.headers,
            preset=preset,
            saved=saved.columns if saved else None,
            saved_as=saved.name if saved else None,
        )
    prepared = Prepared(table, columns, RowsRead(table.source, columns, [], []))
    return remapped(prepared, meeting, progress=progress)


def remapped(
    prepared: Prepared,
    meeting: Meeting,
    columns: Mapping | None = None,
    *,
    progress: Progress | None = None,
) -> Prepared:
    """The file read again with `columns` (a column set by hand in the wizard)."""
    mapping = check_mapping(columns or prepared.mapping, prepared.table.source)
    with in_bulk():
        return _read(prepared, meeting, mapping, progress)


def _read(
    prepared: Prepared, meeting: Meeting, mapping: Mapping, progress: Progress | None
) -> Prepared:
    reading = reading_for(
        prepared.table,
        mapping,
        tracks=tracks_of(meeting),
        received_at=datetime.now(UTC),
        zone=meeting.zone,
    )
    return replace(prepared, mapping=mapping, rows=read_rows(prepared.table, reading, progress))


def dry_run(
    workspace: Workspace,
    slug: str,
    prepared: Prepared,
    decisions: Map[int, Decision] | None = None,
) -> ImportPlan:
    """What the import would do now; nothing is written."""
    with in_bulk():
        return plan_rows(prepared.rows, _held(workspace.list_registrations(slug)), decisions)


def apply(
    workspace: Workspace,
    slug: str,
    prepared: Prepared,
    decisions: Map[int, Decision] | None = None,
    *,
    approved: ImportPlan | None = None,
) -> ImportPlan:
    """Import every accepted row in one transaction, or none: refused while a likely
    duplicate waits for a decision, or when the registrations changed since the dry run
    `approved` so that it would now do something else."""
    result: list[ImportPlan] = []

    def decide(held: list[StoredRegistration]) -> RegistrationChanges:
        plan = plan_rows(prepared.rows, _held(held), decisions)
        if plan.undecided:
            raise UndecidedDuplicates(plan)
        if approved is not None and _verdicts(plan) != _verdicts(approved):
            raise Conflict(Words("intake_import.changed_since_dry_run", source=plan.source))
        result.append(plan)
        return _changes(plan)

    with in_bulk():
        workspace.change_registrations(slug, decide, AuditAction.REGISTRATIONS_IMPORTED)
    return result[0]


class UndecidedDuplicates(BadInput):
    """Likely duplicates nobody has decided on: nothing is imported until someone has."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        rows = ", ".join(str(likely.row) for likely in plan.undecided[:20])
        super().__init__(Words("intake_import.undecided", count=len(plan.undecided), rows=rows))


def _held(stored: list[StoredRegistration]) -> list[Held]:
    return [
        Held(entry.registration.key or "", entry.registration)
        for entry in stored
        if entry.registration.key
    ]


def _verdicts(plan: ImportPlan) -> list[tuple[int, Verdict]]:
    return [(row.row, row.verdict) for row in plan.rows]


def _changes(plan: ImportPlan) -> RegistrationChanges:
    changes = RegistrationChanges(
        detail={"source": Path(plan.source).name, **{k: v for k, v in plan.counts.items() if v}}
    )
    for row in plan.rows:
        if row.verdict == Verdict.NEW and row.registration is not None:
            changes.add.append(row.registration)
        elif row.verdict == Verdict.UPDATED and row.registration is not None and row.held:
            changes.replace.append(row.registration.model_copy(update={"key": row.held.key}))
    return changes
