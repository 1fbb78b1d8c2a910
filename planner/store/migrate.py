"""Bring a workspace database to the schema this Planner writes, with Alembic.

Alembic is imported only when there is something to do: opening a workspace that is already
at `SCHEMA_REVISION` costs two small queries. The Alembic configuration is built here, with
no alembic.ini, and the migrations run on the workspace's own connection inside one
transaction (SQLite's DDL is transactional under the BEGIN recipe in `connection.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from planner.errors import PlannerError
from planner.store.connection import WRITE, sqlite_foreign_keys_off
from planner.store.schema import SCHEMA_REVISION, metadata

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database, or None for a database without one."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def prepare(connection: Connection, location: str) -> None:
    """Create the workspace schema in an empty database, or upgrade an older one to head.

    `connection` must not be in a transaction. Refuses, with a PlannerError, a database that
    belongs to another program or was written by a newer Planner.
    """
    with connection.begin():
        if current_revision(connection) == SCHEMA_REVISION:
            return
    with sqlite_foreign_keys_off(connection):
        connection.execution_options(**WRITE)
        try:
            with connection.begin():
                _upgrade(connection, location)
        finally:
            connection.execution_options(planner_begin="BEGIN")


def _upgrade(connection: Connection, location: str) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    # Looked at again under the write lock: another Planner may have just migrated it.
    if connection.dialect.name == "postgresql":
        # Two Planners opening a new shared database at once: one migrates, the other waits.
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('planner-migrate'))"))
    current = current_revision(connection)
    if current == SCHEMA_REVISION:
        return
    config = alembic_config(connection)
    script = ScriptDirectory.from_config(config)
    if current is None:
        _refuse_foreign(connection, location)
    elif current not in {revision.revision for revision in script.walk_revisions()}:
        raise PlannerError(
            f"{location} was written by a newer version of Planner (its schema is revision "
            f"{current!r}; this Planner knows up to {script.get_current_head()!r}): upgrade "
            "Planner to open it"
        )
    command.upgrade(config, "head")
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise PlannerError(
                f"upgrading the workspace {location} would break {len(broken)} references "
                f"between tables (first in {broken[0][0]}); it was left as it was"
            )


def _refuse_foreign(connection: Connection, location: str) -> None:
    """A database without a Planner schema revision must be empty (of Planner's tables, on a
    shared server; of any table, for a SQLite file)."""
    tables = set(inspect(connection).get_table_names()) - {VERSION_TABLE}
    if connection.dialect.name != "sqlite":
        tables &= set(metadata.tables)
    if tables:
        listed = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise PlannerError(
            f"{location} is not a Planner workspace: it is a database of another program "
            f"(it has the tables {listed}); choose a new file for the workspace"
        )
