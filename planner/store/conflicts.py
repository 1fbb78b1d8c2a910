"""How a refused write is explained: what was changed, by whom, when, and what to do.

The store speaks of records, not of command-line flags: the command line adds its own hints.
Every explanation is `Words`, said in the language of whoever reads it; times are in the
meeting's zone, named (`clock.named_time`), or in UTC where the meeting is gone.
"""

from __future__ import annotations

import difflib
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.engine import Connection

from planner.errors import (
    AlreadyInWorkspace,
    ChangedSinceExport,
    Conflict,
    NotFound,
    PlannerError,
)
from planner.model import ExportStamp
from planner.model.clock import named_time
from planner.store import audit
from planner.store.audit import AuditAction
from planner.store.records import AuditEntry
from planner.store.schema import audit_log, meetings
from planner.words import Joined, Listed, Words

MAX_CHANGES_LISTED = 10
"""The latest changes an import refused for changes since the export lists."""


def by_whom(change: AuditEntry | None, tz: ZoneInfo | None = None) -> Words | str:
    """' by ada at 2026-03-10 09:15 Europe/Oslo', or nothing when the log does not say."""
    if change is None:
        return ""
    return Words("store_conflict.by", actor=change.actor, at=named_time(change.at, tz))


def stale_meeting(
    connection: Connection, slug: str, current: int, expected: int, tz: ZoneInfo
) -> Conflict:
    change = audit.last_change(connection, slug, slug)
    return Conflict(
        Words(
            "store_conflict.stale_meeting",
            slug=repr(slug),
            by=by_whom(change, tz),
            current=current,
            expected=expected,
        )
    )


def meeting_gone(connection: Connection, slug: str, location: str) -> PlannerError:
    """A meeting to change is missing: deleted since it was opened, or never there."""
    deleted = audit.last_change(connection, slug, slug, AuditAction.MEETING_DELETED)
    if deleted is None:
        return no_meeting(connection, slug, location)
    again = audit.last_change(connection, slug, slug, AuditAction.MEETING_ADDED)
    now: Words | str = ""
    if again is not None and again.at >= deleted.at:
        now = Words("store_conflict.another_now", by=by_whom(again))
    return Conflict(
        Words("store_conflict.meeting_deleted", slug=repr(slug), by=by_whom(deleted), now=now)
    )


def no_meeting(connection: Connection, slug: str, location: str) -> NotFound:
    slugs = connection.execute(select(meetings.c.slug)).scalars().all()
    close = [s for s in slugs if slug and slug in s][:3]
    close += [s for s in difflib.get_close_matches(slug, slugs, n=3) if s not in close]
    if close:
        choices = Listed([repr(s) for s in close[:3]], style="or")
        return NotFound(
            Words(
                "store_conflict.no_meeting_like",
                slug=repr(slug),
                location=location,
                choices=choices,
            )
        )
    key = "store_conflict.no_meeting" if slugs else "store_conflict.no_meeting_yet"
    return NotFound(Words(key, slug=repr(slug), location=location))


def no_registration(
    connection: Connection, registration_id: int, highest_ever: int, location: str
) -> PlannerError:
    """A registration to change is missing: removed since it was read (its id was handed
    out once, and ids are never reused), or never there."""
    if 0 < registration_id <= highest_ever:
        subject = audit.registration_subject(registration_id)
        slug = connection.execute(
            select(audit_log.c.meeting_slug).where(audit_log.c.subject == subject).limit(1)
        ).scalar_one_or_none()
        if slug:
            words = Words(
                "store_conflict.registration_removed_from", id=registration_id, slug=repr(slug)
            )
        else:
            words = Words("store_conflict.registration_removed", id=registration_id)
        return Conflict(words)
    return NotFound(Words("store_conflict.no_registration", id=registration_id, location=location))


def slug_taken(slugs: list[str], location: str, *, imported: bool = False) -> AlreadyInWorkspace:
    return AlreadyInWorkspace(
        Words(
            "store_conflict.already_there",
            count=len(slugs),
            slugs=", ".join(repr(s) for s in slugs),
            location=location,
            nothing=Words("store_conflict.nothing_imported") if imported else "",
        )
    )


def stale_registration(
    connection: Connection,
    registration_id: int,
    name: str,
    slug: str,
    current: int | None,
    expected: int,
    tz: ZoneInfo,
) -> Conflict:
    if current is None:
        return Conflict(
            Words(
                "store_conflict.registration_gone",
                id=registration_id,
                name=name,
                slug=repr(slug),
            )
        )
    change = audit.last_change(connection, slug, audit.registration_subject(registration_id))
    return Conflict(
        Words(
            "store_conflict.stale_registration",
            id=registration_id,
            name=name,
            slug=repr(slug),
            by=by_whom(change, tz),
            current=current,
            expected=expected,
        )
    )


def changed_since_export(
    slug: str, stamp: ExportStamp, current_version: int, changes: list[AuditEntry], tz: ZoneInfo
) -> ChangedSinceExport:
    shown = changes[-MAX_CHANGES_LISTED:]
    lines: list[Words | audit.EntryLine] = [audit.EntryLine(change, tz) for change in shown]
    if len(changes) > len(shown):
        lines.insert(0, Words("store_conflict.earlier_changes", count=len(changes) - len(shown)))
    return ChangedSinceExport(
        Words(
            "store_conflict.changed_since_export",
            slug=repr(slug),
            at=named_time(stamp.at, tz),
            exported=stamp.version,
            current=current_version,
            changes=Joined(lines, "\n  "),
        )
    )


def another_record(slug: str, reason: Words | PlannerError) -> ChangedSinceExport:
    return ChangedSinceExport(
        Words("store_conflict.another_record", slug=repr(slug), reason=reason)
    )


def exported_elsewhere() -> Words:
    return Words("store_conflict.exported_elsewhere")
