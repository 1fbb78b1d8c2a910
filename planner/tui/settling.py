"""The one flow for a colleague's change and for leaving, used by every editing screen.

- `settle(screen)`: each part both changed is shown side by side (`ClashScreen`); the user
  keeps theirs, takes the colleague's, or edits it (`ClashEditor`). Before anything of the
  user's is dropped it is kept aside in `unsaved/`; when that cannot be done the user is
  asked where else (`CouldNotKeepScreen`), and nothing is dropped until it is kept, copied,
  or the user says to discard it.
- `leave(app, keeper)`: before a screen closes or the app quits: save, else keep the
  user's version aside and say where; only when neither works, ask.

They run in async workers of the screen (the dialogs are awaited); the blocking work of the
session runs in a thread. A `Keeper` is what holds the user's version: an `EditingSession`,
or the text typed into a form (`planner.editing.drafts.DraftKeeper`); see
`planner.editing.leaving`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from enum import Enum
from typing import Any, TypeVar, assert_never

from textual.app import App
from textual.screen import Screen

from planner.config import shown_path
from planner.editing.clashes import Choice, Clash, Edited, Resolution
from planner.editing.keeping import KeepAsideFailed
from planner.editing.leaving import Keeper, kept_at_last, kept_words
from planner.editing.session import EditingSession, Outcome
from planner.errors import PlannerError
from planner.i18n import format_clock, format_date_short
from planner.tui.screens.conflict import (
    ClashChoice,
    ClashEditor,
    ClashScreen,
    CouldNotKeepScreen,
    NotKept,
)
from planner.words import current_language, say

T = TypeVar("T")


ASKING = "asking"


def asking(flow: str) -> str:
    """The worker group of a flow that waits for the user's answers: such a worker stays
    while a dialog is open (tests wait for the others)."""
    return f"{ASKING}:{flow}"


async def ask(app: App, dialog: Screen) -> Any:
    """Show a dialog and wait for its answer (in a worker)."""
    return await app.push_screen(dialog, wait_for_dismiss=True)


async def keeping(
    app: App, keeper: Keeper, attempt: Callable[[bool], T], *, quitting: bool = False
) -> tuple[T | None, NotKept | None]:
    """`attempt(mine_kept)` in a thread; when the user's version cannot be kept aside, ask
    where else, then try again with `mine_kept=True`. Its result and how the version was
    kept when it had to be asked (BACK: the user went back, nothing was done)."""
    mine_kept = False
    how: NotKept | None = None
    while True:
        try:
            return await asyncio.to_thread(attempt, mine_kept), how
        except KeepAsideFailed as failure:
            how = await ask(app, CouldNotKeepScreen(keeper, failure, quitting=quitting))
            match how:
                case NotKept.KEPT_ELSEWHERE | NotKept.COPIED | NotKept.DISCARDED:
                    mine_kept = True
                case NotKept.BACK | NotKept.QUIT_ANYWAY | None:
                    return None, how or NotKept.BACK
                case _:
                    assert_never(how)


class Left(Enum):
    OUT = "out"
    """Saved, or kept aside: the screen may close."""
    STAY = "stay"
    """The user went back to their version (it could not be kept)."""
    QUIT_ANYWAY = "quit_anyway"
    """Nothing could keep it: the app shows it on the terminal after quitting."""


@dataclass(frozen=True)
class Leaving:
    left: Left
    said: str = ""
    """What to tell the user: where their version was kept."""


async def leave(app: App, keeper: Keeper, *, quitting: bool = False) -> Leaving:
    """Save the user's version, else keep it aside; ask only when neither can be done."""
    outcome = await asyncio.to_thread(keeper.leave)
    match outcome:
        case Outcome.NOTHING | Outcome.SAVED | Outcome.MERGED | Outcome.RELOADED:
            return Leaving(Left.OUT)
        case Outcome.KEPT:
            return Leaving(Left.OUT, kept_words(keeper))
        case Outcome.NOT_KEPT:
            return await _ask_where(app, keeper, quitting)
        case Outcome.CLASHED | Outcome.FAILED:
            raise AssertionError(f"leave() never ends {outcome}")
        case _:
            assert_never(outcome)


