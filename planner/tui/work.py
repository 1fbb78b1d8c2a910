"""Work off the screen's thread: reading and writing the workspace in a worker that posts what
it found, never touching a widget itself.

`run_work(node, job, done)` runs `job()` in a thread worker. Its result comes back as a
`WorkDone` message, handled on the screen's thread by calling `done(result)`; a failure comes
back as `WorkFailed`, which the app shows on screen (one message) and then goes on. While it
runs, `busy` (a widget) shows a loading indicator: long work shows progress. Quick work whose
result belongs to the frame of the keystroke that asked for it (the registration under the
cursor) may hold that frame back until its result is shown (`shown_in`), so the screen
changes once, not twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

from planner.errors import PlannerError
from planner.words import say

FRAME_HELD_AT_MOST = 0.05
"""Seconds a frame waits for the work it holds for: a slow database shows the keystroke
anyway, and the work's result a frame later."""


class FrameHold:
    """The app's frames held back (Textual's batch update) until the work's result is shown
    in `shown_in`, or at most FRAME_HELD_AT_MOST seconds."""

    def __init__(self, app: App[Any], shown_in: Widget) -> None:
        self.app = app
        self.shown_in = shown_in
        self._batch = app.batch_update()
        self._batch.__enter__()
        self._timer = app.set_timer(FRAME_HELD_AT_MOST, self.release)
        self._held = True

    def release(self) -> None:
        if not self._held:
            return
        self._held = False
        self._timer.stop()
        self._batch.__exit__(None, None, None)
        # What changed meanwhile waits for the screen's next idle moment: prompt it.
        self.app.screen.check_idle()

    def release_when_shown(self) -> None:
        """Release once `shown_in` has asked the screen to draw it again: after its pending
        messages and the idle moment that follows them."""
        self.shown_in.call_next(self.release)


_holding: WeakKeyDictionary[Widget, dict[str, FrameHold]] = WeakKeyDictionary()
"""The frame hold of each node's group of work: new work in the group supersedes it."""


class WorkDone(Message):
    def __init__(
        self,
        done: Callable[[Any], None],
        result: Any,
        busy: Widget | None,
        hold: FrameHold | None = None,
    ) -> None:
        super().__init__()
        self.done = done
        self.result = result
        self.busy = busy
        self.hold = hold


class WorkFailed(Message):
    def __init__(
        self,
        error: Exception,
        busy: Widget | None,
        failed: Callable[[Exception], None] | None,
        hold: FrameHold | None = None,
    ) -> None:
        super().__init__()
        self.error = error
        self.busy = busy
        self.failed = failed
        self.hold = hold


def run_work(
    node: Widget,
    job: Callable[[], Any],
    done: Callable[[Any], None],
    *,
    busy: Widget | None = None,
    failed: Callable[[Exception], None] | None = None,
    group: str = "work",
    exclusive: bool = False,
    shown_in: Widget | None = None,
) -> Worker[None]:
    """Run `job` in a thread; `done(result)` on success. A failure is shown as a notification,
    unless `failed(error)` is given to show a refusal its own way (a bug is shown still).
    Messages go to `node`, which must handle WorkDone and WorkFailed (the app's screens do,
    through `WorkHandling`). Given `shown_in`, the widget `done` shows the result in, nothing
    is drawn until it has (at most FRAME_HELD_AT_MOST): the result appears in the same frame
    as what asked for it."""
    if busy is not None:
        busy.loading = True
    hold = _hold_frame(node, group, shown_in) if shown_in is not None else None

    def work() -> None:
        try:
            result = job()
        except Exception as error:  # shown on screen; the app goes on
            node.post_message(WorkFailed(error, busy, failed, hold))
        else:
            node.post_message(WorkDone(done, result, busy, hold))

    return node.run_worker(work, thread=True, exit_on_error=False, group=group, exclusive=exclusive)


def _hold_frame(node: Widget, group: str, shown_in: Widget) -> FrameHold:
    held = _holding.setdefault(node, {})
    superseded = held.get(group)
    if superseded is not None:
        superseded.release()
    held[group] = hold = FrameHold(node.app, shown_in)
    return hold


def describe_failure(error: Exception, language: str | None = None) -> str:
    """What went wrong, in one message in `language` (default: the current one, which the
    app keeps to its own): a PlannerError says it itself; anything else is a bug, named with
    its type so it can be reported."""
    if isinstance(error, PlannerError):
        return error.in_language(language)
    return say("failure.unexpected", language, kind=type(error).__name__, error=str(error))


class WorkHandling:
    """For a screen: handles the messages `run_work` posts."""

    def on_work_done(self, message: WorkDone) -> None:
        message.stop()
        if message.busy is not None:
            message.busy.loading = False
        try:
            message.done(message.result)
        except BaseException:
            if message.hold is not None:
                message.hold.release()
            raise
        if message.hold is not None:
            message.hold.release_when_shown()

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()
        if message.busy is not None:
            message.busy.loading = False
        error = message.error
        try:
            if message.failed is None or not isinstance(error, PlannerError):
                self.app.show_failure(error)  # type: ignore[attr-defined]
            if message.failed is not None:
                message.failed(error)
        finally:
            if message.hold is not None:
                message.hold.release()


def show_text(widget, text) -> None:
    """Put `text` in a Static, redrawing only when it changed, and laying the screen out
    again only when its number of lines did: what keeps a keystroke cheap."""
    plain = str(text)
    previous = getattr(widget, "_planner_shown", None)
    if previous == plain:
        return
    widget._planner_shown = plain
    lines_changed = previous is None or previous.count("\n") != plain.count("\n")
    widget.update(text, layout=lines_changed)
