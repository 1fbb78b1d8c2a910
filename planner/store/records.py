"""What the workspace hands back: a stored thing together with its identity and version."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from planner.model import Meeting, MeetingKind, MeetingStatus, Registration, RegistrationStatus
from planner.model.minutes import Minutes


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredMeeting:
    """A meeting as stored. Pass `id` and `version` back when saving it: the save reaches
    this record only, and only if no one else saved it in between."""

    id: int
    uid: str
    """Never reused: a meeting deleted and created again under its slug gets a new uid."""
    version: int
    """Raised by every change to the meeting itself."""
    revision: int
    """Raised by every change to the meeting or any of its registrations."""
    meeting: Meeting

    @property
    def slug(self) -> str:
        return self.meeting.slug


@dataclass(frozen=True, slots=True)
class StoredRegistration:
    """A registration as stored: `id` is its number in the workspace (never reused)."""

    id: int
    version: int
    registration: Registration


@dataclass(frozen=True, slots=True)
class StoredMinutes:
    """A meeting's minutes as stored. Pass `meeting_id` and `version` back when saving them;
    version 0 means none are stored yet (the minutes are then empty)."""

    meeting_id: int
    slug: str
    version: int
    minutes: Minutes


@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingSummary:
    """One line of the meeting list. `start` and `end` are in the meeting's own zone.

    `damaged` says why a stored meeting cannot be read (changed outside Planner); its other
    fields then hold what the list could still read.
    """

    slug: str
    title: str
    kind: MeetingKind | str
    status: MeetingStatus | str
    start: datetime
    end: datetime | None
    """None for an open end."""
    timezone: str
    version: int
    registrations: dict[RegistrationStatus, int] = field(default_factory=dict)
    """How many registrations the meeting has in each status (every status, 0 if none)."""
    capacity: int | None = None
    archived: bool = False
    language: str = "nb"
    timed: bool = True
    """False when only the meeting's date is known (its start is then that day's midnight)."""
    damaged: str | None = None

    @property
    def registration_count(self) -> int:
        """All registrations, cancelled ones included."""
        return sum(self.registrations.values())


@dataclass(frozen=True, slots=True)
class RegistrationCounts:
    """What an import did to a meeting's registrations."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    """In the workspace but not in the file, and left as they were."""
    removed: int = 0
    """In the workspace but not in the file, and removed because the user asked."""
    check_ins_kept: int = 0
    """Check-ins recorded in the workspace that the file did not have, and kept."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportedMeeting:
    """What an import did to one meeting: added, replaced or left unchanged."""

    stored: StoredMeeting
    action: str
    """"added", "replaced" or "unchanged"."""
    previous_version: int | None
    registrations: RegistrationCounts


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change: when (UTC), who, what, and the details of it."""

    at: datetime
    actor: str
    action: str
    meeting_slug: str | None
    subject: str
    detail: dict[str, Any]
    id: int | None = None
    """Its place in the log (entries are numbered in the order they were written)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedMapping:
    """A column mapping saved by name: each header of the form and the field it fills."""

    name: str
    columns: dict[str, str]
    preset: str | None
    saved_by: str
    saved_at: datetime
    status: str | None = None
    """What new registrations are imported as (None: pending)."""
