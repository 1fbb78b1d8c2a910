"""The check-in desk: who is expected, checking someone in (once), undoing it, and walk-ins.
What the app's Check-in screen and `planner checkin` both call.

Each check-in is its own transaction on one registration, with its version checked: two
desks on one workspace check in different people at the same time without waiting for each
other, and when both reach the same person, the second is told they are already checked in,
and when.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError

from planner.errors import BadInput, Conflict, NotFound
from planner.model import Meeting, Registration, RegistrationStatus
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


class CheckinDesk:
    """One desk's view of a meeting: everyone expected (searchable), with each one's
    registration as last read, so a check-in is one save of one registration. Safe to call
    from several worker threads."""

    def __init__(self, workspace: Workspace, slug: str) -> None:
        self.workspace = workspace
        self.slug = slug
        stored_meeting = workspace.get_meeting(slug)
        meeting = stored_meeting.meeting
        self.meeting = meeting
        self.revision = stored_meeting.revision
        key = collation_key(meeting.language)
        held = [s for s in workspace.list_registrations(slug) if is_expected(s.registration)]
        self._stored = {arrival_of(s).key: s for s in held}
        people = sorted(
            (arrival_of(s) for s in held), key=lambda person: (key(person.name), person.key)
        )
        self.index = ArrivalIndex(people)
        self._lock = threading.Lock()

    def check_in(self, key: str, at: datetime | None = None) -> CheckedIn:
        """Mark the person arrived: now, or when attendance is marked after the meeting
        has ended, at its start (the time they came is not known, and a time after the
        meeting would say they came to nothing). Someone already checked in, here or at
        another desk, stays as they were."""
        moment = at or arrival_time(self.meeting, datetime.now(UTC))
        stored, already = _checked_in(self.workspace, self.slug, self._current(key), moment)
        return self._known(stored, already=already)

    def undo(self, key: str) -> Arrival:
        stored = self._current(key)
        changed = stored.registration.model_copy(update={"checked_in_at": None})
        try:
            saved = self.workspace.save_registration(stored.id, changed, stored.version)
        except Conflict:
            again = find(self.workspace, self.slug, key)
            saved = self.workspace.save_registration(
                again.id, again.registration.model_copy(update={"checked_in_at": None}),
                again.version,
            )  # fmt: skip
        return self._known(saved).arrival

    def walk_in(self, name: str, organisation: str, email: str) -> CheckedIn:
        stored = walk_in(self.workspace, self.slug, name, organisation, email)
        with self._lock:
            self._stored[arrival_of(stored).key] = stored
        return CheckedIn(arrival_of(stored))

    def changes_elsewhere(self) -> list[Arrival]:
        """Those checked in, undone or walked in at another desk since this one last looked
        (nothing is read but the meeting's revision when nothing changed)."""
        stored_meeting = self.workspace.get_meeting(self.slug)
        if stored_meeting.revision == self.revision:
            return []
        self.revision = stored_meeting.revision
        changed = []
        for stored in self.workspace.list_registrations(self.slug):
            if not is_expected(stored.registration):
                continue
            arrival = arrival_of(stored)
            with self._lock:
                before = self._stored.get(arrival.key)
                self._stored[arrival.key] = stored
            if before is None or before.registration.checked_in_at != arrival.checked_in_at:
                changed.append(arrival)
        return changed

    def _current(self, key: str) -> StoredRegistration:
        with self._lock:
            stored = self._stored.get(key)
        return stored if stored is not None else find(self.workspace, self.slug, key)

    def _known(self, stored: StoredRegistration, *, already: bool = False) -> CheckedIn:
        """Remembered for the next save; the index is the caller's to update (the app does
        it on its own thread, where it searches)."""
        arrival = arrival_of(stored)
        with self._lock:
            self._stored[arrival.key] = stored
        return CheckedIn(arrival, already)


def arrival_time(meeting: Meeting, now: datetime) -> datetime:
    """When someone checked in `now` is recorded as arriving: now, or the meeting's start
    once the meeting is over (attendance marked afterwards)."""
    end = meeting.end
    if end is not None and now > end:
        return meeting.begins
    return now


def find(workspace: Workspace, slug: str, key_or_email: str) -> StoredRegistration:
    """The registration with this key, or with this e-mail address."""
    wanted = key_or_email.strip()
    for stored in workspace.list_registrations(slug):
        registration = stored.registration
        email = registration.person.email
        if registration.key == wanted or (email and email_key(email) == email_key(wanted)):
            return stored
    raise NotFound(Words("intake_desk.nobody", who=wanted, slug=slug))


def check_in(workspace: Workspace, slug: str, key_or_email: str) -> CheckedIn:
    """One check-in, from the command line: the person found by key or e-mail address."""
    stored = find(workspace, slug, key_or_email)
    if not is_expected(stored.registration) and stored.registration.checked_in_at is None:
        registration = stored.registration
        raise BadInput(
            Words("intake_desk.not_expected", name=registration.person.name,
                  status=registration.status.value)
        )  # fmt: skip
    moment = arrival_time(workspace.get_meeting(slug).meeting, datetime.now(UTC))
    saved, already = _checked_in(workspace, slug, stored, moment)
    return CheckedIn(arrival_of(saved), already)


def _checked_in(
    workspace: Workspace, slug: str, stored: StoredRegistration, at: datetime
) -> tuple[StoredRegistration, bool]:
    """The registration checked in (one save, its version checked), and whether it was
    already, here or at another desk."""
    registration = stored.registration
    if registration.checked_in_at is not None:
        return stored, True
    changed = registration.model_copy(update={"checked_in_at": at})
    try:
        return workspace.save_registration(stored.id, changed, stored.version), False
    except Conflict:
        again = find(workspace, slug, registration.key or "")
        if again.registration.checked_in_at is not None:
            return again, True
        raise


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
    return workspace.add_registration(slug, registration)
