"""The audit log: who changed what, and when. Append-only; the database refuses the rest.

Entries name registrations by number only: the log can never be changed, so it holds no
personal data that would have to be deleted after the event.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection, Row

from planner.model.clock import named_time
from planner.model.registration import FORMER_STATUSES, RegistrationStatus
from planner.store.records import AuditEntry
from planner.store.schema import audit_log
from planner.words import Joined, Words, said


class AuditAction(StrEnum):
    MEETING_ADDED = "meeting.added"
    MEETING_UPDATED = "meeting.updated"
    MEETING_REPLACED = "meeting.replaced"
    MEETING_DELETED = "meeting.deleted"
    REGISTRATION_ADDED = "registration.added"
    REGISTRATION_UPDATED = "registration.updated"
    REGISTRATION_STATUS = "registration.status"
    """One transition of the status machine: detail `from`, `to`, `version`, `batch`."""
    REGISTRATION_UNDONE = "registration.undone"
    """One change of an earlier batch undone: detail `undoes` (that batch), `from`, `to`."""
    INVITATIONS_QUEUED = "invitations.queued"
    INVITATIONS_SENT = "invitations.sent"
    INVITATIONS_REQUEUED = "invitations.requeued"
    WORKING_ROLE_GRANTED = "workspace.working_role_granted"
    REGISTRATIONS_IMPORTED = "registrations.imported"
    PERSONAL_DATA_PURGED = "registrations.purged"
    PERSON_ERASED = "registrations.person_erased"
    MAPPING_SAVED = "mapping.saved"
    MAPPING_DELETED = "mapping.deleted"
    MINUTES_RECORDED = "minutes.recorded"


NOT_CHANGES = frozenset(
    {
        AuditAction.INVITATIONS_QUEUED,
        AuditAction.INVITATIONS_SENT,
        AuditAction.INVITATIONS_REQUEUED,
    }
)
"""Entries that record what was sent, not a change to a meeting or its registrations: they
do not raise the meeting's revision."""


MAX_ENTRIES = 1_000_000
"""The most entries one look at the log returns."""


def registration_subject(registration_id: int) -> str:
    return f"registration {registration_id}"


def role_subject(role: str) -> str:
    return f"role {role}"


def record(
    connection: Connection,
    *,
    at: datetime,
    actor: str,
    action: AuditAction,
    meeting_slug: str | None,
    subject: str,
    detail: dict[str, Any],
) -> None:
    connection.execute(
        insert(audit_log).values(
            at=at,
            actor=actor,
            action=action.value,
            meeting_slug=meeting_slug,
            subject=subject,
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
        )
    )


def entries(
    connection: Connection, *, meeting_slug: str | None = None, limit: int = 100
) -> list[AuditEntry]:
    """The latest entries, newest first; only one meeting's when `meeting_slug` is given."""
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(min(max(limit, 0), MAX_ENTRIES))
    if meeting_slug is not None:
        query = query.where(audit_log.c.meeting_slug == meeting_slug)
    return [_entry(row) for row in connection.execute(query)]


def has_history(connection: Connection, meeting_slug: str) -> bool:
    found = connection.execute(
        select(audit_log.c.id).where(audit_log.c.meeting_slug == meeting_slug).limit(1)
    ).first()
    return found is not None


def last_change(
    connection: Connection, meeting_slug: str, subject: str, action: AuditAction | None = None
) -> AuditEntry | None:
    """The latest entry about `subject` (of one kind, when `action` is given)."""
    query = select(audit_log).where(
        audit_log.c.meeting_slug == meeting_slug, audit_log.c.subject == subject
    )
    if action is not None:
        query = query.where(audit_log.c.action == action.value)
    row = connection.execute(query.order_by(audit_log.c.id.desc()).limit(1)).one_or_none()
    return _entry(row) if row is not None else None


def of_subject(connection: Connection, subject: str, limit: int = 1000) -> list[AuditEntry]:
    """What happened to one record (`registration 42`), oldest first."""
    rows = connection.execute(
        select(audit_log)
        .where(audit_log.c.subject == subject)
        .order_by(audit_log.c.id.desc())
        .limit(limit)
    )
    return [_entry(row) for row in rows][::-1]


def earlier(
    connection: Connection,
    meeting_slug: str,
    actions: list[AuditAction],
    *,
    before: int | None = None,
    limit: int = 200,
) -> list[AuditEntry]:
    """A meeting's entries of these kinds before entry `before`, newest first."""
    query = select(audit_log).where(
        audit_log.c.meeting_slug == meeting_slug,
        audit_log.c.action.in_([a.value for a in actions]),
    )
    if before is not None:
        query = query.where(audit_log.c.id < before)
    rows = connection.execute(query.order_by(audit_log.c.id.desc()).limit(limit))
    return [_entry(row) for row in rows]


