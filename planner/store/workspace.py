"""The workspace: meetings and their registrations in a database, with an audit log.

A workspace is a SQLite file (the default) or a PostgreSQL database (shared). Every change
runs in one transaction together with its audit-log entry, so a failure leaves nothing
half-written. Meetings and registrations have ids that are never reused and a version: a
save names both, reaches exactly that record, and is refused with `Conflict` if someone else
saved in between.

This class is the front: opening and closing, transactions, and one short method per thing a
secretariat does to meetings. The rows live in `meetings.py` and `registrations.py`, imports
in `importing.py` and exports in `exporting.py`, the audit log in `audit.py`, the wording of
refusals in `conflicts.py`.
Registrations are added and changed by the rules in `planner.registrations`, which work in
this workspace's transactions (`writing()`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from sqlalchemy.engine import Connection, Engine

from planner import interrupts
from planner.errors import BadInput, Conflict, Damaged
from planner.model import Meeting, MeetingFile
from planner.model.minutes import Minutes
from planner.model.text import clean_line
from planner.progress import Progress, unseen
from planner.store import (
    audit,
    conflicts,
    exporting,
    importing,
    mappings,
    meetings,
    minutes,
    registrations,
    roles,
    rows,
    settings,
)
from planner.store.audit import AuditAction
from planner.store.change import Change
from planner.store.engine import DEFAULT_BUSY_TIMEOUT, WRITE, make_engine, opens_read_only
from planner.store.failures import database_errors
from planner.store.locations import Location, check_file, created_file, parse_location
from planner.store.migrate import prepare
from planner.store.records import (
    AuditEntry,
    ImportedMeeting,
    MeetingSummary,
    SavedMapping,
    StoredMeeting,
    StoredMinutes,
    StoredRegistration,
)
from planner.store.upgrades import Upgrade
from planner.words import Words

if TYPE_CHECKING:
    from planner.meeting_files import ExportedFiles


class Workspace:
    """Meetings, registrations and the audit log in one database.

    Open it with `Workspace.open(location, actor)`; `actor` is who the changes are recorded
    as. Safe to share between threads: each call takes its own pooled connection.
    """

    def __init__(self, engine: Engine, location: Location, actor: str, busy_timeout: float):
        self._engine = engine
        self._location = location
        self.location = location.shown
        self.actor = actor
        self._busy_timeout = busy_timeout
        self._closed = False
        self.upgraded: Upgrade | None = None
        """What opening it did to a workspace of an older Planner, to be told the user."""

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        location: str | Path,
        actor: str,
        *,
        create: bool = True,
        upgrade: bool = True,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    ) -> Workspace:
        """Open the workspace at `location` (a file path or a database URL), bringing its
        schema up to date.

        With `create`, a missing workspace is created (for commands that write); without, a
        missing or empty one is NotFound, so a mistyped path never creates a workspace.
        A workspace of an older Planner is upgraded (a workspace file is copied first, see
        `store.upgrades`; `upgraded` then says what was done), unless `upgrade` is False:
        then it is NeedsUpgrade. `busy_timeout` is how many seconds to wait for another
        program's write.
        """
        actor = _actor(actor)
        place = parse_location(location)
        if place.is_memory:
            raise BadInput(Words("store_location.in_memory"))
        check_file(place, must_exist=not create)
        engine = _engine(place, busy_timeout)
        with created_file(place):
            try:
                with database_errors(place.shown, busy_timeout), engine.connect() as connection:
                    upgraded = prepare(
                        connection,
                        place,
                        create=create,
                        writable=not opens_read_only(place),
                        upgrade=upgrade,
                    )
            except BaseException:
                engine.dispose()
                raise
        workspace = cls(engine, place, actor, busy_timeout)
        workspace.upgraded = upgraded
        return workspace

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Workspace {self.location} as {self.actor}>"

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction (plain BEGIN: it never blocks a writer, in WAL mode)."""
        self._check_open()
        with (
            database_errors(self.location, self._busy_timeout),
            self._engine.connect() as connection,
            connection.begin(),
        ):
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Change]:
        """A write transaction: BEGIN IMMEDIATE on SQLite, so it holds the write lock from the
        start; everything in it, audit entries included, commits together or not at all.
        ctrl+c before the commit rolls it back; during the commit it waits (`interrupts`)."""
        self._check_open()
        with (
            database_errors(self.location, self._busy_timeout),
            self._engine.connect() as connection,
        ):
            connection.execution_options(**WRITE)
            with connection.begin() as transaction:
                yield Change(connection, self.actor, self.location, datetime.now(UTC))
                with interrupts.held():
                    transaction.commit()

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError(f"the workspace {self.location} is closed")

    # -- the workspace itself ------------------------------------------------------------

    @property
    def id(self) -> str:
        """The workspace's own id, recorded in every file exported from it."""
        with self.reading() as connection:
            return settings.read(connection, settings.WORKSPACE_ID) or ""

    @property
    def purpose(self) -> str | None:
        """What the workspace is for: "demo" for one `planner demo` made, else None."""
        with self.reading() as connection:
            return settings.read(connection, settings.PURPOSE)

    def grant_working_role(self, role: str | None = None) -> str | None:
        """On a shared workspace, as the owner of its tables: give `role` (default: the one
        granted before) what Planner needs day to day and nothing more (see `store.roles`).
        Returns the role granted, or None when there is none to grant or Planner is not
        connected as the owner and no role was named."""
        if self._location.backend != "postgresql":
            if role is None:
                return None
            raise BadInput(Words("safety_roles.file_workspace"))
        with self.writing() as change:
            connection = change.connection
            if role is None and not roles.owns_the_tables(connection):
                return None
            role = role or roles.recorded_working_role(connection)
            if role is None:
                return None
            roles.grant_working_role(connection, role)
            change.record(
                AuditAction.WORKING_ROLE_GRANTED, None, audit.role_subject(role), {"role": role}
            )
        return role

    def mark_as_demo(self) -> None:
        with self.writing() as change:
            settings.mark_as_demo(change.connection)

    # -- meetings ------------------------------------------------------------------------

    def list_meetings(self) -> list[MeetingSummary]:
        """Every meeting, the earliest first, with its registrations counted by status."""
        with self.reading() as connection:
            return meetings.summaries(connection, self.location)

    def get_meeting(self, slug: str) -> StoredMeeting:
        with self.reading() as connection:
            row = conflicts.existing_meeting(connection, slug, self.location)
        return meetings.stored(row, self.location)

    def get_meeting_by_id(self, meeting_id: int, slug: str = "") -> StoredMeeting:
        """The meeting `meeting_id` whatever its slug is now (a colleague may have renamed
        it); `slug`, what it was called, names it if it is gone."""
        with self.reading() as connection:
            row = meetings.find_by_id(connection, meeting_id)
            if row is None:
                raise conflicts.meeting_gone(connection, slug, self.location)
        return meetings.stored(row, self.location)

    def meeting_version(self, meeting_id: int) -> int | None:
        """The meeting's version now (None if it is gone): one small query, for noticing a
        colleague's save."""
        with self.reading() as connection:
            return meetings.current_version(connection, meeting_id)

    def last_saved(self, slug: str) -> AuditEntry | None:
        """Who last changed the meeting itself (not its registrations), and when."""
        with self.reading() as connection:
            return audit.last_change(connection, slug, slug)

    def add_meeting(self, meeting: Meeting) -> StoredMeeting:
        """Add a new meeting (without registrations: `import_meetings` takes those)."""
        _no_registrations(meeting, "add_meeting")
        values, stored = rows.meeting_values(meeting)
        with self.writing() as change:
            if meetings.find(change.connection, stored.slug) is not None:
                raise conflicts.slug_taken([stored.slug], self.location)
            row = importing.insert_meeting(change, values)
            change.record(AuditAction.MEETING_ADDED, stored.slug, stored.slug, {"id": row.id})
        return StoredMeeting(
            id=row.id, uid=row.uid, version=row.version, revision=row.revision, meeting=stored
        )

    def save_meeting(
        self, meeting_id: int, meeting: Meeting, expected_version: int
    ) -> StoredMeeting:
        """Save changes to the meeting `meeting_id`, opened at `expected_version`.

        Refused with Conflict when that meeting is at another version, or was deleted (even
        if a new meeting now has its slug). A new slug renames it. Saving an unchanged
        meeting writes nothing and keeps its version.
        """
        _no_registrations(meeting, "save_meeting")
        values, stored = rows.meeting_values(meeting)
        with self.writing() as change:
            connection = change.connection
            row = meetings.find_by_id(connection, meeting_id, lock=True)
            if row is None:
                raise conflicts.meeting_gone(connection, meeting.slug, self.location)
            tz = rows.meeting_zone(row.timezone, row.slug, self.location)
            if row.version != expected_version:
                raise conflicts.stale_meeting(
                    connection, row.slug, row.version, expected_version, tz
                )
            changed = rows.changed_fields(row.document, values["document"])
            if not changed:
                return meetings.stored(row, self.location)
            self._check_rename(connection, row.slug, stored.slug)
            if "agenda" in changed:
                importing.check_kept_choices(connection, row.id, stored)
            saved = meetings.update_meeting(connection, row.id, values, change.at, expected_version)
            if saved is None:
                raise conflicts.stale_meeting(
                    connection, row.slug, row.version, expected_version, tz
                )
            detail: dict[str, Any] = {"fields": changed}
            if stored.slug != row.slug:
                detail["renamed_from"] = row.slug
            change.record(AuditAction.MEETING_UPDATED, stored.slug, stored.slug, detail)
        return StoredMeeting(
            id=row.id, uid=row.uid, version=saved.version, revision=saved.revision, meeting=stored
        )

    def delete_meeting(self, meeting_id: int, expected_version: int, slug: str = "") -> None:
        """Delete a meeting and its registrations (the audit log keeps its history)."""
        with self.writing() as change:
            connection = change.connection
            row = meetings.find_by_id(connection, meeting_id, lock=True)
            if row is None:
                raise conflicts.meeting_gone(connection, slug, self.location)
            tz = rows.meeting_zone(row.timezone, row.slug, self.location)
            count = meetings.registration_count(connection, row.id)
            if not meetings.delete_meeting(connection, row.id, expected_version):
                raise conflicts.stale_meeting(
                    connection, row.slug, row.version, expected_version, tz
                )
            # Its registrations go with it: ON DELETE CASCADE (SQLite: foreign_keys=ON).
            detail = {"id": row.id, "version": expected_version, "registrations": count}
            change.record(AuditAction.MEETING_DELETED, row.slug, row.slug, detail)

    def import_meetings(
        self,
        files: Sequence[MeetingFile],
        *,
        replace: bool = False,
        force: bool = False,
        remove_missing: bool = False,
        source: str = "",
        progress: Progress = unseen,
    ) -> list[ImportedMeeting]:
        """Import meeting files in one transaction: all of them, or none.

        Without `replace`, a meeting already in the workspace is a Conflict. With it, the
        meeting is replaced and the file's registrations merged into the stored ones (see
        `planner.store.merging`): none is dropped unless `remove_missing`. A file
        exported from this workspace is refused when the meeting changed since, unless
        `force`. `progress` is told how far the import has got (`planner.progress`).
        """
        plans = importing.prepare(files, source, progress)
        with self.writing() as change:
            return importing.apply(
                change,
                plans,
                workspace_id=settings.read(change.connection, settings.WORKSPACE_ID) or "",
                replace=replace,
                force=force,
                remove_missing=remove_missing,
                progress=progress,
            )

    def export_meeting(self, slug: str, *, left_out: list[Damaged] | None = None) -> MeetingFile:
        """The meeting with its registrations (in the order they were registered), stamped
        with this workspace, the meeting's identity and its version; every registration read
        into the model (`export_files` writes them as stored).

        A registration that no longer reads is Damaged; given a `left_out` list, it is left
        out of the file and added to the list instead.
        """
        with self.reading() as connection:
            workspace_id = settings.read(connection, settings.WORKSPACE_ID) or ""
            return exporting.export(
                connection, slug, workspace_id, self.actor, self.location, left_out
            )

    def export_files(
        self, slug: str, *, left_out: list[Damaged] | None = None, apart: str | None = None
    ) -> ExportedFiles:
        """`export_meeting` as the text of a meeting file, its registrations written as
        stored: checked for a registration's shape, not read into the model again (a meeting
        of 100,000 exports in seconds). Given `apart` (a file name), the registrations go in
        a JSON Lines file of that name beside the meeting file, which names it."""
        with self.reading() as connection:
            workspace_id = settings.read(connection, settings.WORKSPACE_ID) or ""
            return exporting.export_files(
                connection, slug, workspace_id, self.actor, self.location, left_out, apart
            )

    def _check_rename(self, connection: Connection, old_slug: str, new_slug: str) -> None:
        if new_slug != old_slug and meetings.find(connection, new_slug) is not None:
            raise Conflict(
                Words(
                    "store_conflict.rename_taken",
                    old=repr(old_slug),
                    new=repr(new_slug),
                    location=self.location,
                )
            )

    # -- registrations -------------------------------------------------------------------

    def list_registrations(self, slug: str) -> list[StoredRegistration]:
        """The meeting's registrations, whole, in the order they were registered: every one
        read and checked, so for small meetings and tests. Lists, counts and changes are in
        `planner.registrations`, which reads only what it needs."""
        with self.reading() as connection:
            row = conflicts.existing_meeting(connection, slug, self.location)
            found = registrations.of_meeting(connection, row.id)
        tz = rows.meeting_zone(row.timezone, row.slug, self.location)
        return [
            StoredRegistration(
                r.id, r.version, rows.read_registration(r.document, tz, r.id, self.location)
            )
            for r in found
        ]

    # -- saved column mappings -----------------------------------------------------------

    def list_mappings(self) -> list[SavedMapping]:
        """The column mappings saved in the workspace, by name."""
        with self.reading() as connection:
            return mappings.every(connection)

    def get_mapping(self, name: str) -> SavedMapping:
        with self.reading() as connection:
            found = mappings.find(connection, name)
            if found is None:
                raise conflicts.no_mapping(name, mappings.every(connection), self.location)
        return found

    def save_mapping(
        self,
        name: str,
        columns: dict[str, str],
        preset: str | None,
        *,
        status: str | None = None,
        replace: bool = False,
    ) -> None:
        """Save a column mapping by name (with what new registrations are imported as, when
        not pending); one by that name already there is a Conflict unless `replace`."""
        name = clean_line(name, MAX_MAPPING_NAME)
        with self.writing() as change:
            connection = change.connection
            if not replace and mappings.find(connection, name) is not None:
                raise conflicts.mapping_taken(name, self.location)
            replaced = mappings.save(
                connection, name, columns, preset, status, change.actor, change.at
            )
            detail = {"columns": len(columns), "replaced": replaced}
            change.record(AuditAction.MAPPING_SAVED, None, f"mapping {name}", detail)

    def delete_mapping(self, name: str) -> None:
        with self.writing() as change:
            if not mappings.remove(change.connection, name):
                raise conflicts.no_mapping(name, mappings.every(change.connection), self.location)
            change.record(AuditAction.MAPPING_DELETED, None, f"mapping {name}", {})

    # -- minutes -------------------------------------------------------------------------

    def get_minutes(self, slug: str) -> StoredMinutes:
        """The meeting's minutes (empty, at version 0, when none are recorded)."""
        with self.reading() as connection:
            row = meetings.find(connection, slug)
            if row is None:
                raise conflicts.no_meeting(connection, slug, self.location)
            found = minutes.find(connection, row.id)
        version = found.version if found is not None else 0
        return StoredMinutes(row.id, row.slug, version, minutes.read(found, slug, self.location))

    def minutes_version(self, meeting_id: int) -> int:
        """The version of the meeting's minutes now (0: none stored): one small query, for
        noticing a colleague's save."""
        with self.reading() as connection:
            return minutes.current_version(connection, meeting_id)

    def minutes_last_saved(self, slug: str) -> AuditEntry | None:
        """Who last recorded something in the meeting's minutes, and when."""
        with self.reading() as connection:
            return minutes.last_saved(connection, slug)

    def save_minutes(
        self, meeting_id: int, record: Minutes, expected_version: int, slug: str = ""
    ) -> StoredMinutes:
        """Save the minutes of meeting `meeting_id`, opened at `expected_version`; Conflict
        if someone saved them since. Check them first (`planner.minutes.check_minutes`)."""
        with self.writing() as change:
            return minutes.save(change, slug, record, expected_version, meeting_id)

    # -- the audit log -------------------------------------------------------------------

    def audit_log(self, *, meeting_slug: str | None = None, limit: int = 100) -> list[AuditEntry]:
        """The latest changes, newest first; only one meeting's when `meeting_slug` is given
        (NotFound when the workspace never had a meeting by that slug)."""
        with self.reading() as connection:
            unknown = meeting_slug is not None and not audit.has_history(connection, meeting_slug)
            if unknown and meetings.find(connection, meeting_slug) is None:
                raise conflicts.no_meeting(connection, meeting_slug, self.location)
            return audit.entries(connection, meeting_slug=meeting_slug, limit=limit)


MAX_MAPPING_NAME = 100
"""Characters in a saved mapping's name."""


def _engine(place: Location, busy_timeout: float) -> Engine:
    try:
        return make_engine(place, busy_timeout=busy_timeout)
    except ImportError as error:
        from planner.errors import WorkspaceUnavailable

        raise WorkspaceUnavailable(
            Words("store_location.no_driver", location=place.shown, problem=str(error))
        ) from error


def _actor(actor: str) -> str:
    try:
        return clean_line(actor)
    except ValueError:
        raise ValueError("actor must say who makes the changes") from None


def _no_registrations(meeting: Meeting, method: str) -> None:
    if isinstance(meeting, MeetingFile) and meeting.registrations:
        raise ValueError(f"{method} stores the meeting only: use import_meetings")
