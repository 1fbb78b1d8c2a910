"""The outbox and the calendar entries tables: rows found, added and changed. No rules here
(they are in `planner.invitations`).

A message row moves queued -> sending -> sent, or -> failed (with the server's refusal); a
newer message to the same person for the same entry makes an older queued or failed one
superseded. The message itself is stored zlib-compressed.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Row

from planner.store.schema import calendar_entries, outbox


class State(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    """Handed to the server, not yet known to be sent: after a crash, its fate is unknown."""
    SENT = "sent"
    FAILED = "failed"
    SUPERSEDED = "superseded"
    """A newer message to the same person for the same entry was queued after it."""


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """A stored message without its bytes."""

    id: int
    uid: str
    sequence: int
    method: str
    reason: str
    recipient: str
    recipient_name: str
    language: str
    registration_id: int | None
    state: State
    attempts: int
    error: str | None
    claimed_by: str | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None


_LISTED = (
    outbox.c.id,
    outbox.c.uid,
    outbox.c.sequence,
    outbox.c.method,
    outbox.c.reason,
    outbox.c.recipient,
    outbox.c.recipient_name,
    outbox.c.language,
    outbox.c.registration_id,
    outbox.c.state,
    outbox.c.attempts,
    outbox.c.error,
    outbox.c.claimed_by,
    outbox.c.created_at,
    outbox.c.updated_at,
    outbox.c.sent_at,
)


def _row(row: Row[Any]) -> OutboxRow:
    values = {column.name: row._mapping[column.name] for column in _LISTED}
    return OutboxRow(**{**values, "state": State(values["state"])})


# -- calendar entries ----------------------------------------------------------------------


def entries_of(connection: Connection, meeting_id: int) -> list[Row[Any]]:
    return connection.execute(
        select(calendar_entries).where(calendar_entries.c.meeting_id == meeting_id)
    ).all()


def forget_person(
    connection: Connection, meeting_id: int, registration_ids: Sequence[int], address: str
) -> int:
    """Delete the meeting's messages to a person (by their registrations, or by the address
    they were sent to, lower-cased as the outbox stores it): an erasure leaves no copy of
    their name and address in a stored e-mail. Returns how many were deleted."""
    return connection.execute(
        delete(outbox).where(
            outbox.c.meeting_id == meeting_id,
            or_(
                outbox.c.registration_id.in_(list(registration_ids)), outbox.c.recipient == address
            ),
        )
    ).rowcount


def save_entry(connection: Connection, meeting_id: int, values: dict[str, Any]) -> None:
    """Insert or update one entry's row (by UID)."""
    changed = connection.execute(
        update(calendar_entries)
        .where(calendar_entries.c.uid == values["uid"])
        .values(**values, meeting_id=meeting_id)
    ).rowcount
    if not changed:
        connection.execute(insert(calendar_entries).values(**values, meeting_id=meeting_id))


def meeting_of_uid(connection: Connection, uid: str) -> Row[Any] | None:
    return connection.execute(
        select(
            calendar_entries.c.meeting_id, calendar_entries.c.kind, calendar_entries.c.key
        ).where(calendar_entries.c.uid == uid)
    ).one_or_none()


# -- messages ------------------------------------------------------------------------------


def held(connection: Connection, meeting_id: int) -> list[Row[Any]]:
    """For each entry and address, the newest message that is not failed or superseded."""
    live = (
        select(func.max(outbox.c.id).label("id"))
        .where(
            outbox.c.meeting_id == meeting_id,
            outbox.c.state.in_([State.QUEUED, State.SENDING, State.SENT]),
        )
        .group_by(outbox.c.uid, outbox.c.recipient)
        .subquery()
    )
    return connection.execute(
        select(
            outbox.c.uid,
            outbox.c.recipient,
            outbox.c.recipient_name,
            outbox.c.language,
            outbox.c.registration_id,
            outbox.c.method,
            outbox.c.sequence,
            outbox.c.facts,
        ).join(live, outbox.c.id == live.c.id)
    ).all()


