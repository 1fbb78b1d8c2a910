"""Editing a stored record from a screen, saved as you go, with a colleague's changes taken in.

A screen that edits a record (a meeting's agenda, its topics and people; a meeting's minutes)
mixes `SavesAsYouGo` in. Its editing state is one `EditingSession` (`planner.editing.session`):
the screen hands it each change, and it is saved in a worker once the edits pause. Every few
seconds the screen asks, cheaply, whether a colleague saved the record: their version is
loaded when nothing here is unsaved, merged with the edits here when they touch other parts,
and shown side by side when both changed the same part (`planner.tui.settling`). Leaving
saves first, or keeps the version aside in `unsaved/` and says where: the user is never held
on the screen. A meeting's screens add undo and redo (`planner.tui.meeting_editing`).

The screen provides `loaded()` (the record is read: show it), `show_taken()` (show the
session's present after a colleague's version was taken in), `shown_record()` and a
`#status` Static.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, assert_never

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from planner.editing.drafts import DraftKeeper
from planner.editing.keeping import KeptFile
from planner.editing.session import EditingSession, EditState, Outcome, Version
from planner.tui.settling import Left, Settled, asking, leave, settle
from planner.tui.work import run_work, show_text
from planner.words import say


class Reapplied(Protocol):
    """A version kept aside, read back: the user's version and what it started from."""

    @property
    def mine(self) -> Any: ...

    @property
    def started_from(self) -> Version[Any] | None: ...


class Editing:
    """What the app asks of every screen that edits something, before it quits or stops."""

    def keeper(self) -> EditingSession | DraftKeeper | None:
        """What holds the user's version now (None: nothing to keep)."""
        raise NotImplementedError

    @property
    def editing_state(self) -> EditState:
        raise NotImplementedError


