"""Editing one meeting from a screen, saved as you go, with a colleague's changes taken in.

A screen that edits a meeting (the agenda, its topics, its people) mixes this in. Its editing
state is one `EditingSession` (`planner.editing.session`): the screen applies each change
through a function of `planner.agenda.editing` (refused changes say why), keeps every
version in an `EditHistory` for undo and redo, hands the present to the session, and saves it
in a worker once the edits pause. Every few seconds it asks, cheaply, whether a colleague
saved the meeting: their version is loaded (the cursor stays on its item) when nothing here
is unsaved, merged with the edits here when they touch other parts, and shown side by side
when both changed the same part (`planner.tui.settling`). Leaving saves first, or keeps the
version aside in `unsaved/` and says where: the user is never held on the screen.

The screen provides `show()` (draw the meeting), a `#status` Static, `slug`, and the
`selected` path its edits apply to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from planner.agenda.history import EditHistory
from planner.agenda.merging import follow
from planner.editing.drafts import Draft, DraftKeeper
from planner.editing.keeping import KeptFile
from planner.editing.meetings import KeptMeeting, kept_meeting
from planner.editing.session import EditingSession, EditState, Outcome
from planner.errors import PlannerError
from planner.model import Meeting
from planner.tui.settling import Left, Settled, asking, leave, settle
from planner.tui.work import run_work, show_text
from planner.words import say

Path = tuple[int, ...]
Edit = Callable[[Meeting, Path | None], "tuple[Meeting, Path | None] | Meeting"]


class Editing:
    """What the app asks of every screen that edits something, before it quits or stops."""

    def keeper(self) -> EditingSession | DraftKeeper | None:
        """What holds the user's version now (None: nothing to keep)."""
        raise NotImplementedError

    @property
    def editing_state(self) -> EditState:
        raise NotImplementedError


