"""The workspace: meetings and their registrations in a database, with an audit log.

A workspace is a SQLite file (the default) or a PostgreSQL database (shared). Every change
runs in one transaction together with its audit-log entry, so a failure leaves nothing
half-written. Meetings and registrations carry a version: a save names the version it started
from, and is refused with `Conflict` if someone else saved in between.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import delete, exc, func, insert, select, update
from sqlalchemy.engine import URL, Connection, Engine, Row, make_url

from planner.errors import Conflict, InvalidInput, NotFound, PlannerError, Problem
from planner.model import (
    Meeting,
    MeetingFile,
    MeetingKind,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    walk_agenda,
)
from planner.model.clock import zone as time_zone
from planner.model.meeting import localise_registration
from planner.model.problems import format_loc
from planner.store.connection import (
    DEFAULT_BUSY_TIMEOUT,
    WRITE,
    database_errors,
    is_memory,
    make_engine,
)
from planner.store.migrate import prepare
from planner.store.records import AuditEntry, MeetingSummary, StoredMeeting, StoredRegistration
from planner.store.schema import audit_log, meetings, registrations

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")


def resolve_url(location: str | Path) -> str:
    """A database URL ("postgresql://...", "sqlite:///...") as given; a path as the URL of
    a SQLite file at its absolute path."""
    if isinstance(location, str) and _URL.match(location):
        # Plain postgresql:// means psycopg 3 (the `postgres` extra), not SQLAlchemy's
        # default psycopg2.
        scheme, rest = location.split("://", 1)
        if scheme in ("postgresql", "postgres"):
            return f"postgresql+psycopg://{rest}"
        return location
    path = Path(location).expanduser().resolve()
    return f"sqlite:///{path}"


class Workspace:
    """Meetings, registrations and the audit log in one database.

    Open it with `Workspace.open(location, actor)`; `actor` is who the changes are recorded
    as. Safe to share between threads: each call takes its own pooled connection.
    """

    def __init__(self, engine: Engine, location: str, actor: str, busy_timeout: float):
        self._engine = engine
        self.location = location
        self.actor = actor
        self._busy_timeout = busy_timeout
        self._closed = False

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls, location: str | Path, actor: str, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
    ) -> Workspace:
        """Open the workspace at `location` (a file path or a database URL), creating it if
        it is missing and bringing its schema up to date.

        `busy_timeout` is how many seconds to wait for another program's write to finish.
        """
        actor = " ".join(actor.split())
        if not actor:
            raise ValueError("actor must say who makes the changes")
        try:
            url = make_url(resolve_url(location))
        except exc.ArgumentError:
            raise PlannerError(f"{location} is not a database URL or a file path") from None
        shown = _describe(url)
        if url.get_backend_name() not in SUPPORTED_BACKENDS:
            raise PlannerError(
                f"cannot open the workspace {shown}: Planner keeps workspaces in SQLite or "
                f"PostgreSQL, not {url.get_backend_name()}"
            )
        if url.get_backend_name() == "sqlite" and not is_memory(url):
            _check_sqlite_path(Path(str(url.database)))
        try:
            engine = make_engine(url, busy_timeout=busy_timeout)
        except (ImportError, exc.NoSuchModuleError) as error:
            raise PlannerError(
                f"cannot open the workspace {shown}: the database driver for "
                f"{url.drivername} is not installed ({error})"
            ) from error
        try:
            with database_errors(shown, busy_timeout), engine.connect() as connection:
                prepare(connection, shown)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, shown, actor, busy_timeout)

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

    # -- meetings ------------------------------------------------------------------------

    def list_meetings(self) -> list[MeetingSummary]:
        """Every meeting, the earliest first, with its registrations counted by status."""
        with self._reading() as connection:
            rows = connection.execute(
                select(
                    meetings.c.id,
                    meetings.c.slug,
                    meetings.c.title,
                    meetings.c.kind,
                    meetings.c.status,
                    meetings.c.timezone,
                    meetings.c.start_at,
                    meetings.c.end_at,
                    meetings.c.version,
                ).order_by(meetings.c.start_at, meetings.c.slug)
            ).all()
            counts: dict[int, dict[RegistrationStatus, int]] = {}
            for meeting_id, status, count in connection.execute(
                select(registrations.c.meeting_id, registrations.c.status, func.count()).group_by(
                    registrations.c.meeting_id, registrations.c.status
                )
            ):
                counts.setdefault(meeting_id, {})[RegistrationStatus(status)] = count
        summaries = []
        for row in rows:
            tz = time_zone(row.timezone)
            found = counts.get(row.id, {})
            summaries.append(
                MeetingSummary(
                    slug=row.slug,
                    title=row.title,
                    kind=MeetingKind(row.kind),
                    status=MeetingStatus(row.status),
                    start=row.start_at.astimezone(tz),
                    end=row.end_at.astimezone(tz),
                    timezone=row.timezone,
                    version=row.version,
                    registrations={status: found.get(status, 0) for status in RegistrationStatus},
                )
            )
        return summaries

    def get_meeting(self, slug: str) -> StoredMeeting:
        with self._reading() as connection:
            row = self._existing_meeting_row(connection, slug)
        return StoredMeeting(Meeting.model_validate_json(row.document), row.version)

    def add_meeting(self, meeting: Meeting) -> StoredMeeting:
        """Add a new meeting (without registrations: `import_meetings` takes those)."""
        if isinstance(meeting, MeetingFile) and meeting.registrations:
            raise ValueError("add_meeting stores the meeting only: use import_meetings")
        values, stored = _meeting_values(meeting)
        with self._writing() as connection:
            if self._meeting_row(connection, stored.slug) is not None:
                raise self._slug_taken([stored.slug])
            now = _now()
            self._insert_meeting(connection, values, now)
            self._audit(connection, now, "meeting.added", stored.slug, stored.slug, {})
        return StoredMeeting(stored, 1)

    def save_meeting(
        self, meeting: Meeting, expected_version: int, *, old_slug: str | None = None
    ) -> StoredMeeting:
        """Save changes to a meeting opened at `expected_version`.

        Give `old_slug` when the change renames the meeting. Refused with Conflict when the
        stored meeting is no longer at `expected_version`. Saving an unchanged meeting
        writes nothing and keeps its version.
        """
        if isinstance(meeting, MeetingFile) and meeting.registrations:
            raise ValueError("save_meeting stores the meeting only: use import_meetings")
        slug = old_slug or meeting.slug
        values, stored = _meeting_values(meeting)
        with self._writing() as connection:
            row = self._meeting_row(connection, slug)
            if row is None:
                raise self._meeting_gone(connection, slug)
            if row.version != expected_version:
                raise self._stale_meeting(connection, row, expected_version)
            renamed = stored.slug != slug
            if renamed and self._meeting_row(connection, stored.slug) is not None:
                raise Conflict(
                    f"cannot rename meeting {slug!r} to {stored.slug!r}: {stored.slug!r} is "
                    f"already in the workspace {self.location}"
                )
            changed = _changed_fields(row.document, values["document"])
            if not changed:
                return StoredMeeting(stored, row.version)
            if "agenda" in changed:
                self._check_kept_choices(connection, row.id, stored)
            now = _now()
            updated = connection.execute(
                update(meetings)
                .where(meetings.c.id == row.id, meetings.c.version == expected_version)
                .values(**values, version=meetings.c.version + 1, updated_at=now)
            )
            if updated.rowcount != 1:
                raise self._stale_meeting(connection, row, expected_version)
            detail: dict[str, Any] = {"fields": changed}
            if renamed:
                detail["renamed_from"] = slug
            self._audit(connection, now, "meeting.updated", stored.slug, stored.slug, detail)
        return StoredMeeting(stored, expected_version + 1)

    def delete_meeting(self, slug: str, expected_version: int) -> None:
        """Delete a meeting and its registrations (the audit log keeps its history)."""
        with self._writing() as connection:
            row = self._meeting_row(connection, slug)
            if row is None:
                raise self._meeting_gone(connection, slug)
            if row.version != expected_version:
                raise self._stale_meeting(connection, row, expected_version)
            count = connection.execute(
                select(func.count()).where(registrations.c.meeting_id == row.id)
            ).scalar_one()
            deleted = connection.execute(
                delete(meetings).where(
                    meetings.c.id == row.id, meetings.c.version == expected_version
                )
            )
            if deleted.rowcount != 1:
                raise self._stale_meeting(connection, row, expected_version)
            # Its registrations go with it: ON DELETE CASCADE (SQLite: foreign_keys=ON).
            self._audit(
                connection,
                _now(),
                "meeting.deleted",
                slug,
                slug,
                {"version": expected_version, "registrations": count},
            )

    def import_meetings(
        self, files: Sequence[MeetingFile], *, replace: bool = False, source: str = ""
    ) -> list[StoredMeeting]:
        """Import meeting files in one transaction: all of them, or none.

        Without `replace`, a meeting already in the workspace is a Conflict and nothing is
        written. With `replace`, it is replaced (its version goes up by one); its
        registrations are replaced only when the file lists any, else they are kept.
        """
        prepared = [(_meeting_values(file), file) for file in files]
        seen: dict[str, int] = {}
        for number, ((_, stored), _) in enumerate(prepared, start=1):
            if stored.slug in seen:
                raise Conflict(
                    f"meeting {stored.slug!r} is in the import twice (meetings "
                    f"{seen[stored.slug]} and {number}{_from(source)}); nothing was imported"
                )
            seen[stored.slug] = number
        results: list[StoredMeeting] = []
        taken: list[str] = []
        with self._writing() as connection:
            now = _now()
            for (values, stored), file in prepared:
                row = self._meeting_row(connection, stored.slug)
                if row is not None and not replace:
                    taken.append(stored.slug)
                    continue
                tz = stored.zone
                entered = [_registration_values(r, tz) for r in file.registrations]
                detail: dict[str, Any] = {"source": source} if source else {}
                if row is None:
                    meeting_id = self._insert_meeting(connection, values, now)
                    version, action = 1, "meeting.added"
                    if entered:
                        detail["registrations"] = len(entered)
                else:
                    meeting_id, version, action = row.id, row.version + 1, "meeting.replaced"
                    detail["fields"] = _changed_fields(row.document, values["document"])
                    connection.execute(
                        update(meetings)
                        .where(meetings.c.id == row.id)
                        .values(**values, version=version, updated_at=now)
                    )
                    if entered:
                        removed = connection.execute(
                            delete(registrations).where(registrations.c.meeting_id == row.id)
                        ).rowcount
                        detail["registrations"] = len(entered)
                        detail["registrations_removed"] = removed
                    else:
                        self._check_kept_choices(connection, row.id, stored)
                        detail["registrations_kept"] = True
                if entered:
                    connection.execute(
                        insert(registrations),
                        [
                            {
                                **reg_values,
                                "meeting_id": meeting_id,
                                "version": 1,
                                "created_at": now,
                                "updated_at": now,
                            }
                            for reg_values, _ in entered
                        ],
                    )
                self._audit(connection, now, action, stored.slug, stored.slug, detail)
                results.append(StoredMeeting(stored, version))
            if taken:
                raise self._slug_taken(taken, imported=True)
        return results

    def export_meeting(self, slug: str) -> MeetingFile:
        """The meeting with its registrations (in the order they were registered)."""
        with self._reading() as connection:
            row = self._existing_meeting_row(connection, slug)
            documents = connection.execute(
                select(registrations.c.document)
                .where(registrations.c.meeting_id == row.id)
                .order_by(registrations.c.id)
            ).scalars()
            data = json.loads(row.document)
            data["registrations"] = [json.loads(document) for document in documents]
        try:
            return MeetingFile.model_validate_json(json.dumps(data))
        except ValidationError as error:
            source = f"meeting {slug!r} in the workspace {self.location}"
            raise InvalidInput(_problems(source, error)) from None

    # -- registrations -------------------------------------------------------------------

    def list_registrations(self, slug: str) -> list[StoredRegistration]:
        """The meeting's registrations, in the order they were registered."""
        with self._reading() as connection:
            row = self._existing_meeting_row(connection, slug)
            found = connection.execute(
                select(registrations.c.id, registrations.c.version, registrations.c.document)
                .where(registrations.c.meeting_id == row.id)
                .order_by(registrations.c.id)
            ).all()
        tz = time_zone(row.timezone)
        return [
            StoredRegistration(r.id, r.version, _read_registration(r.document, tz)) for r in found
        ]

    def add_registration(self, slug: str, registration: Registration) -> StoredRegistration:
        """Register someone for a meeting. Times without a zone are read in the meeting's."""
        with self._writing() as connection:
            row = self._existing_meeting_row(connection, slug)
            tz = time_zone(row.timezone)
            values, stored = _registration_values(registration, tz)
            self._check_workshops(row, stored)
            now = _now()
            registration_id = connection.execute(
                insert(registrations).values(
                    **values, meeting_id=row.id, version=1, created_at=now, updated_at=now
                )
            ).inserted_primary_key[0]
            self._audit(
                connection,
                now,
                "registration.added",
                slug,
                _registration_subject(registration_id),
                {"status": stored.status.value},
            )
        return StoredRegistration(registration_id, 1, stored)

    def save_registration(
        self, registration_id: int, registration: Registration, expected_version: int
    ) -> StoredRegistration:
        """Save changes to a registration opened at `expected_version`; Conflict if stale.
        Saving an unchanged registration writes nothing and keeps its version."""
        with self._writing() as connection:
            row = connection.execute(
                select(
                    registrations.c.id,
                    registrations.c.version,
                    registrations.c.name,
                    registrations.c.document,
                    meetings.c.slug,
                    meetings.c.timezone,
                    meetings.c.document.label("meeting_document"),
                )
                .join(meetings, registrations.c.meeting_id == meetings.c.id)
                .where(registrations.c.id == registration_id)
            ).one_or_none()
            if row is None:
                raise NotFound(
                    f"no registration {registration_id} in the workspace {self.location}"
                )
            if row.version != expected_version:
                raise self._stale_registration(connection, row, expected_version)
            tz = time_zone(row.timezone)
            values, stored = _registration_values(registration, tz)
            changed = _changed_fields(row.document, values["document"])
            if not changed:
                return StoredRegistration(registration_id, row.version, stored)
            if "answers" in changed:
                self._check_workshops(row, stored, document=row.meeting_document)
            now = _now()
            updated = connection.execute(
                update(registrations)
                .where(
                    registrations.c.id == registration_id,
                    registrations.c.version == expected_version,
                )
                .values(**values, version=registrations.c.version + 1, updated_at=now)
            )
            if updated.rowcount != 1:
                raise self._stale_registration(connection, row, expected_version)
            self._audit(
                connection,
                now,
                "registration.updated",
                row.slug,
                _registration_subject(registration_id),
                {"fields": changed},
            )
        return StoredRegistration(registration_id, expected_version + 1, stored)

    # -- the audit log -------------------------------------------------------------------

    def audit_log(self, *, meeting_slug: str | None = None, limit: int = 100) -> list[AuditEntry]:
        """The latest changes, newest first; only one meeting's when `meeting_slug` is given."""
        query = select(audit_log).order_by(audit_log.c.id.desc()).limit(max(limit, 0))
        if meeting_slug is not None:
            query = query.where(audit_log.c.meeting_slug == meeting_slug)
        with self._reading() as connection:
            rows = connection.execute(query).all()
        return [_audit_entry(row) for row in rows]

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A read transaction (plain BEGIN: it never blocks a writer, in WAL mode)."""
        self._check_open()
        with (
            database_errors(self.location, self._busy_timeout),
            self._engine.connect() as connection,
            connection.begin(),
        ):
            yield connection

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction: BEGIN IMMEDIATE on SQLite, so it holds the write lock from the
        start; everything in it, audit entry included, commits together or not at all."""
        self._check_open()
        with (
            database_errors(self.location, self._busy_timeout),
            self._engine.connect() as connection,
        ):
            connection.execution_options(**WRITE)
            with connection.begin():
                yield connection

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError(f"the workspace {self.location} is closed")

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _meeting_row(connection: Connection, slug: str) -> Row[Any] | None:
        return connection.execute(
            select(
                meetings.c.id,
                meetings.c.slug,
                meetings.c.timezone,
                meetings.c.version,
                meetings.c.document,
            ).where(meetings.c.slug == slug)
        ).one_or_none()

    def _existing_meeting_row(self, connection: Connection, slug: str) -> Row[Any]:
        row = self._meeting_row(connection, slug)
        if row is None:
            raise self._no_meeting(connection, slug)
        return row

    def _insert_meeting(self, connection: Connection, values: dict[str, Any], now: datetime) -> int:
        try:
            with connection.begin_nested():
                result = connection.execute(
                    insert(meetings).values(**values, version=1, created_at=now, updated_at=now)
                )
        except exc.IntegrityError:
            # Another writer added the same slug between our look-up and this insert
            # (possible on PostgreSQL, where the look-up takes no lock).
            raise self._slug_taken([values["slug"]]) from None
        return result.inserted_primary_key[0]

    def _audit(
        self,
        connection: Connection,
        at: datetime,
        action: str,
        meeting_slug: str | None,
        subject: str,
        detail: dict[str, Any],
    ) -> None:
        connection.execute(
            insert(audit_log).values(
                at=at,
                actor=self.actor,
                action=action,
                meeting_slug=meeting_slug,
                subject=subject,
                detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
            )
        )

    def _last_change(
        self, connection: Connection, meeting_slug: str, subject: str
    ) -> Row[Any] | None:
        return connection.execute(
            select(audit_log.c.at, audit_log.c.actor, audit_log.c.action)
            .where(audit_log.c.meeting_slug == meeting_slug, audit_log.c.subject == subject)
            .order_by(audit_log.c.id.desc())
            .limit(1)
        ).one_or_none()

    def _changed_by(self, connection: Connection, slug: str, subject: str, tz: ZoneInfo) -> str:
        change = self._last_change(connection, slug, subject)
        if change is None:
            return ""
        return f" by {change.actor} at {change.at.astimezone(tz):%Y-%m-%d %H:%M}"

    def _stale_meeting(self, connection: Connection, row: Row[Any], expected: int) -> Conflict:
        current = connection.execute(
            select(meetings.c.version).where(meetings.c.id == row.id)
        ).scalar_one_or_none()
        if current is None:
            return self._meeting_gone(connection, row.slug)
        by = self._changed_by(connection, row.slug, row.slug, time_zone(row.timezone))
        return Conflict(
            f"meeting {row.slug!r} was changed{by} since you opened it (it is now version "
            f"{current}, you have version {expected}); reload it and make your change again"
        )

    def _stale_registration(self, connection: Connection, row: Row[Any], expected: int) -> Conflict:
        subject = _registration_subject(row.id)
        current = connection.execute(
            select(registrations.c.version).where(registrations.c.id == row.id)
        ).scalar_one_or_none()
        by = self._changed_by(connection, row.slug, subject, time_zone(row.timezone))
        if current is None:
            return Conflict(
                f"registration {row.id} ({row.name}) for meeting {row.slug!r} was removed "
                "since you opened it"
            )
        return Conflict(
            f"registration {row.id} ({row.name}) for meeting {row.slug!r} was changed{by} "
            f"since you opened it (it is now version {current}, you have version "
            f"{expected}); reload it and make your change again"
        )

    def _meeting_gone(self, connection: Connection, slug: str) -> PlannerError:
        """A meeting to change is missing: deleted by someone since it was opened, or never
        there at all."""
        change = self._last_change(connection, slug, slug)
        if change is not None and change.action == "meeting.deleted":
            return Conflict(
                f"meeting {slug!r} was deleted by {change.actor} at "
                f"{change.at:%Y-%m-%d %H:%M} UTC; your changes to it were not saved"
            )
        return self._no_meeting(connection, slug)

    def _no_meeting(self, connection: Connection, slug: str) -> NotFound:
        slugs = connection.execute(select(meetings.c.slug)).scalars().all()
        message = f"no meeting {slug!r} in the workspace {self.location}"
        close = [s for s in slugs if slug and slug in s][:3]
        close += [s for s in difflib.get_close_matches(slug, slugs, n=3) if s not in close]
        if close:
            message += "; did you mean " + _either([repr(s) for s in close[:3]]) + "?"
        elif not slugs:
            message += " (it has no meetings yet)"
        return NotFound(message)

    def _slug_taken(self, slugs: list[str], imported: bool = False) -> Conflict:
        nothing = "; nothing was imported" if imported else ""
        if len(slugs) == 1:
            return Conflict(
                f"meeting {slugs[0]!r} is already in the workspace {self.location}; use "
                f"--replace to overwrite it{nothing}"
            )
        listed = ", ".join(repr(s) for s in slugs)
        return Conflict(
            f"meetings {listed} are already in the workspace {self.location}; use --replace "
            f"to overwrite them{nothing}"
        )

    @staticmethod
    def _check_kept_choices(connection: Connection, meeting_id: int, meeting: Meeting) -> None:
        """A new version of a meeting must keep the agenda items its registrations chose."""
        tracks = {item.id for _, item in walk_agenda(meeting.agenda) if item.id}
        chosen: dict[str, int] = {}
        for document in connection.execute(
            select(registrations.c.document).where(registrations.c.meeting_id == meeting_id)
        ).scalars():
            for choice in json.loads(document).get("answers", {}).get("workshops", []):
                if choice not in tracks:
                    chosen[choice] = chosen.get(choice, 0) + 1
        if chosen:
            listed = ", ".join(f"{key!r} ({count})" for key, count in sorted(chosen.items()))
            raise Conflict(
                f"meeting {meeting.slug!r}: registrations chose agenda items this version no "
                f"longer has: {listed}; keep those items' ids, or change the registrations "
                "first"
            )

    def _check_workshops(
        self, meeting_row: Row[Any], registration: Registration, *, document: str | None = None
    ) -> None:
        """Workshop choices must name agenda items of the meeting (else the meeting could
        not be exported as a valid meeting file)."""
        if not registration.answers.workshops:
            return
        meeting = Meeting.model_validate_json(document or meeting_row.document)
        tracks = {item.id for _, item in walk_agenda(meeting.agenda) if item.id}
        known = f" (known: {', '.join(sorted(tracks))})" if tracks else " (it has none)"
        source = f"registration of {registration.person.name} for meeting {meeting.slug!r}"
        problems = [
            Problem(
                source, f"unknown agenda item {choice!r}{known}", field=f"answers.workshops[{j}]"
            )
            for j, choice in enumerate(registration.answers.workshops)
            if choice not in tracks
        ]
        if problems:
            raise InvalidInput(problems)


