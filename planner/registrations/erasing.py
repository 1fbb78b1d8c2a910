"""Personal data in the workspace: the purge after a meeting's retention date, a person's
own export, and erasure on request. What `planner privacy` and `planner person` call.

Each change is one transaction per meeting with one audit entry that counts what was erased
and never says what it was (not even the e-mail address asked about).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.errors import BadInput, NotFound
from planner.registrations import privacy
from planner.registrations.exports.lists import Listed
from planner.registrations.intake.normalise import email_key
from planner.store import StoredRegistration, Workspace
from planner.store.audit import AuditAction
from planner.store.records import RegistrationChanges
from planner.words import Words


@dataclass(frozen=True, slots=True)
class Purged:
    slug: str
    registrations: int
    fields: dict[str, int]


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

    def decide(held: list[StoredRegistration]) -> RegistrationChanges:
        erasures = privacy.purge(_listed(held))
        counts: dict[str, int] = {}
        for erasure in erasures:
            for name in erasure.fields:
                counts[name] = counts.get(name, 0) + 1
        found.append(Purged(slug, len(erasures), counts))
        if dry_run:
            return RegistrationChanges()
        return RegistrationChanges(
            replace=[e.left for e in erasures if e.left is not None],
            detail={"registrations": len(erasures), "fields": counts},
        )

    workspace.change_registrations(slug, decide, AuditAction.PERSONAL_DATA_PURGED)
    return found[0]


def held_about(workspace: Workspace, email: str) -> dict[str, Any]:
    """Everything the workspace holds about the person with `email` (JSON)."""
    found = []
    for summary in workspace.list_meetings():
        meeting = workspace.get_meeting(summary.slug).meeting
        for entry in _listed(workspace.list_registrations(summary.slug)):
            found.append((meeting, entry))
    return privacy.held_about(email, found)


def erase(workspace: Workspace, email: str, *, dry_run: bool = False) -> dict[str, int]:
    """Erase the person with `email` from every meeting: {slug: registrations erased}."""
    wanted = email_key(email)
    erased: dict[str, int] = {}
    for summary in workspace.list_meetings():
        meeting = workspace.get_meeting(summary.slug).meeting

        def decide(held: list[StoredRegistration], meeting=meeting) -> RegistrationChanges:
            theirs = [e for e in _listed(held) if _is(e, wanted)]
            erasures = [privacy.erase_person(meeting, entry) for entry in theirs]
            if theirs:
                erased[meeting.slug] = len(theirs)
            if dry_run or not erasures:
                return RegistrationChanges()
            return RegistrationChanges(
                replace=[e.left for e in erasures if e.left is not None],
                remove=[e.key for e in erasures if e.left is None],
                detail={"registrations": len(erasures)},
            )

        workspace.change_registrations(summary.slug, decide, AuditAction.PERSON_ERASED)
    if not erased:
        raise NotFound(Words("intake_privacy.nobody", email=email))
    return erased


def _is(entry: Listed, wanted: str) -> bool:
    email = entry.registration.person.email
    return bool(email) and email_key(email) == wanted


def _listed(held: list[StoredRegistration]) -> list[Listed]:
    return [Listed(s.registration.key or str(s.id), s.registration) for s in held]
