"""Saved column mappings: how a secretariat's own form export is read, by name.

A mapping is the form's headers and the field each fills, as JSON, and what new
registrations are imported as (pending unless it says otherwise); it belongs to the
workspace, not to one meeting, so next year's form export is read the same way.

Revision ID: 0007_import_mappings
Revises: 0006_outbox
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_import_mappings"
down_revision: str | None = "0006_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "columns", sa.Text(), nullable=False, comment="JSON: {header: field}, in file order"
        ),
        sa.Column("preset", sa.String(length=32), nullable=True),
        sa.Column(
            "status",
            sa.String(length=16),
            nullable=True,
            comment="what new registrations are imported as",
        ),
        sa.Column("saved_by", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mappings")),
        sa.UniqueConstraint("name", name=op.f("uq_import_mappings_name")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("import_mappings")
