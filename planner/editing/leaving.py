"""Leaving with something unsaved: what holds the user's version (`Keeper`), and how it is
kept when no one is there to ask (the terminal closed, the system stopped the app)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Protocol, assert_never

from planner.config import shown_path
from planner.editing.keeping import KeepAsideFailed
from planner.editing.session import Outcome
from planner.errors import PlannerError
from planner.words import say


class Keeper(Protocol):
    """What holds a user's version that may have to be kept aside: an `EditingSession`, or
    the text typed into a form (`planner.editing.drafts.DraftKeeper`)."""

    problem: PlannerError | None
    kept: Path | None

    def leave(self) -> Outcome: ...

    def keep_aside(self, folder: Path | None = None) -> Path: ...

    def text(self) -> str: ...


def last_resort() -> Path:
    """Where a version goes when `unsaved/` cannot take it and no one can be asked."""
    return Path(tempfile.gettempdir()) / "planner-unsaved"


def keep_when_stopped(keeper: Keeper) -> str:
    """Save, else keep aside in `unsaved/`, else in `last_resort()`; what to tell the user
    ('' when it was saved). Only when all fail is the version itself in the message."""
    outcome = keeper.leave()
    match outcome:
        case Outcome.NOTHING | Outcome.SAVED | Outcome.MERGED | Outcome.RELOADED:
            return ""
        case Outcome.KEPT:
            return kept_words(keeper)
        case Outcome.NOT_KEPT:
            return kept_at_last(keeper)
        case Outcome.CLASHED | Outcome.FAILED:
            raise AssertionError(f"leave() never ends {outcome}")
        case _:
            assert_never(outcome)


def kept_at_last(keeper: Keeper) -> str:
    """Kept in `last_resort()`, and said where; if even that fails, the version itself, to
    be shown on the terminal."""
    try:
        keeper.keep_aside(last_resort())
    except KeepAsideFailed as failure:
        return f"{failure} {said_here()}\n{keeper.text()}"
    return kept_words(keeper)


def kept_words(keeper: Keeper) -> str:
    """Why it was not saved (if it failed) and where it is kept."""
    draft = getattr(keeper, "draft", None)
    if draft is not None:
        return say("editing_settle.typed_kept_in", form=draft.heading, path=shown_path(keeper.kept))
    kept = say("editing_settle.kept_in", path=shown_path(keeper.kept))
    if keeper.problem is None or isinstance(keeper.problem, KeepAsideFailed):
        return kept
    return f"{_sentence(say('ui.not_saved', reason=keeper.problem))} {kept}"


def _sentence(text: str) -> str:
    """`text` ended as a sentence, so that the next one can follow it."""
    return text if text.rstrip().endswith((".", "!", "?", "…", ":")) else f"{text}."


def said_here() -> str:
    return say("editing_settle.shown_here")
