"""Bring a workspace database to the schema this Planner writes, with Alembic.

Opening looks before it writes: a read transaction finds the schema revision, the tables and
the audit log's triggers, and only a database that is empty (when creating is allowed) or an
older Planner workspace is then changed, under the write lock. Another program's database, a
newer Planner's workspace or a missing workspace is refused untouched.

Alembic is imported only when there is something to do: opening a workspace that is already
at `SCHEMA_REVISION` costs three small queries. The Alembic configuration is built here, with
no alembic.ini, and the migrations run on the workspace's own connection inside one
transaction (SQLite's DDL is transactional under the BEGIN recipe in `engine.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from planner.errors import NeedsUpgrade, NotFound, WorkspaceUnavailable
from planner.store.engine import WRITE, sqlite_foreign_keys_off, use_wal
from planner.store.locations import Location
from planner.store.schema import SCHEMA_REVISION, metadata
from planner.store.upgrades import Upgrade, damaged_records, discard_copy, keep_copy
from planner.words import Words

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
AUDIT_TRIGGERS = {
    "sqlite": {"audit_log_no_update", "audit_log_no_delete", "audit_log_no_replace"},
    "postgresql": {"audit_log_append_only", "audit_log_no_truncate"},
}
"""The triggers that keep the audit log append-only, by database."""


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


@dataclass(frozen=True)
class _Found:
    revision: str | None
    tables: frozenset[str]


def prepare(
    connection: Connection, place: Location, *, create: bool, writable: bool, upgrade: bool = True
) -> Upgrade | None:
    """Check the database is a Planner workspace at this Planner's schema; create it in an
    empty database when `create`, or upgrade an older workspace when `writable` and
    `upgrade` (keeping a copy of a workspace file first). Returns what an upgrade did.

    `connection` must not be in a transaction. Raises WorkspaceUnavailable for a database
    that belongs to another program, a newer Planner, or has lost its audit-log triggers,
    NeedsUpgrade for an older workspace that may not be upgraded now, and NotFound for an
    empty one that may not be created.
    """
    location = place.shown
    with connection.begin():
        found = _look(connection)
        if found.revision == SCHEMA_REVISION:
            check_audit_triggers(connection, location)
            return None
    _refuse(found, location, create=create, writable=writable)
    if found.revision is not None and not upgrade:
        raise NeedsUpgrade(
            Words(
                "safety_upgrade.needed", location=location, old=found.revision, new=SCHEMA_REVISION
            )
        )
    if found.revision is None:
        use_wal(connection)
    kept: list[Path] = []
    with sqlite_foreign_keys_off(connection):
        connection.execution_options(**WRITE)
        try:
            with connection.begin():
                return _upgrade(connection, place, kept)
        except BaseException:
            for copy in kept:  # the workspace was left as it was: its copy is not needed
                discard_copy(copy)
            raise
        finally:
            connection.execution_options(planner_begin="BEGIN")


def _look(connection: Connection) -> _Found:
    tables = set(inspect(connection).get_table_names()) - {VERSION_TABLE}
    if connection.dialect.name != "sqlite":
        # On a shared server other programs' tables may live beside Planner's.
        tables &= set(metadata.tables)
    return _Found(current_revision(connection), frozenset(tables))


def _refuse(found: _Found, location: str, *, create: bool, writable: bool) -> None:
    if found.revision is None and found.tables:
        _refuse_foreign(found.tables, location)
    if found.revision is not None and found.revision not in _known_revisions():
        if not _is_newer(found.revision):
            raise WorkspaceUnavailable(
                Words("safety_upgrade.unknown", location=location, revision=found.revision)
            )
        raise WorkspaceUnavailable(
            Words(
                "store_migrate.newer",
                location=location,
                found=repr(found.revision),
                known=repr(SCHEMA_REVISION),
            )
        )
    if found.revision is None and not create:
        raise NotFound(Words("store_migrate.empty", location=location))
    if not writable and found.revision is None:
        raise WorkspaceUnavailable(Words("store_migrate.cannot_create", location=location))
    if not writable:
        raise WorkspaceUnavailable(Words("store_migrate.older_read_only", location=location))


_NUMBERED = re.compile(r"(\d{4})_[a-z0-9_]+")


def _is_newer(revision: str) -> bool:
    """Whether a revision this Planner does not know is one a later Planner writes: named
    as Planner names its revisions, with a higher number than this Planner's head."""
    found, head = _NUMBERED.fullmatch(revision), _NUMBERED.fullmatch(SCHEMA_REVISION)
    return bool(found and head and int(found[1]) > int(head[1]))


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def _upgrade(connection: Connection, place: Location, kept: list[Path]) -> Upgrade | None:
    from alembic import command

    location = place.shown
    # Looked at again under the write lock: another Planner may have just migrated it.
    if connection.dialect.name == "postgresql":
        # Two Planners opening a new shared database at once: one migrates, the other waits.
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('planner-migrate'))"))
    found = _look(connection)
    if found.revision == SCHEMA_REVISION:
        return None
    _refuse(found, location, create=True, writable=True)
    copy = None
    if found.revision is not None and place.path is not None:
        copy = keep_copy(place.path, found.revision)
        kept.append(copy)
    command.upgrade(alembic_config(connection), "head")
    _check_references(connection, location)
    if found.revision is None:
        return None
    return Upgrade(location, found.revision, SCHEMA_REVISION, copy, damaged_records(connection))


def _check_references(connection: Connection, location: str) -> None:
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise WorkspaceUnavailable(
                Words(
                    "store_migrate.broken_references",
                    location=location,
                    count=len(broken),
                    table=broken[0][0],
                )
            )


def _refuse_foreign(tables: frozenset[str], location: str) -> None:
    listed = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
    raise WorkspaceUnavailable(Words("store_migrate.foreign", location=location, tables=listed))


def check_audit_triggers(connection: Connection, location: str) -> None:
    """Refuse a workspace whose audit log has lost the triggers that keep it append-only:
    someone changed the database outside Planner, and its history can no longer be trusted
    to be whole."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
    else:
        query = (
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass "
            "AND NOT tgisinternal AND tgenabled <> 'D'"
        )
    present = set(connection.exec_driver_sql(query).scalars())
    missing = AUDIT_TRIGGERS[dialect] - present
    if missing:
        raise WorkspaceUnavailable(
            Words(
                "store_migrate.audit_unprotected",
                location=location,
                triggers=", ".join(sorted(missing)),
            )
        )
