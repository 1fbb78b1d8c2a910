"""Identities that are never reused: meeting uids, registration keys, AUTOINCREMENT ids.

- SQLite tables get AUTOINCREMENT, so an id freed by a delete is never handed out again
  (PostgreSQL's sequences already behave so).
- A meeting gets a `uid` (the same meeting, not just the same slug) and a `revision`, raised by
  every change to the meeting or its registrations; an exported file records both.
- A registration gets a `key` that survives export and import, written into its document too.
- `workspace_settings` holds the workspace's own id and purpose (a demo workspace says so).
- The audit log refuses SQLite's INSERT OR REPLACE, which deletes a row without firing the
  delete trigger.

Revision ID: 0002_identities
Revises: 0001_initial
Create Date: 2026-11-22
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_identities"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = "the audit log is append-only"
AUTOINCREMENT = {"sqlite_autoincrement": True}


def upgrade() -> None:
    _create_settings()
    _meeting_identities()
    _registration_keys()
    if _dialect() == "sqlite":
        _audit_log_without_reuse()


def downgrade() -> None:
    sqlite = _dialect() == "sqlite"
    if sqlite:
        _drop_sqlite_audit_triggers()
        with op.batch_alter_table("audit_log", recreate="always", table_kwargs={}) as batch:
            batch.alter_column("id", existing_type=sa.Integer())
        _create_sqlite_audit_triggers(replace=False)
    with _altering("registrations", sqlite, autoincrement=False) as batch:
        batch.drop_constraint("uq_registrations_meeting_id_key", type_="unique")
        batch.drop_column("key")
    with _altering("meetings", sqlite, autoincrement=False) as batch:
        batch.drop_constraint("uq_meetings_uid", type_="unique")
        batch.drop_column("uid")
        batch.drop_column("revision")
    op.drop_table("workspace_settings")


def _dialect() -> str:
    return op.get_context().dialect.name


def _offline() -> bool:
    """SQL rendered for review (no database): the rows to fill in cannot be read."""
    return op.get_context().as_sql


def _altering(table: str, sqlite: bool, autoincrement: bool = True):
    """A batch (table recreated) on SQLite, plain ALTER TABLE statements elsewhere."""
    if sqlite:
        kwargs = AUTOINCREMENT if autoincrement else {}
        return op.batch_alter_table(table, recreate="always", table_kwargs=kwargs)
    return op.batch_alter_table(table, recreate="never")


def _create_settings() -> None:
    settings = op.create_table(
        "workspace_settings",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_workspace_settings"),
        comment="one row per setting: the workspace's id, its purpose (demo), when it was created",
    )
    op.bulk_insert(settings, [{"name": "workspace_id", "value": str(uuid.uuid4())}])


def _meeting_identities() -> None:
    sqlite = _dialect() == "sqlite"
    uid = sa.Column("uid", sa.String(36), comment="never reused, not even by slug")
    revision_ = sa.Column(
        "revision",
        sa.Integer(),
        comment="raised by every change to the meeting or any of its registrations",
    )
    with _altering("meetings", sqlite) as batch:
        batch.add_column(uid)
        batch.add_column(revision_)
    connection = op.get_bind()
    meetings = sa.table(
        "meetings", sa.column("id"), sa.column("uid"), sa.column("version"), sa.column("revision")
    )
    found = [] if _offline() else connection.execute(sa.select(meetings.c.id)).all()
    for (meeting_id,) in found:
        connection.execute(
            sa.update(meetings)
            .where(meetings.c.id == meeting_id)
            .values(uid=str(uuid.uuid4()), revision=meetings.c.version)
        )
    with _altering("meetings", sqlite) as batch:
        batch.alter_column("uid", existing_type=sa.String(36), nullable=False)
        batch.alter_column("revision", existing_type=sa.Integer(), nullable=False)
        batch.alter_column(
            "version",
            existing_type=sa.Integer(),
            existing_nullable=False,
            comment="raised by every change to the meeting",
        )
        batch.create_unique_constraint("uq_meetings_uid", ["uid"])


def _registration_keys() -> None:
    sqlite = _dialect() == "sqlite"
    with _altering("registrations", sqlite) as batch:
        batch.add_column(sa.Column("key", sa.String(64), comment="stable across export and import"))
    connection = op.get_bind()
    registrations = sa.table(
        "registrations", sa.column("id"), sa.column("key"), sa.column("document")
    )
    query = sa.select(registrations.c.id, registrations.c.document)
    rows = [] if _offline() else connection.execute(query).all()
    for registration_id, document in rows:
        key = secrets.token_hex(8)
        values = {"key": key}
        data = _object(document)
        if data is not None:  # a damaged document is kept as it is: Planner reports it
            data["key"] = key
            values["document"] = json.dumps(data, ensure_ascii=False)
        connection.execute(
            sa.update(registrations).where(registrations.c.id == registration_id).values(values)
        )
    with _altering("registrations", sqlite) as batch:
        batch.alter_column("key", existing_type=sa.String(64), nullable=False)
        batch.create_unique_constraint("uq_registrations_meeting_id_key", ["meeting_id", "key"])


def _object(document: str) -> dict | None:
    """The stored document's fields; None for one that is not a JSON object (damaged)."""
    try:
        data = json.loads(document)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _audit_log_without_reuse() -> None:
    _drop_sqlite_audit_triggers()
    with op.batch_alter_table("audit_log", recreate="always", table_kwargs=AUTOINCREMENT) as batch:
        batch.alter_column("id", existing_type=sa.Integer())
    _create_sqlite_audit_triggers(replace=True)


def _drop_sqlite_audit_triggers() -> None:
    for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_replace"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def _create_sqlite_audit_triggers(*, replace: bool) -> None:
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        )
    if replace:
        # INSERT OR REPLACE deletes the row it collides with without firing DELETE triggers;
        # a BEFORE INSERT trigger sees the collision first.
        op.execute(
            "CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log "
            "WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        )
