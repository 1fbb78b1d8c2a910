"""Two people recorded one meeting's minutes at once: combine what they recorded, and name
what only they can settle (as `planner.agenda.merging` does for a meeting).

The minutes are taken in parts: the attendance (who was present and absent) is one part,
and each item's entry is one, known by the item it records. A part only one of them changed
takes that change: one secretary writing PS 77/15's decision while the other records who
came combines. A part both changed, differently, is a `Clash`. Text the rules refused on
the user's screen stays theirs, whatever is merged. A combination each change allows alone
but not together (one took someone off the attendance the other disqualified from a case)
is left to the user as a clash of the whole minutes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from planner.agenda.merging_items import UNKNOWN, Part, refused, three_way
from planner.editing.clashes import Clash, Merged, Resolution, whole_record
from planner.errors import PlannerError
from planner.minutes.recording import check_minutes
from planner.minutes.typed import Recording
from planner.model import Meeting
from planner.model.minutes import Minutes
from planner.model.problems import invalid_input
from planner.words import Words

ATTENDANCE = ("present", "absent")
_ABSENT: Any = None
"""An entry not in a version (not recorded, or removed)."""

Merge = Callable[[Recording | None, Recording, Recording], Merged[Recording]]


def minutes_merge(meeting: Meeting) -> Merge:
    """The merge of `meeting`'s minutes, checked by its rules."""

    def merge(base: Recording | None, mine: Recording, theirs: Recording) -> Merged[Recording]:
        return merge_minutes(meeting, base, mine, theirs)

    return merge


def merge_minutes(
    meeting: Meeting, base: Recording | None, mine: Recording, theirs: Recording
) -> Merged[Recording]:
    """Combine `mine` and `theirs`, both changed from `base` (None when unknown: then every
    difference is a clash)."""
    if base is not None and mine.minutes == base.minutes:
        return Merged((), lambda _: _with_refused(theirs.minutes, mine))
    if mine.minutes == theirs.minutes or (base is not None and theirs.minutes == base.minutes):
        return Merged((), lambda _: mine)
    b = _data(base.minutes) if base is not None else None
    m, t = _data(mine.minutes), _data(theirs.minutes)
    parts = [_attendance(b, m, t), *_entries(b, m, t)]
    clashes = tuple(part.clash for part in parts if part.clash is not None)

    def put_together(resolutions: Mapping[str, Resolution]) -> Recording:
        data: dict[str, Any] = {"items": []}
        for part in parts:
            part.put(data, resolutions)
        return _with_refused(_checked(meeting, data), mine)

    merged = Merged(clashes, put_together)
    if not clashes:
        try:
            merged.resolve({})
        except PlannerError:
            return _whole(meeting, base, mine, theirs)
    return merged


def _with_refused(minutes: Minutes, mine: Recording) -> Recording:
    return Recording(minutes, mine.refused, mine.problem)


def _checked(meeting: Meeting, data: dict[str, Any]) -> Minutes:
    """The combination as minutes, kept only when it keeps every rule (MinutesRefused, or
    InvalidInput at the field an edit got wrong)."""
    try:
        minutes = Minutes.model_validate(data)
    except ValidationError as error:
        raise invalid_input(error, data, Words("editing_merge.your_edit")) from None
    return check_minutes(meeting, minutes)


def _whole(
    meeting: Meeting, base: Recording | None, mine: Recording, theirs: Recording
) -> Merged[Recording]:
    def read(data: Any) -> Recording:
        return _with_refused(_checked(meeting, data), mine)

    return whole_record(
        base,
        mine,
        theirs,
        shown=lambda recording: _data(recording.minutes),
        what=Words("minutes_merge.whole"),
        read=read,
    )


def _data(minutes: Minutes) -> dict[str, Any]:
    return minutes.model_dump(mode="json", exclude_defaults=True)


def _attendance(b: dict[str, Any] | None, m: dict[str, Any], t: dict[str, Any]) -> Part:
    def of(data: dict[str, Any]) -> dict[str, Any]:
        return {key: data[key] for key in ATTENDANCE if data.get(key)}

    base = UNKNOWN if b is None else of(b)
    value, clashed = three_way(base, of(m), of(t))

    def put_value(data: dict[str, Any], value: Any) -> None:
        data.update(value or {})

    clash = None
    if clashed:
        shown_base = None if base is UNKNOWN else base
        clash = Clash("attendance", Words("minutes_merge.attendance"), shown_base, of(m), of(t))
    return Part(put_value, value, clash, of(m), of(t), _a_mapping)


def _entries(b: dict[str, Any] | None, m: dict[str, Any], t: dict[str, Any]) -> list[Part]:
    base = _by_item(b) if b is not None else None
    mine, theirs = _by_item(m), _by_item(t)
    parts = []
    for key in dict.fromkeys([*theirs, *mine, *(base or {})]):
        before = UNKNOWN if base is None else base.get(key, _ABSENT)
        ours, others = mine.get(key, _ABSENT), theirs.get(key, _ABSENT)
        value, clashed = three_way(before, ours, others)
        clash = None
        if clashed:
            named = (ours or others or before or {}).get("title") or key
            what = Words("minutes_merge.item", item=named)
            shown_before = None if before is UNKNOWN else before
            clash = Clash(f"item:{key}", what, shown_before, ours, others)
        parts.append(Part(_put_entry, value, clash, ours, others, _a_mapping))
    return parts


def _put_entry(data: dict[str, Any], value: Any) -> None:
    if value:
        data["items"].append(value)


def _by_item(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["item"]: entry for entry in data.get("items", [])}


def _a_mapping(value: Any) -> Any:
    """An edited part: what was written in its place, or nothing (None) to leave it out."""
    if value is not None and not isinstance(value, dict):
        raise refused(Words("editing_merge.not_an_entry"))
    return value
