"""What the app's tests share: a workspace holding the sample meetings, the way `planner
demo` leaves it, only the KS summit, or nothing yet; each with the user's data folder (where
unsaved/ is) out of reach, the test's own."""

from __future__ import annotations

import pytest

from planner.store import Workspace
from tests.tui.editing import KS
from tests.tui.scenarios import demo_workspace, workspace_of


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    """The user's data folder (where unsaved/ is), the test's own."""
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def documents_folder(tmp_path, monkeypatch, data_folder):
    """Where documents are made, the test's own, from Planner's own templates (none of the
    user's)."""
    monkeypatch.setattr("planner.config.documents_folder", lambda: tmp_path / "documents")
    monkeypatch.setattr("planner.config.template_folder", lambda option=None: None)
    return tmp_path / "documents"


@pytest.fixture
def samples(tmp_path, data_folder):
    """The demo workspace of the sample meetings, open."""
    with Workspace.open(demo_workspace(tmp_path), actor="sekretariatet") as opened:
        yield opened


@pytest.fixture
def ks_workspace(tmp_path, data_folder):
    """A workspace holding the KS summit, opened as "meg"."""
    with workspace_of(tmp_path / "planner.sqlite", KS, "meg") as opened:
        yield opened


@pytest.fixture
def empty_workspace(tmp_path, data_folder):
    """A new workspace, nothing in it yet."""
    with Workspace.open(tmp_path / "empty.sqlite", actor="sekretariatet") as opened:
        yield opened