# -- values in and out ---------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC)


def _meeting_values(meeting: Meeting) -> tuple[dict[str, Any], Meeting]:
    """The row for a meeting, and the meeting as the workspace will give it back.

    The document is read back before it is stored, so a meeting that could not be read
    again is never written.
    """
    exclude = {"registrations"} if isinstance(meeting, MeetingFile) else None
    document = meeting.model_dump_json(exclude=exclude)
    stored = Meeting.model_validate_json(document)
    values = {
        "slug": stored.slug,
        "kind": stored.kind.value,
        "status": stored.status.value,
        "title": stored.text(stored.title),
        "timezone": stored.timezone,
        "start_at": stored.start,
        "end_at": stored.end,
        "document": document,
    }
    return values, stored


def _registration_values(
    registration: Registration, tz: ZoneInfo
) -> tuple[dict[str, Any], Registration]:
    local = localise_registration(registration, tz)
    document = local.model_dump_json()
    stored = _read_registration(document, tz)
    person = stored.person
    values = {
        "status": stored.status.value,
        "name": person.name,
        "email": person.email.lower() if person.email else None,
        "organisation": person.organisation,
        "submitted_at": stored.submitted_at,
        "checked_in_at": stored.checked_in_at,
        "document": document,
    }
    return values, stored


