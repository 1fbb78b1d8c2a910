"""What the app's tests share: a workspace holding the sample meetings, the way `planner
demo` leaves it, with the user's data folder out of reach."""

from __future__ import annotations

import pytest

from planner.store import Workspace
from tests.tui.scenarios import demo_workspace


@pytest.fixture
def samples(tmp_path, monkeypatch):
    """The demo workspace of the sample meetings, open."""
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "data")
    with Workspace.open(demo_workspace(tmp_path), actor="sekretariatet") as opened:
        yield opened
