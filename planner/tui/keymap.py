"""The user's own keys: `[keys]` in config.toml, by action id.

    [keys]
    "agenda.add_after" = "ctrl+n"
    "app.quit" = "ctrl+q"

An unknown action id or a value that is not a key is reported (the app shows it on start)
and left out; the other keys still apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner import config
from planner.tui.actions import unknown_ids
from planner.words import say


@dataclass(frozen=True)
class UserKeys:
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def user_keys() -> UserKeys:
    """The keys config.toml sets, and what is wrong with the rest (said in the language of
    the moment: the app reads them as it starts, in the user's language)."""
    table = config.config_table("keys")
    keymap, problems = {}, []
    unknown = set(unknown_ids(table))
    for action_id, key in table.items():
        where = f"{config.config_file()}: keys.{action_id}"
        if action_id in unknown:
            problems.append(say("config_file.no_such_action", where=where))
        elif not isinstance(key, str) or not key.strip():
            problems.append(say("config_file.key_not_text", where=where))
        else:
            keymap[action_id] = key.strip()
    return UserKeys(keymap, problems)
