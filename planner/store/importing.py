"""Meeting files in and out of the workspace: import (all or nothing) and export.

Everything that can be checked without the database is checked before the write transaction
starts (`prepare`), so a large import holds the write lock only to compare and write. An
exported file is stamped with the workspace, the meeting's uid and its version and revision;
`import --replace` of such a file refuses to overwrite what changed since, unless forced.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.engine import Connection, Row

from planner.errors import ChangedSinceExport, Conflict, Damaged, InvalidInput, Problem
from planner.model import ExportStamp, Meeting, MeetingFile, Registration
from planner.model.meeting import dropped_choices
from planner.progress import Progress, Stage, unseen
from planner.registrations.merge import Held, Incoming, MergePlan, plan_merge
from planner.store import audit, conflicts, meetings, registrations, rows
from planner.store.audit import AuditAction
from planner.store.change import Change
from planner.store.records import ImportedMeeting, RegistrationCounts, StoredMeeting
from planner.store.schema import registrations as registrations_table
from planner.words import Words

PROGRESS_EVERY = 500
"""Registrations prepared or written between two reports of progress."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """One meeting file, checked and turned into rows before the transaction."""

    number: int
    source: str
    values: dict[str, Any]
    meeting: Meeting
    stamp: ExportStamp | None
    incoming: list[Incoming]


def prepare(
    files: Sequence[MeetingFile], source: str, progress: Progress = unseen
) -> list[Prepared]:
    prepared, seen = [], {}
    total = sum(len(file.registrations) for file in files)
    done = 0
    for number, file in enumerate(files, start=1):
        values, meeting = rows.meeting_values(file)
        if meeting.slug in seen:
            raise Conflict(
                Words(
                    "store_import.twice_from" if source else "store_import.twice",
                    slug=repr(meeting.slug),
                    first=seen[meeting.slug],
                    second=number,
                    source=source,
                )
            )
        seen[meeting.slug] = number
        incoming = []
        for registration in file.registrations:
            incoming.append(_incoming(registration, meeting.zone))
            done += 1
            if done % PROGRESS_EVERY == 0:
                progress(Stage.PREPARING, done, total, source)
        prepared.append(Prepared(number, source, values, meeting, file.exported, incoming))
    return prepared


def _incoming(registration: Registration, tz: ZoneInfo) -> Incoming:
    keyed = registration.key is not None
    if not keyed:
        registration = registration.model_copy(update={"key": rows.new_registration_key()})
    return _stored_form(registration, tz, keyed)


def _stored_form(registration: Registration, tz: ZoneInfo, keyed: bool = True) -> Incoming:
    _, stored = rows.registration_values(registration, tz)
    document = stored.model_dump_json()
    return Incoming(stored, document, keyed)


def apply(
    change: Change,
    plans: Sequence[Prepared],
    *,
    workspace_id: str,
    replace: bool,
    force: bool,
    remove_missing: bool,
    progress: Progress = unseen,
) -> list[ImportedMeeting]:
    """Write every prepared meeting, or none: conflicts are gathered first, then raised."""
    connection = change.connection
    found = {p.meeting.slug: meetings.find(connection, p.meeting.slug, lock=True) for p in plans}
    taken = [slug for slug, row in found.items() if row is not None]
    if taken and not replace:
        raise conflicts.slug_taken(taken, change.location, imported=True)
    for slug in taken:
        # A stored meeting that no longer reads is said to be damaged, as `show` says it.
        rows.read_meeting(found[slug].document, slug, change.location)
    for plan in plans:
        row = found[plan.meeting.slug]
        if plan.stamp is None or force:
            continue
        if row is not None:
            _check_stamp(connection, plan, row, workspace_id, change.location)
        elif plan.stamp.workspace == workspace_id:
            _check_renamed(connection, plan)
    writing = _Writing(progress, sum(len(plan.incoming) for plan in plans))
    return [
        _import_one(change, plan, found[plan.meeting.slug], remove_missing, writing)
        for plan in plans
    ]


@dataclass
class _Writing:
    """How many of the import's registrations are written, told as they are."""

    progress: Progress
    total: int
    done: int = 0

    def wrote(self, count: int) -> None:
        self.done += count
        self.progress(Stage.WRITING, self.done, self.total)


def _check_stamp(
    connection: Connection, plan: Prepared, row: Row[Any], workspace_id: str, location: str
) -> None:
    stamp, slug = plan.stamp, plan.meeting.slug
    assert stamp is not None
    if stamp.workspace != workspace_id:
        raise conflicts.another_record(slug, conflicts.exported_elsewhere())
    if stamp.meeting != row.uid:
        gone = conflicts.meeting_gone(connection, slug, location)
        raise conflicts.another_record(slug, gone)
    if stamp.revision != row.revision:
        tz = rows.meeting_zone(row.timezone, slug, location)
        changes = audit.latest(connection, slug, row.revision - stamp.revision)
        raise conflicts.changed_since_export(slug, stamp, row.version, changes, tz)


