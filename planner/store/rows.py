"""Rows in and out: a model as the values of its row, and a stored document read back.

A document is read back before it is stored, so a meeting that could not be read again is
never written. A stored document that no longer reads (changed outside Planner, or by a
newer version) is reported as damaged, naming the record and the field, never as a
traceback.
"""

from __future__ import annotations

import json
import secrets
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from pydantic_core import ErrorDetails, from_json

from planner.errors import Damaged, WorkspaceUnavailable
from planner.model import Meeting, MeetingFile, Registration
from planner.model.clock import zone as time_zone
from planner.model.meeting import localise_registration
from planner.model.problems import format_loc


def new_meeting_uid() -> str:
    return str(uuid.uuid4())


def new_registration_key() -> str:
    """A registration's key: 16 hex digits, e.g. '3f9a0c1e5b7d2a64'."""
    return secrets.token_hex(8)


def meeting_values(meeting: Meeting) -> tuple[dict[str, Any], Meeting]:
    """The row for a meeting, and the meeting as the workspace will give it back."""
    exclude = {"registrations", "exported"} if isinstance(meeting, MeetingFile) else None
    document = meeting.model_dump_json(exclude=exclude)
    stored = Meeting.model_validate_json(document)
    values = {
        "slug": stored.slug,
        "kind": stored.kind.value,
        "status": stored.status.value,
        "title": stored.text(stored.title),
        "timezone": stored.timezone,
        "start_at": stored.begins,
        "end_at": stored.end,
        "document": document,
    }
    return values, stored


def registration_values(
    registration: Registration, tz: ZoneInfo
) -> tuple[dict[str, Any], Registration]:
    """The row for a registration (which must have its key), and the registration as the
    workspace will give it back."""
    local = localise_registration(registration, tz)
    document = local.model_dump_json()
    stored = localise_registration(Registration.model_validate_json(document), tz)
    person = stored.person
    values = {
        "key": stored.key,
        "status": stored.status.value,
        "name": person.name,
        "email": person.email.lower() if person.email else None,
        "organisation": person.organisation,
        "submitted_at": stored.submitted_at,
        "checked_in_at": stored.checked_in_at,
        "document": document,
    }
    return values, stored


def read_meeting(document: str, slug: str, location: str) -> Meeting:
    try:
        return Meeting.model_validate_json(document)
    except ValidationError as error:
        raise damaged(f"meeting {slug!r}", location, error) from None


def read_registration(
    document: str, tz: ZoneInfo, registration_id: int, location: str
) -> Registration:
    try:
        return localise_registration(Registration.model_validate_json(document), tz)
    except ValidationError as error:
        raise damaged(
            f"registration {registration_id}", location, error, registration=registration_id
        ) from None


def meeting_zone(name: str, slug: str, location: str) -> ZoneInfo:
    try:
        return time_zone(name)
    except Exception:  # zoneinfo raises several kinds for an unknown or malformed name
        raise WorkspaceUnavailable(
            f"meeting {slug!r} in the workspace {location} is damaged: timezone: unknown time "
            f"zone {name!r}; it was changed outside Planner, restore it from a backup"
        ) from None


def damaged(
    what: str,
    location: str,
    error: ValidationError | list[ErrorDetails] | str,
    *,
    registration: int | None = None,
) -> Damaged:
    """`what` ("meeting 'x'", "registration 7") cannot be read: why, as pydantic said it or
    in words; the same message wherever the record is read."""
    if isinstance(error, str):
        where, reason, more = "", error, ""
    else:
        errors = error.errors() if isinstance(error, ValidationError) else error
        field = format_loc(errors[0]["loc"])
        where = f"{field}: " if field else ""
        reason = errors[0]["msg"]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return Damaged(
        f"{what} in the workspace {location} is damaged: {where}{reason}{more}; it was "
        "changed outside Planner or by a newer version: restore it from a backup",
        registration=registration,
    )


def document_data(document: str, what: str, location: str, **record: int) -> dict[str, Any]:
    """A stored document's fields, read as pydantic reads them, so a document that is not
    JSON is reported in the same words `show` uses."""
    try:
        data = from_json(document)
    except ValueError as error:
        raise damaged(what, location, f"Invalid JSON: {error}", **record) from None
    if not isinstance(data, dict):
        raise damaged(what, location, "Input should be an object", **record)
    return data


def changed_fields(old_document: str, new_document: str) -> list[str]:
    """The top-level fields whose values differ between two stored documents."""
    old, new = json.loads(old_document), json.loads(new_document)
    return [name for name in {**old, **new} if old.get(name) != new.get(name)]
