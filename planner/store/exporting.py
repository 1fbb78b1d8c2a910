"""Meeting files out of the workspace: `planner export` (the meeting, its registrations and
its minutes, stamped with the workspace, the meeting's uid, its version and revision, so that
importing it back refuses to overwrite what changed since)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy.engine import Connection, Row

from planner.errors import Damaged
from planner.model import MeetingFile
from planner.store import conflicts, meetings, minutes, registrations, rows


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
    _add_minutes(data, connection, row, location)
    data["exported"] = _stamp(row, workspace_id, actor, tz)
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


def _add_minutes(
    data: dict[str, Any], connection: Connection, row: Row[Any], location: str
) -> None:
    """The meeting's minutes, when any are recorded, into the file's `data`."""
    recorded = minutes.read(minutes.find(connection, row.id), row.slug, location)
    if not recorded.is_empty:
        data["minutes"] = recorded.model_dump(mode="json", exclude_defaults=True)


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


def export_text(
    connection: Connection, slug: str, workspace_id: str, actor: str, location: str
) -> str:
    """The meeting file of `export` as YAML, its registrations written from their stored
    documents without reading them into the model again."""
    from planner.meeting_files import dump_stored_meeting_yaml

    row = conflicts.existing_meeting(connection, slug, location)
    tz = rows.meeting_zone(row.timezone, slug, location)
    data = json.loads(row.document)
    _add_minutes(data, connection, row, location)
    data["exported"] = _stamp(row, workspace_id, actor, tz)
    try:
        meeting = MeetingFile.model_validate_json(json.dumps(data))
    except ValidationError as error:
        raise rows.damaged(rows.meeting_named(slug), location, error) from None
    return dump_stored_meeting_yaml(meeting, registrations.documents(connection, row.id))
