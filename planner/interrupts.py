"""ctrl+c never lands in the middle of a commit.

A change is one transaction: interrupted before its commit, it is rolled back whole. The
commit itself is held: ctrl+c pressed while it runs waits until it is done, and then
interrupts as `InterruptedAfterCommit`, so whoever reports the interruption can say that the
change is complete rather than that nothing was done.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class InterruptedAfterCommit(KeyboardInterrupt):
    """ctrl+c came while a change was committed: the change is complete."""


@contextmanager
def held() -> Iterator[None]:
    """ctrl+c waits until the block is done, then interrupts. Only the main thread receives
    signals, so elsewhere (the app's workers) there is nothing to hold."""
    current = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or current is None:
        yield
        return
    pressed: list[int] = []
    signal.signal(signal.SIGINT, lambda number, frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, current)
    if pressed:
        raise InterruptedAfterCommit
