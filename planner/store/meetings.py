"""The meetings table: rows found, added, changed and removed. No rules here, only records.

Every version bump is computed by the database (`version = version + 1`) under the row's
lock, so concurrent writers on PostgreSQL can never lose a bump; a save names the version it
read, and the row count of its UPDATE says whether it still held.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exc, func, insert, select, update
from sqlalchemy.engine import Connection, Row

from planner.errors import WorkspaceUnavailable
from planner.model import MeetingKind, MeetingStatus, RegistrationStatus
from planner.store import rows
from planner.store.records import MeetingSummary, StoredMeeting
from planner.store.schema import meetings, registrations
from planner.words import Joined, Words, said

_COLUMNS = (
    meetings.c.id,
    meetings.c.uid,
    meetings.c.slug,
    meetings.c.timezone,
    meetings.c.version,
    meetings.c.revision,
    meetings.c.document,
)


class SlugTaken(Exception):
    """Another writer added the slug between the look-up and the insert."""


def find(connection: Connection, slug: str, *, lock: bool = False) -> Row[Any] | None:
    query = select(*_COLUMNS).where(meetings.c.slug == slug)
    return connection.execute(query.with_for_update() if lock else query).one_or_none()


def find_by_id(connection: Connection, meeting_id: int, *, lock: bool = False) -> Row[Any] | None:
    query = select(*_COLUMNS).where(meetings.c.id == meeting_id)
    return connection.execute(query.with_for_update() if lock else query).one_or_none()


def find_by_uid(connection: Connection, uid: str) -> Row[Any] | None:
    return connection.execute(select(*_COLUMNS).where(meetings.c.uid == uid)).one_or_none()


def stored(row: Row[Any], location: str) -> StoredMeeting:
    return StoredMeeting(
        id=row.id,
        uid=row.uid,
        version=row.version,
        revision=row.revision,
        meeting=rows.read_meeting(row.document, row.slug, location),
    )


def insert_meeting(connection: Connection, values: dict[str, Any], now: datetime) -> Row[Any]:
    """Add a meeting at version 1; SlugTaken if another writer just took its slug."""
    try:
        with connection.begin_nested():
            connection.execute(
                insert(meetings).values(
                    **values,
                    uid=rows.new_meeting_uid(),
                    version=1,
                    revision=1,
                    created_at=now,
                    updated_at=now,
                )
            )
    except exc.IntegrityError:
        # Possible on PostgreSQL, where the look-up before the insert takes no lock.
        raise SlugTaken(values["slug"]) from None
    row = find(connection, values["slug"])
    assert row is not None
    return row


def update_meeting(
    connection: Connection,
    meeting_id: int,
    values: dict[str, Any],
    now: datetime,
    expected_version: int | None = None,
) -> Row[Any] | None:
    """Change a meeting, raising its version and revision; None when `expected_version` no
    longer holds (or the meeting is gone)."""
    query = update(meetings).where(meetings.c.id == meeting_id)
    if expected_version is not None:
        query = query.where(meetings.c.version == expected_version)
    return connection.execute(
        query.values(
            **values,
            version=meetings.c.version + 1,
            revision=meetings.c.revision + 1,
            updated_at=now,
        ).returning(meetings.c.version, meetings.c.revision)
    ).one_or_none()


def raise_revision(connection: Connection, meeting_id: int) -> None:
    """A registration changed: the meeting's revision goes up (its version does not)."""
    connection.execute(
        update(meetings).where(meetings.c.id == meeting_id).values(revision=meetings.c.revision + 1)
    )


def delete_meeting(connection: Connection, meeting_id: int, expected_version: int) -> bool:
    deleted = connection.execute(
        delete(meetings).where(meetings.c.id == meeting_id, meetings.c.version == expected_version)
    )
    return deleted.rowcount == 1


def current_version(connection: Connection, meeting_id: int) -> int | None:
    return connection.execute(
        select(meetings.c.version).where(meetings.c.id == meeting_id)
    ).scalar_one_or_none()


def registration_count(connection: Connection, meeting_id: int) -> int:
    return connection.execute(
        select(func.count()).where(registrations.c.meeting_id == meeting_id)
    ).scalar_one()


def summaries(connection: Connection, location: str) -> list[MeetingSummary]:
    """Every meeting, the earliest first, with its registrations counted by status. A meeting
    whose row no longer reads is listed as damaged rather than hiding the others."""
    found = connection.execute(
        select(
            meetings.c.id,
            meetings.c.slug,
            meetings.c.title,
            meetings.c.kind,
            meetings.c.status,
            meetings.c.timezone,
            meetings.c.start_at,
            meetings.c.end_at,
            meetings.c.version,
            meetings.c.document,
        ).order_by(meetings.c.start_at, meetings.c.slug)
    ).all()
    counts: dict[int, dict[RegistrationStatus, int]] = {}
    for meeting_id, status, count in connection.execute(
        select(registrations.c.meeting_id, registrations.c.status, func.count()).group_by(
            registrations.c.meeting_id, registrations.c.status
        )
    ):
        if status in RegistrationStatus.__members__.values():
            counts.setdefault(meeting_id, {})[RegistrationStatus(status)] = count
    return [_summary(row, counts.get(row.id, {}), location) for row in found]


def _summary(row: Row[Any], counts: dict[RegistrationStatus, int], location: str) -> MeetingSummary:
    problems: list[Words] = []
    kind: MeetingKind | str = row.kind
    status: MeetingStatus | str = row.status
    if row.kind in MeetingKind.__members__.values():
        kind = MeetingKind(row.kind)
    else:
        problems.append(Words("store_rows.unknown_kind", kind=repr(row.kind)))
    if row.status in MeetingStatus.__members__.values():
        status = MeetingStatus(row.status)
    else:
        problems.append(Words("store_rows.unknown_status", status=repr(row.status)))
    start, end = row.start_at, row.end_at
    try:
        tz = rows.meeting_zone(row.timezone, row.slug, location)
        start = start.astimezone(tz)
        end = end.astimezone(tz) if end is not None else None
    except WorkspaceUnavailable:
        problems.append(Words("store_rows.unknown_zone_short", zone=repr(row.timezone)))
    facts = _document_facts(row.document)
    return MeetingSummary(
        slug=row.slug,
        title=row.title,
        kind=kind,
        status=status,
        start=start,
        end=end,
        timezone=row.timezone,
        version=row.version,
        registrations={status: counts.get(status, 0) for status in RegistrationStatus},
        capacity=facts.get("capacity") if isinstance(facts.get("capacity"), int) else None,
        archived=facts.get("archived") is True,
        language=facts.get("language") if isinstance(facts.get("language"), str) else "nb",
        damaged=said(Joined(problems, "; ")) if problems else None,
    )


def _document_facts(document: str) -> dict[str, Any]:
    """The few fields the list shows that have no column of their own."""
    try:
        facts = json.loads(document)
    except ValueError:
        return {}
    return facts if isinstance(facts, dict) else {}
