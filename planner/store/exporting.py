"""Meetings out of the workspace, as meeting files stamped with where and when they came from,
with their registrations and their minutes.

Two ways: `export` reads every registration into the model (what `planner check` and
`Workspace.export_meeting` need); `export_files` writes the registrations as they were
stored, checked only for the shape of a registration (`rows.stored_registration`), which is
what `planner export` does: 100,000 in about the time libyaml takes to write them. The stamp
(workspace, the meeting's uid, version and revision) is what `import --replace` checks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy.engine import Connection, Row

from planner.errors import Damaged
from planner.model import MeetingFile
from planner.store import conflicts, minutes, registrations, rows


def export(
    connection: Connection,
    slug: str,
    workspace_id: str,
    actor: str,
    location: str,
    left_out: list[Damaged] | None = None,
) -> MeetingFile:
    """The meeting file of `slug`, every registration read into the model. A damaged
    registration is Damaged, or, when `left_out` is given, left out of the file and added to
    it."""
    row, data = _stamped(connection, slug, workspace_id, actor, location)
    held = _readable_registrations(connection, row.id, location, left_out)
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


def export_files(
    connection: Connection,
    slug: str,
    workspace_id: str,
    actor: str,
    location: str,
    left_out: list[Damaged] | None = None,
    apart: str | None = None,
) -> Any:
    """The meeting file of `slug` (`planner.meeting_files.ExportedFiles`), its registrations
    written as stored, in the file or, given `apart` (a file name), in the JSON Lines file
    of that name beside it. A damaged registration is Damaged, or left out into `left_out`."""
    from planner.meeting_files import dump_stored_meeting

    row, data = _stamped(connection, slug, workspace_id, actor, location)
    try:
        meeting = MeetingFile.model_validate_json(json.dumps(data))
    except ValidationError as error:
        raise rows.damaged(rows.meeting_named(slug), location, error) from None
    stored = _stored_registrations(connection, row.id, location, left_out)
    return dump_stored_meeting(meeting, stored, apart=apart)


def _stamped(
    connection: Connection, slug: str, workspace_id: str, actor: str, location: str
) -> tuple[Row[Any], dict[str, Any]]:
    """The meeting's row, and its stored fields with its minutes (when any are recorded) and
    the stamp of this export."""
    row = conflicts.existing_meeting(connection, slug, location)
    tz = rows.meeting_zone(row.timezone, slug, location)
    data = rows.document_data(row.document, rows.meeting_named(slug), location)
    recorded = minutes.read(minutes.find(connection, row.id), row.slug, location)
    if not recorded.is_empty:
        data["minutes"] = recorded.model_dump(mode="json", exclude_defaults=True)
    data["exported"] = _stamp(row, workspace_id, actor, tz)
    return row, data


def _stored_registrations(
    connection: Connection, meeting_id: int, location: str, left_out: list[Damaged] | None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each stored registration's document and its fields, in the order registered; those
    not of a registration's shape are left out (into `left_out`) or raised."""
    for registration_id, document in registrations.documents(connection, meeting_id):
        try:
            yield document, rows.stored_registration(document, registration_id, location)
        except Damaged as problem:
            _leave_out(problem, left_out)


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


def _stamp(row: Row[Any], workspace_id: str, actor: str, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "workspace": workspace_id,
        "meeting": row.uid,
        "version": row.version,
        "revision": row.revision,
        "at": _now(tz).isoformat(),
        "by": actor,
    }


def _now(tz: ZoneInfo) -> datetime:
    return datetime.now(UTC).astimezone(tz).replace(microsecond=0)
