"""Who gets the meeting into their calendar, from its registrations.

`--to` picks them: `invited` (registrations the secretariat invited, not yet answered),
`confirmed`, `all` (everyone who has or may take a seat: invited, pending, confirmed, and
those offered a seat from the waiting list), or one e-mail address.

A registration whose status says the person will not come after all (cancelled, withdrawn,
expired) no longer holds the entries: whoever holds one is sent a CANCEL of their own
invitation (`plan`). Someone who declined said so in their own calendar and gets nothing;
nor does someone on the waiting list (there is no seat to put in a calendar yet).

Sessions and events: someone holds a session (an agenda item with a key) or an event with
a key only if they chose it (`answers.workshops`); an event without a key is for everyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from planner.errors import BadInput
from planner.invitations.email import checked_address
from planner.invitations.entries import Entry, EntryKind
from planner.invitations.ics import Role
from planner.model import Meeting
from planner.model import RegistrationStatus as Status
from planner.store.records import StoredRegistration
from planner.words import Words


class Audience(StrEnum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    ALL = "all"


HOLDING = frozenset({Status.INVITED, Status.PENDING, Status.CONFIRMED, Status.OFFERED})
"""Statuses whose people should have the meeting in their calendar."""
LEAVING = frozenset({Status.CANCELLED, Status.WITHDRAWN, Status.EXPIRED})
"""Statuses whose people are sent a CANCEL if they hold an entry."""
_AUDIENCES = {
    Audience.INVITED: frozenset({Status.INVITED}),
    Audience.CONFIRMED: frozenset({Status.CONFIRMED}),
    Audience.ALL: HOLDING,
}


@dataclass(frozen=True)
class Recipient:
    email: str
    """Lower-cased; the address mail goes to."""
    name: str
    language: str
    status: str
    registration_id: int | None = None
    organisation: str = ""
    role: Role = Role.REQUIRED
    chosen: frozenset[str] = field(default_factory=frozenset)

    @property
    def holding(self) -> bool:
        return self.status in HOLDING

    def holds(self, entry: Entry) -> bool:
        """Whether this person should have `entry` in their calendar."""
        if not self.holding:
            return False
        if entry.kind == EntryKind.MEETING:
            return True
        if entry.kind == EntryKind.EVENT and entry.item is not None and not entry.item.id:
            return True
        return entry.key in self.chosen


@dataclass(frozen=True)
class Skipped:
    """A registration no message can go to, and why ("no_address", "bad_address",
    "same_address")."""

    registration_id: int
    name: str
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class People:
    everyone: dict[str, Recipient]
    """Every registration with a usable address, by address."""
    chosen: set[str]
    """The addresses `--to` picks."""
    skipped: list[Skipped]


def people(meeting: Meeting, registrations: Iterable[StoredRegistration], to: str) -> People:
    """Every registration as a recipient, and the ones `to` ("invited", "confirmed", "all"
    or an e-mail address) picks. An address given that no registration has is BadInput."""
    everyone: dict[str, Recipient] = {}
    skipped: list[Skipped] = []
    chairs = _chair_addresses(meeting)
    for stored in registrations:
        registration = stored.registration
        person = registration.person
        if not person.email:
            skipped.append(Skipped(stored.id, person.name, "no_address"))
            continue
        try:
            email = checked_address(str(person.email)).lower()
        except BadInput as problem:
            skipped.append(Skipped(stored.id, person.name, "bad_address", str(problem)))
            continue
        recipient = Recipient(
            email=email,
            name=person.name,
            language=person.language or meeting.language,
            status=str(registration.status.value),
            registration_id=stored.id,
            organisation=meeting_organisation(meeting, person.organisation),
            role=Role.CHAIR if email in chairs else Role.REQUIRED,
            chosen=frozenset(registration.answers.workshops),
        )
        earlier = everyone.get(email)
        if earlier is not None:
            # The same person twice: the one that holds a seat counts, else the first.
            if earlier.holding or not recipient.holding:
                skipped.append(Skipped(stored.id, person.name, "same_address", email))
                continue
            skipped.append(
                Skipped(earlier.registration_id or 0, earlier.name, "same_address", email)
            )
        everyone[email] = recipient
    return People(everyone, _chosen(everyone, to), skipped)


def _chosen(everyone: dict[str, Recipient], to: str) -> set[str]:
    audience = to.strip().lower()
    if audience in _AUDIENCES:
        statuses = _AUDIENCES[Audience(audience)]
        return {email for email, r in everyone.items() if r.status in statuses}
    email = checked_address(to, "--to").lower()
    if email not in everyone:
        raise BadInput(Words("invitations_message.not_registered", address=email))
    return {email}


def meeting_organisation(meeting: Meeting, written: str | None) -> str:
    """The organisation's name in the meeting's language, when `written` is its key."""
    if not written:
        return ""
    organisation = meeting.organisation(written)
    return meeting.text(organisation.name) if organisation else written


def _chair_addresses(meeting: Meeting) -> set[str]:
    keys = {part.who for part in meeting.chairs}
    return {str(p.email).lower() for p in meeting.people if p.id in keys and p.email}
