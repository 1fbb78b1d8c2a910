"""A meeting as the record of an editing session: read and saved through the workspace,
merged with `planner.agenda.merging`, kept aside as a meeting file.

    session = meeting_session(workspace, "ks-toppmote-integrering-2016")
    session.load()

A version kept aside is a meeting file (`planner import` reads it) stamped with the version
it started from, as an export is: importing it over a meeting changed since is refused
unless forced. What it started from is kept beside it, so re-applying it merges.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from planner.agenda.merging import merge_meetings
from planner.editing.keeping import KeptFile
from planner.editing.session import EditingSession, Version
from planner.errors import NotFound
from planner.meeting_files import dump_meeting_yaml, read_meeting_file
from planner.model import ExportStamp, Meeting, MeetingFile
from planner.store import StoredMeeting, Workspace
from planner.words import Words


class StoredMeetings:
    """One meeting of a workspace, followed by its id (a colleague may rename it)."""

    def __init__(self, workspace: Workspace, slug: str) -> None:
        self.workspace = workspace
        self.slug = slug
        self.stored: StoredMeeting | None = None

    def load(self) -> Version[Meeting]:
        if self.stored is None:
            stored = self.workspace.get_meeting(self.slug)
        else:
            stored = self.workspace.get_meeting_by_id(self.stored.id, self.slug)
        return self._version(stored, self.workspace.last_saved(stored.slug))

    def save(self, meeting: Meeting, version: int) -> Version[Meeting]:
        assert self.stored is not None, "a meeting is loaded before it is saved"
        stored = self.workspace.save_meeting(self.stored.id, meeting, version)
        return self._version(stored, None)

    def _version(self, stored: StoredMeeting, change) -> Version[Meeting]:
        self.stored, self.slug = stored, stored.slug
        if change is None:
            return Version(stored.meeting, stored.version, self.workspace.actor, _now())
        return Version(stored.meeting, stored.version, change.actor, change.at)

    def version_now(self) -> int | None:
        if self.stored is None:
            return None
        return self.workspace.meeting_version(self.stored.id)

    def text(self, meeting: Meeting, base: Version[Meeting] | None) -> str:
        """A version as a meeting file, stamped with the version it started from."""
        data = meeting.model_dump()
        stored = self.stored
        if base is not None and stored is not None:
            data["exported"] = ExportStamp(
                workspace=self.workspace.id,
                meeting=stored.uid,
                version=base.version,
                revision=stored.revision,
                at=_now().astimezone(meeting.zone),
                by=self.workspace.actor,
            )
        return dump_meeting_yaml(MeetingFile.model_validate(data))


def meeting_session(workspace: Workspace, slug: str) -> EditingSession[Meeting]:
    record = StoredMeetings(workspace, slug)
    return EditingSession(
        name=lambda meeting: meeting.slug,
        load=record.load,
        save=record.save,
        text=record.text,
        merge=merge_meetings,
        version_now=record.version_now,
        whole=Words("editing_merge.whole_meeting"),
    )


@dataclass(frozen=True)
class KeptMeeting:
    """A version of a meeting kept aside, to re-apply."""

    slug: str
    """The meeting it is a version of, as the workspace knew it."""
    mine: Meeting
    started_from: Version[Meeting] | None
    """What it started from, when that is known and was this workspace's meeting."""


def kept_meeting(workspace: Workspace, kept: KeptFile) -> KeptMeeting:
    """Read a version kept aside (InvalidInput, saying where, when the file is no longer a
    meeting) and what it started from."""
    file = read_meeting_file(kept.path)
    mine, stamp = _plain(file), file.exported
    if kept.base is None or stamp is None or stamp.workspace != workspace.id:
        return KeptMeeting(mine.slug, mine, None)
    base = _plain(read_meeting_file(kept.base))
    try:
        same = workspace.get_meeting(base.slug).uid == stamp.meeting
    except NotFound:
        same = False
    if not same:  # deleted since, and perhaps another meeting under its name
        return KeptMeeting(mine.slug, mine, None)
    return KeptMeeting(base.slug, mine, Version(base, stamp.version, stamp.by, stamp.at))


def _plain(meeting_file: MeetingFile) -> Meeting:
    return meeting_file.to_meeting()


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
