"""Upgrading a workspace written by an older Planner: said, never silent, and undoable.

An older workspace is upgraded when it is opened, because the model a newer Planner reads
cannot be read from the old schema. Before a workspace file (SQLite) is changed, a copy of
the old file is kept beside it, `workspace.schema-0001_initial.sqlite`, made with SQLite's
backup API under the write lock, so it is whole even while others read. If the copy cannot be
made (the disk is full), nothing is upgraded. If the upgrade fails, the copy is removed again:
the workspace itself was left as it was.

A shared workspace (PostgreSQL) has no file to copy and is upgraded only when asked for
(`planner init`, run by the database's owner after a backup): the command line refuses to
upgrade it as a side effect of reading it.

Records whose stored document is not even JSON are kept as they are by the migrations and
named in the report of the upgrade.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from pydantic_core import from_json
from sqlalchemy import select
from sqlalchemy.engine import Connection

from planner.errors import WorkspaceUnavailable
from planner.store.rows import meeting_named, registration_named
from planner.store.schema import meetings, registrations
from planner.words import Joined, Words, said

MOST_NAMED = 5
"""How many damaged records the report of an upgrade names; the rest are counted."""


@dataclass(frozen=True)
class Upgrade:
    """What opening an older workspace did: its schema before and after, where the copy of
    the old file is, and which records were found damaged (and kept as they were)."""

    location: str
    old: str
    new: str
    kept_copy: Path | None = None
    damaged: list[Words | Joined] = field(default_factory=list)

    def report(self) -> str:
        """The report of the upgrade, in the current language."""
        parts = [
            str(Words("safety_upgrade.done", location=self.location, old=self.old, new=self.new))
        ]
        if self.kept_copy is not None:
            parts.append(str(Words("safety_upgrade.kept_copy", copy=self.kept_copy)))
        if self.damaged:
            named = ", ".join(said(record) for record in self.damaged[:MOST_NAMED])
            if len(self.damaged) > MOST_NAMED:
                named += " " + str(Words("problems.and_more", count=len(self.damaged) - MOST_NAMED))
            parts.append(
                str(Words("safety_upgrade.damaged", count=len(self.damaged), records=named))
            )
        return " ".join(parts)


def copy_name(path: Path, revision: str) -> Path:
    """Where the copy of the old file goes: beside it, named after its schema, never over
    another file."""
    stem, suffix = path.stem, path.suffix
    candidate = path.with_name(f"{stem}.schema-{revision}{suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}.schema-{revision}-{number}{suffix}")
        number += 1
    return candidate


def keep_copy(path: Path, revision: str) -> Path:
    """Copy the workspace file at `path` beside it, whole and flushed to disk; refuses with
    WorkspaceUnavailable (and leaves nothing behind) when it cannot."""
    copy = copy_name(path, revision)
    partial = copy.with_name(copy.name + ".partial")
    try:
        _backup(path, partial)
        os.replace(partial, copy)
        _flush_folder(copy.parent)
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        reason = _reason(error)
        raise WorkspaceUnavailable(
            Words("safety_upgrade.no_copy", location=path, copy=copy, reason=reason)
        ) from None
    return copy


def _backup(path: Path, target: Path) -> None:
    source = sqlite3.connect(f"file:{quote(str(path), safe='/')}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    with open(target, "rb+") as written:
        os.fsync(written.fileno())


def _flush_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _reason(error: OSError | sqlite3.Error) -> Words | str:
    full = getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
    if full or getattr(error, "errno", None) == 28:  # ENOSPC
        return Words("safety_upgrade.disk_full")
    return str(getattr(error, "strerror", None) or error)


def discard_copy(copy: Path) -> None:
    """The upgrade failed and left the workspace as it was: its copy is not needed."""
    with contextlib.suppress(OSError):
        copy.unlink()


def damaged_records(connection: Connection) -> list[Words | Joined]:
    """The meetings and registrations whose stored document is not a JSON object, named as
    the messages name them."""
    found: list[Words | Joined] = [
        meeting_named(slug)
        for slug, document in connection.execute(select(meetings.c.slug, meetings.c.document))
        if not _is_object(document)
    ]
    query = (
        select(registrations.c.id, meetings.c.slug, registrations.c.document)
        .join(meetings, registrations.c.meeting_id == meetings.c.id)
        .order_by(registrations.c.id)
    )
    found += [
        Joined([registration_named(registration_id), f"({slug!r})"], " ")
        for registration_id, slug, document in connection.execute(
            query.order_by(registrations.c.id)
        )
        if not _is_object(document)
    ]
    return found


def _is_object(document: str) -> bool:
    try:
        return isinstance(from_json(document), dict)
    except ValueError:
        return False
