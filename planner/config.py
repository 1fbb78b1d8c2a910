"""Where the workspace is and who is working: from options, the environment and config.toml.

Workspace: `--workspace PATH` (or a database URL), else $PLANNER_WORKSPACE, else
workspace.sqlite in the user data folder. Who: $PLANNER_USER, else `name` under [user] in
config.toml in the user config folder, else the operating-system user.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from pathlib import Path

import platformdirs

from planner.errors import PlannerError

APP_NAME = "planner"
WORKSPACE_ENV = "PLANNER_WORKSPACE"
USER_ENV = "PLANNER_USER"


def data_folder() -> Path:
    return platformdirs.user_data_path(APP_NAME)


def config_file() -> Path:
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def default_workspace() -> Path:
    return data_folder() / "workspace.sqlite"


def demo_workspace() -> Path:
    """The demo lives apart from the real workspace, so refreshing it never touches real data."""
    return data_folder() / "demo.sqlite"


def chosen_workspace(option: str | None) -> str | None:
    """The workspace the user named, by option or environment; None when they named none."""
    return option or os.environ.get(WORKSPACE_ENV) or None


def workspace_location(option: str | None, *, fallback: Path | None = None) -> str:
    chosen = chosen_workspace(option)
    if chosen:
        return chosen
    path = fallback or default_workspace()
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


def read_config() -> dict:
    path = config_file()
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        raise PlannerError(f"{path}: not valid TOML: {error}") from None


def current_actor() -> str:
    """Who the audit log names for changes made now."""
    if name := os.environ.get(USER_ENV, "").strip():
        return name
    configured = read_config().get("user", {}).get("name")
    if isinstance(configured, str) and configured.strip():
        return configured.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