def _check_renamed(connection: Connection, plan: Prepared) -> None:
    """The meeting a file was exported from, renamed since: importing the file under its old
    slug would make a second copy of it."""
    assert plan.stamp is not None
    renamed = meetings.find_by_uid(connection, plan.stamp.meeting)
    if renamed is not None:
        raise ChangedSinceExport(
            Words("store_import.renamed", slug=repr(plan.meeting.slug), now=repr(renamed.slug))
        )


def _import_one(
    change: Change, plan: Prepared, row: Row[Any] | None, remove_missing: bool, writing: _Writing
) -> ImportedMeeting:
    connection = change.connection
    merge = plan_merge(
        [] if row is None else _held(connection, row.id),
        plan.incoming,
        remove_missing=remove_missing,
        restore=lambda registration: _stored_form(registration, plan.meeting.zone),
        tz=plan.meeting.zone,
    )
    _refuse_problems(merge, plan)
    if row is None:
        meeting_id, previous, fields = (
            insert_meeting(change, plan.values, imported=True).id,
            None,
            [],
        )
    else:
        meeting_id, previous = row.id, row.version
        fields = rows.changed_fields(row.document, plan.values["document"])
        if fields:
            meetings.update_meeting(connection, meeting_id, plan.values, change.at)
    counts = _write_registrations(connection, meeting_id, merge, change.at, writing)
    outcome = _outcome(previous, fields, counts)
    if outcome == "replaced":
        check_kept_choices(connection, meeting_id, plan.meeting)
        if not fields:
            meetings.raise_revision(connection, meeting_id)
    if outcome != "unchanged":
        _record(change, plan, outcome, fields, counts)
    final = meetings.find_by_id(connection, meeting_id)
    stored = StoredMeeting(
        id=final.id,
        uid=final.uid,
        version=final.version,
        revision=final.revision,
        meeting=plan.meeting,
    )
    return ImportedMeeting(
        stored=stored, action=outcome, previous_version=previous, registrations=counts
    )


def insert_meeting(change: Change, values: dict[str, Any], *, imported: bool = False) -> Row[Any]:
    """Add a new meeting. Another writer taking its slug at the same moment (possible on
    PostgreSQL, where looking for the slug locks nothing) is a Conflict, as if it had been
    there before."""
    try:
        return meetings.insert_meeting(change.connection, values, change.at)
    except meetings.SlugTaken:
        raise conflicts.slug_taken([values["slug"]], change.location, imported=imported) from None


def _outcome(previous: int | None, fields: list[str], counts: RegistrationCounts) -> str:
    if previous is None:
        return "added"
    if fields or counts.added or counts.updated or counts.removed:
        return "replaced"
    return "unchanged"


def _record(
    change: Change, plan: Prepared, outcome: str, fields: list[str], counts: RegistrationCounts
) -> None:
    slug = plan.meeting.slug
    detail: dict[str, Any] = {"source": plan.source} if plan.source else {}
    if outcome == "replaced":
        detail["fields"] = fields
    detail["registrations"] = {
        "added": counts.added,
        "updated": counts.updated,
        "kept": counts.kept,
        "removed": counts.removed,
    }
    action = AuditAction.MEETING_ADDED if outcome == "added" else AuditAction.MEETING_REPLACED
    change.record(action, slug, slug, detail)


def _held(connection: Connection, meeting_id: int) -> list[Held]:
    return [
        Held(r.id, r.version, r.key, r.email, r.checked_in_at, r.document)
        for r in registrations.of_meeting(connection, meeting_id)
    ]


def _refuse_problems(merge: MergePlan, plan: Prepared) -> None:
    if merge.problems:
        source = plan.source or Words("store_import.meeting", slug=repr(plan.meeting.slug))
        raise InvalidInput(
            [
                Problem(source, message, field=f"registrations[{index}].status")
                for index, message in merge.problems
            ]
        )


