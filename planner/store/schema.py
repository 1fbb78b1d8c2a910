"""The workspace's tables, as SQLAlchemy Core objects for queries.

The tables themselves are created and changed only by the Alembic migrations in
`migrations/versions/`; a test checks that a database migrated from empty matches this
metadata. Change both together, and bump `SCHEMA_REVISION` to the new head.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect

SCHEMA_REVISION = "0007_import_mappings"
"""The Alembic head this Planner writes. Opening a workspace already at this revision skips
loading Alembic at all; a test checks it equals the head of `migrations/versions/`."""

# Named constraints and indexes: the same names on SQLite and PostgreSQL, so later migrations
# can refer to them (and SQLite's batch mode can recreate tables with them).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime, stored in UTC and read back as an aware datetime in UTC.

    A naive datetime is refused: the store cannot know which zone it was meant in.
    SQLite has no zone-aware type, so there the UTC time is stored without its offset.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} refused: give it a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# Ids are never reused (SQLite: AUTOINCREMENT; PostgreSQL: sequences), so a save that names
# an id can only ever reach the record it was read from.

workspace_settings = Table(
    "workspace_settings",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    comment="one row per setting: the workspace's id, its purpose (demo), when it was created",
)

meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "uid", String(36), nullable=False, unique=True, comment="never reused, not even by slug"
    ),
    Column("slug", String(64), nullable=False, unique=True),
    Column("kind", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("title", Text, nullable=False, comment="in the meeting's language, for listing"),
    Column("timezone", String(64), nullable=False),
    Column("start_at", UTCDateTime, nullable=False),
    Column("end_at", UTCDateTime, nullable=True, comment="empty for an open end"),
    Column("version", Integer, nullable=False, comment="raised by every change to the meeting"),
    Column(
        "revision",
        Integer,
        nullable=False,
        comment="raised by every change to the meeting or any of its registrations",
    ),
    Column("document", Text, nullable=False, comment="the Meeting as JSON"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Index(None, "start_at"),
    sqlite_autoincrement=True,
)

registrations = Table(
    "registrations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "meeting_id",
        Integer,
        ForeignKey("meetings.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("key", String(64), nullable=False, comment="stable across export and import"),
    Column("version", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("email", String(320), nullable=True, comment="lower-cased, for look-ups"),
    Column("organisation", Text, nullable=True),
    Column(
        "delegation",
        String(320),
        nullable=True,
        comment="the delegation (or organisation) quotas count it in, folded",
    ),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column(
        "priority",
        Integer,
        nullable=False,
        server_default="0",
        comment="places freed go to the highest first",
    ),
    Column("offer_expires_at", UTCDateTime, nullable=True),
    Column("checked_in_at", UTCDateTime, nullable=True),
    Column(
        "search",
        Text,
        nullable=False,
        server_default="",
        comment="name, e-mail and organisation folded for searching (planner.search)",
    ),
    Column("document", Text, nullable=False, comment="the Registration as JSON"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("meeting_id", "key"),
    Index(None, "meeting_id", "id"),
    Index(None, "meeting_id", "status"),
    Index(None, "meeting_id", "email"),
    sqlite_autoincrement=True,
)
Index(
    "ix_registrations_waiting_order",
    registrations.c.meeting_id,
    registrations.c.status,
    registrations.c.priority.desc(),
    registrations.c.submitted_at,
    registrations.c.id,
)
"""The waiting list in the order places are offered: highest priority, then first come."""

registration_choices = Table(
    "registration_choices",
    metadata,
    Column(
        "registration_id",
        Integer,
        ForeignKey("registrations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("item", String(64), primary_key=True, comment="the key of an agenda item or event"),
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
    Index(None, "meeting_id", "item"),
    comment="the agenda items and events each registration chose",
)

registration_tallies = Table(
    "registration_tallies",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(16), primary_key=True, comment="status, item or delegation"),
    Column("name", String(320), primary_key=True, comment="'' for kind status; else its key"),
    Column("status", String(16), primary_key=True),
    Column("count", Integer, nullable=False),
    comment="how many of a meeting's registrations have each status, overall, per item "
    "chosen and per delegation: kept by every write, so counting never reads the "
    "registrations",
)

minutes = Table(
    "minutes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "meeting_id",
        Integer,
        ForeignKey("meetings.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
        comment="one record of minutes per meeting",
    ),
    Column("version", Integer, nullable=False, comment="raised by every change to the minutes"),
    Column("document", Text, nullable=False, comment="the Minutes as JSON"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    sqlite_autoincrement=True,
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(64), nullable=False),
    Column("meeting_slug", String(64), nullable=True),
    Column("subject", Text, nullable=False),
    Column("detail", Text, nullable=False, comment="JSON object"),
    Index(None, "meeting_slug", "id"),
    Index(None, "subject", "id"),
    sqlite_autoincrement=True,
)

import_mappings = Table(
    "import_mappings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("columns", Text, nullable=False, comment="JSON: {header: field}, in file order"),
    Column("preset", String(32), nullable=True),
    Column("status", String(16), nullable=True, comment="what new registrations are imported as"),
    Column("saved_by", Text, nullable=False),
    Column("saved_at", UTCDateTime, nullable=False),
    sqlite_autoincrement=True,
)

# -- invitations: what each calendar entry last said, and every message, stored before sending

calendar_entries = Table(
    "calendar_entries",
    metadata,
    Column("uid", String(255), primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False, comment="meeting, session or event"),
    Column("key", String(64), nullable=True, comment="the agenda item's or event's"),
    Column("sequence", Integer, nullable=False, comment="the highest SEQUENCE sent"),
    Column("facts", Text, nullable=False, comment="JSON: the time, place and status sent"),
    Column("title", Text, nullable=False, comment="JSON: the title, per language"),
    Column("updated_at", UTCDateTime, nullable=False),
    Index(None, "meeting_id"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
    Column(
        "registration_id",
        Integer,
        ForeignKey("registrations.id", ondelete="SET NULL"),
        nullable=True,
    ),
    Column("uid", String(255), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("method", String(16), nullable=False),
    Column("reason", String(16), nullable=False, comment="new, update, cancel, withdraw"),
    Column("recipient", String(320), nullable=False, comment="lower-cased"),
    Column("recipient_name", Text, nullable=False),
    Column("language", String(16), nullable=False),
    Column("facts", Text, nullable=False, comment="JSON: the time, place and status"),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("error", Text, nullable=True, comment="the server's last refusal"),
    Column("claimed_by", String(255), nullable=True, comment="host:pid sending it"),
    Column("message", LargeBinary, nullable=False, comment="zlib-compressed"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime, nullable=True),
    Index(None, "meeting_id", "state", "id"),
    Index(None, "meeting_id", "uid", "recipient"),
    sqlite_autoincrement=True,
)
