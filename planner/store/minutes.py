"""The minutes table: one record of minutes per meeting, found, added and changed. No rules
here (they are in `planner.minutes`), only records.

A meeting with no minutes recorded has none stored: it reads as empty minutes at version 0,
and the first save adds the record at version 1. Every save names the version it read; the
row count of its UPDATE says whether that still held.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import exc, insert, select, update
from sqlalchemy.engine import Connection, Row

from planner.errors import Conflict
from planner.model.minutes import Minutes
from planner.store import audit, conflicts, meetings, rows
from planner.store.audit import AuditAction
from planner.store.change import Change
from planner.store.records import AuditEntry, StoredMinutes
from planner.store.schema import minutes
from planner.words import Words

SUBJECT = "minutes"
"""How the audit log names the minutes of the meeting an entry is about."""


class MinutesTaken(Exception):
    """Another writer added the meeting's minutes between the look-up and the insert."""


def find(connection: Connection, meeting_id: int, *, lock: bool = False) -> Row[Any] | None:
    query = select(minutes.c.id, minutes.c.version, minutes.c.document).where(
        minutes.c.meeting_id == meeting_id
    )
    return connection.execute(query.with_for_update() if lock else query).one_or_none()


def current_version(connection: Connection, meeting_id: int) -> int:
    """The version of the meeting's minutes (0: none are stored)."""
    found = connection.execute(
        select(minutes.c.version).where(minutes.c.meeting_id == meeting_id)
    ).scalar_one_or_none()
    return found or 0


def last_saved(connection: Connection, slug: str) -> AuditEntry | None:
    return audit.last_change(connection, slug, SUBJECT, AuditAction.MINUTES_RECORDED)


def read(row: Row[Any] | None, slug: str, location: str) -> Minutes:
    if row is None:
        return Minutes()
    try:
        return Minutes.model_validate_json(row.document)
    except ValidationError as error:
        what = Words("minutes_conflict.minutes_of", slug=repr(slug))
        raise rows.damaged(what, location, error) from None


def document(record: Minutes) -> str:
    return record.model_dump_json(exclude_defaults=True)


def insert_minutes(connection: Connection, meeting_id: int, document: str, now: datetime) -> None:
    """Add a meeting's minutes at version 1; MinutesTaken if another writer just did."""
    try:
        with connection.begin_nested():
            connection.execute(
                insert(minutes).values(
                    meeting_id=meeting_id,
                    version=1,
                    document=document,
                    created_at=now,
                    updated_at=now,
                )
            )
    except exc.IntegrityError:
        raise MinutesTaken(meeting_id) from None


def update_minutes(
    connection: Connection, meeting_id: int, document: str, now: datetime, expected_version: int
) -> int | None:
    """Change a meeting's minutes, raising their version; None when `expected_version` no
    longer holds."""
    return connection.execute(
        update(minutes)
        .where(minutes.c.meeting_id == meeting_id, minutes.c.version == expected_version)
        .values(document=document, version=minutes.c.version + 1, updated_at=now)
        .returning(minutes.c.version)
    ).scalar_one_or_none()


def save(
    change: Change, slug: str, record: Minutes, expected_version: int, meeting_id: int
) -> StoredMinutes:
    """Save a meeting's minutes opened at `expected_version` (0: none were stored), with
    their audit entry; the meeting's revision goes up (its version does not). Conflict when
    someone saved them in between, or the meeting is gone."""
    connection = change.connection
    meeting = meetings.find_by_id(connection, meeting_id, lock=True)
    if meeting is None:
        raise conflicts.meeting_gone(connection, slug, change.location)
    row = find(connection, meeting_id, lock=True)
    current = row.version if row is not None else 0
    tz = rows.meeting_zone(meeting.timezone, meeting.slug, change.location)
    if current != expected_version:
        raise _stale(connection, meeting.slug, current, expected_version, tz)
    new = document(record)
    old = row.document if row is not None else document(Minutes())
    changed = rows.changed_fields(old, new)
    if not changed:
        return StoredMinutes(meeting_id, meeting.slug, current, record)
    if row is None:
        try:
            insert_minutes(connection, meeting_id, new, change.at)
        except MinutesTaken:
            raise _stale(connection, meeting.slug, 1, expected_version, tz) from None
        version: int | None = 1
    else:
        version = update_minutes(connection, meeting_id, new, change.at, expected_version)
        if version is None:
            raise _stale(connection, meeting.slug, current + 1, expected_version, tz)
    meetings.raise_revision(connection, meeting_id)
    detail = {"fields": changed, "items": _items_changed(old, new)}
    change.record(AuditAction.MINUTES_RECORDED, meeting.slug, SUBJECT, detail)
    return StoredMinutes(meeting_id, meeting.slug, version, record)


def _items_changed(old: str, new: str) -> list[str]:
    """The items whose entries differ: their references ('ps-77-15', 'agenda[3]')."""
    before = {e["item"]: e for e in json.loads(old).get("items", [])}
    after = {e["item"]: e for e in json.loads(new).get("items", [])}
    return [key for key in {**before, **after} if before.get(key) != after.get(key)]


def _stale(
    connection: Connection, slug: str, current: int, expected: int, tz: ZoneInfo
) -> Conflict:
    last = last_saved(connection, slug)
    return Conflict(
        Words(
            "minutes_conflict.stale",
            slug=repr(slug),
            by=conflicts.by_whom(last, tz),
            current=current,
            expected=expected,
        )
    )
