"""The README's key map is the registry's: every action with its default key and words, so
the README never promises a key the app does not have."""

from __future__ import annotations

from pathlib import Path

from planner.i18n import label
from planner.tui import actions

README = Path(__file__).parents[2] / "README.md"
SHOWN = {"question_mark": "?", "slash": "/", "plus": "+", "minus": "-", "escape": "esc"}


def key_map_rows() -> list[str]:
    return [
        f"| {label('scope', a.scope, 'en')} | `{SHOWN.get(a.key, a.key)}` "
        f"| {actions.description(a.id, 'en')} (`{a.id}`) |"
        for a in actions.ACTIONS
    ]


def test_the_readme_lists_every_key_of_the_registry_as_it_is():
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| Where | Key | Does |") + 2
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("|"))
    expected = key_map_rows()
    assert lines[start:end] == expected, "the README's key map should be:\n" + "\n".join(expected)
