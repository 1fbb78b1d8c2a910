"""Two versions of a record that both changed since the version they started from: what
merges by itself, and what only the user can settle.

A merge function takes the version both started from (`base`, None when it is unknown), the
user's (`mine`) and the colleague's (`theirs`), and returns a `Merged`: the changes that
touch different parts are combined; each part both changed differently is a `Clash` holding
the three versions of that part as plain data (what YAML shows). The user settles each clash
with a `Resolution`: keep mine, take theirs, or an `Edited` value of the part; `resolve()`
puts the record together.

    merged = merge(base, mine, theirs)
    if not merged.clashes:
        record = merged.resolve({})
    else:
        record = merged.resolve({clash.key: Choice.KEEP_MINE for clash in merged.clashes})

A record kind without a merge function of its own is settled whole (`whole_record`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, TypeVar, assert_never

from planner.words import Words

R = TypeVar("R")


class Choice(Enum):
    """How one clash is settled without editing."""

    KEEP_MINE = "keep_mine"
    TAKE_THEIRS = "take_theirs"


@dataclass(frozen=True)
class Edited:
    """A clash settled by the user's own edit: the part's new value, as plain data."""

    value: Any


Resolution = Choice | Edited


@dataclass(frozen=True)
class Clash:
    """One part of the record both changed: its key in the merge, how it is named to the user,
    and the part in each version as plain data (None: not there, e.g. deleted)."""

    key: str
    what: Words
    base: Any
    mine: Any
    theirs: Any
    editable: bool = True
    """Whether the part can be edited as text; else only kept or taken."""


@dataclass(frozen=True)
class Merged(Generic[R]):
    clashes: tuple[Clash, ...]
    put_together: Callable[[Mapping[str, Resolution]], R] = field(repr=False)

    def resolve(self, resolutions: Mapping[str, Resolution]) -> R:
        """The record with every clash settled as `resolutions` says (by clash key). A clash
        left out is a mistake of the caller. Raises the record's own InvalidInput when the
        combination breaks a rule (a topic one removed and the other used)."""
        missing = [clash.key for clash in self.clashes if clash.key not in resolutions]
        if missing:
            raise ValueError(f"clashes not settled: {missing}")
        return self.put_together(resolutions)

    def drops_mine(self, resolutions: Mapping[str, Resolution]) -> bool:
        """Whether settling so takes the colleague's part over the user's somewhere (an
        edit starts from the user's own, seen and changed by them)."""
        return any(resolutions.get(c.key) is Choice.TAKE_THEIRS for c in self.clashes)


def whole_record(
    base: R | None,
    mine: R,
    theirs: R,
    *,
    shown: Callable[[R], Any],
    what: Words,
    read: Callable[[Any], R] | None = None,
) -> Merged[R]:
    """A record settled whole: one clash when both changed it, none when only one did.
    `shown` is how a version is shown (plain data, or text); with `read` (shown data back
    to a record, validating it) the clash can be edited too."""
    if mine == theirs or (base is not None and mine == base):
        return Merged((), lambda _: theirs)
    if base is not None and theirs == base:
        return Merged((), lambda _: mine)
    clash = Clash(
        "*",
        what,
        None if base is None else shown(base),
        shown(mine),
        shown(theirs),
        editable=read is not None,
    )

    def put_together(resolutions: Mapping[str, Resolution]) -> R:
        return settle(resolutions["*"], mine, theirs, read or _not_editable)

    return Merged((clash,), put_together)


def _not_editable(value: Any) -> Any:
    raise ValueError("this clash cannot be edited, only kept or taken")


def settle(resolution: Resolution, mine: Any, theirs: Any, read: Callable[[Any], Any]) -> Any:
    """The value a resolution gives a part: mine, theirs, or the edited value read back."""
    match resolution:
        case Choice.KEEP_MINE:
            return mine
        case Choice.TAKE_THEIRS:
            return theirs
        case Edited(value=value):
            return read(value)
        case _:
            assert_never(resolution)