def _write_registrations(
    connection: Connection, meeting_id: int, merge: MergePlan, now: Any, writing: _Writing
) -> RegistrationCounts:
    added = [_row_values(entry) for entry in merge.add]
    for start in range(0, len(added), PROGRESS_EVERY):
        chunk = added[start : start + PROGRESS_EVERY]
        registrations.insert_registrations(connection, meeting_id, chunk, now)
        writing.wrote(len(chunk))
    for held, entry in merge.update:
        version = registrations.update_registration(
            connection, held.id, _row_values(entry), now, held.version
        )
        if version is None:
            raise Conflict(Words("store_import.changed_meanwhile", id=held.id))
    removed = registrations.remove_registrations(connection, [h.id for h in merge.remove])
    return RegistrationCounts(
        added=len(merge.add),
        updated=len(merge.update),
        unchanged=len(merge.unchanged),
        kept=len(merge.keep),
        removed=removed,
        check_ins_kept=merge.check_ins_kept,
    )


def _row_values(entry: Incoming) -> dict[str, Any]:
    registration = entry.registration
    person = registration.person
    return {
        "key": registration.key,
        "status": registration.status.value,
        "name": person.name,
        "email": person.email.lower() if person.email else None,
        "organisation": person.organisation,
        "submitted_at": registration.submitted_at,
        "checked_in_at": registration.checked_in_at,
        "document": entry.document,
    }


def check_kept_choices(connection: Connection, meeting_id: int, meeting: Meeting) -> None:
    """A new version of a meeting must keep the agenda items its registrations chose."""
    documents = connection.execute(
        select(registrations_table.c.document).where(registrations_table.c.meeting_id == meeting_id)
    ).scalars()
    choices = (_workshops(document) for document in documents)
    dropped = dropped_choices(meeting, choices)
    if dropped:
        listed = ", ".join(f"{key!r} ({count})" for key, count in sorted(dropped.items()))
        raise Conflict(
            Words("store_import.choices_dropped", slug=repr(meeting.slug), listed=listed)
        )


def _workshops(document: str) -> list[str]:
    """The agenda items a stored registration chose; none for one too damaged to say."""
    try:
        answers = json.loads(document).get("answers") or {}
        return [key for key in answers.get("workshops") or [] if isinstance(key, str)]
    except (ValueError, AttributeError):
        return []


def export(
    connection: Connection,
    slug: str,
    workspace_id: str,
    actor: str,
    location: str,
    left_out: list[Damaged] | None = None,
) -> MeetingFile:
    """The meeting file of `slug`. A damaged registration is Damaged, or, when `left_out` is
    given, left out of the file and added to it."""
    row = meetings.find(connection, slug)
    if row is None:
        raise conflicts.no_meeting(connection, slug, location)
    tz = rows.meeting_zone(row.timezone, slug, location)
    data = rows.document_data(row.document, rows.meeting_named(slug), location)
    held = _readable_registrations(connection, row.id, location, left_out)
    data["exported"] = {
        "workspace": workspace_id,
        "meeting": row.uid,
        "version": row.version,
        "revision": row.revision,
        "at": _now(tz).isoformat(),
        "by": actor,
    }
    while True:
        data["registrations"] = list(held.values())
        try:
            return MeetingFile.model_validate_json(json.dumps(data))
        except ValidationError as error:
            broken = _broken_registrations(error, list(held))
            if not broken:
                raise rows.damaged(rows.meeting_named(slug), location, error) from None
            for registration_id, errors in broken.items():
                what = rows.registration_named(registration_id)
                _leave_out(
                    rows.damaged(what, location, errors, registration=registration_id), left_out
                )
                del held[registration_id]


def _readable_registrations(
    connection: Connection, meeting_id: int, location: str, left_out: list[Damaged] | None
) -> dict[int, dict[str, Any]]:
    """The meeting's registrations as stored, by id; those that are not even JSON are left
    out (into `left_out`) or raised."""
    readable = {}
    for r in registrations.of_meeting(connection, meeting_id):
        try:
            readable[r.id] = rows.document_data(
                r.document, rows.registration_named(r.id), location, registration=r.id
            )
        except Damaged as problem:
            _leave_out(problem, left_out)
    return readable


def _broken_registrations(error: ValidationError, ids: list[int]) -> dict[int, list[Any]]:
    """The errors that concern one registration each, by its id; {} when any error is the
    meeting's own."""
    broken: dict[int, list[Any]] = {}
    for details in error.errors():
        loc = details["loc"]
        if len(loc) < 2 or loc[0] != "registrations" or not isinstance(loc[1], int):
            return {}
        broken.setdefault(ids[loc[1]], []).append({**details, "loc": loc[2:]})
    return broken


def _leave_out(problem: Damaged, left_out: list[Damaged] | None) -> None:
    if left_out is None:
        raise problem
    left_out.append(problem)


def _now(tz: ZoneInfo) -> datetime:
    return datetime.now(UTC).astimezone(tz).replace(microsecond=0)
