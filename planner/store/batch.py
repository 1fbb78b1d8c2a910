"""Many registrations of one meeting written at once (an import, a purge): rows added,
replaced by key with their versions checked, and removed. No rules here: what to write was
decided by the caller."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Connection

from planner.errors import InvalidInput, Problem
from planner.model import Meeting
from planner.model.meeting import known_tracks, unknown_workshop_choices
from planner.model.problems import format_loc
from planner.store import conflicts, registrations, rows
from planner.store.records import RegistrationChanges, StoredRegistration


def write(
    connection: Connection,
    meeting_row: Any,
    held: Sequence[StoredRegistration],
    changes: RegistrationChanges,
    tz: ZoneInfo,
    at: datetime,
    location: str,
) -> None:
    by_key = {stored.registration.key: stored for stored in held}
    meeting = rows.read_meeting(meeting_row.document, meeting_row.slug, location)
    tracks = known_tracks(meeting)
    added = []
    for registration in changes.add:
        if registration.key is None or registration.key in by_key:
            registration = registration.model_copy(update={"key": rows.new_registration_key()})
        _check_choices(meeting, registration, tracks)
        added.append(rows.registration_values(registration, tz)[0])
    registrations.insert_registrations(connection, meeting_row.id, added, at)
    for registration in changes.replace:
        stored = by_key[registration.key]
        _check_choices(meeting, registration, tracks)
        values, _ = rows.registration_values(registration, tz)
        if (
            registrations.update_registration(connection, stored.id, values, at, stored.version)
            is None
        ):
            current = registrations.current_version(connection, stored.id)
            raise conflicts.stale_registration(
                connection, stored.id, stored.registration.person.name, meeting_row.slug,
                current, stored.version, tz,
            )  # fmt: skip
    registrations.remove_registrations(connection, [by_key[key].id for key in changes.remove])


def _check_choices(meeting: Meeting, registration: Any, tracks: set[str]) -> None:
    problems = [
        Problem(f"registration of {registration.person.name}", message, field=format_loc(loc))
        for loc, message in unknown_workshop_choices(registration, tracks)
    ]
    if problems:
        raise InvalidInput(problems)
