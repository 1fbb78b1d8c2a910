"""The state of editing one stored record: one object every editing screen holds.

A record (a meeting, later a registration…) is read with its version, edited, and saved
back naming the version it was read at; the workspace refuses the save with `Conflict` when
a colleague saved in between. The session knows only the functions it is given:

    session = EditingSession(
        name=lambda meeting: meeting.slug,           # names the files it is kept in
        load=lambda: Version(workspace.get_meeting(slug).meeting, ...),
        save=lambda meeting, version: ...,        # Conflict when `version` is stale
        text=lambda meeting, base: yaml_of(meeting),   # how a version is kept in a file
        merge=merge_meetings,                     # optional: else settled whole
        version_now=lambda: workspace.meeting_version(meeting_id),   # optional: polling
    )

Its `state` is one of `EditState`: LOADING until the record is read; SAVED while the user's
version is the stored one; UNSAVED after an edit; SAVING while a save runs; DIVERGED when a
colleague saved a version that clashes with the user's (both changed the same part). The
user's version is `present`; what it started from is `base`; the colleague's is `theirs`.

- `edit(record)`: the user changed it (cheap; called on the screen's thread).
- `save()`: save the present. A colleague's save meanwhile is merged in when the changes
  touch different parts (and saved); when they clash the session is DIVERGED.
- `check()`: whether a colleague saved meanwhile (one small query); if so their version is
  loaded, or merged with the user's edits, or the session is DIVERGED.
- `resolve(resolutions)`: settle the clashes; the user's version is kept aside first when
  anything of it is left out (`KeepAsideFailed` if it cannot be: nothing changes then).
- `leave()`: always lets the user go: saves, or else keeps the user's version aside in
  `unsaved/` and says where; only when that too fails does it report `NOT_KEPT`.

A record whose rules are applied as the user types (the minutes) may hold more than the
workspace can take: `savable` gives the part that can be saved and why the rest cannot be.
That part is saved as any edit; the rest stays the user's, unsaved (`problem` says why), on
screen and kept aside on leaving, until it is put right.

The blocking methods (`load`, `save`, `check`, `resolve`, `keep_aside`, `leave`) may run in
a worker thread; one at a time reaches the workspace, and state changes are locked.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Generic, TypeVar

from planner.editing import keeping
from planner.editing.clashes import Merged, Resolution
from planner.editing.keeping import KeepAsideFailed
from planner.errors import Conflict, PlannerError
from planner.words import Words

R = TypeVar("R")

SAVES_IN_A_ROW = 3
"""How many times one `save()` saves again for edits made while it saved."""


class EditState(Enum):
    LOADING = "loading"
    SAVED = "saved"
    UNSAVED = "unsaved"
    SAVING = "saving"
    DIVERGED = "diverged"


@dataclass(frozen=True)
class Version(Generic[R]):
    """A record as stored: the version to name when saving it, and who saved it when."""

    record: R
    version: int
    by: str = ""
    at: datetime | None = None


class Outcome(Enum):
    """What a blocking call of the session did."""

    NOTHING = "nothing"
    """Nothing to do: nothing unsaved, nothing changed elsewhere."""
    SAVED = "saved"
    MERGED = "merged"
    """A colleague's version was combined with the user's (and saved, by `save`)."""
    RELOADED = "reloaded"
    """A colleague's version replaced the user's, who had nothing unsaved."""
    CLASHED = "clashed"
    """Both changed the same part: DIVERGED until the user settles it."""
    FAILED = "failed"
    """Refused or unreachable: `problem` says why; the user's version is still there."""
    KEPT = "kept"
    """Not saved, but kept aside: `kept` says where."""
    NOT_KEPT = "not_kept"
    """Neither saved nor kept: `problem` says why (a `KeepAsideFailed`)."""


