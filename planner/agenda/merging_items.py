"""The agenda items of two versions of a meeting, merged against the version both started
from, as `diff3` merges lines (see `planner.agenda.merging`): changes to different items
combine, even side by side; items changed in place by both are each settled on their own;
items added, removed or moved where the other changed them are one clash together."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from planner.agenda.outline import BadNesting, Line, aligned, flatten, line_paths, nest
from planner.agenda.schedule import build_schedule
from planner.editing.clashes import Clash, Resolution, settle
from planner.errors import InvalidInput, Problem
from planner.model import Meeting
from planner.words import Words

AGENDA = "agenda"
UNKNOWN: Any = object()
"""The part in the version both started from, when that version is not known."""


@dataclass
class Part:
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


def three_way(base: Any, mine: Any, theirs: Any) -> tuple[Any, bool]:
    """The combined value and False, or (None, True) when both changed it differently."""
    if mine == theirs:
        return mine, False
    if base is not UNKNOWN and mine == base:
        return theirs, False
    if base is not UNKNOWN and theirs == base:
        return mine, False
    return None, True


def refused(message: Words) -> InvalidInput:
    return InvalidInput([Problem(str(Words("editing_merge.your_edit")), str(message))])


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


def _changes(side: str, base: list[Line], other: list[Line]) -> list[_Change]:
    return [
        _Change(side, i1, i2, tuple(other[j1:j2]))
        for tag, i1, i2, j1, j2 in aligned(base, other)
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


Piece = tuple[Line, ...] | Part
"""Lines of the merged agenda, or a clash to be settled into lines."""


@dataclass
class MergedItems:
    pieces: list[Piece]

    @property
    def parts(self) -> list[Part]:
        return [piece for piece in self.pieces if isinstance(piece, Part)]

    def put_together(self, resolutions: Mapping[str, Resolution]) -> list[dict[str, Any]]:
        lines: list[Line] = []
        for piece in self.pieces:
            if isinstance(piece, Part):
                holder: dict[str, Any] = {}
                piece.put(holder, resolutions)
                lines.extend(holder["lines"])
            else:
                lines.extend(piece)
        try:
            return nest(lines)
        except BadNesting:
            raise refused(Words("editing_merge.bad_nesting")) from None


def merge_items(
    b: dict[str, Any] | None, m: dict[str, Any], t: dict[str, Any], names: ItemNames
) -> MergedItems:
    mine, theirs = names.lines
    if b is None:
        if mine == theirs:
            return MergedItems([tuple(mine)])
        return MergedItems([_block(0, 0, [], mine, theirs, names)])
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
    return MergedItems(pieces)


def _combine(
    group: list[_Change], base: list[Line], start: int, end: int, names: ItemNames
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
    base: list[Line], mine: list[Line], theirs: list[Line], start: int, names: ItemNames
) -> list[Piece]:
    """Items changed in place by both: each item combines on its own, or clashes alone."""
    pieces: list[Piece] = []
    for offset, before in enumerate(base):
        line, clashed = three_way(before, mine[offset], theirs[offset])
        if not clashed:
            pieces.append((line,))
            continue
        ours, others = mine[offset], theirs[offset]

        def put_value(holder: dict[str, Any], value: Line) -> None:
            holder["lines"] = [value]

        def read(value: Any, depth: int = ours[0]) -> Line:
            if not isinstance(value, dict) or "items" in value:
                raise refused(Words("editing_merge.not_an_item"))
            return (depth, value)

        what = names.item(ours)
        clash = Clash(f"item:{start + offset}", what, before[1], ours[1], others[1])
        pieces.append(Part(put_value, None, clash, ours, others, read))
    return pieces


def _block(
    start: int,
    end: int,
    base: Sequence[Line],
    mine: list[Line],
    theirs: list[Line],
    names: ItemNames,
) -> Part:
    """Items added, removed or moved where the other changed them: one clash together."""
    depth = min((d for d, _ in [*base, *mine, *theirs]), default=0)

    def put_value(holder: dict[str, Any], value: list[Line]) -> None:
        holder["lines"] = value

    def read(value: Any) -> list[Line]:
        items = [] if value is None else value
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise refused(Words("editing_merge.not_items"))
        return flatten(items, depth)

    clash = Clash(
        f"items:{start}-{end}",
        names.block(mine, theirs),
        _nested(base, depth),
        _nested(mine, depth),
        _nested(theirs, depth),
        editable=all(_nested(lines, depth) is not None for lines in (mine, theirs) if lines),
    )
    return Part(put_value, None, clash, mine, theirs, read)


def _nested(lines: Sequence[Line], depth: int) -> list[dict[str, Any]] | None:
    """Lines as the items they make, for showing and editing (from `depth` down); None when
    there are none, or they make no tree from there."""
    if not lines:
        return None
    try:
        return nest([(d - depth, node) for d, node in lines])
    except BadNesting:
        return None


class ItemNames:
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
