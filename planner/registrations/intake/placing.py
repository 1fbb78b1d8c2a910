"""Where the new rows of an import go: pending, as a form's registrations wait for the
secretariat, or the status the mapping says (a list of invited mayors as invited, a
pre-approved list as confirmed).

Confirmed goes through the capacity rules as one by one at the registration desk would:
the rows in the order they were submitted on the form (the earliest first), each taking a
place only while one is free in the meeting, in each workshop it chose and in its
delegation's quota. The rest go on the waiting list, in that same order, which is the order
places are later offered in; or, where the meeting refuses when full, stay pending with the
reason. Never over capacity.

Pure: the places come in as `Room`, read from the store's tallies by the caller, so the dry
run and the import itself place the rows by the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

from planner.model import Meeting
from planner.model import RegistrationStatus as Status
from planner.model.registration import WhenFull
from planner.registrations.capacity import Limits, Taken, Wants, shortage
from planner.registrations.intake.plan import ImportPlan, Verdict, submitted_instant
from planner.registrations.status import HOLDS_PLACE
from planner.registrations.wording import item_names
from planner.store import registrations as store


@dataclass(frozen=True)
class Room:
    """The places a meeting has and those taken now."""

    limits: Limits
    taken: Taken
    names: dict[str, str]
    """Item titles, for saying which workshop is full."""


def room_of(connection: Connection, meeting_id: int, meeting: Meeting) -> Room:
    """The meeting's places, read from its tallies (never from its registrations)."""
    taken = Taken.from_tallies(
        store.status_counts(connection, meeting_id),
        store.tallies(connection, meeting_id, "item"),
        store.tallies(connection, meeting_id, "delegation"),
    )
    return Room(Limits.of(meeting), taken, item_names(meeting))


def place_new(plan: ImportPlan, wanted: Status, room: Room) -> None:
    """Give each new row of `plan` its status (see the module), with the reason when it
    is not the one wanted."""
    new = sorted(
        plan.of(Verdict.NEW), key=lambda row: (submitted_instant(row.registration), row.row)
    )
    for row in new:
        assert row.registration is not None
        status: Status = wanted
        if wanted in HOLDS_PLACE:
            wants = Wants.of(row.registration)
            short = shortage(room.limits, room.taken, wants)
            if short is None:
                room.taken.take(wants)
            else:
                row.reason = short.words(room.names)
                full = room.limits.rules.when_full
                status = Status.WAITLISTED if full == WhenFull.WAITLIST else Status.PENDING
        if row.registration.status != status:
            row.registration = row.registration.model_copy(update={"status": status})


def new_statuses(plan: ImportPlan) -> dict[str, int]:
    """How many new rows go in with each status: {"confirmed": 30, "waitlisted": 10}."""
    counts: dict[str, int] = {}
    for row in plan.of(Verdict.NEW):
        if row.registration is not None:
            status = row.registration.status.value
            counts[status] = counts.get(status, 0) + 1
    return counts
