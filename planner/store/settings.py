"""The workspace's own settings: its id (recorded in every exported file) and its purpose (a
workspace `planner demo` made says so)."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from planner.store.schema import workspace_settings

WORKSPACE_ID = "workspace_id"
PURPOSE = "purpose"
DEMO = "demo"


def read(connection: Connection, name: str) -> str | None:
    return connection.execute(
        select(workspace_settings.c.value).where(workspace_settings.c.name == name)
    ).scalar_one_or_none()


def mark_as_demo(connection: Connection) -> None:
    """Once a demo, always a demo: the purpose is set only where there is none."""
    if read(connection, PURPOSE) is None:
        connection.execute(insert(workspace_settings).values(name=PURPOSE, value=DEMO))
