"""Registrations handled by status: invitations, offers from the waiting list, quotas.

- `submitted` becomes `pending`, in the status column and in each stored document; the new
  statuses (invited, offered, declined, expired, attended, no_show, withdrawn) need no rows.
- A registration gets its `priority` on the waiting list, when an offered place expires
  (`offer_expires_at`), the `delegation` quotas count it in, and a `search` column of its
  name, e-mail and organisation folded for finding it ('oystein' finds 'Øystein').
- `registration_choices` holds the agenda items and events each registration chose, and
  `registration_tallies` how many registrations each meeting has per status, overall, per
  item and per delegation: a count is then a few rows read, whatever the meeting's size.
- Indexes: the waiting list in the order places are offered (priority, then first come); a
  meeting's registrations in the order they came, a page at a time; one registration's
  history in the audit log.

Downgrading writes the old statuses back as near as they go (invited and pending ->
submitted, offered -> waitlisted, attended -> confirmed, the rest -> cancelled).

Revision ID: 0004_registration_statuses
Revises: 0003_programmes
Create Date: 2026-12-04
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004_registration_statuses"
down_revision: str | None = "0003_programmes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUTOINCREMENT = {"sqlite_autoincrement": True}
_REGISTRATIONS = sa.table(
    "registrations",
    sa.column("id"),
    sa.column("meeting_id"),
    sa.column("status"),
    sa.column("delegation"),
    sa.column("search"),
    sa.column("document"),
)
_OLD_STATUS = {
    "invited": "submitted",
    "pending": "submitted",
    "offered": "waitlisted",
    "attended": "confirmed",
    "declined": "cancelled",
    "expired": "cancelled",
    "no_show": "cancelled",
    "withdrawn": "cancelled",
}


def upgrade() -> None:
    sqlite = _dialect() == "sqlite"
    with _altering("registrations", sqlite) as batch:
        batch.add_column(
            sa.Column(
                "delegation",
                sa.String(320),
                nullable=True,
                comment="the delegation (or organisation) quotas count it in, folded",
            )
        )
        batch.add_column(
            sa.Column(
                "priority",
                sa.Integer(),
                nullable=False,
                server_default="0",
                comment="places freed go to the highest first",
            )
        )
        batch.add_column(sa.Column("offer_expires_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(
            sa.Column(
                "search",
                sa.Text(),
                nullable=False,
                server_default="",
                comment="name, e-mail and organisation folded for searching (planner.search)",
            )
        )
    choices = op.create_table(
        "registration_choices",
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column(
            "item", sa.String(64), nullable=False, comment="the key of an agenda item or event"
        ),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name="fk_registration_choices_registration_id_registrations",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name="fk_registration_choices_meeting_id_meetings",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("registration_id", "item", name="pk_registration_choices"),
        comment="the agenda items and events each registration chose",
    )
    op.create_index(
        "ix_registration_choices_meeting_id_item", "registration_choices", ["meeting_id", "item"]
    )
    tallies = op.create_table(
        "registration_tallies",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, comment="status, item or delegation"),
        sa.Column(
            "name", sa.String(320), nullable=False, comment="'' for kind status; else its key"
        ),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name="fk_registration_tallies_meeting_id_meetings",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "meeting_id", "kind", "name", "status", name="pk_registration_tallies"
        ),
        comment="how many of a meeting's registrations have each status, overall, per item "
        "chosen and per delegation: kept by every write, so counting never reads the "
        "registrations",
    )
    op.create_index(
        "ix_registrations_waiting_order",
        "registrations",
        ["meeting_id", "status", sa.text("priority DESC"), "submitted_at", "id"],
    )
    op.create_index("ix_audit_log_subject_id", "audit_log", ["subject", "id"])
    op.create_index("ix_registrations_meeting_id_id", "registrations", ["meeting_id", "id"])
    if not op.get_context().as_sql:
        _fill(choices, tallies)


def _fill(choices: sa.Table, tallies: sa.Table) -> None:
    """Each registration's new columns and choices from its document, then the tallies. A
    document that no longer reads (changed outside Planner) keeps its row as it is, counted
    by its status column; a registration whose meeting is gone adds to no count (the upgrade
    then says which references are broken)."""
    connection = op.get_bind()
    table = _REGISTRATIONS
    meeting_ids = set(connection.execute(sa.text("SELECT id FROM meetings")).scalars())
    counts: Counter[tuple[int, str, str, str]] = Counter()
    chosen: list[dict[str, Any]] = []
    rows = connection.execute(
        sa.select(table.c.id, table.c.meeting_id, table.c.status, table.c.document)
    ).all()
    for registration_id, meeting_id, column_status, document in rows:
        status = "pending" if column_status == "submitted" else column_status
        values: dict[str, Any] = {"status": status}
        items: list[str] = []
        delegation = None
        data = _readable(document)
        if data is not None:
            status = "pending" if data.get("status", "submitted") == "submitted" else data["status"]
            data["status"] = status
            person = data.get("person") or {}
            group = person.get("delegation") or person.get("organisation")
            delegation = _delegation_key(group) if isinstance(group, str) and group else None
            words = [person.get("name"), person.get("email"), person.get("organisation")]
            answers = data.get("answers") or {}
            items = sorted({i for i in answers.get("workshops") or [] if isinstance(i, str)})
            values = {
                "status": status,
                "delegation": delegation,
                "search": _folded(" ".join(w for w in words if isinstance(w, str))),
                "document": json.dumps(data, ensure_ascii=False),
            }
        connection.execute(sa.update(table).where(table.c.id == registration_id).values(**values))
        if meeting_id not in meeting_ids:
            continue
        counts[(meeting_id, "status", "", status)] += 1
        if delegation:
            counts[(meeting_id, "delegation", delegation, status)] += 1
        for item in items:
            counts[(meeting_id, "item", item, status)] += 1
            chosen.append(
                {"registration_id": registration_id, "item": item, "meeting_id": meeting_id}
            )
    if chosen:
        op.bulk_insert(choices, chosen)
    if counts:
        op.bulk_insert(
            tallies,
            [
                {"meeting_id": m, "kind": kind, "name": name, "status": status, "count": n}
                for (m, kind, name, status), n in counts.items()
            ],
        )


def _readable(document: str) -> dict[str, Any] | None:
    try:
        data = json.loads(document)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def downgrade() -> None:
    sqlite = _dialect() == "sqlite"
    op.drop_index("ix_audit_log_subject_id", table_name="audit_log")
    op.drop_index("ix_registrations_meeting_id_id", table_name="registrations")
    op.drop_index("ix_registrations_waiting_order", table_name="registrations")
    op.drop_table("registration_tallies")
    op.drop_table("registration_choices")
    if not op.get_context().as_sql:
        connection = op.get_bind()
        table = _REGISTRATIONS
        for registration_id, document in connection.execute(
            sa.select(table.c.id, table.c.document)
        ).all():
            data = _readable(document)
            if data is None:
                continue
            old = _OLD_STATUS.get(data.get("status", ""), data.get("status"))
            data["status"] = old
            data.pop("priority", None)
            data.pop("offer_expires_at", None)
            connection.execute(
                sa.update(table)
                .where(table.c.id == registration_id)
                .values(status=old, document=json.dumps(data, ensure_ascii=False))
            )
    with _altering("registrations", sqlite) as batch:
        for column in ("delegation", "priority", "offer_expires_at", "search"):
            batch.drop_column(column)


def _dialect() -> str:
    return op.get_context().dialect.name


def _altering(table: str, sqlite: bool):
    """A batch (table recreated) on SQLite, plain ALTER TABLE statements elsewhere."""
    if sqlite:
        return op.batch_alter_table(table, recreate="always", table_kwargs=AUTOINCREMENT)
    return op.batch_alter_table(table, recreate="never")


# Frozen copies of planner.search.folded and planner.model.registration.delegation_key as
# they were when this migration was written: a migration must not change with the code.

_NORDIC = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ð": "d", "þ": "th",
                         "œ": "oe", "ß": "ss"})  # fmt: skip


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().translate(_NORDIC)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _delegation_key(group: str) -> str:
    return " ".join(unicodedata.normalize("NFC", group).casefold().split())
