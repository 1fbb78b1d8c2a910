"""Editing a meeting: its agenda items, their people, topics and questions, and the registers.

Everything a screen can do to a meeting is a function here that the app, a script and the
command line call alike. Each takes a `Meeting` and returns a new one checked by all of the
model's rules (the original is never changed):

- a change the model refuses raises `InvalidInput`, whose problems name the field in
  meeting-file terms (`agenda[2].items[0].duration: must be at most 24 hours …`);
- an edit that cannot be done at all (the first item moved up) raises `EditRefused` with a
  message a secretariat understands.

An item's place is its `Path`: its index in `agenda`, then in each block's `items`, so `(1, 0)`
is item 2.1. Functions that move or add an item also return where it is now, for the app to
keep the cursor on it.

A parallel block left with fewer than two tracks (by deleting or moving one out) stops being
parallel: one sub-item starts with its block either way, so the times do not change.

Topics, people and organisations are edited through the functions of
`planner.agenda.registers`, re-exported here.
"""

from __future__ import annotations

import re
from typing import Any

from planner.agenda.registers import (
    ItemNames,
    Use,
    add_organisation,
    add_person,
    add_topic,
    remove_organisation,
    remove_person,
    remove_topic,
    replace_organisation,
    replace_person,
    replace_topic,
    revalidated,
    uses,
)
from planner.agenda.schedule import Path, build_schedule
from planner.errors import BadInput
from planner.model import (
    MAX_AGENDA_DEPTH,
    MAX_DURATION_MINUTES,
    PART_FIELDS,
    AgendaItem,
    AgendaQuestion,
    Meeting,
    Part,
    Participation,
    walk_agenda,
)
from planner.model.limits import MAX_KEY
from planner.words import Words

__all__ = [
    "EditRefused",
    "Path",
    "Use",
    "add_item",
    "add_organisation",
    "add_person",
    "add_topic",
    "change_duration",
    "copy_item",
    "delete_item",
    "fix_start",
    "free_start",
    "item_at",
    "move_down",
    "move_in",
    "move_out",
    "move_up",
    "remove_organisation",
    "remove_person",
    "remove_topic",
    "replace_item",
    "replace_organisation",
    "replace_person",
    "replace_topic",
    "set_people",
    "set_questions",
    "set_topics",
    "uses",
]


class EditRefused(BadInput):
    """An edit that cannot be done at all: the message says why, in the secretariat's words."""


# -- items ----------------------------------------------------------------------------------


def item_at(meeting: Meeting, path: Path) -> AgendaItem:
    """The item at `path`; EditRefused when there is none."""
    items, item = meeting.agenda, None
    for index in path:
        if not 0 <= index < len(items):
            break
        item = items[index]
        items = item.items
    else:
        if item is not None:
            return item
    place = ".".join(str(index + 1) for index in path) or Words("agenda_edit.no_place")
    raise EditRefused(Words("agenda_edit.no_item_at", place=place))


def add_item(
    meeting: Meeting, after: Path | None, item: AgendaItem, *, inside: bool = False
) -> tuple[Meeting, Path]:
    """Add `item` after the item at `after` (at the end of the agenda when None), or with
    `inside` as the last sub-item of the item at `after`."""
    data, new = meeting.model_dump(), item.model_dump()
    if after is None:
        if inside:
            raise EditRefused(Words("agenda_edit.choose_block"))
        data["agenda"].append(new)
        return revalidated(meeting, data), (len(meeting.agenda),)
    anchor = item_at(meeting, after)
    if inside:
        _check_depth(item, len(after) + 1, Words("agenda_edit.cannot_go_inside"))
        _siblings(data, after).append(new)
        return revalidated(meeting, data), (*after, len(anchor.items))
    _siblings(data, after[:-1]).insert(after[-1] + 1, new)
    return revalidated(meeting, data), (*after[:-1], after[-1] + 1)


def replace_item(meeting: Meeting, path: Path, item: AgendaItem) -> Meeting:
    """Put `item` in the place of the item at `path`, its sub-items being `item.items`."""
    item_at(meeting, path)
    data = meeting.model_dump()
    _siblings(data, path[:-1])[path[-1]] = item.model_dump()
    return revalidated(meeting, data)


def delete_item(meeting: Meeting, path: Path) -> tuple[Meeting, Path | None]:
    """Delete the item at `path` with its sub-items. Returns the item to select next: the
    next sibling, else the previous one, else the parent, else None (the agenda is empty)."""
    item_at(meeting, path)
    data = meeting.model_dump()
    siblings = _siblings(data, path[:-1])
    del siblings[path[-1]]
    _end_single_track(data, path[:-1])
    index = path[-1]
    if index < len(siblings):
        selected: Path | None = path
    elif index > 0:
        selected = (*path[:-1], index - 1)
    else:
        selected = path[:-1] or None
    return revalidated(meeting, data), selected