class EditingSession(Generic[R]):
    def __init__(
        self,
        *,
        name: Callable[[R], str],
        load: Callable[[], Version[R]],
        save: Callable[[R, int], Version[R]],
        text: Callable[[R, Version[R] | None], str],
        merge: Callable[[R | None, R, R], Merged[R]] | None = None,
        version_now: Callable[[], int | None] | None = None,
        whole: Words | None = None,
        savable: Callable[[R], tuple[R, PlannerError | None]] | None = None,
        kept_as: str = keeping.VERSION,
        told: str = "editing_settle",
    ) -> None:
        self._name = name
        """Names the files the user's versions are kept in (a meeting's slug)."""
        self._load = load
        self._save = save
        self._text = text
        self._merge = merge
        self._version_now = version_now
        self._whole = whole or Words("editing.whole_record")
        self._savable = savable
        """The part of a version the workspace can take, and why the rest cannot be."""
        self._kept_as = kept_as
        """How the files the user's versions are kept in end (`keeping.VERSION`)."""
        self.told = told
        """The group of labels (`saved_at`, `saved_meanwhile`) that tell the user a
        colleague saved this kind of record."""
        self._lock = threading.RLock()
        self._io = threading.Lock()
        self._state = EditState.LOADING
        self._saving = False
        self.base: Version[R] | None = None
        """The stored version the user's started from."""
        self.present: R | None = None
        """The user's version."""
        self.theirs: Version[R] | None = None
        """The colleague's version, while DIVERGED."""
        self.taken_in: Version[R] | None = None
        """The colleague's version last loaded or merged in."""
        self.problem: PlannerError | None = None
        """Why the last save failed (until the next edit or save)."""
        self.kept: Path | None = None
        """Where the user's version was last kept aside."""
        self._kept_present: R | None = None
        self._base_unknown = False

    # -- the state -------------------------------------------------------------------------

    @property
    def state(self) -> EditState:
        with self._lock:
            if self.base is None or self.present is None:
                return EditState.LOADING
            if self.theirs is not None:
                return EditState.DIVERGED
            if self._saving:
                return EditState.SAVING
            return EditState.SAVED if self._is_saved() else EditState.UNSAVED

    def _is_saved(self) -> bool:
        assert self.base is not None
        return self.present is self.base.record or self.present == self.base.record

    @property
    def unsaved(self) -> bool:
        """Whether the user has something the workspace does not hold."""
        return self.state in (EditState.UNSAVED, EditState.SAVING, EditState.DIVERGED)

    # -- on the screen's thread ------------------------------------------------------------

    def opened(self, version: Version[R]) -> None:
        """The record as read: the user's version is the stored one."""
        with self._lock:
            self.base = version
            self.present = version.record
            self.theirs = None
            self.problem = None
            self._base_unknown = False

    def edit(self, record: R) -> None:
        with self._lock:
            self.present = record
            self.problem = None

    def reapply(self, mine: R, started_from: Version[R] | None) -> None:
        """A version kept aside made the user's again, over the record as loaded: saved
        through the merge with the version it `started_from`; when that is not known, the
        loaded record is the colleague's and every difference is the user's to settle."""
        with self._lock:
            loaded = self.base
            assert loaded is not None, "the record is loaded before a version is re-applied"
            self.present = mine
            if started_from is None:
                self.theirs, self._base_unknown = loaded, True
            else:
                self.base = started_from

    # -- blocking: may run in a worker ------------------------------------------------------

    def load(self) -> Version[R]:
        """Read the record (LOADING until then) and start from it."""
        version = self._load()
        self.opened(version)
        return version

    def save(self) -> Outcome:
        """Save the user's version; merge a colleague's in when they touch different parts."""
        with self._io:
            merged = saved = False
            for _ in range(SAVES_IN_A_ROW):
                outcome = self._save_once()
                if outcome is Outcome.MERGED:
                    merged = True
                    continue
                if outcome is Outcome.SAVED:
                    saved = True
                    if self.state is EditState.UNSAVED:
                        continue  # edits made while it saved
                if outcome in (Outcome.SAVED, Outcome.NOTHING):
                    return Outcome.MERGED if merged else Outcome.SAVED if saved else outcome
                return outcome
            return Outcome.MERGED if merged else Outcome.SAVED

    def _save_once(self) -> Outcome:
        with self._lock:
            if self.state is not EditState.UNSAVED:
                return Outcome.NOTHING
            present, base = self.present, self.base
            assert present is not None and base is not None
            record, held = self._savable(present) if self._savable else (present, None)
            if held is not None:
                self.problem = held
                if record == base.record:
                    return Outcome.NOTHING  # only what cannot be saved is new
            self._saving = True
        try:
            stored = self._save(record, base.version)
        except Conflict as refusal:
            return self._refused(refusal, base)
        except PlannerError as error:
            with self._lock:
                self.problem = error
            return Outcome.FAILED
        finally:
            with self._lock:
                self._saving = False
        with self._lock:
            # What was saved is the present (the same object, while no edit came since):
            # telling saved from unsaved is then a comparison of identity, not of content.
            self.base = replace(stored, record=record)
        return Outcome.SAVED

    def _refused(self, refusal: Conflict, base: Version[R]) -> Outcome:
        """A save refused: a colleague's version to merge, or a refusal of this change (a
        slug taken, the meeting deleted) to say."""
        try:
            theirs = self._load()
        except PlannerError:  # gone: the refusal says who deleted it
            with self._lock:
                self.problem = refusal
            return Outcome.FAILED
        if theirs.version == base.version:
            with self._lock:
                self.problem = refusal
            return Outcome.FAILED
        with self._lock:
            return self._merge_in(theirs)

    def check(self) -> Outcome:
        """Whether a colleague saved meanwhile; their version is taken in if so. Cheap when
        not: one small query. Does nothing while a save runs (the save will see it)."""
        if self._version_now is None or not self._io.acquire(blocking=False):
            return Outcome.NOTHING
        try:
            with self._lock:
                state = self.state
                watched = self.theirs if self.theirs is not None else self.base
            if state in (EditState.LOADING, EditState.SAVING) or watched is None:
                return Outcome.NOTHING
            now = self._version_now()
            if now == watched.version:
                return Outcome.NOTHING
            try:
                theirs = self._load()
            except PlannerError as error:
                with self._lock:
                    self.problem = error
                return Outcome.FAILED
            with self._lock:
                if self.state is EditState.SAVED:
                    self.opened(theirs)
                    self.taken_in = theirs
                    return Outcome.RELOADED
                return self._merge_in(theirs)
        finally:
            self._io.release()

    def _merge_in(self, theirs: Version[R]) -> Outcome:
        """(Locked.) Combine the colleague's version with the user's: MERGED (the present
        is the combination, based on theirs) or CLASHED (DIVERGED until settled)."""
        self.theirs = theirs
        merged = self.merged()
        if merged.clashes:
            return Outcome.CLASHED
        try:
            combined = merged.resolve({})
        except PlannerError:  # each change fine alone, not together: the user decides
            return Outcome.CLASHED
        self.base, self.present, self.theirs = theirs, combined, None
        self.taken_in = theirs
        return Outcome.MERGED

    def merged(self) -> Merged[R]:
        """The user's version merged with the colleague's (while DIVERGED)."""
        from planner.editing.clashes import whole_record

        with self._lock:
            base, mine, theirs = self.base, self.present, self.theirs
        assert base is not None and mine is not None and theirs is not None
        started = None if self._base_unknown else base.record
        if self._merge is not None:
            return self._merge(started, mine, theirs.record)
        return whole_record(
            started, mine, theirs.record, shown=lambda r: self._text(r, None), what=self._whole
        )

    def resolve(
        self, resolutions: Mapping[str, Resolution], *, mine_kept: bool = False
    ) -> Path | None:
        """Settle the clashes: the present becomes the combination, based on the colleague's
        version, and is unsaved until saved. When anything of the user's is left out, their
        version is kept aside first (unless `mine_kept`: kept elsewhere, or the user said to
        discard it); KeepAsideFailed, changing nothing, when it cannot be. Where it was
        kept, if it was. The record's InvalidInput when the combination breaks a rule."""
        merged = self.merged()
        combined = merged.resolve(resolutions)
        kept = None
        if merged.drops_mine(resolutions) and not mine_kept:
            kept = self.keep_aside()
        with self._lock:
            theirs = self.theirs
            assert theirs is not None
            self.base, self.present, self.theirs = theirs, combined, None
            self.taken_in = theirs
            self._base_unknown = False
        return kept

    def take_theirs(self, *, mine_kept: bool = False) -> Path | None:
        """Drop the user's version for the colleague's (or the stored one), keeping the
        user's aside first as `resolve` does."""
        kept = None if mine_kept or not self.unsaved else self.keep_aside()
        with self._lock:
            stored = self.theirs or self.base
            assert stored is not None
            self.opened(stored)
        return kept

    def keep_aside(self, folder: Path | None = None) -> Path:
        """Write the user's version to a new file in `folder` (default `unsaved/`), with
        what it started from beside it. KeepAsideFailed says why it could not be."""
        with self._lock:
            present, base = self.present, self.base
        assert present is not None
        if self.kept is not None and self._kept_present is present and folder is None:
            return self.kept  # kept already, unchanged since
        path = keeping.keep(
            self._name(present),
            self._text(present, base),
            base_text=None if base is None else self._text(base.record, base),
            folder=folder,
            suffix=self._kept_as,
        )
        with self._lock:
            self.kept, self._kept_present = path, present
        return path

    def text(self) -> str:
        """The user's version as it is kept in a file (for the clipboard)."""
        with self._lock:
            present, base = self.present, self.base
        assert present is not None
        return self._text(present, base)

    def leave(self) -> Outcome:
        """Before the screen closes or the app quits: SAVED (or NOTHING) when the workspace
        holds the user's version; else KEPT in `unsaved/` (`kept` says where); NOT_KEPT only
        when that too failed (`problem` says why)."""
        if self.state in (EditState.LOADING, EditState.SAVED):
            return Outcome.NOTHING
        if self.state is not EditState.DIVERGED:
            outcome = self.save()
            if outcome in (Outcome.SAVED, Outcome.MERGED, Outcome.NOTHING) and not self.unsaved:
                return outcome
        try:
            self.keep_aside()
        except KeepAsideFailed as failure:
            with self._lock:
                self.problem = failure
            return Outcome.NOT_KEPT
        return Outcome.KEPT
