"""Work off the screen's thread: reading and writing the workspace in a worker that posts what
it found, never touching a widget itself.

`run_work(node, job, done)` runs `job()` in a thread worker. Its result comes back as a
`WorkDone` message, handled on the screen's thread by calling `done(result)`; a failure comes
back as `WorkFailed`, which the app shows on screen (one message) and then goes on. While it
runs, `busy` (a widget) shows a loading indicator: long work shows progress.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

from planner.errors import PlannerError
from planner.words import say


class WorkDone(Message):
    def __init__(self, done: Callable[[Any], None], result: Any, busy: Widget | None) -> None:
        super().__init__()
        self.done = done
        self.result = result
        self.busy = busy


class WorkFailed(Message):
    def __init__(
        self, error: Exception, busy: Widget | None, failed: Callable[[Exception], None] | None
    ) -> None:
        super().__init__()
        self.error = error
        self.busy = busy
        self.failed = failed


def run_work(
    node: Widget,
    job: Callable[[], Any],
    done: Callable[[Any], None],
    *,
    busy: Widget | None = None,
    failed: Callable[[Exception], None] | None = None,
    group: str = "work",
    exclusive: bool = False,
) -> Worker[None]:
    """Run `job` in a thread; `done(result)` on success. A failure is shown as a notification,
    unless `failed(error)` is given to show a refusal its own way (a bug is shown still).
    Messages go to `node`, which must handle WorkDone and WorkFailed (the app's screens do,
    through `WorkHandling`)."""
    if busy is not None:
        busy.loading = True

    def work() -> None:
        try:
            result = job()
        except Exception as error:  # shown on screen; the app goes on
            node.post_message(WorkFailed(error, busy, failed))
        else:
            node.post_message(WorkDone(done, result, busy))

    return node.run_worker(work, thread=True, exit_on_error=False, group=group, exclusive=exclusive)


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
        message.done(message.result)

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()
        if message.busy is not None:
            message.busy.loading = False
        error = message.error
        if message.failed is None or not isinstance(error, PlannerError):
            self.app.show_failure(error)  # type: ignore[attr-defined]
        if message.failed is not None:
            message.failed(error)


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
