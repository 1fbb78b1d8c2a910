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
from typing import Annotated, Any, Literal, Required
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, ConfigDict, StringConstraints, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails, from_json
from typing_extensions import TypedDict

from planner.errors import Damaged, WorkspaceUnavailable
from planner.model import Meeting, MeetingFile, Registration, RegistrationStatus
from planner.model.clock import zone as time_zone
from planner.model.meeting import NOT_THE_MEETING, localise_registration
from planner.model.problems import format_loc
from planner.model.registration import FORMER_STATUSES
from planner.search import folded


def new_meeting_uid() -> str:
    return str(uuid.uuid4())


def new_registration_key() -> str:
    """A registration's key: 16 hex digits, e.g. '3f9a0c1e5b7d2a64'."""
    return secrets.token_hex(8)


def meeting_values(meeting: Meeting) -> tuple[dict[str, Any], Meeting]:
    """The row for a meeting, and the meeting as the workspace will give it back."""
    exclude = NOT_THE_MEETING if isinstance(meeting, MeetingFile) else None
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
    return registration_row(stored, document), stored


def registration_row(registration: Registration, document: str) -> dict[str, Any]:
    """The columns of a registration's row (its `document` made already), and the items it
    chose (`choices`, kept in their own table)."""
    person = registration.person
    return {
        "key": registration.key,
        "status": registration.status.value,
        "name": person.name,
        "email": person.email.lower() if person.email else None,
        "organisation": person.organisation,
        "delegation": registration.delegation,
        "submitted_at": registration.submitted_at,
        "priority": registration.priority,
        "offer_expires_at": registration.offer_expires_at,
        "checked_in_at": registration.checked_in_at,
        "search": folded(" ".join(filter(None, (person.name, person.email, person.organisation)))),
        "document": document,
        "choices": sorted(set(registration.answers.workshops)),
    }


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


class _StoredPerson(TypedDict):
    __pydantic_config__ = ConfigDict(extra="allow")  # type: ignore[misc]
    name: Annotated[str, StringConstraints(min_length=1)]


_Status = Literal.__getitem__((*(s.value for s in RegistrationStatus), *FORMER_STATUSES))  # type: ignore[attr-defined]


class StoredRegistrationShape(TypedDict, total=False):
    """What makes a stored document a registration a meeting file can hold: an object with a
    registration's fields and no others, a person with a name, a known status, date-times
    with their UTC offsets. Checked in C, without the model's own rules (e-mail addresses,
    text cleaning): those held when the registration was stored."""

    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    key: Required[str]
    person: Required[_StoredPerson]
    status: Required[_Status]
    submitted_at: Required[AwareDatetime]
    priority: int
    offer_expires_at: AwareDatetime | None
    source: str
    answers: dict[str, Any]
    notes: str | None
    checked_in_at: AwareDatetime | None


_STORED_REGISTRATION = TypeAdapter(StoredRegistrationShape)


def stored_registration(document: str, registration_id: int, location: str) -> dict[str, Any]:
    """A stored registration's fields (times as date-times), checked only for the shape of
    a registration (`StoredRegistrationShape`), not read into the model again: what lets a
    meeting of 100,000 be exported in seconds. A document that is not that shape is
    Damaged, in the words `show` uses."""
    try:
        return _STORED_REGISTRATION.validate_json(document)
    except ValidationError as error:
        raise damaged(
            f"registration {registration_id}", location, error, registration=registration_id
        ) from None


def changed_fields(old_document: str, new_document: str) -> list[str]:
    """The top-level fields whose values differ between two stored documents."""
    old, new = json.loads(old_document), json.loads(new_document)
    return [name for name in {**old, **new} if old.get(name) != new.get(name)]
