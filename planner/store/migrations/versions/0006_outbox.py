"""The outbox: every invitation, update and cancellation, stored before it is sent.

- `calendar_entries`: one row per calendar entry (UID) a meeting has sent, with the
  SEQUENCE last used and the time, place and status it said: what decides whether a change
  needs an update, and its SEQUENCE.
- `outbox`: one row per message: to whom, which UID and SEQUENCE, the method, the message
  itself (zlib-compressed bytes), and its state (queued, sending, sent, failed, superseded).
  A registration removed later leaves its messages, without the link.

Revision ID: 0006_outbox
Revises: 0005_minutes
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_outbox"
down_revision: str | None = "0005_minutes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_entries",
        sa.Column("uid", sa.String(255), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, comment="meeting, session or event"),
        sa.Column("key", sa.String(64), nullable=True, comment="the agenda item's or event's"),
        sa.Column("sequence", sa.Integer(), nullable=False, comment="the highest SEQUENCE sent"),
        sa.Column(
            "facts", sa.Text(), nullable=False, comment="JSON: the time, place and status sent"
        ),
        sa.Column("title", sa.Text(), nullable=False, comment="JSON: the title, per language"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uid", name="pk_calendar_entries"),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name="fk_calendar_entries_meeting_id_meetings",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_calendar_entries_meeting_id", "calendar_entries", ["meeting_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=True),
        sa.Column("uid", sa.String(255), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False, comment="new, update, cancel, withdraw"),
        sa.Column("recipient", sa.String(320), nullable=False, comment="lower-cased"),
        sa.Column("recipient_name", sa.Text(), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False, comment="JSON: the time, place and status"),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True, comment="the server's last refusal"),
        sa.Column("claimed_by", sa.String(255), nullable=True, comment="host:pid sending it"),
        sa.Column("message", sa.LargeBinary(), nullable=False, comment="zlib-compressed"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name="fk_outbox_meeting_id_meetings",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name="fk_outbox_registration_id_registrations",
            ondelete="SET NULL",
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_meeting_id_state_id", "outbox", ["meeting_id", "state", "id"])
    op.create_index(
        "ix_outbox_meeting_id_uid_recipient", "outbox", ["meeting_id", "uid", "recipient"]
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_meeting_id_uid_recipient", table_name="outbox")
    op.drop_index("ix_outbox_meeting_id_state_id", table_name="outbox")
    op.drop_table("outbox")
    op.drop_index("ix_calendar_entries_meeting_id", table_name="calendar_entries")
    op.drop_table("calendar_entries")