def _read_registration(document: str, tz: ZoneInfo) -> Registration:
    return localise_registration(Registration.model_validate_json(document), tz)


def _changed_fields(old_document: str, new_document: str) -> list[str]:
    """The top-level fields whose values differ between two stored documents."""
    old, new = json.loads(old_document), json.loads(new_document)
    return [name for name in {**old, **new} if old.get(name) != new.get(name)]


def _audit_entry(row: Row[Any]) -> AuditEntry:
    return AuditEntry(
        at=row.at,
        actor=row.actor,
        action=row.action,
        meeting_slug=row.meeting_slug,
        subject=row.subject,
        detail=json.loads(row.detail),
    )


def _registration_subject(registration_id: int) -> str:
    # Only the number: the audit log cannot be changed, so it holds no personal data that
    # would have to be deleted after the event.
    return f"registration {registration_id}"


def _problems(source: str, error: ValidationError) -> list[Problem]:
    return [Problem(source, e["msg"], field=format_loc(e["loc"])) for e in error.errors()]


def _either(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _from(source: str) -> str:
    return f" from {source}" if source else ""


def _describe(url: URL) -> str:
    """The workspace as shown in messages: a file's path, or the URL without its password."""
    if url.get_backend_name() == "sqlite":
        return ":memory:" if is_memory(url) else str(url.database)
    return url.render_as_string(hide_password=True)


def _check_sqlite_path(path: Path) -> None:
    if path.is_dir():
        raise PlannerError(
            f"{path} is a folder: give the workspace a file name, e.g. {path / 'planner.sqlite'}"
        )
    if not path.parent.is_dir():
        raise NotFound(
            f"cannot create the workspace {path}: the folder {path.parent} does not exist"
        )
