"""The workspace: meetings and their registrations in a database, with an audit log.

A workspace is a SQLite file (the default) or a PostgreSQL database (shared). Every change
runs in one transaction together with its audit-log entry, so a failure leaves nothing
half-written. Meetings and registrations have ids that are never reused and a version: a
save names both, reaches exactly that record, and is refused with `Conflict` if someone else
saved in between.

This class is the front: opening and closing, transactions, and one short method per thing a
secretariat does. The rows live in `meetings.py` and `registrations.py`, imports in
`importing.py`, the audit log in `audit.py`, the wording of refusals in `conflicts.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from sqlalchemy.engine import Connection, Engine

from planner import interrupts
from planner.errors import BadInput, Conflict, Damaged, InvalidInput, Problem
from planner.model import Meeting, MeetingFile, Registration
from planner.model.meeting import known_tracks, unknown_workshop_choices
from planner.model.problems import format_loc
from planner.model.text import clean_line
from planner.progress import Progress, unseen
from planner.store import (
    audit,
    conflicts,
    importing,
    meetings,
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
    StoredMeeting,
    StoredRegistration,
)
from planner.store.upgrades import Upgrade
from planner.words import Words


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
            row = meetings.find(connection, slug)
            if row is None:
                raise conflicts.no_meeting(connection, slug, self.location)
        return meetings.stored(row, self.location)

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
        `planner.registrations.merge`): none is dropped unless `remove_missing`. A file
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
        with this workspace, the meeting's identity and its version.

        A registration that no longer reads is Damaged; given a `left_out` list, it is left
        out of the file and added to the list instead.
        """
        with self.reading() as connection:
            workspace_id = settings.read(connection, settings.WORKSPACE_ID) or ""
            return importing.export(
                connection, slug, workspace_id, self.actor, self.location, left_out
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
        """The meeting's registrations, in the order they were registered."""
        with self.reading() as connection:
            row = meetings.find(connection, slug)
            if row is None:
                raise conflicts.no_meeting(connection, slug, self.location)
            found = registrations.of_meeting(connection, row.id)
        tz = rows.meeting_zone(row.timezone, row.slug, self.location)
        return [
            StoredRegistration(
                r.id, r.version, rows.read_registration(r.document, tz, r.id, self.location)
            )
            for r in found
        ]

    def add_registration(self, slug: str, registration: Registration) -> StoredRegistration:
        """Register someone for a meeting. Times without a zone are read in the meeting's."""
        if registration.key is None:
            registration = registration.model_copy(update={"key": rows.new_registration_key()})
        with self.reading() as connection:
            row = meetings.find(connection, slug)
            if row is None:
                raise conflicts.no_meeting(connection, slug, self.location)
        tz = rows.meeting_zone(row.timezone, row.slug, self.location)
        values, stored = rows.registration_values(registration, tz)
        self._check_choices(row, stored)
        with self.writing() as change:
            connection = change.connection
            current = meetings.find(connection, slug, lock=True)
            if current is None or current.uid != row.uid:
                raise conflicts.meeting_gone(connection, slug, self.location)
            if current.version != row.version:
                self._check_choices(current, stored)
            [registration_id] = registrations.insert_registrations(
                connection, row.id, [values], change.at
            )
            meetings.raise_revision(connection, row.id)
            subject = audit.registration_subject(registration_id)
            change.record(
                AuditAction.REGISTRATION_ADDED, slug, subject, {"status": stored.status.value}
            )
        return StoredRegistration(registration_id, 1, stored)

    def save_registration(
        self, registration_id: int, registration: Registration, expected_version: int
    ) -> StoredRegistration:
        """Save changes to a registration opened at `expected_version`; Conflict if stale.
        Saving an unchanged registration writes nothing and keeps its version."""
        with self.writing() as change:
            connection = change.connection
            row = registrations.with_meeting(connection, registration_id, lock=True)
            if row is None:
                highest = registrations.highest_id_ever(connection)
                raise conflicts.no_registration(connection, registration_id, highest, self.location)
            tz = rows.meeting_zone(row.timezone, row.slug, self.location)
            if row.version != expected_version:
                raise conflicts.stale_registration(
                    connection, row.id, row.name, row.slug, row.version, expected_version, tz
                )
            stored_key = rows.read_registration(row.document, tz, row.id, self.location).key
            values, stored = rows.registration_values(
                registration.model_copy(update={"key": stored_key}), tz
            )
            changed = rows.changed_fields(row.document, values["document"])
            if not changed:
                return StoredRegistration(registration_id, row.version, stored)
            if "answers" in changed:
                self._check_choices(row, stored, document=row.meeting_document)
            version = registrations.update_registration(
                connection, registration_id, values, change.at, expected_version
            )
            if version is None:
                current = registrations.current_version(connection, registration_id)
                raise conflicts.stale_registration(
                    connection, row.id, row.name, row.slug, current, expected_version, tz
                )
            meetings.raise_revision(connection, row.meeting_id)
            subject = audit.registration_subject(registration_id)
            change.record(AuditAction.REGISTRATION_UPDATED, row.slug, subject, {"fields": changed})
        return StoredRegistration(registration_id, version, stored)

    def _check_choices(
        self, row: Any, registration: Registration, document: str | None = None
    ) -> None:
        """Workshop choices must name agenda items of the meeting (else the meeting could
        not be exported as a valid meeting file)."""
        if not registration.answers.workshops:
            return
        meeting = rows.read_meeting(document or row.document, row.slug, self.location)
        source = Words(
            "store_rows.registration_of", name=registration.person.name, slug=repr(meeting.slug)
        )
        problems = [
            Problem(source, message, field=format_loc(loc))
            for loc, message in unknown_workshop_choices(registration, known_tracks(meeting))
        ]
        if problems:
            raise InvalidInput(problems)

    # -- the audit log -------------------------------------------------------------------

    def audit_log(self, *, meeting_slug: str | None = None, limit: int = 100) -> list[AuditEntry]:
        """The latest changes, newest first; only one meeting's when `meeting_slug` is given
        (NotFound when the workspace never had a meeting by that slug)."""
        with self.reading() as connection:
            unknown = meeting_slug is not None and not audit.has_history(connection, meeting_slug)
            if unknown and meetings.find(connection, meeting_slug) is None:
                raise conflicts.no_meeting(connection, meeting_slug, self.location)
            return audit.entries(connection, meeting_slug=meeting_slug, limit=limit)


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