class SavesAsYouGo(Editing):
    slug: str
    selected: Path | None = None
    history: EditHistory | None = None
    session: EditingSession[Meeting]
    saved_here = False
    """Whether this screen saved the meeting since it was read: until then the status line
    says which version is open, not "Saved"."""
    cursors: dict[int, Path | None]
    """The cursor of each state of the history, as it was when the state was left."""
    _save_timer: Timer | None = None
    _settling = False
    _settle_when_back = False
    _own_version = False
    """A newer version about to be taken in is this app's own (`back_from_own_screen`)."""
    SAVE_ACTION = "agenda.save"
    pending_draft: Draft | None = None
    """Text typed into one of this screen's forms when the app stopped: the form is opened
    with it once the meeting is loaded."""
    reapplying: KeptFile | None = None
    """A version kept aside, made the user's version again once the meeting is loaded."""

    def show(self) -> None:
        raise NotImplementedError  # each screen draws the meeting its own way

    LOADING = ""
    """The selector of the widget that shows a loading indicator while the meeting loads."""

    def start_editing(self, session: EditingSession[Meeting]) -> None:
        """Load the meeting, and look for a colleague's save every `check_every` seconds."""
        self.session = session
        self.load()
        self.set_interval(self.app.check_every, self.check_colleagues)  # type: ignore[attr-defined]

    def keeper(self) -> EditingSession[Meeting] | None:
        return getattr(self, "session", None)  # None until the screen has started

    @property
    def editing_state(self) -> EditState:
        session = getattr(self, "session", None)
        return session.state if session is not None else EditState.LOADING

    def load(self) -> None:
        busy = self.query_one(self.LOADING) if self.LOADING else None  # type: ignore[attr-defined]
        run_work(self, self.session.load, lambda _: self.loaded(), busy=busy)  # type: ignore[arg-type]

    def loaded(self) -> None:
        self.saved_here = False
        if self.reapplying is not None:
            kept, workspace = self.reapplying, self.app.workspace  # type: ignore[attr-defined]
            run_work(self, lambda: kept_meeting(workspace, kept), self.reapply)  # type: ignore[arg-type]
            return
        self.restart_history()
        self.show()
        if self.pending_draft is not None:
            draft, self.pending_draft = self.pending_draft, None
            self.open_draft(draft)

    def open_draft(self, draft: Draft) -> None:
        raise NotImplementedError  # each screen opens its own forms

    def reapply(self, kept: KeptMeeting) -> None:
        """The kept version is the user's now, saved through the merge like any edit."""
        self.session.reapply(kept.mine, kept.started_from)
        self.restart_history()
        self.show()
        if self.session.state is EditState.DIVERGED:
            self.start_settling()
        else:
            self.save_now()

    def reapplied(self) -> None:
        """The re-applied version is saved: its file is no longer needed."""
        kept, self.reapplying = self.reapplying, None
        if kept is not None:
            kept.discard()
            self.app.notify(say("editing_kept.reapplied", file=kept.path.name), timeout=8)  # type: ignore[attr-defined]

    def restart_history(self) -> None:
        present = self.session.present
        assert present is not None
        self.history = EditHistory(present, saved=self.session.state is EditState.SAVED)
        self.cursors = {}

    @property
    def meeting(self) -> Meeting:
        assert self.history is not None
        return self.history.present

    def edit(self, change: Edit, what: str) -> None:
        """Apply one edit: refused edits say why; a done one is kept for undo and saved."""
        if self.history is None:
            return
        self.catch_up()
        try:
            result = change(self.meeting, self.selected)
        except PlannerError as error:
            self.app.notify(str(error), severity="warning", timeout=8)  # type: ignore[attr-defined]
            return
        meeting, path = result if isinstance(result, tuple) else (result, self.selected)
        self.leaving()
        self.history.apply(meeting, self.word("edit", what))  # type: ignore[attr-defined]
        self.selected = path
        self.changed()

    def changed(self) -> None:
        """The present changed here: shown, handed to the session, saved soon."""
        assert self.history is not None
        self.session.edit(self.history.present)
        self.show()
        self.save_soon()

    def leaving(self) -> None:
        """Remember where the cursor was in the present state: undo and redo come back to
        it, so the item an edit moved is the one selected when the edit is undone."""
        assert self.history is not None
        self.cursors[self.history.present_serial] = self.selected

    def on_item(self, change: Callable[[Meeting, Path], object], what: str) -> None:
        if self.selected is not None:
            self.edit(lambda meeting, path: change(meeting, path), what)  # type: ignore[arg-type]

    def action_undo(self) -> None:
        self.step(back=True)

    def action_redo(self) -> None:
        self.step(back=False)

    def step(self, back: bool) -> None:
        if self.history is None:
            return
        self.catch_up()
        history = self.history
        possible = history.can_undo if back else history.can_redo
        if not possible:
            self.app.notify(self.word("ui", "nothing_to_undo" if back else "nothing_to_redo"))  # type: ignore[attr-defined]
            return
        what = history.undo_description if back else history.redo_description
        self.leaving()
        history.undo() if back else history.redo()
        self.selected = self.cursors.get(history.present_serial, self.selected)
        self.app.notify(self.word("ui", "undone" if back else "redone", what=what), timeout=3)  # type: ignore[attr-defined]
        self.changed()

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
        that reads the meeting from the workspace (its documents, its registrations). A
        clash or a refused save does not hold the user: that screen reads the stored one."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

        def saved(outcome: Outcome) -> None:
            self.after_work(outcome)
            then()

        run_work(self, self.session.save, saved, group="save")  # type: ignore[arg-type]

    def check_colleagues(self) -> None:
        """One small query: has a colleague saved the meeting since it was read?"""
        if self.session.state in (EditState.LOADING, EditState.SAVING) or self._settling:
            self._own_version = False
            return
        run_work(self, self.session.check, self.after_work, group="check", exclusive=True)  # type: ignore[arg-type]

    def back_from_own_screen(self) -> None:
        """Back from a screen opened here that saved the meeting itself (its details, its
        topics, people or events): the newer version is this app's own, taken in without
        saying that someone saved it."""
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
        if state is EditState.UNSAVED and self._save_timer is None:
            self.save_soon()  # edits made while it saved, or a merge to save
        saved = state is EditState.SAVED and outcome in (Outcome.SAVED, Outcome.MERGED)
        if saved and self.reapplying is not None:
            self.reapplied()

    def catch_up(self) -> None:
        """A colleague's version the session took in, not yet shown (the message saying so
        is on its way): shown first, so an edit made now applies to it, not over it."""
        assert self.history is not None
        if self.session.present is not self.history.present:
            taken = Outcome.RELOADED if self.session.state is EditState.SAVED else Outcome.MERGED
            self.took_theirs(taken)

    def took_theirs(self, outcome: Outcome) -> None:
        """The session holds a colleague's version, or it merged with this one: shown, the
        cursor on the same item, the history starting from it."""
        before = self.meeting if self.history is not None else None
        after = self.session.present
        assert after is not None
        if before is after:
            return  # shown already (caught up by an edit)
        if before is not None and self.selected is not None:
            self.selected = follow(self.selected, before, after) or self.selected_near(after)
        self.restart_history()
        self.show()
        if self._own_version:
            return  # saved by a screen opened from here: nothing to tell
        theirs = self.session.taken_in
        by = theirs.by if theirs is not None else ""
        key = "took_theirs" if outcome is Outcome.RELOADED else "merged_theirs"
        self.app.notify(say(f"editing_state.{key}", by=by), timeout=6)  # type: ignore[attr-defined]

    def selected_near(self, meeting: Meeting) -> Path | None:
        """Where the cursor goes when its item is gone: the first item, if any."""
        return (0,) if meeting.agenda else None

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
