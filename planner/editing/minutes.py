"""A meeting's minutes as the record of an editing session: read and saved through the
workspace, merged part by part (`planner.minutes.merging`), kept aside as a file of their own.

    session = minutes_session(workspace, "formannskapet-fjordvik-2015-11")
    session.load()

The user's version is a `Recording`: the minutes the rules accepted, saved as any edit, and
the text they refused, kept on screen until it is put right (the session's `savable`). A
version kept aside (`unsaved/<slug>-<time>.minutes.yaml`) holds both, and the version of the
minutes it started from, so re-applying it merges with what a colleague saved since:

    meeting: formannskapet-fjordvik-2015-11
    started_from: 3
    minutes: {present: [Ola Nordmann], items: [{item: ps-77-15, decision: Vedtatt.}]}
    typed_but_not_saved: {ps-77-15: {disqualified: Åse Vik}}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from planner.editing.keeping import MINUTES, KeptFile, base_of
from planner.editing.session import EditingSession, Version
from planner.minutes.merging import minutes_merge
from planner.minutes.typed import Recording, Typed
from planner.model import Meeting
from planner.model.minutes import Minutes
from planner.model.problems import invalid_input
from planner.store import StoredMinutes, Workspace
from planner.words import Words
from planner.yaml_safety import load_yaml, read_text_file


class KeptMinutes(BaseModel):
    """A version of a meeting's minutes kept aside, as it is written in its file."""

    model_config = ConfigDict(extra="forbid")

    meeting: str
    workspace: str | None = None
    started_from: int | None = None
    """The version of the stored minutes it started from."""
    minutes: Minutes
    typed_but_not_saved: dict[str, dict[str, str]] = {}


class StoredRecordings:
    """One meeting's minutes in a workspace, with the meeting they record."""

    def __init__(self, workspace: Workspace, slug: str, meeting: Meeting) -> None:
        self.workspace = workspace
        self.slug = slug
        self.meeting = meeting
        self.stored: StoredMinutes | None = None

    def load(self) -> Version[Recording]:
        stored = self.workspace.get_minutes(self.slug)
        return self._version(stored, self.workspace.minutes_last_saved(self.slug))

    def save(self, recording: Recording, version: int) -> Version[Recording]:
        assert self.stored is not None, "the minutes are loaded before they are saved"
        stored = self.workspace.save_minutes(
            self.stored.meeting_id, recording.minutes, version, self.slug
        )
        return self._version(stored, None)

    def _version(self, stored: StoredMinutes, change) -> Version[Recording]:
        self.stored = stored
        by, at = (change.actor, change.at) if change else (self.workspace.actor, _now())
        at = at.astimezone(self.meeting.zone)  # said in the meeting's zone
        return Version(Recording(stored.minutes), stored.version, by, at)

    def version_now(self) -> int | None:
        if self.stored is None:
            return None
        return self.workspace.minutes_version(self.stored.meeting_id)

    def text(self, recording: Recording, base: Version[Recording] | None) -> str:
        """A version as it is kept in a file: the minutes, the text the rules refused, and
        the version it started from."""
        kept = KeptMinutes(
            meeting=self.slug,
            workspace=self.workspace.id,
            started_from=None if base is None else base.version,
            minutes=recording.minutes,
            typed_but_not_saved={key: typed.written() for key, typed in recording.refused},
        )
        data = kept.model_dump(mode="json", exclude_defaults=True)
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def minutes_session(workspace: Workspace, slug: str, meeting: Meeting) -> EditingSession[Recording]:
    """The editing session of `meeting`'s minutes (`slug` as the workspace knows it)."""
    record = StoredRecordings(workspace, slug, meeting)
    return EditingSession(
        name=lambda _: slug,
        load=record.load,
        save=record.save,
        text=record.text,
        merge=minutes_merge(meeting),
        version_now=record.version_now,
        whole=Words("minutes_merge.whole"),
        savable=Recording.saved_part,
        kept_as=MINUTES,
        told="minutes_settle",
    )


@dataclass(frozen=True)
class KeptRecording:
    """A version of the minutes kept aside, to re-apply."""

    slug: str
    mine: Recording
    started_from: Version[Recording] | None
    """What it started from, when that is known and was this workspace's."""


def kept_recording(workspace: Workspace, kept: KeptFile) -> KeptRecording:
    """Read minutes kept aside (InvalidInput, saying where, when the file is no longer
    theirs) and what they started from."""
    mine = _read(kept)
    recording = Recording(
        mine.minutes,
        tuple((key, Typed.read(typed)) for key, typed in mine.typed_but_not_saved.items()),
    )
    base_path = base_of(kept.path)
    if mine.workspace != workspace.id or mine.started_from is None or not base_path.is_file():
        return KeptRecording(mine.meeting, recording, None)
    base = _read(KeptFile(base_path, kept.name, kept.at, kept.kind))
    started = Version(Recording(base.minutes), mine.started_from)
    return KeptRecording(mine.meeting, recording, started)


def _read(kept: KeptFile) -> KeptMinutes:
    data = load_yaml(read_text_file(kept.path), str(kept.path)).data
    try:
        return KeptMinutes.model_validate(data)
    except ValidationError as error:
        raise invalid_input(error, data, str(kept.path)) from None


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
