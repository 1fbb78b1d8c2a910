"""Your own settings: check config.toml, its [keys] and labels.yaml before they surprise you."""

from __future__ import annotations

import typer

from planner import config
from planner.cli.app import app, say
from planner.errors import BadInput
from planner.model.text import printable
from planner.words import Words


@app.command("check-config")
def check_config() -> None:
    """Check config.toml (your name, language, editing, [mail], [keys]) and labels.yaml: every
    problem on its own line, and exit code 3 if there is any."""
    from planner.i18n import catalogue
    from planner.tui.keymap import user_keys

    config.read_config()  # a file that cannot be read at all is the one message
    from planner.invitations.settings import mail_problems

    problems = [*config.settings_problems(), *mail_problems(), *user_keys().problems]
    try:
        catalogue()
    except BadInput as error:
        problems.append(str(error))
    for problem in problems:
        say(f"! {printable(problem)}")
    if problems:
        raise BadInput(Words("safety_settings.found", count=len(problems)))
    say(str(Words("safety_settings.ok", folder=printable(str(config.config_file().parent)))))


__all__ = ["check_config", "typer"]