def add_messages(
    connection: Connection, meeting_id: int, values: Sequence[dict[str, Any]], now: datetime
) -> int:
    """Queue messages (each with its `message` bytes); older queued or failed messages to the
    same people for the same entries are superseded. Returns how many were queued."""
    if not values:
        return 0
    by_entry: dict[str, list[str]] = {}
    for value in values:
        by_entry.setdefault(value["uid"], []).append(value["recipient"])
    for uid, recipients in by_entry.items():
        for chunk in _chunks(recipients, 500):
            connection.execute(
                update(outbox)
                .where(
                    outbox.c.meeting_id == meeting_id,
                    outbox.c.uid == uid,
                    outbox.c.recipient.in_(list(chunk)),
                    outbox.c.state.in_([State.QUEUED, State.FAILED]),
                )
                .values(state=State.SUPERSEDED, updated_at=now)
            )
    connection.execute(
        insert(outbox),
        [
            {
                **v,
                "message": zlib.compress(v["message"], 6),
                "meeting_id": meeting_id,
                "state": State.QUEUED,
                "attempts": 0,
                "created_at": now,
                "updated_at": now,
            }
            for v in values
        ],
    )
    return len(values)


def claim_next(
    connection: Connection, meeting_id: int, claimant: str, now: datetime
) -> tuple[OutboxRow, bytes] | None:
    """The oldest queued message, now marked as being sent by `claimant`; None when none is
    left. Two senders never claim the same message: the update checks it is still queued."""
    while True:
        found = connection.execute(
            select(outbox.c.id)
            .where(outbox.c.meeting_id == meeting_id, outbox.c.state == State.QUEUED)
            .order_by(outbox.c.id)
            .limit(1)
        ).scalar_one_or_none()
        if found is None:
            return None
        claimed = connection.execute(
            update(outbox)
            .where(outbox.c.id == found, outbox.c.state == State.QUEUED)
            .values(
                state=State.SENDING,
                claimed_by=claimant,
                attempts=outbox.c.attempts + 1,
                updated_at=now,
            )
        ).rowcount
        if claimed:
            row = connection.execute(select(*_LISTED).where(outbox.c.id == found)).one()
            data = connection.execute(
                select(outbox.c.message).where(outbox.c.id == found)
            ).scalar_one()
            return _row(row), zlib.decompress(data)


def finish(
    connection: Connection,
    message_id: int,
    state: State,
    now: datetime,
    *,
    error: str | None = None,
    attempts: int | None = None,
) -> None:
    """Record how sending a claimed message ended: sent, failed (with the refusal), or
    queued again (to be tried later)."""
    values: dict[str, Any] = {"state": state, "updated_at": now, "error": error, "claimed_by": None}
    if state == State.SENT:
        values["sent_at"] = now
    if attempts is not None:
        values["attempts"] = attempts
    connection.execute(update(outbox).where(outbox.c.id == message_id).values(**values))


def requeue(connection: Connection, message_ids: Iterable[int], now: datetime) -> int:
    ids = list(message_ids)
    count = 0
    for chunk in _chunks(ids, 500):
        count += connection.execute(
            update(outbox)
            .where(outbox.c.id.in_(chunk))
            .values(state=State.QUEUED, claimed_by=None, error=None, updated_at=now)
        ).rowcount
    return count


def in_state(
    connection: Connection, meeting_id: int, states: Iterable[State], *, limit: int | None = None
) -> list[OutboxRow]:
    query = (
        select(*_LISTED)
        .where(outbox.c.meeting_id == meeting_id, outbox.c.state.in_(list(states)))
        .order_by(outbox.c.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [_row(row) for row in connection.execute(query)]


def message_row(connection: Connection, message_id: int) -> tuple[OutboxRow, int] | None:
    row = connection.execute(
        select(*_LISTED, outbox.c.meeting_id).where(outbox.c.id == message_id)
    ).one_or_none()
    return (_row(row), row.meeting_id) if row is not None else None


def message_bytes(connection: Connection, message_id: int) -> bytes | None:
    data = connection.execute(
        select(outbox.c.message).where(outbox.c.id == message_id)
    ).scalar_one_or_none()
    return zlib.decompress(data) if data is not None else None


def counts(connection: Connection, meeting_id: int) -> dict[State, int]:
    rows = connection.execute(
        select(outbox.c.state, func.count())
        .where(outbox.c.meeting_id == meeting_id)
        .group_by(outbox.c.state)
    ).all()
    found = {State(state): count for state, count in rows}
    return {state: found.get(state, 0) for state in State}


def listing(
    connection: Connection, meeting_id: int, *, limit: int, offset: int = 0
) -> list[OutboxRow]:
    query = (
        select(*_LISTED)
        .where(outbox.c.meeting_id == meeting_id)
        .order_by(outbox.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [_row(row) for row in connection.execute(query)]


def highest_id(connection: Connection, meeting_id: int) -> int:
    return (
        connection.execute(
            select(func.max(outbox.c.id)).where(outbox.c.meeting_id == meeting_id)
        ).scalar()
        or 0
    )


def _chunks(values: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
