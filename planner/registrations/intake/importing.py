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
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Connection

from planner.bulk import in_bulk
from planner.errors import BadInput, Conflict
from planner.model import Meeting
from planner.model import RegistrationStatus as Status
from planner.model.meeting import walk_agenda
from planner.registrations.changes import at_desk
from planner.registrations.desk import Desk
from planner.registrations.intake.mapping import Mapping, check_mapping, map_columns
from planner.registrations.intake.placing import new_statuses, place_new, room_of
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
from planner.registrations.listing import reading as reading_meeting
from planner.registrations.outcomes import Outcome
from planner.search import folded
from planner.store import Workspace, rows
from planner.store import registrations as store
from planner.store.audit import AuditAction
from planner.words import Words

Progress = Callable[[int, int], None]
"""Told (rows done, rows in all) as a large file is read, and as its rows are written."""


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
    status: Status | str | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Read `path` and map its columns: by `columns` (set in the wizard), a saved mapping by
    name, a preset by name, or what the headers say. New registrations go in as `status`,
    else as the saved mapping says, else pending."""
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
            status=status or (saved.status if saved and saved.status else Status.PENDING),
        )
    elif status is not None:
        columns = columns.with_status(status)
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
    with reading_meeting(workspace, slug) as meeting:
        held = _held(meeting.connection, meeting.id, meeting.tz, meeting.location)
        room = room_of(meeting.connection, meeting.id, meeting.meeting)
    with in_bulk():
        plan = plan_rows(prepared.rows, held, decisions)
    place_new(plan, prepared.mapping.status, room)
    return plan


def apply(
    workspace: Workspace,
    slug: str,
    prepared: Prepared,
    decisions: Map[int, Decision] | None = None,
    *,
    approved: ImportPlan | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Import every accepted row in one transaction at the registration desk, or none:
    refused while a likely duplicate waits for a decision, or when the registrations changed
    since the dry run `approved` so that it would now do something else. `progress` is told
    (rows written, rows to write) as the new rows go in."""
    result: list[ImportPlan] = []

    def work(desk: Desk, outcome: Outcome) -> None:
        held = _held(desk.connection, desk.meeting_id, desk.tz, desk.change.location)
        plan = plan_rows(prepared.rows, held, decisions)
        if plan.undecided:
            raise UndecidedDuplicates(plan)
        place_new(plan, prepared.mapping.status, room_of(desk.connection, desk.meeting_id,
                                                         desk.meeting))  # fmt: skip
        if approved is not None and _verdicts(plan) != _verdicts(approved):
            raise Conflict(Words("intake_import.changed_since_dry_run", source=plan.source))
        if plan.changes_anything:
            _write(desk, plan, {held.key for held in held}, progress)
        result.append(plan)

    with in_bulk():
        at_desk(workspace, slug, work)
    return result[0]


WRITTEN_AT_ONCE = 2000
"""New registrations written in one statement (and between two reports of progress)."""


def _write(desk: Desk, plan: ImportPlan, keys: set[str], progress: Progress | None) -> None:
    """The new rows added (with their choices and the counts), the updated ones changed as
    the desk changes a registration (a place in a workshop they newly chose must be free),
    and one audit entry that counts them."""
    new = [row.registration for row in plan.of(Verdict.NEW) if row.registration is not None]
    values = []
    for registration in new:
        if registration.key is None or registration.key in keys:
            registration = registration.model_copy(update={"key": rows.new_registration_key()})
        desk.check_choices(registration)
        values.append(rows.new_registration_row(registration, desk.tz))
    for start in range(0, len(values), WRITTEN_AT_ONCE):
        chunk = values[start : start + WRITTEN_AT_ONCE]
        store.insert_registrations(desk.connection, desk.meeting_id, chunk, desk.change.at)
        if progress is not None:
            progress(start + len(chunk), len(values))
    for row in plan.of(Verdict.UPDATED):
        if row.registration is not None and row.held is not None:
            desk.edit(desk.find(row.held.key), row.registration)
    detail = {
        "source": Path(plan.source).name,
        **{verdict: n for verdict, n in plan.counts.items() if n},
        "statuses": new_statuses(plan),
    }
    desk.change.record(AuditAction.REGISTRATIONS_IMPORTED, desk.slug, desk.slug, detail)
    desk.entries += 1


class UndecidedDuplicates(BadInput):
    """Likely duplicates nobody has decided on: nothing is imported until someone has."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        rows = ", ".join(str(likely.row) for likely in plan.undecided[:20])
        super().__init__(Words("intake_import.undecided", count=len(plan.undecided), rows=rows))


def _held(connection: Connection, meeting_id: int, tz: ZoneInfo, location: str) -> list[Held]:
    """The meeting's registrations, whole, as the plan compares them."""
    return [
        Held(row.key, rows.read_registration(row.document, tz, row.id, location))
        for row in store.of_meeting(connection, meeting_id)
    ]


def _verdicts(plan: ImportPlan) -> list[tuple[int, Verdict, str | None]]:
    """Each row's verdict, and for a new one the status it goes in with."""
    return [
        (row.row, row.verdict, row.registration.status.value if row.registration else None)
        for row in plan.rows
    ]
