"""Where the workspace is, and whom the audit log names."""

from __future__ import annotations

import getpass

import pytest

from planner import config
from planner.errors import PlannerError


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.delenv(config.USER_ENV, raising=False)
    monkeypatch.delenv(config.WORKSPACE_ENV, raising=False)
    monkeypatch.setattr(config, "data_folder", lambda: tmp_path / "data")
    monkeypatch.setattr(config, "config_file", lambda: tmp_path / "config.toml")


def test_the_option_wins_over_the_environment_and_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv(config.WORKSPACE_ENV, str(tmp_path / "env.sqlite"))
    assert config.workspace_location(str(tmp_path / "opt.sqlite")) == str(tmp_path / "opt.sqlite")
    assert config.workspace_location(None) == str(tmp_path / "env.sqlite")


def test_without_either_the_workspace_is_in_the_user_data_folder(tmp_path):
    location = config.workspace_location(None)
    assert location == str(tmp_path / "data" / "workspace.sqlite")
    assert (tmp_path / "data").is_dir()


def test_the_actor_is_the_configured_name(tmp_path):
    (tmp_path / "config.toml").write_text('[user]\nname = "Åse Øvrebø"\n', encoding="utf-8")
    assert config.current_actor() == "Åse Øvrebø"


def test_the_environment_names_the_actor_before_the_config(monkeypatch, tmp_path):
    (tmp_path / "config.toml").write_text('[user]\nname = "Åse Øvrebø"\n', encoding="utf-8")
    monkeypatch.setenv(config.USER_ENV, "Kari Nordmann")
    assert config.current_actor() == "Kari Nordmann"


def test_without_a_name_the_actor_is_the_os_user():
    assert config.current_actor() == getpass.getuser()


def test_a_broken_config_file_is_named(tmp_path):
    (tmp_path / "config.toml").write_text("[user\nname = 1\n", encoding="utf-8")
    with pytest.raises(PlannerError, match=r"config\.toml:1: not valid TOML"):
        config.current_actor()


def test_saving_as_you_go_waits_the_configured_seconds(tmp_path):
    assert config.save_after() == config.DEFAULT_SAVE_AFTER
    (tmp_path / "config.toml").write_text("[editing]\nsave_after = 2\n", encoding="utf-8")
    assert config.save_after() == 2.0


@pytest.mark.parametrize("value", ['"soon"', "0", "true", "99999"])
def test_a_wait_before_saving_that_is_no_sensible_number_of_seconds_is_named(tmp_path, value):
    (tmp_path / "config.toml").write_text(f"[editing]\nsave_after = {value}\n", encoding="utf-8")
    with pytest.raises(PlannerError, match=r"editing\.save_after: should be a number of seconds"):
        config.save_after()
