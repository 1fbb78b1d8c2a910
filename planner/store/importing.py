"""Meeting files into the workspace: import, all or nothing.

Everything that can be checked without the database is checked before the write transaction
starts (`prepare`), so a large import holds the write lock only to compare and write. A file
exported (`planner.store.exporting`) is stamped with the workspace, the meeting's uid and
its version and revision; `import --replace` of such a file refuses to overwrite what
changed since, unless forced. A file's minutes replace the stored ones; a file without
minutes leaves them as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Connection, Row

from planner.errors import ChangedSinceExport, Conflict, InvalidInput, Problem
from planner.model import ExportStamp, Meeting, MeetingFile, Registration
from planner.model.meeting import dropped_choices, localise_registration
from planner.model.minutes import Minutes
from planner.progress import Progress, Stage, unseen
from planner.store import audit, conflicts, meetings, minutes, registrations, rows
from planner.store.audit import AuditAction
from planner.store.change import Change
from planner.store.merging import Held, Incoming, MergePlan, plan_merge
from planner.store.records import ImportedMeeting, RegistrationCounts, StoredMeeting
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
    minutes: Minutes | None = None
    """The file's minutes; None: the file has none, and the stored ones stay as they are."""


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
        prepared.append(
            Prepared(number, source, values, meeting, file.exported, incoming, file.minutes)
        )
    return prepared


def _incoming(registration: Registration, tz: ZoneInfo) -> Incoming:
    keyed = registration.key is not None
    if not keyed:
        registration = registration.model_copy(update={"key": rows.new_registration_key()})
    return _stored_form(registration, tz, keyed)


def _stored_form(registration: Registration, tz: ZoneInfo, keyed: bool = True) -> Incoming:
    """The registration as stored. The meeting file validated it (and read its times in the
    meeting's zone) already: it is written as it is, not validated a second time."""
    stored = localise_registration(registration, tz)
    return Incoming(stored, stored.model_dump_json(), keyed)


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
    recorded = _write_minutes(change, plan, meeting_id)
    outcome = _outcome(previous, fields, counts, recorded)
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


def _outcome(
    previous: int | None, fields: list[str], counts: RegistrationCounts, minutes_changed: bool
) -> str:
    if previous is None:
        return "added"
    if fields or counts.added or counts.updated or counts.removed or minutes_changed:
        return "replaced"
    return "unchanged"


def _write_minutes(change: Change, plan: Prepared, meeting_id: int) -> bool:
    """The file's minutes in place of the stored ones (with their own audit entry); whether
    that changed them."""
    if plan.minutes is None:
        return False
    row = minutes.find(change.connection, meeting_id, lock=True)
    version = row.version if row is not None else 0
    saved = minutes.save(change, plan.meeting.slug, plan.minutes, version, meeting_id)
    return saved.version != version


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
    return rows.registration_row(entry.registration, entry.document)


def check_kept_choices(connection: Connection, meeting_id: int, meeting: Meeting) -> None:
    """A new version of a meeting must keep the agenda items its registrations chose: asked
    of the tallies, never by reading the registrations."""
    dropped = dropped_choices(meeting, registrations.chosen_items(connection, meeting_id))
    if dropped:
        listed = ", ".join(f"{key!r} ({count})" for key, count in sorted(dropped.items()))
        raise Conflict(
            Words("store_import.choices_dropped", slug=repr(meeting.slug), listed=listed)
        )
