"""A question to answer yes or no before something that cannot be undone."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import assert_never

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from planner.tui import actions
from planner.tui.screen import PlannerModal


class Answer(Enum):
    YES = "yes"
    NO = "no"

    def __bool__(self) -> bool:
        raise TypeError("an Answer is a choice: match on it, it is not True or False")


class ConfirmScreen(PlannerModal):
    """Dismissed with Answer.YES, or Answer.NO (also for escape)."""

    SCOPE = actions.CONFIRM

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.question), id="question")
            yield Static(self.key_hints(), classes="hint", id="keys")

    def action_yes(self) -> None:
        self.dismiss(Answer.YES)

    def action_no(self) -> None:
        self.dismiss(Answer.NO)

    def action_back(self) -> None:
        self.dismiss(Answer.NO)


def when_yes(then: Callable[[], object]) -> Callable[[Answer | None], None]:
    """A dismissal callback that does `then()` on YES only."""

    def answered(answer: Answer | None) -> None:
        match answer:
            case Answer.YES:
                then()
            case Answer.NO | None:
                pass
            case _:
                assert_never(answer)

    return answered
