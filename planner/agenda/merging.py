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

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from planner.agenda.registers import revalidated
from planner.agenda.schedule import Path, build_schedule
from planner.editing.clashes import Clash, Merged, Resolution, settle, whole_record
from planner.errors import InvalidInput, PlannerError, Problem
from planner.model import Meeting
from planner.words import Words

REGISTERS = ("organisations", "people", "topics", "events")
AGENDA = "agenda"
_ABSENT: Any = object()
"""A part not in a version (a field left at its default, an entry removed)."""

Line = tuple[int, dict[str, Any]]
"""An agenda item as one line: its depth and its data without its sub-items."""


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
    agenda = _agenda(b, m, t, _Names(mine, m, t))
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

_UNKNOWN: Any = object()
"""The part in the version both started from, when that version is not known."""


@dataclass
class _Part:
    """One part of the meeting: its value when it combined, else its clash and the two
    versions to settle it between; `put` adds the settled value where it belongs."""

    put_value: Callable[[dict[str, Any], Any], None]
    value: Any
    clash: Clash | None = None
    mine: Any = None
    theirs: Any = None
    read: Callable[[Any], Any] = lambda value: value
    """An edited value, checked and made into what `put_value` takes."""

    def put(self, data: dict[str, Any], resolutions: Mapping[str, Resolution]) -> None:
        value = self.value
        if self.clash is not None:
            value = settle(resolutions[self.clash.key], self.mine, self.theirs, self.read)
        self.put_value(data, value)


def _three_way(base: Any, mine: Any, theirs: Any) -> tuple[Any, bool]:
    """The combined value and False, or (None, True) when both changed it differently."""
    if mine == theirs:
        return mine, False
    if base is not _UNKNOWN and mine == base:
        return theirs, False
    if base is not _UNKNOWN and theirs == base:
        return mine, False
    return None, True


def _fields(b: dict[str, Any] | None, m: dict[str, Any], t: dict[str, Any]) -> list[_Part]:
    keys = [k for k in dict.fromkeys([*t, *m, *(b or {})]) if k not in (*REGISTERS, AGENDA)]
    parts = []
    for key in keys:
        base = _UNKNOWN if b is None else b.get(key, _ABSENT)
        mine, theirs = m.get(key, _ABSENT), t.get(key, _ABSENT)
        value, clashed = _three_way(base, mine, theirs)

        def put_value(data: dict[str, Any], value: Any, key: str = key) -> None:
            data[key] = value

        clash = None
        if clashed:
            what = Words("editing_merge.field", name=_field_name(key))
            clash = Clash(f"field:{key}", what, _shown(base), _shown(mine), _shown(theirs))
        parts.append(_Part(put_value, value, clash, mine, theirs))
    return parts


def _field_name(key: str) -> Words | str:
    from planner.i18n import catalogue

    return Words(f"field.{key}") if key in catalogue().get("field", {}) else key


def _shown(value: Any) -> Any:
    """A part as the user sees it: None when it is not there."""
    return None if value is _ABSENT or value is _UNKNOWN else value


def _register(
    register: str, b: dict[str, Any] | None, m: dict[str, Any], t: dict[str, Any]
) -> list[_Part]:
    base = _keyed(b.get(register, [])) if b is not None else None
    mine, theirs = _keyed(m.get(register, [])), _keyed(t.get(register, []))
    parts: list[_Part] = []
    for key in _order(list(mine), list(theirs), list(base or {})):
        before = _UNKNOWN if base is None else base.get(key, _ABSENT)
        ours, others = mine.get(key, _ABSENT), theirs.get(key, _ABSENT)
        value, clashed = _three_way(before, ours, others)

        def put_value(data: dict[str, Any], value: Any) -> None:
            if value is not _ABSENT and value is not None:
                data[register].append(value)

        clash = None
        if clashed:
            what = Words(f"editing_merge.{register}", key=key)
            clash = Clash(f"{register}:{key}", what, _shown(before), _shown(ours), _shown(others))
        parts.append(_Part(put_value, value, clash, ours, others, _entry(register)))
    return parts


def _entry(register: str) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if value is not None and not isinstance(value, dict):
            raise _refused(Words("editing_merge.not_an_entry"))
        return value

    return read


def _refused(message: Words) -> InvalidInput:
    return InvalidInput([Problem(str(Words("editing_merge.your_edit")), str(message))])


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


# -- the agenda --------------------------------------------------------------------------


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