def move_up(meeting: Meeting, path: Path) -> tuple[Meeting, Path]:
    """Swap the item with the one before it, within its block."""
    item_at(meeting, path)
    if path[-1] == 0:
        raise EditRefused(_first_or_last(meeting, path, "first_up"))
    return _swap(meeting, path, path[-1] - 1)


def move_down(meeting: Meeting, path: Path) -> tuple[Meeting, Path]:
    """Swap the item with the one after it, within its block."""
    item_at(meeting, path)
    if path[-1] == len(_siblings_of(meeting, path[:-1])) - 1:
        raise EditRefused(_first_or_last(meeting, path, "last_down"))
    return _swap(meeting, path, path[-1] + 1)


def move_in(meeting: Meeting, path: Path) -> tuple[Meeting, Path]:
    """Make the item the last sub-item of the item before it."""
    item = item_at(meeting, path)
    index = path[-1]
    if index == 0:
        raise EditRefused(Words("agenda_edit.nothing_before", item=ItemNames(meeting)(path)))
    _check_depth(item, len(path) + 1, Words("agenda_edit.no_further_in"))
    previous = (*path[:-1], index - 1)
    data = meeting.model_dump()
    siblings = _siblings(data, path[:-1])
    moving = siblings.pop(index)
    siblings[index - 1]["items"].append(moving)
    _end_single_track(data, path[:-1])
    return revalidated(meeting, data), (*previous, len(item_at(meeting, previous).items))


def move_out(meeting: Meeting, path: Path) -> tuple[Meeting, Path]:
    """Take the item out of its block, to just after the block."""
    item_at(meeting, path)
    if len(path) == 1:
        raise EditRefused(Words("agenda_edit.top_level", item=ItemNames(meeting)(path)))
    parent = path[:-1]
    data = meeting.model_dump()
    moving = _siblings(data, parent).pop(path[-1])
    _siblings(data, parent[:-1]).insert(parent[-1] + 1, moving)
    _end_single_track(data, parent)
    return revalidated(meeting, data), (*parent[:-1], parent[-1] + 1)


def copy_item(meeting: Meeting, path: Path) -> tuple[Meeting, Path]:
    """A copy of the item, with its sub-items, right after it. Where the original and its
    sub-items and questions have keys, the copies get new ones (`spar-a` → `spar-a-2`; a
    copy of `spar-a-2` is `spar-a-3`): keys stay unique."""
    item = item_at(meeting, path)
    taken_items = {i.id for _, i in walk_agenda(meeting.agenda) if i.id}
    taken_items |= {event.id for event in meeting.events if event.id}
    taken_questions = {
        q.id for _, i in walk_agenda(meeting.agenda) for q in i.questions if q.id is not None
    }
    copy = item.model_dump()
    for entry in _item_dicts(copy):
        if entry["id"] is not None:
            entry["id"] = _new_key(entry["id"], taken_items)
        for question in entry["questions"]:
            if question["id"] is not None:
                question["id"] = _new_key(question["id"], taken_questions)
    data = meeting.model_dump()
    _siblings(data, path[:-1]).insert(path[-1] + 1, copy)
    return revalidated(meeting, data), (*path[:-1], path[-1] + 1)


# -- times ----------------------------------------------------------------------------------


def change_duration(meeting: Meeting, path: Path, minutes: int) -> Meeting:
    """Lengthen the item by `minutes` (shorten it when negative; the app uses ±5).

    The duration stays within 0 minutes and 24 hours: a 3-minute item shortened by 5 becomes
    a 0-minute milestone, and shortening one already at 0 is refused. A block that takes its
    length from its sub-items (12.40–13.40) starts from that length: one minute more makes it
    61. An item with no length at all gets one of `minutes` when lengthened (5 from the app),
    and cannot be shortened.
    """
    item = item_at(meeting, path)
    current = item.duration if item.duration is not None else _computed_minutes(meeting, path)
    if minutes == 0:
        return meeting
    if current is None:
        if minutes < 0:
            raise EditRefused(Words("agenda_edit.no_duration", item=ItemNames(meeting)(path)))
        new = min(minutes, MAX_DURATION_MINUTES)
    elif minutes < 0 and current <= 0:
        raise EditRefused(Words("agenda_edit.already_zero", item=ItemNames(meeting)(path)))
    elif minutes > 0 and current >= MAX_DURATION_MINUTES:
        raise EditRefused(Words("agenda_edit.already_longest", item=ItemNames(meeting)(path)))
    else:
        new = max(0, min(MAX_DURATION_MINUTES, current + minutes))
    return _with(meeting, path, duration=new)


def _computed_minutes(meeting: Meeting, path: Path) -> int | None:
    """How long the schedule makes an item without a duration of its own (a block timed by
    its sub-items), or None when it has no length."""
    minutes = build_schedule(meeting).entry(path).minutes
    return minutes or None


