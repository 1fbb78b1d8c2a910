"""The minutes of meetings (møteprotokoll): one record per meeting, with its own version.

Kept apart from the meeting's document, so recording what was decided never changes the
meeting itself (its version, what its invitations say); deleting the meeting deletes them.

Revision ID: 0005_minutes
Revises: 0004_registration_statuses
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_minutes"
down_revision: str | None = "0004_registration_statuses"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "minutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "meeting_id", sa.Integer(), nullable=False, comment="one record of minutes per meeting"
        ),
        sa.Column(
            "version", sa.Integer(), nullable=False, comment="raised by every change to the minutes"
        ),
        sa.Column("document", sa.Text(), nullable=False, comment="the Minutes as JSON"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_minutes"),
        sa.UniqueConstraint("meeting_id", name="uq_minutes_meeting_id"),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name="fk_minutes_meeting_id_meetings",
            ondelete="CASCADE",
        ),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("minutes")
