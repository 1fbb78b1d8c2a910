"""Undoing the last change to a meeting's registrations, as the audit log recorded it.

Every action at the desk writes its changes under one batch (a confirmation with the
promotions it set off, a bulk change of thirty): undo takes the newest batch of yours that
is not undone yet and puts each registration back as it was, newest change first. The undo
is itself a change, logged as such; undoing again reaches the batch before. It is refused,
with nothing changed, when a registration has changed since (someone else confirmed them
after you), or when putting someone back into a place would take a place no longer free.
Offers that expired are not undone: their time ran out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from planner.errors import Conflict, NotFound
from planner.model import RegistrationStatus as Status
from planner.registrations import status as machine
from planner.registrations.changes import at_desk
from planner.registrations.desk import Desk, Entry
from planner.registrations.outcomes import Outcome, Transition, Why
from planner.store import Workspace, audit
from planner.store import registrations as store
from planner.store.audit import AuditAction
from planner.store.records import AuditEntry
from planner.words import Words

UNDOABLE = (AuditAction.REGISTRATION_ADDED, AuditAction.REGISTRATION_STATUS)
LOGGED = [*UNDOABLE, AuditAction.REGISTRATION_UNDONE]
PAGE = 200


@dataclass(frozen=True)
class Batch:
    """The changes of one action, newest first."""

    id: str
    entries: list[AuditEntry]


def last_batch(entries: Iterator[AuditEntry], actor: str) -> Batch | None:
    """The newest batch of `actor`'s that can be undone, from a meeting's registration
    entries newest first: not an undo itself, not undone already, not an expiry."""
    undone: set[str] = set()
    found: Batch | None = None
    for entry in entries:
        batch = str(entry.detail.get("batch", ""))
        if found is not None:
            if batch != found.id:
                return found
            found.entries.append(entry)
            continue
        if entry.action == AuditAction.REGISTRATION_UNDONE:
            undone.add(str(entry.detail.get("undoes", "")))
            continue
        if (
            batch
            and entry.actor == actor
            and batch not in undone
            and entry.detail.get("why") != Why.EXPIRED
        ):
            found = Batch(batch, [entry])
    return found


def undo(
    workspace: Workspace, slug: str, *, of: str | None = None, now: datetime | None = None
) -> Outcome:
    """Undo your last change to the meeting's registrations (see the module's text). With
    `of` (a registration's key), only if that change was to it: the check-in desk undoes its
    own last check-in, never a change made meanwhile from another window under your name."""

    def work(desk: Desk, outcome: Outcome) -> None:
        batch = last_batch(_logged(desk), workspace.actor)
        if batch is None:
            raise NotFound(Words("registrations_refused.nothing_to_undo", slug=desk.slug))
        if of is not None:
            _check_last(desk, batch, of)
        for entry in batch.entries:
            outcome.done.append(_reverse(desk, entry, batch.id))

    return at_desk(workspace, slug, work, now=now)


def _check_last(desk: Desk, batch: Batch, key: str) -> None:
    entry = desk.find(key)
    if audit.registration_subject(entry.id) not in {logged.subject for logged in batch.entries}:
        raise Conflict(Words("intake_desk.undo_not_last", name=entry.name))


def _logged(desk: Desk) -> Iterator[AuditEntry]:
    before = None
    while True:
        page = audit.earlier(desk.connection, desk.slug, LOGGED, before=before, limit=PAGE)
        yield from page
        if len(page) < PAGE:
            return
        before = page[-1].id


def _reverse(desk: Desk, logged: AuditEntry, batch: str) -> Transition:
    registration_id = int(logged.subject.rsplit(" ", 1)[-1])
    row = store.find_by_id(desk.connection, registration_id)
    since = [e for e in audit.of_subject(desk.connection, logged.subject) if e.id > logged.id]
    undone = {e.detail.get("undoes") for e in since if e.action == AuditAction.REGISTRATION_UNDONE}
    others = [
        e
        for e in since
        if e.action != AuditAction.REGISTRATION_UNDONE and e.detail.get("batch") not in undone
    ]
    version = (since[-1] if since else logged).detail.get("version")
    if row is None or others or row.version != version:
        raise Conflict(_changed_since(desk, others[-1] if others else None, row, logged))
    entry = Entry.of(row)
    undoes = {"undoes": batch}
    if logged.action == AuditAction.REGISTRATION_ADDED:
        return _remove(desk, entry, undoes)
    before = Status(logged.detail["from"])
    if before in machine.HOLDS_PLACE and entry.status not in machine.HOLDS_PLACE:
        desk.check_room(entry.name, desk.wants(entry), "registrations_refused.undo_no_place")
    until = logged.detail.get("was_until")
    arrived = logged.detail.get("was_checked_in_at")
    return desk.move(
        entry,
        before,
        Why.UNDONE,
        until=datetime.fromisoformat(until) if until else None,
        action=AuditAction.REGISTRATION_UNDONE,
        detail=undoes,
        arrived=datetime.fromisoformat(arrived) if arrived else None,
    )


def _remove(desk: Desk, entry: Entry, detail: dict[str, Any]) -> Transition:
    if entry.status in machine.HOLDS_PLACE:
        desk.taken.give_back(desk.wants(entry))
    store.remove_registrations(desk.connection, [entry.id])
    desk.record(
        AuditAction.REGISTRATION_UNDONE,
        entry.id,
        {**detail, "batch": desk.batch, "from": entry.status.value, "to": None, "why": Why.UNDONE},
    )
    return Transition(entry.id, entry.key, entry.name, entry.status, None, Why.UNDONE)


def _changed_since(desk: Desk, latest: AuditEntry | None, row: Any, logged: AuditEntry) -> Words:
    """Why a registration cannot be put back: removed, or changed by someone (by an import,
    when the log names no one)."""
    if row is None:
        return Words("registrations_refused.undo_removed", name=logged.subject)
    if latest is None:
        latest = audit.last_change(desk.connection, desk.slug, desk.slug) or logged
    when = latest.at.astimezone(desk.tz).strftime("%Y-%m-%d %H:%M")
    return Words("registrations_refused.undo_changed", name=row.name, actor=latest.actor, at=when)
