"""An agenda as lines: each item (without its sub-items) with its depth, in the programme's
order. Two versions of an agenda line up as two texts do (`difflib`): the items both have
unchanged anchor the rest. `follow` says where an item went when the agenda changed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from planner.agenda.schedule import Path
from planner.model import Meeting

Line = tuple[int, dict[str, Any]]
"""An agenda item as one line: its depth and its data without its sub-items."""


def agenda_lines(meeting: Meeting) -> list[Line]:
    return flatten(meeting.model_dump(mode="python", exclude_defaults=True).get("agenda", []))


def flatten(items: Sequence[dict[str, Any]], depth: int = 0) -> list[Line]:
    """The agenda's items as lines, each with its depth, in the programme's order."""
    lines: list[Line] = []
    for item in items:
        lines.append((depth, {k: v for k, v in item.items() if k != "items"}))
        lines.extend(flatten(item.get("items", []), depth + 1))
    return lines


def line_paths(lines: Sequence[Line]) -> list[Path]:
    """The path of each line: (2, 0) for the first sub-item of the third item."""
    paths: list[Path] = []
    counters: list[int] = []
    for depth, _ in lines:
        del counters[depth + 1 :]
        if len(counters) <= depth:
            counters.append(0)
        else:
            counters[depth] += 1
        paths.append(tuple(counters))
    return paths


class BadNesting(Exception):
    """Lines that do not make a tree: an item deeper than the one before it allows."""


def nest(lines: Sequence[Line]) -> list[dict[str, Any]]:
    """The agenda again from its lines (the opposite of `flatten`)."""
    top: list[dict[str, Any]] = []
    open_items: list[dict[str, Any]] = []
    for depth, node in lines:
        if depth > len(open_items):
            raise BadNesting(depth)
        del open_items[depth:]
        item = {**node, "items": []}
        (open_items[-1]["items"] if open_items else top).append(item)
        open_items.append(item)
    return _without_empty_items(top)


def _without_empty_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for item in items:
        if item["items"]:
            _without_empty_items(item["items"])
        else:
            del item["items"]
    return items


def signature(line: Line) -> str:
    return json.dumps(line, sort_keys=True, default=str, ensure_ascii=False)


def aligned(before: Sequence[Line], after: Sequence[Line]) -> list[tuple[str, int, int, int, int]]:
    """How two versions of the lines line up: difflib's opcodes."""
    matcher = SequenceMatcher(
        None, [signature(x) for x in before], [signature(x) for x in after], autojunk=False
    )
    return matcher.get_opcodes()


def follow(path: Path, before: Meeting, after: Meeting) -> Path | None:
    """Where the item at `path` in `before` is in `after`: moved along by items added or
    removed around it, kept when it changed in place; None when it is gone."""
    old, new = agenda_lines(before), agenda_lines(after)
    old_paths = line_paths(old)
    if path not in old_paths:
        return None
    index = old_paths.index(path)
    for tag, i1, i2, j1, j2 in aligned(old, new):
        if i1 <= index < i2 and (tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1)):
            return line_paths(new)[j1 + index - i1]
    return None