def latest(connection: Connection, meeting_slug: str, count: int) -> list[AuditEntry]:
    """A meeting's last `count` entries, oldest first. Every change to a meeting or its
    registrations writes one entry and raises the meeting's revision by one, so the changes
    since revision r are the last (revision - r) entries."""
    rows = connection.execute(
        select(audit_log)
        .where(
            audit_log.c.meeting_slug == meeting_slug,
            audit_log.c.action.not_in([action.value for action in NOT_CHANGES]),
        )
        .order_by(audit_log.c.id.desc())
        .limit(max(count, 0))
    )
    return [_entry(row) for row in rows][::-1]


def _entry(row: Row[Any]) -> AuditEntry:
    try:
        detail = json.loads(row.detail)
    except ValueError:
        detail = {"unreadable": row.detail}
    return AuditEntry(
        at=row.at,
        actor=row.actor,
        action=row.action,
        meeting_slug=row.meeting_slug,
        subject=row.subject,
        detail=detail if isinstance(detail, dict) else {"detail": detail},
        id=row.id,
    )


def subject_said(subject: str) -> str | Words:
    """An entry's subject as the reader says it: 'registration 3' ('påmelding 3'), 'role
    planner_work' ('rolle planner_work'), or the meeting's slug."""
    kind, _, name = subject.partition(" ")
    if kind == "registration" and name.isdigit():
        return Words("store_rows.registration", id=int(name))
    if kind == "role" and name:
        return Words("safety_roles.subject", role=name)
    return subject


def describe(entry: AuditEntry) -> Joined:
    """What an entry changed, in a few words: 'fields: title, agenda; registrations: 3
    added, 1 removed'; empty (false) when the entry says nothing more."""
    detail = entry.detail
    parts: list[Words] = []
    if renamed := detail.get("renamed_from"):
        parts.append(Words("store_audit.renamed_from", slug=renamed))
    if fields := detail.get("fields"):
        parts.append(Words("store_audit.fields", fields=", ".join(str(f) for f in fields)))
    if counts := detail.get("registrations"):
        if isinstance(counts, dict):
            listed = [
                Words(f"store_audit.registrations_{what}", count=n)
                if what in _COUNTED
                else f"{n} {what}"
                for what, n in counts.items()
                if n
            ]
            if listed:
                parts.append(Words("store_audit.registrations", counts=Joined(listed, ", ")))
        else:
            parts.append(Words("store_audit.registrations", counts=str(counts)))
    if "status" in detail:
        parts.append(Words("store_audit.status", status=_status(detail["status"])))
    if "from" in detail and "to" in detail:
        parts.append(_moved(detail["from"], detail["to"]))
    if "version" in detail and entry.action == AuditAction.MEETING_DELETED:
        parts.append(Words("store_audit.at_version", version=detail["version"]))
    if source := detail.get("source"):
        parts.append(Words("store_audit.source", source=source))
    return Joined(parts, "; ")


_COUNTED = ("added", "updated", "kept", "removed")
"""The counts of registrations an import records, each said by its own label."""


def _status(status: object) -> str | Words:
    if isinstance(status, str):
        status = FORMER_STATUSES.get(status, status)
    known = {status.value for status in RegistrationStatus}
    return Words(f"registration_status.{status}") if status in known else str(status)


def _moved(before: object, after: object) -> Words:
    """One change of status: 'påmeldt → bekreftet'; a registration added ('ny → påmeldt')
    or taken away again by an undo ('påmeldt → fjernet')."""
    if before is None:
        return Words("store_audit.moved_in", after=_status(after))
    if after is None:
        return Words("store_audit.moved_out", before=_status(before))
    return Words("store_audit.moved", before=_status(before), after=_status(after))


class EntryLine:
    """One entry on a line: '2026-03-10 09:15 Europe/Oslo ada: meeting.updated nordisk-2026
    (fields: title)', its time in `tz` (the meeting's zone), else in UTC."""

    def __init__(self, entry: AuditEntry, tz: ZoneInfo | None = None) -> None:
        self.entry = entry
        self.tz = tz

    def in_language(self, language: str | None = None) -> str:
        entry = self.entry
        line = (
            f"{named_time(entry.at, self.tz)} {entry.actor}: {entry.action} "
            f"{said(subject_said(entry.subject), language)}"
        )
        described = describe(entry)
        return f"{line} ({described.in_language(language)})" if described else line