def fix_start(meeting: Meeting, path: Path) -> Meeting:
    """Fix the item's start at the clock time the schedule gives it now, so it stays there
    when items before it change. Any item may have a start, sub-items included (a sub-item's
    start is a time on its block's day)."""
    item = item_at(meeting, path)
    name = ItemNames(meeting)(path)
    if item.start is not None:
        raise EditRefused(
            Words("agenda_edit.already_fixed", item=name, clock=f"{item.start:%H:%M}")
        )
    entry = build_schedule(meeting).entry(path)
    if entry.start is None:
        raise EditRefused(Words("agenda_edit.no_time_to_fix", item=name))
    if entry.start.date() != meeting.date_of_day(entry.day):
        raise EditRefused(
            Words(
                "agenda_edit.after_midnight",
                item=name,
                moment=f"{entry.start:%Y-%m-%d %H:%M}",
            )
        )
    return _with(meeting, path, start=entry.start.time())


def free_start(meeting: Meeting, path: Path) -> Meeting:
    """Remove the item's fixed start: it then follows the item before it."""
    if item_at(meeting, path).start is None:
        raise EditRefused(Words("agenda_edit.no_fixed_start", item=ItemNames(meeting)(path)))
    return _with(meeting, path, start=None)


# -- people, topics, questions of an item -------------------------------------------------------


def set_people(
    meeting: Meeting, path: Path, part: Part | str, people: list[Participation]
) -> Meeting:
    """Who takes `part` in the item (speakers, panellists…), in the order given."""
    field = PART_FIELDS[Part(part)]
    return _with(meeting, path, **{field: [p.model_dump() for p in people]})


def set_topics(meeting: Meeting, path: Path, keys: list[str]) -> Meeting:
    return _with(meeting, path, topics=list(keys))


def set_questions(meeting: Meeting, path: Path, questions: list[AgendaQuestion]) -> Meeting:
    return _with(meeting, path, questions=[q.model_dump() for q in questions])


# -- helpers --------------------------------------------------------------------------------


def _with(meeting: Meeting, path: Path, **fields: Any) -> Meeting:
    """The meeting with the item at `path` given `fields`."""
    item_at(meeting, path)
    data = meeting.model_dump()
    _siblings(data, path[:-1])[path[-1]].update(fields)
    return revalidated(meeting, data)


def _siblings(data: dict[str, Any], parent: Path) -> list[dict[str, Any]]:
    """The list of items (in a dumped meeting) that holds the children of `parent`."""
    entries = data["agenda"]
    for index in parent:
        entries = entries[index]["items"]
    return entries


def _siblings_of(meeting: Meeting, parent: Path) -> list[AgendaItem]:
    return item_at(meeting, parent).items if parent else meeting.agenda


def _end_single_track(data: dict[str, Any], parent: Path) -> None:
    """A parallel block with fewer than two tracks left is no longer parallel."""
    if parent:
        block = _siblings(data, parent[:-1])[parent[-1]]
        if block["parallel"] and len(block["items"]) < 2:
            block["parallel"] = False


def _swap(meeting: Meeting, path: Path, other: int) -> tuple[Meeting, Path]:
    data = meeting.model_dump()
    siblings = _siblings(data, path[:-1])
    siblings[path[-1]], siblings[other] = siblings[other], siblings[path[-1]]
    return revalidated(meeting, data), (*path[:-1], other)


def _first_or_last(meeting: Meeting, path: Path, which: str) -> Words:
    if len(path) == 1:
        return Words(f"agenda_edit.{which}")
    block = ItemNames(meeting)(path[:-1], short=True)
    return Words(f"agenda_edit.{which}_in_block", block=block)


def _levels(item: AgendaItem) -> int:
    """How many levels the item spans: 1, or more with sub-items."""
    return 1 + max((len(loc) // 2 for loc, _ in walk_agenda(item.items)), default=0)


def _check_depth(item: AgendaItem, level: int, consequence: Words) -> None:
    """Refuse to put `item` at nesting `level` (1 is the top) if it would nest too deep."""
    if level + _levels(item) - 1 > MAX_AGENDA_DEPTH:
        raise EditRefused(
            Words("agenda_edit.too_deep", most=MAX_AGENDA_DEPTH, consequence=consequence)
        )


def _item_dicts(item: dict[str, Any]) -> list[dict[str, Any]]:
    """A dumped item and all its sub-items, in document order."""
    found, pending = [], [item]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(reversed(current["items"]))
    return found


_COPY_NUMBER = re.compile(r"(?P<base>.+)-(?P<number>[2-9]|[1-9][0-9])")


def _new_key(key: str, taken: set[str]) -> str:
    """A key like `key` that is not `taken` (and is then taken): `spar-a-2`, `spar-a-3`…"""
    copied = _COPY_NUMBER.fullmatch(key)
    base = copied["base"] if copied and copied["base"] in taken else key
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: MAX_KEY - len(suffix)] + suffix
        if candidate not in taken:
            taken.add(candidate)
            return candidate
        number += 1
