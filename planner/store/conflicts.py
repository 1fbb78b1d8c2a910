"""How a refused write is explained: what was changed, by whom, when, and what to do.

The store speaks of records, not of command-line flags: the command line adds its own hints.
"""

from __future__ import annotations

import difflib
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.engine import Connection, Row

from planner.errors import (
    AlreadyInWorkspace,
    ChangedSinceExport,
    Conflict,
    NotFound,
    PlannerError,
)
from planner.store import audit
from planner.store.audit import AuditAction
from planner.store.records import AuditEntry
from planner.store.schema import audit_log, meetings


def when(moment: datetime, tz: ZoneInfo | None = None) -> str:
    if tz is None:
        return f"{moment:%Y-%m-%d %H:%M} UTC"
    return f"{moment.astimezone(tz):%Y-%m-%d %H:%M}"


def by_whom(change: AuditEntry | None, tz: ZoneInfo | None = None) -> str:
    return f" by {change.actor} at {when(change.at, tz)}" if change else ""


def stale_meeting(
    connection: Connection, slug: str, current: int, expected: int, tz: ZoneInfo
) -> Conflict:
    change = audit.last_change(connection, slug, slug)
    return Conflict(
        f"meeting {slug!r} was changed{by_whom(change, tz)} since you opened it (it is now "
        f"version {current}, you have version {expected}); reload it and make your change again"
    )


def meeting_gone(connection: Connection, slug: str, location: str) -> PlannerError:
    """A meeting to change is missing: deleted since it was opened, or never there."""
    deleted = audit.last_change(connection, slug, slug, AuditAction.MEETING_DELETED)
    if deleted is None:
        return no_meeting(connection, slug, location)
    again = audit.last_change(connection, slug, slug, AuditAction.MEETING_ADDED)
    now = ""
    if again is not None and again.at >= deleted.at:
        now = (
            f"; the meeting now under that slug is another one, added{by_whom(again)}, and "
            "was left as it is"
        )
    return Conflict(
        f"meeting {slug!r} was deleted{by_whom(deleted)}; your changes to it were not saved{now}"
    )


def existing_meeting(
    connection: Connection, slug: str, location: str, *, lock: bool = False
) -> Row[Any]:
    """The meeting's row (locked for the transaction with `lock`), or NotFound naming the
    slugs that come close."""
    from planner.store import meetings as meeting_rows

    row = meeting_rows.find(connection, slug, lock=lock)
    if row is None:
        raise no_meeting(connection, slug, location)
    return row


def no_meeting(connection: Connection, slug: str, location: str) -> NotFound:
    slugs = connection.execute(select(meetings.c.slug)).scalars().all()
    message = f"no meeting {slug!r} in the workspace {location}"
    close = [s for s in slugs if slug and slug in s][:3]
    close += [s for s in difflib.get_close_matches(slug, slugs, n=3) if s not in close]
    if close:
        message += "; did you mean " + either([repr(s) for s in close[:3]]) + "?"
    elif not slugs:
        message += " (it has no meetings yet)"
    return NotFound(message)


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
        of = f" for meeting {slug!r}" if slug else ""
        return Conflict(
            f"registration {registration_id}{of} was removed since you opened it (by an "
            "import or with its meeting); your changes to it were not saved"
        )
    return NotFound(f"no registration {registration_id} in the workspace {location}")


def slug_taken(slugs: list[str], location: str, *, imported: bool = False) -> AlreadyInWorkspace:
    nothing = "; nothing was imported" if imported else ""
    if len(slugs) == 1:
        return AlreadyInWorkspace(
            f"meeting {slugs[0]!r} is already in the workspace {location}{nothing}"
        )
    listed = ", ".join(repr(s) for s in slugs)
    return AlreadyInWorkspace(f"meetings {listed} are already in the workspace {location}{nothing}")


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
            f"registration {registration_id} ({name}) for meeting {slug!r} was removed since "
            "you opened it"
        )
    change = audit.last_change(connection, slug, audit.registration_subject(registration_id))
    return Conflict(
        f"registration {registration_id} ({name}) for meeting {slug!r} was changed"
        f"{by_whom(change, tz)} since you opened it (it is now version {current}, you have "
        f"version {expected}); reload it and make your change again"
    )


def changed_since_export(
    slug: str, exported_version: int, current_version: int, changes: list[AuditEntry], tz: ZoneInfo
) -> ChangedSinceExport:
    shown = changes[-10:]
    lines = [
        f"  {when(c.at, tz)} {c.actor}: {c.action} {c.subject}"
        + (f" ({described})" if (described := audit.describe(c)) else "")
        for c in shown
    ]
    if len(changes) > len(shown):
        lines.insert(0, f"  … {len(changes) - len(shown)} earlier change(s)")
    listed = "\n".join(lines)
    return ChangedSinceExport(
        f"meeting {slug!r} was changed in the workspace after this file was exported (the file "
        f"has version {exported_version}, the workspace has version {current_version}):\n"
        f"{listed}\nimporting the file would overwrite these changes"
    )


def another_record(slug: str, reason: str) -> ChangedSinceExport:
    return ChangedSinceExport(
        f"the file was not exported from the meeting {slug!r} now in this workspace ({reason}); "
        "importing it would overwrite a different meeting"
    )


def either(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
