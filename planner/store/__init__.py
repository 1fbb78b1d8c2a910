"""The workspace: meetings and registrations in SQLite or PostgreSQL, with an audit log.

Imports without Alembic: migrations load only when a workspace needs creating or upgrading.
"""

from planner.store.records import AuditEntry, MeetingSummary, StoredMeeting, StoredRegistration
from planner.store.workspace import Workspace, resolve_url

__all__ = [
    "AuditEntry",
    "MeetingSummary",
    "StoredMeeting",
    "StoredRegistration",
    "Workspace",
    "resolve_url",
]
