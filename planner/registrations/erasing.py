"""Personal data in the workspace: the purge after a meeting's retention date, a person's
own export, and erasure on request. What `planner privacy` and `planner person` call.

Each change is one transaction per meeting at the registration desk (`desk.py`), written
through the registrations store, so the counts per status, item and delegation stay right;
a place freed by an erasure is passed on as the meeting says. Each has one audit entry that
counts what was erased and never says what it was (not even the e-mail address asked
about).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from planner.errors import BadInput, NotFound
from planner.registrations import privacy
from planner.registrations import status as machine
from planner.registrations.capacity import Wants
from planner.registrations.changes import at_desk
from planner.registrations.desk import Desk
from planner.registrations.exports.lists import Listed
from planner.registrations.listing import reading
from planner.registrations.outcomes import Outcome
from planner.store import Workspace, conflicts, outbox, rows
from planner.store import registrations as store
from planner.store.audit import AuditAction
from planner.words import Words


@dataclass(frozen=True, slots=True)
class Purged:
    slug: str
    registrations: int
    fields: dict[str, int]


@dataclass(frozen=True, slots=True)
class _Held:
    """A registration read at the desk: its row and the registration."""

    row: Any
    entry: Listed


def purge(workspace: Workspace, slug: str, today: date, *, dry_run: bool = False) -> Purged:
    """Erase the meeting's working data once its retention date has passed."""
    meeting = workspace.get_meeting(slug).meeting
    if meeting.privacy is None:
        raise BadInput(Words("intake_privacy.no_retention", slug=slug))
    if not privacy.purge_due(meeting, today):
        raise BadInput(
            Words("intake_privacy.not_yet", slug=slug, day=meeting.privacy.erase_after.isoformat())
        )
    found: list[Purged] = []

    def work(desk: Desk, outcome: Outcome) -> None:
        held = _held(desk, store.of_meeting(desk.connection, desk.meeting_id))
        erasures = privacy.purge([h.entry for h in held])
        counts: dict[str, int] = {}
        for erasure in erasures:
            for name in erasure.fields:
                counts[name] = counts.get(name, 0) + 1
        found.append(Purged(slug, len(erasures), counts))
        if erasures:
            _apply(desk, held, erasures, outcome)
            _record(desk, AuditAction.PERSONAL_DATA_PURGED,
                    {"registrations": len(erasures), "fields": counts})  # fmt: skip

    at_desk(workspace, slug, work, preview=dry_run)
    return found[0]


def held_about(workspace: Workspace, email: str) -> dict[str, Any]:
    """Everything the workspace holds about the person with `email` (JSON)."""
    found = []
    for summary in workspace.list_meetings():
        with reading(workspace, summary.slug) as meeting:
            theirs = store.find_by_email(meeting.connection, meeting.id, _address(email))
            if theirs:
                read = meeting.meeting
                found += [(read, h.entry) for h in _held_in(theirs, meeting.tz, meeting.location)]
    return privacy.held_about(email, found)


def erase(workspace: Workspace, email: str, *, dry_run: bool = False) -> dict[str, int]:
    """Erase the person with `email` from every meeting: {slug: registrations erased}."""
    erased: dict[str, int] = {}
    for summary in workspace.list_meetings():
        with reading(workspace, summary.slug) as meeting:
            if not store.find_by_email(meeting.connection, meeting.id, _address(email)):
                continue

        def work(desk: Desk, outcome: Outcome) -> None:
            held = _held(desk, store.find_by_email(desk.connection, desk.meeting_id,
                                                   _address(email)))  # fmt: skip
            erasures = [privacy.erase_person(desk.meeting, h.entry) for h in held]
            erased[desk.slug] = len(erasures)
            messages = outbox.forget_person(desk.connection, desk.meeting_id,
                                            [h.row.id for h in held], _sent_to(email))  # fmt: skip
            _apply(desk, held, erasures, outcome)
            _record(desk, AuditAction.PERSON_ERASED,
                    {"registrations": len(erasures), "messages": messages})  # fmt: skip

        at_desk(workspace, summary.slug, work, preview=dry_run)
    if not erased:
        raise NotFound(Words("intake_privacy.nobody", email=email))
    return erased


def _sent_to(email: str) -> str:
    """The address as the outbox holds it (the form invitations are sent to)."""
    from planner.invitations.email import checked_address

    try:
        return checked_address(_address(email)).lower()
    except BadInput:  # an address no invitation could have gone to
        return _address(email).lower()


def _address(email: str) -> str:
    return unicodedata.normalize("NFC", email.strip())


def _held(desk: Desk, found: Sequence[Any]) -> list[_Held]:
    return _held_in(found, desk.tz, desk.change.location)


def _held_in(found: Sequence[Any], tz: ZoneInfo, location: str) -> list[_Held]:
    return [
        _Held(row, Listed(row.key, rows.read_registration(row.document, tz, row.id, location)))
        for row in found
    ]


def _apply(
    desk: Desk, held: list[_Held], erasures: Sequence[privacy.Erasure], outcome: Outcome
) -> None:
    """Each erasure written: what is left of a registration saved (its version checked),
    the others removed, their places given back and passed on as the meeting says."""
    by_key = {h.entry.key: h for h in held}
    removed: list[_Held] = []
    for erasure in erasures:
        found = by_key[erasure.key]
        if erasure.left is None:
            removed.append(found)
            continue
        values, _ = rows.registration_values(erasure.left, desk.tz)
        row = found.row
        if store.update_registration(desk.connection, row.id, values, desk.change.at,
                                     row.version) is None:  # fmt: skip
            current = store.current_version(desk.connection, row.id)
            name = found.entry.registration.person.name
            raise conflicts.stale_registration(desk.connection, row.id, name, desk.slug,
                                               current, row.version, desk.tz)  # fmt: skip
    freed = False
    for gone in removed:
        registration = gone.entry.registration
        if registration.status in machine.HOLDS_PLACE:
            wants = Wants.of(registration)
            desk.ready(wants)
            desk.taken.give_back(wants)
            freed = True
    store.remove_registrations(desk.connection, [gone.row.id for gone in removed])
    if freed:
        desk.pass_on(outcome)


def _record(desk: Desk, action: AuditAction, detail: dict[str, Any]) -> None:
    desk.change.record(action, desk.slug, desk.slug, detail)
    desk.entries += 1
