"""The registrations table: rows found, added, changed and removed. No rules here.

A registration is found by its id (never reused) and, within its meeting, by its key (stable
across export and import).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import Connection, Row

from planner.store.schema import meetings, registrations


def of_meeting(connection: Connection, meeting_id: int) -> list[Row[Any]]:
    """The meeting's registrations in the order they were registered."""
    return connection.execute(
        select(
            registrations.c.id,
            registrations.c.key,
            registrations.c.version,
            registrations.c.email,
            registrations.c.checked_in_at,
            registrations.c.document,
        )
        .where(registrations.c.meeting_id == meeting_id)
        .order_by(registrations.c.id)
    ).all()


def with_meeting(connection: Connection, registration_id: int, *, lock: bool = False):
    """A registration's row together with its meeting's id, slug, zone and document."""
    query = (
        select(
            registrations.c.id,
            registrations.c.version,
            registrations.c.name,
            registrations.c.document,
            meetings.c.id.label("meeting_id"),
            meetings.c.slug,
            meetings.c.timezone,
            meetings.c.document.label("meeting_document"),
        )
        .join(meetings, registrations.c.meeting_id == meetings.c.id)
        .where(registrations.c.id == registration_id)
    )
    return connection.execute(query.with_for_update() if lock else query).one_or_none()


def insert_registrations(
    connection: Connection,
    meeting_id: int,
    values: Sequence[dict[str, Any]],
    now: datetime,
    *,
    ids: bool = True,
) -> list[int]:
    """Add registrations at version 1; their ids, in order (none when `ids` is False: an
    import of thousands does not need them, and is written faster without)."""
    if not values:
        return []
    rows = [
        {**row, "meeting_id": meeting_id, "version": 1, "created_at": now, "updated_at": now}
        for row in values
    ]
    if not ids:
        connection.execute(insert(registrations), rows)
        return []
    result = connection.execute(
        insert(registrations).returning(registrations.c.id, sort_by_parameter_order=True), rows
    )
    return list(result.scalars())


def update_registration(
    connection: Connection,
    registration_id: int,
    values: dict[str, Any],
    now: datetime,
    expected_version: int,
) -> int | None:
    """Change a registration; its new version, or None when `expected_version` no longer
    holds."""
    return connection.execute(
        update(registrations)
        .where(
            registrations.c.id == registration_id,
            registrations.c.version == expected_version,
        )
        .values(**values, version=registrations.c.version + 1, updated_at=now)
        .returning(registrations.c.version)
    ).scalar_one_or_none()


def remove_registrations(connection: Connection, registration_ids: Sequence[int]) -> int:
    removed = 0
    for start in range(0, len(registration_ids), 500):
        chunk = list(registration_ids[start : start + 500])
        removed += connection.execute(
            delete(registrations).where(registrations.c.id.in_(chunk))
        ).rowcount
    return removed


def current_version(connection: Connection, registration_id: int) -> int | None:
    return connection.execute(
        select(registrations.c.version).where(registrations.c.id == registration_id)
    ).scalar_one_or_none()


def highest_id_ever(connection: Connection) -> int:
    """The highest registration id the workspace ever handed out (ids are never reused, so
    a lower id that is missing belonged to a registration since removed)."""
    if connection.dialect.name == "sqlite":
        query = "SELECT seq FROM sqlite_sequence WHERE name = 'registrations'"
    else:
        query = "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM registrations_id_seq"
    return connection.execute(text(query)).scalar() or 0