def _signature(line: Line) -> str:
    return json.dumps(line, sort_keys=True, default=str, ensure_ascii=False)


@dataclass(frozen=True)
class _Change:
    """Base lines [start, end) replaced by `lines` on one side."""

    side: str
    start: int
    end: int
    lines: tuple[Line, ...]

    @property
    def in_place(self) -> bool:
        """Items changed where they are, none added or removed."""
        return self.end - self.start == len(self.lines)


def _opcodes(before: Sequence[Line], after: Sequence[Line]) -> list[tuple[str, int, int, int, int]]:
    matcher = SequenceMatcher(
        None, [_signature(x) for x in before], [_signature(x) for x in after], autojunk=False
    )
    return matcher.get_opcodes()


def _changes(side: str, base: list[Line], other: list[Line]) -> list[_Change]:
    return [
        _Change(side, i1, i2, tuple(other[j1:j2]))
        for tag, i1, i2, j1, j2 in _opcodes(base, other)
        if tag != "equal"
    ]


def _overlap(change: _Change, start: int, end: int, inserts_at: set[int]) -> bool:
    if change.start == change.end:  # an insertion: inside the range, or where another was
        return start < change.start < end or change.start in inserts_at
    if start == end:
        return change.start < start < change.end
    return change.start < end and start < change.end


def _groups(changes: list[_Change]) -> list[list[_Change]]:
    """Changes whose base lines overlap (or that add at one place) in one group."""
    groups: list[list[_Change]] = []
    start = end = -1
    inserts: set[int] = set()
    for change in sorted(changes, key=lambda c: (c.start, c.end)):
        if groups and _overlap(change, start, end, inserts):
            groups[-1].append(change)
            end = max(end, change.end)
        else:
            groups.append([change])
            start, end, inserts = change.start, change.end, set()
        if change.start == change.end:
            inserts.add(change.start)
    return groups


Piece = tuple[Line, ...] | _Part
"""Lines of the merged agenda, or a clash to be settled into lines."""


@dataclass
class _Agenda:
    pieces: list[Piece]

    @property
    def parts(self) -> list[_Part]:
        return [piece for piece in self.pieces if isinstance(piece, _Part)]

    def put_together(self, resolutions: Mapping[str, Resolution]) -> list[dict[str, Any]]:
        lines: list[Line] = []
        for piece in self.pieces:
            if isinstance(piece, _Part):
                holder: dict[str, Any] = {}
                piece.put(holder, resolutions)
                lines.extend(holder["lines"])
            else:
                lines.extend(piece)
        try:
            return nest(lines)
        except BadNesting:
            raise _refused(Words("editing_merge.bad_nesting")) from None


def _agenda(
    b: dict[str, Any] | None, m: dict[str, Any], t: dict[str, Any], names: _Names
) -> _Agenda:
    mine, theirs = names.lines
    if b is None:
        if mine == theirs:
            return _Agenda([tuple(mine)])
        return _Agenda([_block(0, 0, [], mine, theirs, names)])
    base = flatten(b.get(AGENDA, []))
    changes = _changes("mine", base, mine) + _changes("theirs", base, theirs)
    pieces: list[Piece] = []
    at = 0
    for group in _groups(changes):
        start = min(c.start for c in group)
        end = max(c.end for c in group)
        pieces.append(tuple(base[at:start]))
        pieces.extend(_combine(group, base, start, end, names))
        at = end
    pieces.append(tuple(base[at:]))
    return _Agenda(pieces)


def _combine(
    group: list[_Change], base: list[Line], start: int, end: int, names: _Names
) -> list[Piece]:
    sides = {change.side for change in group}
    if len(sides) == 1:
        return [tuple(line for change in group for line in change.lines)]
    mine = [c for c in group if c.side == "mine"]
    theirs = [c for c in group if c.side == "theirs"]
    if start == end:  # both added items at the same place: both are kept
        added = [line for c in theirs for line in c.lines]
        return [tuple(added + [line for c in mine for line in c.lines if line not in added])]
    mine_lines, theirs_lines = _side(base, start, end, mine), _side(base, start, end, theirs)
    if mine_lines == theirs_lines:
        return [tuple(mine_lines)]
    if all(change.in_place for change in group):
        return _item_by_item(base[start:end], mine_lines, theirs_lines, start, names)
    return [_block(start, end, base[start:end], mine_lines, theirs_lines, names)]


