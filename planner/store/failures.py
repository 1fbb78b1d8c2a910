"""Database errors in plain words, told apart by their codes, never by their English text.

SQLite errors carry a result code (`sqlite_errorcode`, see sqlite.org/rescode.html) and
PostgreSQL errors a SQLSTATE (`sqlstate`, see the PostgreSQL manual's appendix A). Errors a
user can do something about become one `PlannerError`; anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc

from planner.errors import Conflict, NotFound, PlannerError, WorkspaceUnavailable
from planner.words import Words

# SQLite primary result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_AUTH, SQLITE_NOTADB = 23, 26


@contextmanager
def database_errors(location: str, busy_timeout: float) -> Iterator[None]:
    """Turn the database errors a user can cause into one clear PlannerError."""
    try:
        yield
    except (exc.DBAPIError, sqlite3.Error) as error:
        # sqlite3's own errors come through where Planner talks to the driver itself
        # (setting WAL mode on a new workspace).
        translated = as_planner_error(error, location, busy_timeout)
        if translated is None:
            raise
        raise translated from error


def as_planner_error(
    error: exc.DBAPIError | sqlite3.Error, location: str, busy_timeout: float
) -> PlannerError | None:
    if isinstance(error, sqlite3.Error):
        error = exc.DBAPIError(None, None, error)
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is not None:
        if code & 0xFF == SQLITE_IOERR and _disk_is_full(location):
            code = SQLITE_FULL  # SQLite says "disk I/O error" when it cannot grow its -shm file
        return _sqlite(code & 0xFF, error, location, busy_timeout)
    if _is_psycopg(error):
        return _postgresql(getattr(error.orig, "sqlstate", None), error, location, busy_timeout)
    return None


def _disk_is_full(location: str) -> bool:
    """For a workspace file: is the disk it is on out of space?"""
    try:
        return os.statvfs(Path(location).parent).f_bavail == 0
    except (OSError, ValueError):
        return False


def _is_psycopg(error: exc.DBAPIError) -> bool:
    return type(error.orig).__module__.startswith("psycopg")


def _busy(location: str, busy_timeout: float) -> PlannerError:
    return WorkspaceUnavailable(
        Words("store_failure.busy", location=location, seconds=f"{busy_timeout:g}")
    )


def _sqlite(
    code: int, error: exc.DBAPIError, location: str, busy_timeout: float
) -> PlannerError | None:
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return _busy(location, busy_timeout)
    if code == SQLITE_NOTADB:
        return WorkspaceUnavailable(Words("store_failure.not_sqlite", location=location))
    if code == SQLITE_CORRUPT:
        return WorkspaceUnavailable(
            Words("store_failure.corrupt", location=location, problem=str(error.orig))
        )
    if code == SQLITE_READONLY:
        return WorkspaceUnavailable(Words("store_failure.read_only", location=location))
    if code in (SQLITE_PERM, SQLITE_AUTH, SQLITE_CANTOPEN):
        return WorkspaceUnavailable(Words("store_failure.cannot_open", location=location))
    if code == SQLITE_FULL:
        return WorkspaceUnavailable(Words("store_failure.disk_full", location=location))
    if code == SQLITE_IOERR:
        return WorkspaceUnavailable(
            Words("store_failure.disk_error", location=location, problem=str(error.orig))
        )
    return None


def _postgresql(
    sqlstate: str | None, error: exc.DBAPIError, location: str, busy_timeout: float
) -> PlannerError | None:
    if sqlstate is None:
        if isinstance(error, exc.OperationalError | exc.InterfaceError):
            return WorkspaceUnavailable(
                Words("store_failure.unreachable", location=location, problem=_first_line(error))
            )
        return None
    if sqlstate == "55P03":  # lock_not_available: lock_timeout
        return _busy(location, busy_timeout)
    if sqlstate == "57014":  # query_canceled: statement_timeout
        return WorkspaceUnavailable(Words("store_failure.too_slow", location=location))
    if sqlstate in ("40001", "40P01"):  # serialization_failure, deadlock_detected
        return Conflict(Words("store_failure.same_moment", location=location))
    if sqlstate == "3D000":  # invalid_catalog_name
        return NotFound(Words("store_failure.no_database", location=location))
    if sqlstate.startswith("28"):  # invalid authorization
        return WorkspaceUnavailable(Words("store_failure.refused", location=location))
    if sqlstate in ("42501", "25006"):  # insufficient_privilege, read_only_sql_transaction
        return WorkspaceUnavailable(Words("store_failure.may_not_change", location=location))
    if sqlstate.startswith(("08", "57P", "53")):  # connection, shutdown, resources
        return WorkspaceUnavailable(
            Words("store_failure.cannot_use", location=location, problem=_first_line(error))
        )
    return None


def _first_line(error: exc.DBAPIError) -> str:
    text = str(error.orig).strip()
    return text.splitlines()[0] if text else type(error.orig).__name__
