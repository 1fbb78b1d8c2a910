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
from planner.model.problems import format_loc, said
from planner.words import Words


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
        raise damaged(meeting_named(slug), location, error) from None


def read_registration(
    document: str, tz: ZoneInfo, registration_id: int, location: str
) -> Registration:
    try:
        return localise_registration(Registration.model_validate_json(document), tz)
    except ValidationError as error:
        raise damaged(
            registration_named(registration_id), location, error, registration=registration_id
        ) from None


def meeting_zone(name: str, slug: str, location: str) -> ZoneInfo:
    try:
        return time_zone(name)
    except Exception:  # zoneinfo raises several kinds for an unknown or malformed name
        raise WorkspaceUnavailable(
            Words(
                "store_rows.unknown_zone",
                slug=repr(slug),
                location=location,
                zone=repr(name),
            )
        ) from None


def meeting_named(slug: str) -> Words:
    """ "meeting 'nordisk-2026'" in a message about a stored meeting."""
    return Words("store_rows.meeting", slug=repr(slug))


def registration_named(registration_id: int) -> Words:
    """ "registration 7" in a message about a stored registration."""
    return Words("store_rows.registration", id=registration_id)


def damaged(
    what: Words,
    location: str,
    error: ValidationError | list[ErrorDetails],
    *,
    registration: int | None = None,
) -> Damaged:
    """`what` (`meeting_named`, `registration_named`) cannot be read: why, as pydantic found
    it; the same message wherever the record is read."""
    errors = error.errors() if isinstance(error, ValidationError) else error
    first = errors[0]
    field = format_loc(first["loc"])
    more = len(errors) - 1
    return Damaged(
        Words(
            "store_rows.damaged",
            what=what,
            location=location,
            problem=Words("store_rows.at_field", field=field, problem=said(first))
            if field
            else said(first),
            more=Words("store_rows.and_more", count=more) if more else "",
        ),
        registration=registration,
    )


def document_data(document: str, what: Words, location: str, **record: int) -> dict[str, Any]:
    """A stored document's fields, read as pydantic reads them, so a document that is not
    JSON is reported in the same words `show` uses."""
    try:
        data = from_json(document)
    except ValueError as error:
        found = _error("json_invalid", f"Invalid JSON: {error}", document, error=str(error))
        raise damaged(what, location, [found], **record) from None
    if not isinstance(data, dict):
        found = _error("model_type", "Input should be an object", data)
        raise damaged(what, location, [found], **record)
    return data


def _error(kind: str, message: str, value: Any, **context: Any) -> ErrorDetails:
    """An error as pydantic would give it, for a document read before pydantic sees it."""
    return ErrorDetails(type=kind, loc=(), msg=message, input=value, ctx=context)


def changed_fields(old_document: str, new_document: str) -> list[str]:
    """The top-level fields whose values differ between two stored documents."""
    old, new = json.loads(old_document), json.loads(new_document)
    return [name for name in {**old, **new} if old.get(name) != new.get(name)]
