"""Running `planner` through Typer's runner, as the command-line tests do."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app


@pytest.fixture
def runner(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANNER_USER", "Test Sekretær")
    monkeypatch.delenv("PLANNER_WORKSPACE", raising=False)
    # Keep the user's real data folder out of reach of every test.
    monkeypatch.setattr("planner.config.data_folder", lambda: tmp_path / "userdata")
    return CliRunner()


@pytest.fixture
def workspace(tmp_path) -> Path:
    return tmp_path / "workspace.sqlite"


def planner(runner, workspace, *args):
    return runner.invoke(app, ["--workspace", str(workspace), *args])


def succeeded(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout
