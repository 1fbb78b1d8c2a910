"""What the registration use-cases hand back: a registration as a list shows it, one change
of status, and what a command did as a whole."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from planner.model import RegistrationStatus as Status
from planner.words import Words


@dataclass(slots=True)
class Listed:
    """One registration as a list shows it, read without its document. Times are in the
    meeting's zone. (Not frozen: made 100,000 at a time, and a frozen dataclass is slow to
    make; treat it as a value.)"""

    id: int
    key: str
    version: int
    status: Status
    name: str
    email: str | None
    organisation: str | None
    delegation: str | None
    submitted_at: datetime
    priority: int = 0
    offer_expires_at: datetime | None = None
    checked_in_at: datetime | None = None
    search: str = ""
    """Name, e-mail and organisation folded for finding (planner.search)."""

    @classmethod
    def of(cls, row: Any, tz: ZoneInfo) -> Listed:
        def local(moment: datetime | None) -> datetime | None:
            return moment.astimezone(tz) if moment is not None else None

        return cls(
            id=row.id,
            key=row.key,
            version=row.version,
            status=_STATUSES[row.status],
            name=row.name,
            email=row.email,
            organisation=row.organisation,
            delegation=row.delegation,
            submitted_at=row.submitted_at.astimezone(tz),
            priority=row.priority,
            offer_expires_at=local(row.offer_expires_at),
            checked_in_at=local(row.checked_in_at),
            search=row.search,
        )

    def as_json(self) -> dict[str, Any]:
        """The fields scripts read (`planner registrations list --json`): stable names,
        times in ISO 8601 with their offset."""

        def moment(value: datetime | None) -> str | None:
            return value.isoformat() if value is not None else None

        return {
            "key": self.key,
            "id": self.id,
            "version": self.version,
            "status": self.status.value,
            "name": self.name,
            "email": self.email,
            "organisation": self.organisation,
            "delegation": self.delegation,
            "submitted_at": moment(self.submitted_at),
            "priority": self.priority,
            "offer_expires_at": moment(self.offer_expires_at),
            "checked_in_at": moment(self.checked_in_at),
        }


_STATUSES = {status.value: status for status in Status}


class Why:
    """Why a status changed, as the audit log records it."""

    ASKED = "asked"
    """Someone asked for it."""
    FULL = "full"
    """Asked to be confirmed, put on the waiting list: no place was left."""
    PROMOTED = "promoted"
    """A place freed up and went to the next on the waiting list."""
    EXPIRED = "expired"
    """An offered place was not taken up in time."""
    UNDONE = "undone"
    CHECKED_IN = "checked_in"
    """Checked in at the door (or marked as come after the meeting), with the time."""


@dataclass(frozen=True, slots=True)
class Transition:
    """One change of status, as made."""

    id: int
    key: str
    name: str
    before: Status | None
    """None for a registration added."""
    after: Status | None
    """None for a registration removed (undoing its addition)."""
    why: str = Why.ASKED
    offer_expires_at: datetime | None = None
    reason: Words | None = None
    """What made it so, said to the reader: 'the meeting is full (250 of 250 places)'."""

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "id": self.id,
            "name": self.name,
            "from": self.before.value if self.before else None,
            "to": self.after.value if self.after else None,
            "why": self.why,
            "offer_expires_at": self.offer_expires_at.isoformat()
            if self.offer_expires_at
            else None,
            "reason": str(self.reason) if self.reason else None,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """A registration a change did not reach, and why (in the reader's language)."""

    key: str
    name: str
    reason: Words


@dataclass(slots=True)
class Outcome:
    """What one command did: the changes made, in order, and those refused."""

    done: list[Transition] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    expired: list[Transition] = field(default_factory=list)
    """Offers that had run out, expired first (and their places passed on, if automatic)."""
    applied: bool = True
    """False for a preview: nothing was written."""

    def as_json(self) -> dict[str, Any]:
        return {
            "applied": self.applied,
            "done": [t.as_json() for t in self.done],
            "skipped": [
                {"key": s.key, "name": s.name, "reason": str(s.reason)} for s in self.skipped
            ],
            "expired": [t.as_json() for t in self.expired],
        }


@dataclass(frozen=True, slots=True)
class Limit:
    """One limit and how much of it is taken: the meeting, an item, a delegation."""

    what: str
    """"meeting", "item" or "delegation"."""
    name: str
    """The item's key or the delegation (folded); "" for the meeting."""
    places: int | None
    taken: int
    title: str = ""
    """The item's title in the meeting's language (an item's only)."""


@dataclass(frozen=True, slots=True)
class Places:
    """A meeting's registrations counted: per status, and against every limit."""

    counts: dict[Status, int]
    """Every status, 0 if none."""
    limits: list[Limit]
    """The meeting first, then each item with a capacity, then each delegation with a quota
    (or with registrations holding places)."""

    @property
    def meeting(self) -> Limit:
        return self.limits[0]

    @property
    def waiting(self) -> int:
        return self.counts[Status.WAITLISTED]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "counts": {status.value: n for status, n in self.counts.items()},
            "limits": [
                {
                    "what": lim.what,
                    "name": lim.name,
                    "title": lim.title,
                    "places": lim.places,
                    "taken": lim.taken,
                }
                for lim in self.limits
            ],
        }
