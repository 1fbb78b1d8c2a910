"""ctrl+c never lands half-way through a commit: it waits for the commit, then interrupts."""

from __future__ import annotations

import signal

import pytest

from planner import interrupts


def test_ctrl_c_during_a_held_block_waits_for_it_then_interrupts():
    finished = []
    with pytest.raises(interrupts.InterruptedAfterCommit), interrupts.held():
        signal.raise_signal(signal.SIGINT)
        finished.append("the commit")
    assert finished == ["the commit"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_without_ctrl_c_a_held_block_is_just_run():
    with interrupts.held():
        pass
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
