"""Every screen as drawn, compared with the accepted SVG in __snapshots__/. After a change
to a screen, look at the new pictures and accept them with
`pytest tests/tui/test_snapshots.py --snapshot-update`; the README shows the main ones."""

from __future__ import annotations

import pytest

from planner.store import Workspace
from planner.tui.app import PlannerApp
from planner.tui.keymap import UserKeys
from tests.tui.scenarios import (
    DATA_FOLDER,
    DOCUMENTS_FOLDER,
    SCENARIOS,
    MondayMorning,
    Scenario,
    demo_workspace,
)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_screen(scenario: Scenario, snap_compare, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / DATA_FOLDER)
    # No one's own config.toml (mail server, keys) changes a picture.
    monkeypatch.setattr("planner.config.config_file", lambda: tmp_path / "config.toml")
    monkeypatch.setattr("planner.config.documents_folder", lambda: DOCUMENTS_FOLDER)
    monkeypatch.setattr("planner.store.workspace.datetime", MondayMorning)
    with Workspace.open(demo_workspace(tmp_path), actor="sekretariatet") as workspace:
        app = PlannerApp(workspace, keys=UserKeys(), home_language="nb")
        assert snap_compare(app, terminal_size=scenario.size, run_before=scenario.run)
