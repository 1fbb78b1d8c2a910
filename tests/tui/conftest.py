"""Fixtures of the app's tests."""

from __future__ import annotations

import pytest

from planner.meeting_files import read_meeting_file
from planner.resources import sample_meeting_files
from planner.store import Workspace
from tests.tui.editing import KS


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    """The user's data folder (where unsaved/ is), the test's own."""
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def ks_workspace(tmp_path, data_folder):
    """A workspace holding the KS summit, opened as "meg"."""
    sample = next(p for p in sample_meeting_files() if p.stem == KS)
    with Workspace.open(tmp_path / "planner.sqlite", actor="meg") as opened:
        opened.import_meetings([read_meeting_file(sample)])
        yield opened
