"""Where the workspace is and who is working: from options, the environment and config.toml.

Workspace: `--workspace PATH` (or a database URL), else $PLANNER_WORKSPACE, else
workspace.sqlite in the user data folder. An empty `--workspace ""` is a mistake, not a
request for the default; an empty $PLANNER_WORKSPACE counts as unset.

Who: $PLANNER_USER, else `name` under [user] in config.toml in the user config folder, else
the operating-system user. The name is cleaned like any name (one line, no control or
invisible characters), so it can never put escape sequences into the audit log.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

import platformdirs

from planner.errors import BadInput
from planner.words import Words, unsaid

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
    if option is not None:
        if not option.strip():
            raise BadInput(Words("config_file.empty_workspace_option"))
        return option
    return _environment(WORKSPACE_ENV) or None


def workspace_location(option: str | None, *, fallback: Path | None = None) -> str:
    chosen = chosen_workspace(option)
    if chosen:
        return chosen
    path = fallback or default_workspace()
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


def read_config() -> dict[str, Any]:
    """config.toml as a table; {} when there is none. Read within the limits of settings
    files (`planner.settings_files`): a pipe or a huge file is refused, not waited for."""
    from planner.settings_files import read_toml

    return read_toml(config_file())


def config_table(name: str) -> dict[str, Any]:
    """The table `[name]` of config.toml; {} when it is not there."""
    value = read_config().get(name, {})
    if not isinstance(value, dict):
        raise BadInput(
            Words(
                "config_file.not_a_table",
                path=str(config_file()),
                name=name,
                found=type(value).__name__,
            )
        )
    return value


def settings_problems() -> list[str]:
    """What is wrong with config.toml's [user] and [editing] settings, each said in one line
    (`planner check-config`); an unreadable file is BadInput."""
    from planner.i18n import LABELLED

    problems = []
    language = config_table("user").get("language")
    if language is not None and language not in LABELLED:
        problems.append(
            str(
                Words(
                    "safety_settings.language",
                    where=f"{config_file()}: user.language",
                    given=repr(language),
                    languages=", ".join(LABELLED),
                )
            )
        )
    for check in (_configured_actor, save_after):
        try:
            check()
        except BadInput as error:
            problems.append(str(error))
    return problems


def _configured_actor() -> None:
    from planner.model.text import clean_line

    for source, value in _actor_candidates():
        if isinstance(source, str) and source.endswith("user.name") and value.strip():
            try:
                clean_line(value)
            except ValueError as error:
                raise _bad_name(source, error) from None


def user_language() -> str:
    """The language of Planner's own words: `language` under [user] in config.toml, one of
    the languages every label is given in; else English."""
    from planner.i18n import LABELLED

    try:
        configured = config_table("user").get("language")
    except BadInput:
        return "en"
    return configured if configured in LABELLED else "en"


def current_actor() -> str:
    """Who the audit log names for changes made now."""
    from planner.model.text import clean_line

    for source, value in _actor_candidates():
        try:
            return clean_line(value)
        except ValueError as error:
            if value.strip():
                raise _bad_name(source, error) from None
    return "unknown"


def _bad_name(source: str | Words, error: ValueError) -> BadInput:
    return BadInput(Words("config_file.bad_name", source=source, problem=unsaid(error)))


def _actor_candidates():
    yield f"${USER_ENV}", _environment(USER_ENV)
    configured = config_table("user").get("name", "")
    if not isinstance(configured, str):
        raise BadInput(Words("config_file.name_not_text", path=str(config_file())))
    yield f"{config_file()}: user.name", configured
    try:
        yield Words("config_file.login_name"), getpass.getuser()
    except (KeyError, OSError):
        return


def _environment(name: str) -> str:
    value = os.environ.get(name, "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(Words("config_file.not_utf8", name=f"${name}")) from None
    return value.strip()


DEFAULT_SAVE_AFTER = 0.4
"""Seconds of quiet after an edit before the app saves it: a run of keystrokes is one save."""


def save_after() -> float:
    """`save_after` under [editing] in config.toml (seconds, 0.1 to 3600), else 0.4."""
    value = config_table("editing").get("save_after", DEFAULT_SAVE_AFTER)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.1 <= value <= 3600:
        raise BadInput(Words("config_file.save_after", path=str(config_file()), value=repr(value)))
    return float(value)


def template_folder(option: str | Path | None = None) -> Path | None:
    """The secretariat's own template folder: `--templates DIR`, else `templates` under
    [documents] in config.toml (a path; `~` is the home folder, and a relative path is read
    from config.toml's folder); None for Planner's built-in templates only."""
    if option is not None:
        if not str(option).strip():
            raise BadInput(Words("config_file.empty_templates_option"))
        return Path(option).expanduser()
    return _documents_setting("templates", "~/Documents/planner-templates")


def documents_folder() -> Path:
    """Where the app writes the documents it makes: `output` under [documents] in
    config.toml, else a Planner folder in the user's documents folder (~/Documents/Planner).
    Made when first needed."""
    configured = _documents_setting("output", "~/Documents/Planner")
    return configured or platformdirs.user_documents_path() / "Planner"


def _documents_setting(name: str, example: str) -> Path | None:
    """The folder `name` under [documents] in config.toml (`~` is the home folder, a relative
    path is read from config.toml's folder); None when it is not set."""
    configured = config_table("documents").get(name)
    if configured is None:
        return None
    if not isinstance(configured, str) or not configured.strip():
        raise BadInput(
            Words(
                "config_file.documents_folder",
                path=str(config_file()),
                name=name,
                example=example,
                value=repr(configured),
            )
        )
    return (config_file().parent / Path(configured).expanduser()).resolve()
