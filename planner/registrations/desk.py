"""The check-in desk: who is expected, checking someone in (once), undoing it, and walk-ins.
What the app's Check-in screen and `planner checkin` both call.

Each check-in is its own transaction on one registration, with its version checked: two
desks on one workspace check in different people at the same time without waiting for each
other, and when both reach the same person, the second is told they are already checked in,
and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError

from planner.errors import BadInput, Conflict, NotFound
from planner.model import Registration, RegistrationStatus
from planner.model.problems import invalid_input
from planner.model.registration import RegistrationSource
from planner.registrations.arrivals import Arrival, ArrivalIndex
from planner.registrations.exports.lists import is_expected
from planner.registrations.exports.service import collation_key
from planner.registrations.intake.normalise import email_key
from planner.store import StoredRegistration, Workspace
from planner.words import Words


@dataclass(frozen=True, slots=True)
class CheckedIn:
    """The outcome of a check-in: the person, and whether they were already checked in."""

    arrival: Arrival
    already: bool = False


def arrival_of(stored: StoredRegistration) -> Arrival:
    registration = stored.registration
    person = registration.person
    return Arrival(
        key=registration.key or str(stored.id),
        name=person.name,
        organisation=person.organisation or "",
        email=person.email or "",
        checked_in_at=registration.checked_in_at,
    )


def expected(workspace: Workspace, slug: str) -> ArrivalIndex:
    """Everyone expected at the door, alphabetical in the meeting's collation."""
    meeting = workspace.get_meeting(slug).meeting
    key = collation_key(meeting.language)
    people = [
        arrival_of(stored)
        for stored in workspace.list_registrations(slug)
        if is_expected(stored.registration)
    ]
    people.sort(key=lambda person: (key(person.name), person.key))
    return ArrivalIndex(people)


def find(workspace: Workspace, slug: str, key_or_email: str) -> StoredRegistration:
    """The registration with this key, or with this e-mail address."""
    wanted = key_or_email.strip()
    for stored in workspace.list_registrations(slug):
        registration = stored.registration
        email = registration.person.email
        if registration.key == wanted or (email and email_key(email) == email_key(wanted)):
            return stored
    raise NotFound(Words("intake_desk.nobody", who=wanted, slug=slug))


def check_in(
    workspace: Workspace, slug: str, key_or_email: str, at: datetime | None = None
) -> CheckedIn:
    """Mark the person arrived (now, or `at` when attendance is marked afterwards); someone
    already checked in stays as they were, with their time."""
    stored = find(workspace, slug, key_or_email)
    registration = stored.registration
    if registration.checked_in_at is not None:
        return CheckedIn(arrival_of(stored), already=True)
    if not is_expected(registration):
        raise BadInput(
            Words("intake_desk.not_expected", name=registration.person.name,
                  status=registration.status.value)
        )  # fmt: skip
    changed = registration.model_copy(update={"checked_in_at": at or datetime.now(UTC)})
    try:
        saved = workspace.save_registration(stored.id, changed, stored.version)
    except Conflict:
        again = find(workspace, slug, key_or_email)
        if again.registration.checked_in_at is not None:
            return CheckedIn(arrival_of(again), already=True)
        raise
    return CheckedIn(arrival_of(saved))


def undo_check_in(workspace: Workspace, slug: str, key: str) -> Arrival:
    stored = find(workspace, slug, key)
    changed = stored.registration.model_copy(update={"checked_in_at": None})
    return arrival_of(workspace.save_registration(stored.id, changed, stored.version))


def walk_in(workspace: Workspace, slug: str, name: str, organisation: str, email: str) -> CheckedIn:
    """Someone not registered comes to the door: registered and checked in at once."""
    now = datetime.now(UTC)
    data = {
        "person": {"name": name, "organisation": organisation or None, "email": email or None},
        "status": RegistrationStatus.CONFIRMED.value,
        "submitted_at": now,
        "checked_in_at": now,
        "source": RegistrationSource.MANUAL.value,
    }
    try:
        registration = Registration.model_validate(data)
    except ValidationError as error:
        raise invalid_input(error, data, "walk-in") from None
    return CheckedIn(arrival_of(workspace.add_registration(slug, registration)))