class SavesAsYouGo(Editing):
    session: EditingSession
    saved_here = False
    """Whether this screen saved the record since it was read: until then the status line
    says which version is open, not "Saved"."""
    _save_timer: Timer | None = None
    _settling = False
    _settle_when_back = False
    _own_version = False
    """A newer version about to be taken in is this app's own (`back_from_own_screen`)."""
    SAVE_ACTION = "agenda.save"
    TOLD = "editing_state"
    """The group of labels (`took_theirs`, `merged_theirs`) that say a colleague's version
    was taken in."""
    LOADING = ""
    """The selector of the widget that shows a loading indicator while the record loads."""

    def loaded(self) -> None:
        raise NotImplementedError  # each screen shows its record its own way

    def show_taken(self) -> bool:
        """Show the session's present, which holds a colleague's version (or it merged with
        the user's); False when it is shown already."""
        raise NotImplementedError

    def shown_record(self) -> object:
        """The version of the record the screen shows (the session's present, unless the
        session took in a colleague's since)."""
        raise NotImplementedError

    reapplying: KeptFile | None = None
    """A version kept aside, made the user's version again once the record is loaded."""

    def show_reapplied(self) -> None:
        """Show the session's present, the version kept aside made the user's again."""
        raise NotImplementedError

    def reapply(self, kept: Reapplied) -> None:
        """The kept version is the user's now, saved through the merge like any edit."""
        self.session.reapply(kept.mine, kept.started_from)
        self.show_reapplied()
        if self.session.state is EditState.DIVERGED:
            self.start_settling()
        else:
            self.save_now()

    def after_saved(self) -> None:
        """The user's version is saved: a version re-applied from its file is no longer
        needed there."""
        kept, self.reapplying = self.reapplying, None
        if kept is not None:
            kept.discard()
            self.app.notify(say("editing_kept.reapplied", file=kept.path.name), timeout=8)  # type: ignore[attr-defined]

    def start_editing(self, session: EditingSession) -> None:
        """Load the record, and look for a colleague's save every `check_every` seconds."""
        self.session = session
        self.load()
        self.set_interval(self.app.check_every, self.check_colleagues)  # type: ignore[attr-defined]

    def keeper(self) -> EditingSession | None:
        return getattr(self, "session", None)  # None until the screen has started

    @property
    def editing_state(self) -> EditState:
        session = getattr(self, "session", None)
        return session.state if session is not None else EditState.LOADING

    def load(self) -> None:
        busy = self.query_one(self.LOADING) if self.LOADING else None  # type: ignore[attr-defined]
        run_work(self, self.session.load, lambda _: self.loaded(), busy=busy)  # type: ignore[arg-type]

    # -- saving as you go ----------------------------------------------------------------

    def action_save(self) -> None:
        """Save now; while a colleague's version clashes with this one, settle it first."""
        if self.session.state is EditState.DIVERGED:
            self.start_settling()
        else:
            self.save_now()

    def save_soon(self) -> None:
        """Save once the edits pause for `save_after` seconds (config.toml, [editing])."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.app.save_after, self.save_now)  # type: ignore[attr-defined]
        self.show_status()

    def save_now(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self.session.state is EditState.UNSAVED:
            run_work(self, self.session.save, self.after_work, group="save")  # type: ignore[arg-type]
        self.show_status()

    def saved_then(self, then: Callable[[], None]) -> None:
        """Save what is unsaved (after a save under way), then `then()`: before a screen
        that reads the record from the workspace (its documents, its registrations). A
        clash or a refused save does not hold the user: that screen reads the stored one."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

        def saved(outcome: Outcome) -> None:
            self.after_work(outcome)
            then()

        run_work(self, self.session.save, saved, group="save")  # type: ignore[arg-type]

    def check_colleagues(self) -> None:
        """One small query: has a colleague saved the record since it was read?"""
        if self.session.state in (EditState.LOADING, EditState.SAVING) or self._settling:
            self._own_version = False
            return
        run_work(self, self.session.check, self.after_work, group="check", exclusive=True)  # type: ignore[arg-type]

    def back_from_own_screen(self) -> None:
        """Back from a screen opened here that saved the record itself (a meeting's
        details, its topics, people or events): the newer version is this app's own, taken
        in without saying that someone saved it."""
        self._own_version = True
        self.check_colleagues()

    def after_work(self, outcome: Outcome) -> None:
        """What a save or a look for a colleague's save did, shown."""
        match outcome:
            case Outcome.NOTHING | Outcome.SAVED:
                pass
            case Outcome.RELOADED | Outcome.MERGED:
                self.took_theirs(outcome)
            case Outcome.CLASHED:
                self.start_settling()
            case Outcome.FAILED | Outcome.KEPT | Outcome.NOT_KEPT:
                pass  # the status says why
            case _:
                assert_never(outcome)
        if outcome in (Outcome.SAVED, Outcome.MERGED):
            self.saved_here = True
        elif outcome is Outcome.RELOADED:
            self.saved_here = self._own_version  # else a colleague's version, as read
        self._own_version = False
        self.show_status()
        state = self.session.state
        if state is EditState.UNSAVED and self._save_timer is None and not self.held_back():
            self.save_soon()  # edits made while it saved, or a merge to save
        if state is EditState.SAVED and outcome in (Outcome.SAVED, Outcome.MERGED):
            self.after_saved()

    def held_back(self) -> bool:
        """Whether what is unsaved is only what the record's rules refused, so saving again
        would save nothing (a failed save is tried again)."""
        return False

    def catch_up(self) -> None:
        """A colleague's version the session took in, not yet shown (the message saying so
        is on its way): shown first, so an edit made now applies to it, not over it."""
        if self.session.present is not self.shown_record():
            taken = Outcome.RELOADED if self.session.state is EditState.SAVED else Outcome.MERGED
            self.took_theirs(taken)

    def took_theirs(self, outcome: Outcome) -> None:
        """The session holds a colleague's version, or it merged with this one: shown, and
        said (unless it is this app's own)."""
        if not self.show_taken() or self._own_version:
            return
        theirs = self.session.taken_in
        by = theirs.by if theirs is not None else ""
        key = "took_theirs" if outcome is Outcome.RELOADED else "merged_theirs"
        self.app.notify(say(f"{self.TOLD}.{key}", by=by), timeout=6)  # type: ignore[attr-defined]

    # -- a colleague's version that clashes ------------------------------------------------

    def start_settling(self) -> None:
        if self._settling:
            return
        if not self.is_current:  # type: ignore[attr-defined]
            self._settle_when_back = True  # a form is open above: asked when it closes
            return
        self._settle_when_back = False
        self._settling = True
        self.run_worker(self._settle(), group=asking("settle"), exclusive=True)  # type: ignore[attr-defined]

    async def _settle(self) -> None:
        try:
            settled = await settle(self.app, self.session)  # type: ignore[attr-defined]
        finally:
            self._settling = False
        match settled:
            case Settled.SETTLED:
                self.took_theirs(Outcome.MERGED)
                self.save_now()
            case Settled.LATER:
                self.show_status()
            case _:
                assert_never(settled)

    def on_screen_resume(self) -> None:
        if self._settle_when_back and self.session.state is EditState.DIVERGED:
            self.start_settling()

    # -- leaving ---------------------------------------------------------------------------

    def go_back(self, then: Callable[[], None]) -> None:
        """Save (or keep aside) and then leave; the user is never held here."""
        self.run_worker(self._leave_then(then), group=asking("leave"), exclusive=True)  # type: ignore[attr-defined]

    async def _leave_then(self, then: Callable[[], None]) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        leaving = await leave(self.app, self.session)  # type: ignore[attr-defined]
        match leaving.left:
            case Left.OUT | Left.QUIT_ANYWAY:
                if leaving.said:
                    self.app.notify(leaving.said, severity="warning", timeout=20)  # type: ignore[attr-defined]
                then()
            case Left.STAY:
                self.show_status()
            case _:
                assert_never(leaving.left)

    def show_status(self) -> None:
        status = self.query_one("#status", Static)  # type: ignore[attr-defined]
        save = self.app.get_key_display_for(self.SAVE_ACTION)  # type: ignore[attr-defined]
        show_text(status, Text(state_words(self.session, save, saved_here=self.saved_here)))


def state_words(session: EditingSession, save: str, *, saved_here: bool = True) -> str:
    """The state of the edit in a line: 'Version 2' (as opened), 'Saved (version 3)', 'Not
    saved yet' …"""
    state = session.state
    match state:
        case EditState.LOADING:
            return say("ui.loading")
        case EditState.SAVED:
            base = session.base
            return say(
                "ui.saved" if saved_here else "ui.opened", version=base.version if base else ""
            )
        case EditState.UNSAVED:
            if session.problem is not None:
                return say("ui.not_saved", reason=session.problem)
            return say("ui.unsaved")
        case EditState.SAVING:
            return say("ui.saving")
        case EditState.DIVERGED:
            theirs = session.theirs
            return say("editing_state.diverged", by=theirs.by if theirs else "", save=save)
        case _:
            assert_never(state)
