"""Engines for the workspace database: SQLite's settings, PostgreSQL's time limits.

SQLite follows the recipe in SQLAlchemy's SQLite dialect notes ("Using SQLAlchemy to emit
BEGIN in lieu of SQLite's transaction control"): the sqlite3 driver is told not to emit BEGIN
itself (`isolation_level=None`) and a "begin" event emits it instead. That makes SQLite's
transactions, savepoints and DDL behave as SQLAlchemy expects, and lets a write transaction
start with BEGIN IMMEDIATE: it takes the write lock up front, so two writers queue behind the
busy timeout instead of failing on a lock upgrade half-way through.

The file is opened by its path through a `creator`, never through a URL, so no character in
a file name is read as URL syntax. Connecting changes nothing in the file: WAL mode is set
once, when Planner creates the workspace (`migrate.prepare`).

PostgreSQL never waits without end: connecting, waiting for a row lock and running one
statement each have a limit, and a server that stops answering is noticed by TCP keepalives.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool, StaticPool

from planner.store.locations import Location, is_read_only_media

WRITE = {"planner_begin": "BEGIN IMMEDIATE"}
"""Execution options for a connection that will write: SQLite takes the write lock at BEGIN."""

DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds to wait for another program's write (SQLite) or row lock (PostgreSQL)."""
CONNECT_TIMEOUT = 5
"""Seconds to wait for a PostgreSQL server to accept and answer a new connection."""
STATEMENT_TIMEOUT = 120.0
"""Seconds one statement may run on PostgreSQL before the server cancels it."""


def make_engine(location: Location, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Engine:
    if location.path is not None:
        return _sqlite_file_engine(location.path, busy_timeout)
    if location.is_memory:
        return _sqlite_memory_engine()
    return _postgresql_engine(location, busy_timeout)


def opens_read_only(location: Location) -> bool:
    """True for a SQLite file on read-only media: it is opened immutable, for reading."""
    return location.path is not None and is_read_only_media(location.path)


def _sqlite_file_engine(path: Path, busy_timeout: float) -> Engine:
    if is_read_only_media(path):
        # No one can change the file, so SQLite need not make its -shm lock file (it could
        # not: the folder is read-only too).
        target, uri = f"file:{quote(str(path), safe='/')}?mode=ro&immutable=1", True
    else:
        target, uri = str(path), False

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            target, uri=uri, timeout=busy_timeout, check_same_thread=False, isolation_level=None
        )

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    _listen_sqlite(engine)
    return engine


def _sqlite_memory_engine() -> Engine:
    # One shared connection, or every checkout would see a new empty database.
    def connect() -> sqlite3.Connection:
        return sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)

    engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool)
    _listen_sqlite(engine)
    return engine


def _listen_sqlite(engine: Engine) -> None:
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)


def _postgresql_engine(location: Location, busy_timeout: float) -> Engine:
    settings = {
        "lock_timeout": f"{round(busy_timeout * 1000)}ms",
        "statement_timeout": f"{round(STATEMENT_TIMEOUT * 1000)}ms",
        "idle_in_transaction_session_timeout": f"{round(STATEMENT_TIMEOUT * 1000)}ms",
    }
    connect_args: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT,
        "options": " ".join(f"-c {name}={value}" for name, value in settings.items()),
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "application_name": "planner",
    }
    return create_engine(location.url, connect_args=connect_args, pool_pre_ping=True)  # type: ignore[arg-type]


def _sqlite_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    connection.exec_driver_sql(connection.get_execution_options().get("planner_begin", "BEGIN"))


def use_wal(connection: Connection) -> None:
    """Put a new SQLite workspace in WAL mode: readers never wait for the writer, and the
    writer never waits for readers. It is a property of the file, so it is set once."""
    if connection.dialect.name == "sqlite":
        # On the driver connection: SQLAlchemy would begin a transaction first, and SQLite
        # cannot change the journal mode inside one.
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA journal_mode=WAL")


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
