"""The user's own keys from config.toml: a key another action already has is reported,
naming both, and never leaves an action without a key."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.errors import ExitCode
from planner.tui.actions import ACTIONS
from planner.tui.keymap import _clashes, user_keys


@pytest.fixture
def config(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    monkeypatch.setattr("planner.config.config_file", lambda: path)
    return path


def test_no_two_actions_in_reach_of_one_key_share_a_default_key():
    assert list(_clashes({})) == []
    assert len(ACTIONS) > 40


def test_a_key_that_another_action_has_is_reported_and_both_keep_a_key(config):
    config.write_text(
        "[keys]\n"
        '"meetings.delete" = "l"\n'  # the app's language key, in reach on every screen
        '"meetings.new" = "?"\n'  # the help key, written as the character
        '"agenda.delete" = "a"\n'  # agenda.add_after's key, which moves to d: a swap
        '"agenda.add_after" = "d"\n'
        '"registers.add" = "e"\n',  # e is the agenda's, not the registers': no clash
        encoding="utf-8",
    )

    keys = user_keys()

    assert keys.keymap == {"agenda.delete": "a", "agenda.add_after": "d", "registers.add": "e"}
    assert len(keys.problems) == 2
    assert (
        "keys.meetings.delete: “l” is already the key of app.language (Language)"
        in (keys.problems[1])
    )
    assert "meetings.delete keeps its own key “d”" in keys.problems[1]
    assert "keys.meetings.new: “?” is already the key of app.help (Help)" in keys.problems[0]


def test_check_config_lists_every_problem_in_the_settings(config, monkeypatch):
    monkeypatch.delenv("PLANNER_USER", raising=False)
    config.write_text(
        '[user]\nlanguage = "de"\n[editing]\nsave_after = 0\n[keys]\n"app.quit" = "l"\n',
        encoding="utf-8",
    )
    (config.parent / "labels.yaml").write_text("part: {host: {se: Jođiheaddji}}\n")

    checked = CliRunner().invoke(app, ["check-config"])
    config.write_text('[keys]\n"app.quit" = "ctrl+q"\n', encoding="utf-8")
    fine = CliRunner().invoke(app, ["check-config"])

    assert checked.exit_code == ExitCode.BAD_INPUT, checked.output
    assert "user.language: 'de' is not a language Planner speaks" in checked.stdout
    assert "editing.save_after: should be a number" in checked.stdout
    assert "keys.app.quit: “l” is already the key of app.language" in checked.stdout
    assert checked.stderr == "error: 3 problems in the settings, see above\n"
    assert fine.exit_code == 0, fine.output
    assert "are in order" in fine.stdout
