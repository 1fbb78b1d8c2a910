"""Comparing a printout with its golden file, or rewriting the file on purpose."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

UPDATE = "PLANNER_UPDATE_GOLDEN"


def compare_with_golden(printed: str, golden: Path, made_by: str) -> None:
    """Fail with the difference unless `printed` is `golden`'s text. With $PLANNER_UPDATE_GOLDEN
    set, write it and fail ("rewrote …"), so that a rewrite never passes unnoticed."""
    if os.environ.get(UPDATE):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(printed, encoding="utf-8", newline="\n")
        pytest.fail(f"rewrote {golden}; review and commit")
    assert golden.exists(), f"{golden} is missing: run with {UPDATE}=1 to write it"
    expected = golden.read_text(encoding="utf-8")
    if printed != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                printed.splitlines(keepends=True),
                fromfile=f"golden/{golden.name}",
                tofile=made_by,
            )
        )
        pytest.fail(
            f"`{made_by}` differs from its golden file; if the change is meant, rewrite it "
            f"with {UPDATE}=1 and review:\n{diff}"
        )