async def _ask_where(app: App, keeper: Keeper, quitting: bool) -> Leaving:
    assert keeper.problem is not None
    answer = await ask(app, CouldNotKeepScreen(keeper, keeper.problem, quitting=quitting))
    match answer:
        case NotKept.KEPT_ELSEWHERE:
            return Leaving(Left.OUT, kept_words(keeper))
        case NotKept.COPIED:
            return Leaving(Left.OUT, say("editing_settle.copied"))
        case NotKept.DISCARDED:
            return Leaving(Left.OUT)
        case NotKept.BACK | None:
            return Leaving(Left.STAY)
        case NotKept.QUIT_ANYWAY:
            return Leaving(Left.QUIT_ANYWAY, await asyncio.to_thread(kept_at_last, keeper))
        case _:
            assert_never(answer)


# -- settling clashes ----------------------------------------------------------------------


class Settled(Enum):
    SETTLED = "settled"
    """Every clash settled: the present is the combination, unsaved."""
    LATER = "later"
    """The user will decide later: still DIVERGED."""


async def settle(app: App, session: EditingSession) -> Settled:
    """Show each clash until all are settled (or the user leaves it for later); keep the
    user's version aside before dropping any of it."""
    while True:
        merged = session.merged()
        resolutions: dict[str, Resolution] = {}
        total = len(merged.clashes)
        for number, clash in enumerate(merged.clashes, start=1):
            counted = say("editing_settle.counted", number=number, count=total)
            chosen = await _choose(app, session, clash, counted, merged, resolutions)
            if chosen is None:
                return Settled.LATER
            resolutions[clash.key] = chosen
        try:
            _, how = await keeping(app, session, _resolving(session, resolutions))
        except PlannerError as refused:  # the combination breaks a rule: choose again
            app.notify(str(refused), severity="warning", timeout=15)
            continue
        match how:
            case None | NotKept.KEPT_ELSEWHERE:
                if session.kept is not None and merged.drops_mine(resolutions):
                    app.notify(
                        say("editing_settle.kept_in", path=shown_path(session.kept)), timeout=15
                    )
                return Settled.SETTLED
            case NotKept.COPIED:
                app.notify(say("editing_settle.copied"), timeout=15)
                return Settled.SETTLED
            case NotKept.DISCARDED:
                return Settled.SETTLED
            case NotKept.BACK | NotKept.QUIT_ANYWAY:
                return Settled.LATER
            case _:
                assert_never(how)


def _resolving(
    session: EditingSession, resolutions: dict[str, Resolution]
) -> Callable[[bool], object]:
    return lambda mine_kept: session.resolve(resolutions, mine_kept=mine_kept)


async def _choose(
    app: App,
    session: EditingSession,
    clash: Clash,
    counted: str,
    merged,
    chosen_so_far: dict[str, Resolution],
) -> Resolution | None:
    heading, theirs_title = saved_by(session)
    while True:
        answer = await ask(app, ClashScreen(clash, heading, counted, theirs_title))
        match answer:
            case ClashChoice.KEEP_MINE:
                return Choice.KEEP_MINE
            case ClashChoice.TAKE_THEIRS:
                return Choice.TAKE_THEIRS
            case ClashChoice.EDIT:
                others = {c.key: Choice.KEEP_MINE for c in merged.clashes}

                def check(edited: Edited, others: dict[str, Resolution] = others) -> None:
                    merged.resolve({**others, **chosen_so_far, clash.key: edited})

                edited = await ask(app, ClashEditor(clash, theirs_title, check))
                if edited is not None:
                    return edited
            case ClashChoice.LATER | None:
                return None
            case _:
                assert_never(answer)


def saved_by(session: EditingSession) -> tuple[str, str]:
    """'Kari saved the meeting at 10.15 (Europe/Oslo) on 2.3.2026: version 5' and the title
    of their version."""
    theirs = session.theirs
    assert theirs is not None
    by = theirs.by or say("editing_settle.someone")
    title = say("editing_settle.theirs", by=by, version=theirs.version)
    told = session.told
    if theirs.at is None:
        return say(f"{told}.saved_meanwhile", by=by, version=theirs.version), title
    zone = getattr(theirs.record, "zone", None) or theirs.at.tzinfo or UTC
    at = theirs.at.astimezone(zone)
    language = current_language()
    when = say(
        "editing_settle.when",
        time=format_clock(at, language),
        day=format_date_short(at, language),
        zone=str(zone),
    )
    return say(f"{told}.saved_at", by=by, when=when, version=theirs.version), title
