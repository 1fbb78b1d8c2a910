"""The workspace: meetings and registrations in SQLite or PostgreSQL, with an audit log.

Imports without Alembic: migrations load only when a workspace needs creating or upgrading.
"""

from planner.store.records import (
    AuditEntry,
    ImportedMeeting,
    MeetingSummary,
    RegistrationCounts,
    StoredMeeting,
    StoredMinutes,
    StoredRegistration,
)
from planner.store.workspace import Workspace

__all__ = [
    "AuditEntry",
    "ImportedMeeting",
    "MeetingSummary",
    "RegistrationCounts",
    "StoredMeeting",
    "StoredMinutes",
    "StoredRegistration",
    "Workspace",
]
