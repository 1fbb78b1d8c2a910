"""Saved column mappings: rows found, saved, listed and removed. No rules here."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Row

from planner.store.records import SavedMapping
from planner.store.schema import import_mappings


def find(connection: Connection, name: str) -> SavedMapping | None:
    row = connection.execute(
        select(import_mappings).where(import_mappings.c.name == name)
    ).one_or_none()
    return None if row is None else _saved(row)


def every(connection: Connection) -> list[SavedMapping]:
    rows = connection.execute(select(import_mappings).order_by(import_mappings.c.name))
    return [_saved(row) for row in rows]


def save(
    connection: Connection,
    name: str,
    columns: dict[str, str],
    preset: str | None,
    status: str | None,
    actor: str,
    at: datetime,
) -> bool:
    """Save the mapping under `name`; whether one by that name was there (and is replaced)."""
    values = {
        "columns": json.dumps(columns, ensure_ascii=False),
        "preset": preset,
        "status": status,
        "saved_by": actor,
        "saved_at": at,
    }
    replaced = connection.execute(
        update(import_mappings).where(import_mappings.c.name == name).values(**values)
    ).rowcount
    if not replaced:
        connection.execute(insert(import_mappings).values(name=name, **values))
    return bool(replaced)


def remove(connection: Connection, name: str) -> bool:
    return bool(
        connection.execute(delete(import_mappings).where(import_mappings.c.name == name)).rowcount
    )


def _saved(row: Row[Any]) -> SavedMapping:
    try:
        columns = json.loads(row.columns)
    except ValueError:
        columns = {}
    if not isinstance(columns, dict):
        columns = {}
    return SavedMapping(
        name=row.name,
        columns={str(k): str(v) for k, v in columns.items()},
        preset=row.preset,
        status=row.status,
        saved_by=row.saved_by,
        saved_at=row.saved_at,
    )
