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


@dataclass(frozen=True)
class UserKeys:
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def user_keys() -> UserKeys:
    """The keys config.toml sets, and what is wrong with the rest."""
    table = config.config_table("keys")
    keymap, problems = {}, []
    unknown = set(unknown_ids(table))
    for action_id, key in table.items():
        where = f"{config.config_file()}: keys.{action_id}"
        if action_id in unknown:
            problems.append(f"{where}: no such action (see the help screen, ?)")
        elif not isinstance(key, str) or not key.strip():
            problems.append(f'{where}: give the key as text, e.g. "ctrl+n"')
        else:
            keymap[action_id] = key.strip()
    return UserKeys(keymap, problems)
