"""What the workspace hands back: a stored thing together with its version."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from planner.model import Meeting, MeetingKind, MeetingStatus, Registration, RegistrationStatus


@dataclass(frozen=True, slots=True)
class StoredMeeting:
    """A meeting as stored. Pass `version` back when saving it, to detect others' changes."""

    meeting: Meeting
    version: int


@dataclass(frozen=True, slots=True)
class StoredRegistration:
    """A registration as stored: `id` is its number in the workspace."""

    id: int
    version: int
    registration: Registration


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """One line of the meeting list. `start` and `end` are in the meeting's own zone."""

    slug: str
    title: str
    kind: MeetingKind
    status: MeetingStatus
    start: datetime
    end: datetime
    timezone: str
    version: int
    registrations: dict[RegistrationStatus, int] = field(default_factory=dict)
    """How many registrations the meeting has in each status (every status, 0 if none)."""

    @property
    def registration_count(self) -> int:
        """All registrations, cancelled ones included."""
        return sum(self.registrations.values())


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change: when (UTC), who, what, and the details of it."""

    at: datetime
    actor: str
    action: str
    meeting_slug: str | None
    subject: str
    detail: dict[str, Any]
