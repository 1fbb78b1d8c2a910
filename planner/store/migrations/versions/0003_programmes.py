"""Meetings as published programmes: open ends, and stored meetings in the new shape.

- `meetings.end_at` may be empty: a council meeting may have an open end.
- Each stored meeting document is rewritten in the shape Planner now writes: people take
  parts by `who` (not `person`), an item's single `moderator` becomes `moderators`, and the
  meeting's `chairs` are parts too. Meeting files of the previous version still read as they
  are; this keeps the workspace's documents in one shape.

Downgrading writes the old shape back where it can: the first moderator only, and parts
taken by organisations (which the old shape could not hold) are left out.

Revision ID: 0003_programmes
Revises: 0002_identities
Create Date: 2026-11-22
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003_programmes"
down_revision: str | None = "0002_identities"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PARTS = ("hosts", "chairs", "moderators", "speakers", "panellists", "respondents", "rapporteurs")
_DOCUMENTS = sa.table("meetings", sa.column("id"), sa.column("document"))


def upgrade() -> None:
    _end_may_be_empty(True)
    _rewrite_documents(_new_shape)


def downgrade() -> None:
    _rewrite_documents(_old_shape)
    _end_may_be_empty(False)


def _end_may_be_empty(nullable: bool) -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    options = (
        {"recreate": "always", "table_kwargs": {"sqlite_autoincrement": True}}
        if sqlite
        else {"recreate": "never"}
    )
    with op.batch_alter_table("meetings", **options) as batch:
        batch.alter_column(
            "end_at",
            existing_type=sa.DateTime(timezone=True),
            nullable=nullable,
            comment="empty for an open end" if nullable else None,
        )


def _rewrite_documents(change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    if op.get_context().as_sql:
        return  # SQL rendered for review: there are no rows to read
    connection = op.get_bind()
    for meeting_id, document in connection.execute(
        sa.select(_DOCUMENTS.c.id, _DOCUMENTS.c.document)
    ).all():
        try:
            rewritten = json.dumps(change(json.loads(document)), ensure_ascii=False)
        except (ValueError, TypeError, AttributeError, KeyError):
            continue  # a damaged document is kept as it is: Planner reports it when read
        connection.execute(
            sa.update(_DOCUMENTS).where(_DOCUMENTS.c.id == meeting_id).values(document=rewritten)
        )


def _new_shape(meeting: dict[str, Any]) -> dict[str, Any]:
    meeting["chairs"] = [_part(chair) for chair in meeting.get("chairs") or []]
    for item in _items(meeting.get("agenda") or []):
        single = item.pop("moderator", None)
        moderators = [single] if single else []
        item["moderators"] = [_part(p) for p in [*moderators, *(item.get("moderators") or [])]]
        for part in PARTS:
            if part != "moderators" and item.get(part):
                item[part] = [_part(p) for p in item[part]]
    return meeting


def _part(taken: Any) -> Any:
    if isinstance(taken, str):
        return {"who": taken, "role": None}
    if isinstance(taken, dict) and "who" not in taken:
        taken = dict(taken)
        taken["who"] = taken.pop("person", None) or taken.pop("organisation", None)
    return taken


def _old_shape(meeting: dict[str, Any]) -> dict[str, Any]:
    people = {p.get("id") for p in meeting.get("people") or []}
    meeting["chairs"] = [
        c["who"] for c in meeting.get("chairs") or [] if isinstance(c, dict) and c["who"] in people
    ]
    for item in _items(meeting.get("agenda") or []):
        for part in PARTS:
            taken = [
                {"person": p["who"], "role": _one_language(p.get("role"))}
                for p in item.pop(part, None) or []
                if p.get("who") in people
            ]
            if part == "speakers":
                item["speakers"] = taken
            elif part == "moderators" and taken:
                item["moderator"] = taken[0]
    return meeting


def _one_language(text: Any) -> Any:
    return next(iter(text.values())) if isinstance(text, dict) else text


def _items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found, pending = [], list(items)
    while pending:
        item = pending.pop()
        found.append(item)
        pending.extend(item.get("items") or [])
    return found
