"""Engines for the workspace database, SQLite's settings, and database errors in plain words.

SQLite follows the recipe in SQLAlchemy's SQLite dialect notes ("Using SQLAlchemy to emit
BEGIN in lieu of SQLite's transaction control"): the sqlite3 driver is told not to emit BEGIN
itself (`isolation_level = None` on connect) and a "begin" event emits it instead. That makes
SQLite's transactions, savepoints and DDL behave as SQLAlchemy expects, and lets a write
transaction start with BEGIN IMMEDIATE: it takes the write lock up front, so two writers queue
behind the busy timeout instead of failing on a lock upgrade half-way through.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.pool import StaticPool

from planner.errors import PlannerError

WRITE = {"planner_begin": "BEGIN IMMEDIATE"}
"""Execution options for a connection that will write: SQLite takes the write lock at BEGIN."""

DEFAULT_BUSY_TIMEOUT = 5.0


def is_memory(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def make_engine(url: URL, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    connect_args: dict[str, Any] = {"timeout": busy_timeout}
    options: dict[str, Any] = {}
    if is_memory(url):
        # One shared connection, or every checkout would see a new empty database.
        connect_args["check_same_thread"] = False
        options["poolclass"] = StaticPool
    engine = create_engine(url, connect_args=connect_args, **options)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # The driver must not emit BEGIN (or COMMIT before DDL) on its own: _sqlite_on_begin does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # WAL: readers never wait for the writer, and the writer never waits for readers.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    connection.exec_driver_sql(connection.get_execution_options().get("planner_begin", "BEGIN"))


@contextmanager
def sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Foreign keys off while a migration recreates tables (SQLite ignores the pragma inside
    a transaction, so this runs on the driver connection before BEGIN)."""
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys=ON")


@contextmanager
def database_errors(location: str, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Iterator[None]:
    """Turn the database errors a user can cause into one clear PlannerError."""
    try:
        yield
    except exc.DBAPIError as error:
        translated = as_planner_error(error, location, busy_timeout)
        if translated is error:
            raise
        raise translated from error


def as_planner_error(
    error: exc.DBAPIError, location: str, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
) -> Exception:
    message = str(error.orig).strip()
    lowered = message.lower()
    if "database is locked" in lowered or "database is busy" in lowered:
        return PlannerError(
            f"the workspace {location} is busy: another program has been writing to it for "
            f"more than {busy_timeout:g} s; try again in a moment"
        )
    if "file is not a database" in lowered or "file is encrypted" in lowered:
        return PlannerError(
            f"{location} is not a Planner workspace: it is not a SQLite database file"
        )
    if "malformed" in lowered:
        return PlannerError(
            f"the workspace {location} is damaged ({message}); restore it from a backup"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return PlannerError(
            f"cannot write to the workspace {location}: the file or its folder is read-only"
        )
    if "unable to open database file" in lowered:
        return PlannerError(
            f"cannot open the workspace {location}: check that the file and its folder exist "
            "and that you may read and write them"
        )
    if isinstance(error, exc.OperationalError | exc.InterfaceError):
        return PlannerError(f"cannot use the workspace {location}: {message}")
    return error  # a bug, not something the user can fix: keep the original