def _side(base: list[Line], start: int, end: int, changes: list[_Change]) -> list[Line]:
    """One side's lines for the base lines [start, end)."""
    lines: list[Line] = []
    at = start
    for change in sorted(changes, key=lambda c: c.start):
        lines.extend(base[at : change.start])
        lines.extend(change.lines)
        at = change.end
    lines.extend(base[at:end])
    return lines


def _item_by_item(
    base: list[Line], mine: list[Line], theirs: list[Line], start: int, names: _Names
) -> list[Piece]:
    """Items changed in place by both: each item combines on its own, or clashes alone."""
    pieces: list[Piece] = []
    for offset, before in enumerate(base):
        line, clashed = _three_way(before, mine[offset], theirs[offset])
        if not clashed:
            pieces.append((line,))
            continue
        ours, others = mine[offset], theirs[offset]

        def put_value(holder: dict[str, Any], value: Line) -> None:
            holder["lines"] = [value]

        def read(value: Any, depth: int = ours[0]) -> Line:
            if not isinstance(value, dict) or "items" in value:
                raise _refused(Words("editing_merge.not_an_item"))
            return (depth, value)

        what = names.item(ours)
        clash = Clash(f"item:{start + offset}", what, before[1], ours[1], others[1])
        pieces.append(_Part(put_value, None, clash, ours, others, read))
    return pieces


def _block(
    start: int, end: int, base: Sequence[Line], mine: list[Line], theirs: list[Line], names: _Names
) -> _Part:
    """Items added, removed or moved where the other changed them: one clash together."""
    depth = min((d for d, _ in [*base, *mine, *theirs]), default=0)

    def put_value(holder: dict[str, Any], value: list[Line]) -> None:
        holder["lines"] = value

    def read(value: Any) -> list[Line]:
        items = [] if value is None else value
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise _refused(Words("editing_merge.not_items"))
        return flatten(items, depth)

    clash = Clash(
        f"items:{start}-{end}",
        names.block(mine, theirs),
        _nested(base, depth),
        _nested(mine, depth),
        _nested(theirs, depth),
        editable=all(_nested(lines, depth) is not None for lines in (mine, theirs) if lines),
    )
    return _Part(put_value, None, clash, mine, theirs, read)


def _nested(lines: Sequence[Line], depth: int) -> list[dict[str, Any]] | None:
    """Lines as the items they make, for showing and editing (from `depth` down); None when
    there are none, or they make no tree from there."""
    if not lines:
        return None
    try:
        return nest([(d - depth, node) for d, node in lines])
    except BadNesting:
        return None


class _Names:
    """How a clash is named: the item's number and title, as the user's version has it."""

    def __init__(self, mine: Meeting, m: dict[str, Any], t: dict[str, Any]) -> None:
        self.mine = mine
        self.lines = (flatten(m.get(AGENDA, [])), flatten(t.get(AGENDA, [])))
        self._numbers: dict[int, str] | None = None

    def item(self, line: Line) -> Words:
        index = next((i for i, x in enumerate(self.lines[0]) if x is line), None)
        number = self.numbers().get(index, "") if index is not None else ""
        if not number:
            return Words("editing_merge.item_unnumbered", title=self.title(line))
        return Words("editing_merge.item", number=number, title=self.title(line))

    def numbers(self) -> dict[int, str]:
        if self._numbers is None:
            schedule = build_schedule(self.mine)
            paths = line_paths(self.lines[0])
            self._numbers = {i: schedule.entry(path).number for i, path in enumerate(paths)}
        return self._numbers

    def block(self, mine: list[Line], theirs: list[Line]) -> Words:
        titles = [self.title(line) for line in (mine or theirs)]
        return Words("editing_merge.items", titles=", ".join(t for t in titles if t))

    def title(self, line: Line) -> str:
        title = line[1].get("title")
        if isinstance(title, dict):
            return str(title.get(self.mine.language) or next(iter(title.values()), ""))
        return "" if title is None else str(title)


# -- where an item went --------------------------------------------------------------------


def follow(path: Path, before: Meeting, after: Meeting) -> Path | None:
    """Where the item at `path` in `before` is in `after`: moved along by items added or
    removed around it, kept when it changed in place; None when it is gone."""
    old = flatten(_data(before).get(AGENDA, []))
    new = flatten(_data(after).get(AGENDA, []))
    old_paths = line_paths(old)
    if path not in old_paths:
        return None
    index = old_paths.index(path)
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if i1 <= index < i2 and (tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1)):
            return line_paths(new)[j1 + index - i1]
    return None
