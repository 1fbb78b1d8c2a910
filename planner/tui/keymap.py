"""The user's own keys: `[keys]` in config.toml, by action id.

    [keys]
    "agenda.add_after" = "ctrl+n"
    "app.quit" = "ctrl+q"

An unknown action id or a value that is not a key is reported (the app shows it on start,
`planner check-config` lists it) and left out; the other keys still apply. So is a key that
another action in reach already has (the app's own actions are in reach on every screen):
Textual would silently take the other action's key away, so the user's key is left out and
both actions keep a key of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from planner import config
from planner.tui.actions import ACTIONS, APP, Action, description, unknown_ids
from planner.words import current_language, say


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
        where = _where(action_id)
        if action_id in unknown:
            problems.append(say("config_file.no_such_action", where=where))
        elif not isinstance(key, str) or not key.strip():
            problems.append(say("config_file.key_not_text", where=where))
        else:
            keymap[action_id] = key.strip()
    problems += _leave_out_clashes(keymap)
    return UserKeys(keymap, problems)


def _where(action_id: str) -> str:
    return f"{config.config_file()}: keys.{action_id}"


def _leave_out_clashes(keymap: dict[str, str]) -> list[str]:
    """Take out of `keymap` each user key that another action in reach also has, one at a
    time (the action then keeps its default key, which may clash with another user key in
    turn); what was taken out, said."""
    problems = []
    while clash := next(_clashes(keymap), None):
        own, other, key = clash
        del keymap[own.id]
        problems.append(
            say(
                "safety_keys.clash",
                where=_where(own.id),
                key=key,
                other=other.id,
                other_description=description(other.id, current_language()),
                action=own.id,
                default=own.key,
            )
        )
    return problems


def _clashes(keymap: dict[str, str]) -> Iterator[tuple[Action, Action, str]]:
    """(the action the user gave a key, another action in reach with that key, the key)."""
    keys = {action.id: _keys(keymap.get(action.id, action.key)) for action in ACTIONS}
    for own in ACTIONS:
        if own.id not in keymap:
            continue
        for other in ACTIONS:
            if other is own or not _in_reach_together(own, other):
                continue
            shared = keys[own.id].keys() & keys[other.id].keys()
            if shared:
                yield own, other, keys[own.id][min(shared)]


def _in_reach_together(one: Action, other: Action) -> bool:
    """Whether one key press could mean either: both are of one screen, or one is the app's
    own (those work on every screen)."""
    return one.scope == other.scope or APP in (one.scope, other.scope)


def _keys(keys: str) -> dict[str, str]:
    """The keys of a binding ("ctrl+n,?"), each as Textual names it ("question_mark"), with
    how it was written."""
    from textual.keys import _character_to_key

    found = (key.strip() for key in keys.split(","))
    return {_character_to_key(key) if len(key) == 1 else key: key for key in found if key}
