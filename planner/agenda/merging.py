"""Two people changed one meeting: combine their changes, and name what only they can settle.

A three-way merge against the version both started from (`base`). The meeting is taken in
parts, and a part only one of them changed takes that change:

- each field of the meeting (title, venue, capacity…) is a part;
- each entry of its registers (topics, people, organisations, events) is a part, known by
  its key (a person without one by name): one adding a topic while the other edits a person
  combines, and new entries keep the place they were given;
- each agenda item (without its sub-items, which are parts of their own) is a part. Items
  rarely have keys, so they are lined up by content, as `diff3` lines up lines: the items
  both kept as they were anchor the rest, an item changed in place is the same item, and
  items added by both at the same place are both kept (the colleague's first).

A part both changed, differently, is a `Clash`: the item, field or entry as each has it. Two
changes to different items never clash, even side by side; a change to an item the other
deleted or moved does (the items around it are then one clash together). A combination each
change allows alone but not together (one removed a topic the other put on an item) is left
to the user as a clash of the whole meeting.

`follow(path, before, after)` says where an item is after the meeting changed (the cursor
stays on it when a colleague's version is loaded).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from planner.agenda.merging_items import (
    AGENDA,
    UNKNOWN,
    ItemNames,
    Part,
    merge_items,
    refused,
    three_way,
)
from planner.agenda.outline import follow
from planner.agenda.registers import revalidated
from planner.editing.clashes import Clash, Merged, Resolution, whole_record
from planner.errors import PlannerError
from planner.model import Meeting
from planner.words import Words

__all__ = ["follow", "merge_meetings"]

REGISTERS = ("organisations", "people", "topics", "events")
_ABSENT: Any = object()
"""A part not in a version (a field left at its default, an entry removed)."""


def merge_meetings(base: Meeting | None, mine: Meeting, theirs: Meeting) -> Merged[Meeting]:
    """Combine `mine` and `theirs`, both changed from `base` (None when unknown: then every
    difference is a clash)."""
    if base is not None and mine == base:
        return Merged((), lambda _: theirs)
    if mine == theirs or (base is not None and theirs == base):
        return Merged((), lambda _: mine)
    b = _data(base) if base is not None else None
    m, t = _data(mine), _data(theirs)
    parts = [
        *_fields(b, m, t),
        *(part for register in REGISTERS for part in _register(register, b, m, t)),
    ]
    agenda = merge_items(b, m, t, ItemNames(mine, m, t))
    clashes = tuple(part.clash for part in [*parts, *agenda.parts] if part.clash is not None)

    def put_together(resolutions: Mapping[str, Resolution]) -> Meeting:
        data: dict[str, Any] = {register: [] for register in REGISTERS}
        for part in parts:
            part.put(data, resolutions)
        data[AGENDA] = agenda.put_together(resolutions)
        return revalidated(mine, {k: v for k, v in data.items() if v is not _ABSENT})

    merged = Merged(clashes, put_together)
    if not clashes:
        try:
            merged.resolve({})
        except PlannerError:
            return _whole(base, mine, theirs)
    return merged


def _whole(base: Meeting | None, mine: Meeting, theirs: Meeting) -> Merged[Meeting]:
    """The meeting settled whole: the parts combine one by one, not all together."""

    def read(data: Any) -> Meeting:
        return revalidated(mine, data)

    return whole_record(
        base, mine, theirs, shown=_data, what=Words("editing_merge.whole_meeting"), read=read
    )


def _data(meeting: Meeting) -> dict[str, Any]:
    return meeting.model_dump(mode="python", exclude_defaults=True)


# -- parts: fields and register entries -----------------------------------------------------


def _fields(b: dict[str, Any] | None, m: dict[str, Any], t: dict[str, Any]) -> list[Part]:
    keys = [k for k in dict.fromkeys([*t, *m, *(b or {})]) if k not in (*REGISTERS, AGENDA)]
    parts = []
    for key in keys:
        base = UNKNOWN if b is None else b.get(key, _ABSENT)
        mine, theirs = m.get(key, _ABSENT), t.get(key, _ABSENT)
        value, clashed = three_way(base, mine, theirs)

        def put_value(data: dict[str, Any], value: Any, key: str = key) -> None:
            data[key] = value

        clash = None
        if clashed:
            what = Words("editing_merge.field", name=_field_name(key))
            clash = Clash(f"field:{key}", what, _shown(base), _shown(mine), _shown(theirs))
        parts.append(Part(put_value, value, clash, mine, theirs))
    return parts


def _field_name(key: str) -> Words | str:
    from planner.i18n import catalogue

    return Words(f"field.{key}") if key in catalogue().get("field", {}) else key


def _shown(value: Any) -> Any:
    """A part as the user sees it: None when it is not there."""
    return None if value is _ABSENT or value is UNKNOWN else value


def _register(
    register: str, b: dict[str, Any] | None, m: dict[str, Any], t: dict[str, Any]
) -> list[Part]:
    base = _keyed(b.get(register, [])) if b is not None else None
    mine, theirs = _keyed(m.get(register, [])), _keyed(t.get(register, []))
    parts: list[Part] = []
    for key in _order(list(mine), list(theirs), list(base or {})):
        before = UNKNOWN if base is None else base.get(key, _ABSENT)
        ours, others = mine.get(key, _ABSENT), theirs.get(key, _ABSENT)
        value, clashed = three_way(before, ours, others)

        def put_value(data: dict[str, Any], value: Any) -> None:
            if value is not _ABSENT and value is not None:
                data[register].append(value)

        clash = None
        if clashed:
            what = Words(f"editing_merge.{register}", key=key)
            clash = Clash(f"{register}:{key}", what, _shown(before), _shown(ours), _shown(others))
        parts.append(Part(put_value, value, clash, ours, others, _entry(register)))
    return parts


def _entry(register: str) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if value is not None and not isinstance(value, dict):
            raise refused(Words("editing_merge.not_an_entry"))
        return value

    return read


def _keyed(entries: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Register entries by key; one without a key by its name; a key given twice by place."""
    keyed: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(entries):
        key = str(entry.get("id") or _plain_text(entry.get("name")) or f"#{index}")
        if key in keyed:
            key = f"{key}#{index}"
        keyed[key] = entry
    return keyed


def _plain_text(value: Any) -> str:
    if isinstance(value, dict):
        return str(next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _order(mine: list[str], theirs: list[str], base: list[str]) -> list[str]:
    """Their order, with the entries only the user added after the entry before them in
    the user's order; those only in `base` (removed by both) at the end."""
    order = list(theirs)
    for index, key in enumerate(mine):
        if key in order:
            continue
        before = mine[index - 1] if index else None
        order.insert(order.index(before) + 1 if before in order else 0, key)
    return order + [key for key in base if key not in order]
