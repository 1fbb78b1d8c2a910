"""The check-in desk: who is expected, checking someone in, undoing it, walk-ins, and after
the meeting, the rest marked as not come. What the app's Check-in screen and
`planner checkin` both call.

A check-in is a change of status at the registration desk (`desk.py`): confirmed becomes
attended, with the time of arrival, in one transaction with its audit entry. Undo is the
registrations' own (`registrations.undo`), which puts the registration back to confirmed
and clears the time. Each check-in locks the meeting only for the moment of writing, so two
desks on one workspace check in different people at the same time, one after the other
without either being refused; when both reach the same person, the second is told they are
already checked in, and since when.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from planner.collation import sort_key
from planner.errors import Refused
from planner.model import Meeting, Person, Registration
from planner.model import RegistrationStatus as Status
from planner.model.registration import RegistrationSource
from planner.registrations import status as machine
from planner.registrations.arrivals import Arrival, ArrivalIndex
from planner.registrations.changes import at_desk
from planner.registrations.desk import Desk, Entry
from planner.registrations.listing import everyone, find_row
from planner.registrations.outcomes import Listed, Outcome, Transition, Why
from planner.registrations.undo import undo
from planner.store import Workspace
from planner.store import registrations as store
from planner.words import Words

PAGE = 200
"""Registrations marked as not come at a time."""


@dataclass(frozen=True, slots=True)
class CheckedIn:
    """The outcome of a check-in: the person, and whether they were already checked in."""

    arrival: Arrival
    already: bool = False


def arrival_of(listed: Listed) -> Arrival:
    return Arrival(
        key=listed.key,
        name=listed.name,
        organisation=listed.organisation or "",
        email=listed.email or "",
        checked_in_at=listed.checked_in_at,
    )


def over(meeting: Meeting, now: datetime) -> bool:
    """Whether the meeting has ended: after its end, or after its last day when its end is
    open."""
    end = meeting.end or datetime.combine(
        meeting.last_date + timedelta(days=1), time(0), tzinfo=meeting.zone
    )
    return now > end


def arrival_time(meeting: Meeting, now: datetime) -> datetime:
    """When someone checked in `now` is recorded as arriving: now, or the meeting's start
    once the meeting is over (attendance marked afterwards: the time they came is not known,
    and a time after the meeting would say they came to nothing)."""
    return meeting.begins if over(meeting, now) else now


def check_in(
    workspace: Workspace, slug: str, who: str, *, now: datetime | None = None
) -> CheckedIn:
    """Check in the registration with key or e-mail address `who`: confirmed becomes
    attended, now. Someone already checked in, here or at another desk, stays as they were
    (`CheckedIn.already`); a registration that is not confirmed is refused with its status
    and what it could become."""
    done: list[CheckedIn] = []

    def work(desk: Desk, outcome: Outcome) -> None:
        row = find_row(desk.connection, desk.meeting_id, desk.slug, who)
        done.append(arrive(desk, row, outcome))

    at_desk(workspace, slug, work, now=now)
    return done[0]


def arrive(desk: Desk, row: Any, outcome: Outcome) -> CheckedIn:
    """The registration of `row` checked in at the desk (see `check_in`)."""
    entry, listed = Entry.of(row), Listed.of(row, desk.tz)
    if entry.checked_in_at is not None or entry.status == Status.ATTENDED:
        if entry.status == Status.CONFIRMED:  # checked in by an earlier version: now attended
            outcome.done.append(desk.move(entry, Status.ATTENDED, Why.CHECKED_IN))
        return CheckedIn(arrival_of(listed), already=True)
    machine.check_transition(entry.name, entry.status, Status.ATTENDED)
    at = arrival_time(desk.meeting, desk.now)
    outcome.done.append(desk.move(entry, Status.ATTENDED, Why.CHECKED_IN, arrived=at))
    local = at.astimezone(desk.tz)
    return CheckedIn(Arrival(listed.key, listed.name, listed.organisation or "",
                             listed.email or "", local))  # fmt: skip


def walk_in(
    workspace: Workspace, slug: str, person: Person, *, now: datetime | None = None
) -> CheckedIn:
    """Someone not registered comes to the door: registered as confirmed and checked in, in
    one transaction (undone together). Refused, with nothing written, when no place is left:
    the meeting's places count at the door too."""
    moment = now or datetime.now(UTC).replace(microsecond=0)
    registration = Registration(
        person=person,
        status=Status.CONFIRMED,
        submitted_at=moment,
        source=RegistrationSource.MANUAL,
    )
    done: list[CheckedIn] = []

    def work(desk: Desk, outcome: Outcome) -> None:
        registration_id = desk.add(registration, outcome)
        added = outcome.done[-1]
        if added.after != Status.CONFIRMED:
            raise Refused(
                Words(
                    "registrations_refused.no_place",
                    name=person.name,
                    wanted=machine.status_word(Status.ATTENDED),
                    reason=added.reason,
                )
            )
        row = store.find_by_id(desk.connection, registration_id)
        done.append(arrive(desk, row, outcome))

    at_desk(workspace, slug, work, now=moment)
    return done[0]


