"""Who gets a place that freed up: the waiting list in a fixed order, each one who fits.

The order is first come, first served, with an optional priority before it: the highest
`priority` first, then the earliest `submitted_at`, then the lowest number (the store's
index reads the waiting list in exactly this order). Going down the list, everyone who fits
(a place in the meeting, in every item they chose, and in their delegation's quota) gets
one; someone who does not fit (their workshop is full) keeps their place in the list, and
the next may fit. The same list gives the same result every time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from planner.registrations.capacity import Limits, Taken, Wants, free_places, shortage


@dataclass(frozen=True)
class Candidate:
    """One registration on the waiting list."""

    id: int
    key: str
    name: str
    priority: int
    submitted_at: datetime
    wants: Wants


def waiting_order(candidate: Candidate) -> tuple[int, datetime, int]:
    """The sort key of the waiting list."""
    return (-candidate.priority, candidate.submitted_at, candidate.id)


def fill_places(limits: Limits, taken: Taken, waiting: Iterable[Candidate]) -> Iterator[Candidate]:
    """Those of `waiting` (in waiting-list order) who get a place, in order; `taken` is
    updated as each one takes theirs. Stops once the meeting itself is full."""
    for candidate in waiting:
        if free_places(limits, taken) == 0:
            return
        if shortage(limits, taken, candidate.wants) is None:
            taken.take(candidate.wants)
            yield candidate
