"""The status machine of a registration: which status may follow which, which hold a place.

    invited     -> pending | declined
    pending     -> confirmed | waitlisted | declined
    waitlisted  -> offered (until the offer expires)
    offered     -> confirmed | expired
    confirmed   -> cancelled | attended | no_show
    any open status (invited, pending, waitlisted, offered, confirmed) -> withdrawn

A status with nothing after it is final: declined, expired, cancelled, attended, no_show,
withdrawn. A place is held by a registration that is confirmed, offered (until the offer
expires), attended or no_show; freeing one lets the waiting list move.
"""

from __future__ import annotations

from planner.errors import Refused
from planner.model import RegistrationStatus as Status
from planner.words import Listed, Words

OPEN = frozenset(
    {Status.INVITED, Status.PENDING, Status.WAITLISTED, Status.OFFERED, Status.CONFIRMED}
)
"""Statuses still in play: the person may yet come, or is coming."""

FINAL = frozenset(Status) - OPEN

GONE = frozenset({Status.DECLINED, Status.EXPIRED, Status.CANCELLED, Status.WITHDRAWN})
"""Statuses of those who will not come."""

HOLDS_PLACE = frozenset({Status.CONFIRMED, Status.OFFERED, Status.ATTENDED, Status.NO_SHOW})
"""Statuses that take one of the meeting's places (and one in each item chosen)."""

ADDED_AS = (Status.INVITED, Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)
"""What a registration may be added as; the others are reached by a transition."""

TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.INVITED: (Status.PENDING, Status.DECLINED, Status.WITHDRAWN),
    Status.PENDING: (Status.CONFIRMED, Status.WAITLISTED, Status.DECLINED, Status.WITHDRAWN),
    Status.WAITLISTED: (Status.OFFERED, Status.WITHDRAWN),
    Status.OFFERED: (Status.CONFIRMED, Status.EXPIRED, Status.WITHDRAWN),
    Status.CONFIRMED: (Status.CANCELLED, Status.ATTENDED, Status.NO_SHOW, Status.WITHDRAWN),
    **{status: () for status in FINAL},
}
"""What may follow each status, in the order the app offers them."""


def possible(status: Status) -> tuple[Status, ...]:
    return TRANSITIONS[status]


def can_become(status: Status, wanted: Status) -> bool:
    return wanted in TRANSITIONS[status]


def check_transition(name: str, status: Status, wanted: Status) -> None:
    """Refused, saying why and what is possible instead, unless `wanted` may follow
    `status`: 'Kari Nordmann is pending and cannot become attended: a pending registration
    can become confirmed, waitlisted, declined or withdrawn'."""
    if can_become(status, wanted):
        return
    if status == wanted:
        raise Refused(Words("registrations_refused.already", name=name, status=status_word(status)))
    following = possible(status)
    if not following:
        raise Refused(
            Words(
                "registrations_refused.final",
                name=name,
                status=status_word(status),
                wanted=status_word(wanted),
            )
        )
    raise Refused(
        Words(
            "registrations_refused.transition",
            name=name,
            status=status_word(status),
            wanted=status_word(wanted),
            possible=Listed((status_word(s) for s in following), style="or"),
        )
    )


def status_word(status: Status) -> Words:
    """A status in the reader's language: 'på venteliste'."""
    return Words(f"registration_status.{status.value}")