def undo_check_in(workspace: Workspace, slug: str, key: str) -> Outcome:
    """Undo the check-in of `key` if it is your last change to the meeting's registrations:
    back to confirmed, without a time of arrival (a walk-in's registration goes with it)."""
    return undo(workspace, slug, of=key)


def mark_not_come(
    workspace: Workspace, slug: str, *, preview: bool = False, now: datetime | None = None
) -> Outcome:
    """After the meeting: everyone still confirmed (expected, never checked in) becomes a
    no-show, in one change (undone together). Refused before the meeting has ended."""

    def work(desk: Desk, outcome: Outcome) -> None:
        if not over(desk.meeting, desk.now):
            raise Refused(Words("intake_desk.not_over", slug=desk.slug))
        moved: list[Transition] = []
        while page := store.waiting(
            desk.connection, desk.meeting_id, Status.CONFIRMED.value, limit=PAGE
        ):
            moved += [desk.move(Entry.of(row), Status.NO_SHOW, Why.ASKED) for row in page]
        outcome.done.extend(moved)

    return at_desk(workspace, slug, work, preview=preview, now=now)


class CheckinDesk:
    """One desk's view of a meeting: everyone expected, searchable, kept up to date with
    what the other desks do. Safe to call from several worker threads."""

    def __init__(self, workspace: Workspace, slug: str) -> None:
        self.workspace = workspace
        self.slug = slug
        stored = workspace.get_meeting(slug)
        self.meeting = stored.meeting
        self.revision = stored.revision
        people = self._expected()
        self._known = {person.key: person.checked_in_at for person in people}
        """Who this desk knows is expected, and since when each is checked in."""
        self._lock = threading.Lock()
        self.index = ArrivalIndex(self._sorted(people))

    def _expected(self) -> list[Arrival]:
        return [
            arrival_of(listed)
            for listed in everyone(self.workspace, self.slug)
            if listed.status in machine.EXPECTED
        ]

    def _sorted(self, people: list[Arrival]) -> list[Arrival]:
        """Alphabetical in the meeting's collation (Æ Ø Å after Z in Norwegian)."""
        key = sort_key(self.meeting.language)
        return sorted(people, key=lambda person: (key(person.name), person.key))

    def _saw(self, person: Arrival) -> None:
        with self._lock:
            self._known[person.key] = person.checked_in_at

    def check_in(self, key: str) -> CheckedIn:
        done = check_in(self.workspace, self.slug, key)
        self._saw(done.arrival)
        return done

    def walk_in(self, person: Person) -> CheckedIn:
        done = walk_in(self.workspace, self.slug, person)
        self._saw(done.arrival)
        return done

    def undo(self, key: str) -> Outcome:
        """Undo this desk's last check-in (of `key`); the outcome says who went back."""
        outcome = undo_check_in(self.workspace, self.slug, key)
        with self._lock:
            for change in outcome.done:
                if change.after is None:
                    self._known.pop(change.key, None)
                else:
                    self._known[change.key] = None
        return outcome

    def changes_elsewhere(self) -> Elsewhere:
        """What the other desks (or the Registrations screen) did since this one last
        looked: those checked in, undone or walked in, and those no longer expected (nothing
        is read but the meeting's revision when nothing changed)."""
        stored = self.workspace.get_meeting(self.slug)
        with self._lock:
            if stored.revision == self.revision:
                return Elsewhere()
            self.revision = stored.revision
        expected = self._expected()
        with self._lock:
            known = self._known
            changed = [
                person
                for person in expected
                if person.key not in known or known[person.key] != person.checked_in_at
            ]
            gone = sorted(set(known) - {person.key for person in expected})
            self._known = {person.key: person.checked_in_at for person in expected}
        return Elsewhere(changed, gone)


@dataclass(frozen=True, slots=True)
class Elsewhere:
    """What changed at other desks: people checked in (or undone, or new), and the keys of
    those no longer expected (cancelled, or a walk-in undone)."""

    changed: list[Arrival] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.gone)
