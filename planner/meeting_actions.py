"""What a secretariat does to a whole meeting, as the app and the command line both do it:
create it, copy it as next year's, archive it, cancel it, delete it.

Each is one call on an open workspace; the rules are in the model and in
`planner.meeting_copies`, the records in the workspace.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from planner.model import Meeting, MeetingStatus
from planner.model.problems import invalid_input
from planner.store import StoredMeeting, Workspace
from planner.words import Words

NEW_MEETING = Words("agenda_copy.new_meeting")
"""How problems with a new meeting's fields name where they are."""


def create(
    workspace: Workspace, data: dict[str, Any], source: str | Words = NEW_MEETING
) -> StoredMeeting:
    """Add a meeting from its fields; InvalidInput naming each field the model refuses."""
    return add(workspace, validated(data, source))


def add(workspace: Workspace, meeting: Meeting) -> StoredMeeting:
    """Add a meeting already checked by the model."""
    return workspace.add_meeting(meeting)


def validated(data: dict[str, Any], source: str | Words) -> Meeting:
    try:
        return Meeting.model_validate(data)
    except ValidationError as error:
        raise invalid_input(error, data, source) from None


def duplicate(workspace: Workspace, slug: str, new_slug: str | None = None) -> StoredMeeting:
    """Add next year's copy of a meeting: the same weekdays, the agenda kept, no
    registrations."""
    from planner.meeting_copies import next_years

    stored = workspace.get_meeting(slug)
    return workspace.add_meeting(next_years(stored.meeting, new_slug))


def set_archived(workspace: Workspace, slug: str, archived: bool) -> StoredMeeting:
    stored = workspace.get_meeting(slug)
    changed = stored.meeting.model_copy(update={"archived": archived})
    return workspace.save_meeting(stored.id, changed, stored.version)


def cancel(workspace: Workspace, slug: str) -> StoredMeeting:
    """Mark a meeting cancelled (the invitations' CANCEL goes out from
    `planner.invitations`)."""
    stored = workspace.get_meeting(slug)
    if stored.meeting.status == MeetingStatus.CANCELLED:
        return stored
    changed = stored.meeting.model_copy(update={"status": MeetingStatus.CANCELLED})
    return workspace.save_meeting(stored.id, changed, stored.version)


def delete(workspace: Workspace, slug: str) -> None:
    stored = workspace.get_meeting(slug)
    workspace.delete_meeting(stored.id, stored.version, slug)
