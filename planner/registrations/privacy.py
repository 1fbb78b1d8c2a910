"""Personal data after the event: what a purge erases, what erasing a person leaves, and
everything held about one person.

A meeting's `privacy.erase_after` is the day after which its working data goes: everyone's
dietary and accessibility answers, and the contact details (e-mail, phone) of those who did
not attend. Who attended stays, with name and organisation: that is the archived record a
public body must keep.

Erasing a person on request removes their registrations; where the meeting is archival and
they attended, the registration stays as the record of attendance, stripped of everything
else (contact details, answers, notes).

Pure functions of registrations: the workspace applies them, one registration at a time, and
audits each without recording what was erased.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.model import Meeting, Registration
from planner.registrations.exports.lists import Listed
from planner.registrations.intake.normalise import email_key
from planner.registrations.status import CAME


def attended(registration: Registration) -> bool:
    """Came to the meeting (an earlier version recorded a check-in on a confirmed one)."""
    return registration.status in CAME or registration.checked_in_at is not None


@dataclass(frozen=True, slots=True)
class Erasure:
    """One registration's data to erase: what is left of it (None: the registration goes)
    and the names of the fields erased (for the count, never their values)."""

    key: str
    left: Registration | None
    fields: tuple[str, ...]


def purge_due(meeting: Meeting, today: date) -> bool:
    return meeting.privacy is not None and today > meeting.privacy.erase_after


def purge(entries: Sequence[Listed]) -> list[Erasure]:
    """What the purge erases from each registration that still holds working data."""
    erasures = []
    for entry in entries:
        registration = entry.registration
        answers = registration.answers
        update: dict[str, Any] = {}
        fields: list[str] = []
        if answers.dietary is not None or answers.accessibility is not None:
            update["answers"] = answers.model_copy(update={"dietary": None, "accessibility": None})
            fields += [f for f in ("dietary", "accessibility") if getattr(answers, f) is not None]
        person = registration.person
        if not attended(registration) and (person.email or person.phone):
            update["person"] = person.model_copy(update={"email": None, "phone": None})
            fields += [f for f in ("email", "phone") if getattr(person, f)]
        if update:
            erasures.append(
                Erasure(entry.key, registration.model_copy(update=update), tuple(fields))
            )
    return erasures


def erase_person(meeting: Meeting, entry: Listed) -> Erasure:
    """Erasing a person's registration on request: removed, or where the meeting keeps an
    archived record and they attended, kept as name, organisation and attendance only."""
    registration = entry.registration
    archival = meeting.privacy is not None and meeting.privacy.archival
    if not (archival and attended(registration)):
        return Erasure(entry.key, None, ("registration",))
    person = registration.person
    kept = Registration.model_validate(
        {
            "key": registration.key,
            "person": {"name": person.name, "organisation": person.organisation},
            "status": registration.status.value,
            "submitted_at": registration.submitted_at,
            "checked_in_at": registration.checked_in_at,
            "source": registration.source.value,
        }
    )
    return Erasure(entry.key, kept, ("person", "answers", "notes"))


def held_about(email: str, found: Sequence[tuple[Meeting, Listed]]) -> dict[str, Any]:
    """Everything the workspace holds about the person with `email`: each registration in
    full, with the meeting it is for (JSON, for a subject access request)."""
    wanted = email_key(email)
    registrations = [
        {
            "meeting": {
                "slug": meeting.slug,
                "title": meeting.text(meeting.title),
                "start": meeting.begins.isoformat(),
            },
            "key": entry.key,
            "registration": entry.registration.model_dump(mode="json", exclude_none=True),
        }
        for meeting, entry in found
        if entry.registration.person.email and email_key(entry.registration.person.email) == wanted
    ]
    return {"email": email, "registrations": registrations}
