"""Recording the minutes: who was present and absent, and for each item or case what was
decided, how, and who was disqualified. Pure functions that return new minutes and refuse
with `MinutesRefused`, saying why, what a secretary could not sign:

- **no one both present and absent**, at the meeting or at one item;
- **only those present at an item are disqualified from it** (a member declares themselves
  disqualified, inhabil, and leaves while the case is dealt with): present at the meeting
  or for that item, and not away from it; so who is present is recorded first;
- **only those present at the meeting are away from one of its items**, and those who came
  for one item only are not already present at the whole meeting;
- **one decision per case**: recording a case's decision again replaces it (the audit log
  keeps the earlier one); `undecided_cases` says which cases have none yet.

Names are compared as a reader would: "ola  NORDMANN" is "Ola Nordmann", and a person's key
in the meeting file (`ordforer`) is that person.

    minutes = record_attendance(meeting, Minutes(), present=["Ola Nordmann", "Kari Hansen"])
    minutes = record_item(meeting, minutes, "77/15", decision="Vedtatt.",
                          disqualified=["Kari Hansen"])
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import ValidationError

from planner.minutes.items import MinutesItem, find_item, minutes_items, placed
from planner.minutes.refusals import MinutesRefused
from planner.model import Meeting
from planner.model.minutes import ItemMinutes, Minutes
from planner.model.problems import format_loc, said
from planner.model.text import printable
from planner.words import Words

__all__ = ["MinutesRefused", "check_minutes", "record_attendance", "record_item", "undecided_cases"]


def record_attendance(
    meeting: Meeting,
    minutes: Minutes,
    *,
    present: Iterable[str] | None = None,
    absent: Iterable[str] | None = None,
) -> Minutes:
    """Who was present at the meeting and who was absent; a list not given stays as it was,
    an empty one is cleared."""
    data = minutes.model_dump()
    if present is not None:
        data["present"] = _names(present)
    if absent is not None:
        data["absent"] = _names(absent)
    return check_minutes(meeting, _validated(Minutes, data))


def record_item(
    meeting: Meeting,
    minutes: Minutes,
    reference: str,
    *,
    decision: str | None = None,
    proceedings: str | None = None,
    disqualified: Iterable[str] | None = None,
    present: Iterable[str] | None = None,
    absent: Iterable[str] | None = None,
) -> Minutes:
    """What was recorded for the item `reference` names (see `find_item`): its decision,
    how it was dealt with, who was disqualified, present for it only, or away from it. What
    is not given stays as it was; an empty text or list clears it."""
    items = minutes_items(meeting)
    item = find_item(meeting, reference, items)
    at, unplaced = placed(meeting, minutes, items)
    entry = at.get(item.path) or ItemMinutes(item=item.reference)
    data = {**entry.model_dump(), "item": item.reference, "title": item.title or None}
    for field, text in (("decision", decision), ("proceedings", proceedings)):
        if text is not None:
            data[field] = text if text.strip() else None
    for field, names in (("disqualified", disqualified), ("present", present), ("absent", absent)):
        if names is not None:
            data[field] = _names(names)
    entry = _validated(ItemMinutes, data)
    return check_minutes(meeting, _with_entry(minutes, items, at, unplaced, item, entry))


def check_minutes(meeting: Meeting, minutes: Minutes) -> Minutes:
    """`minutes` if they keep every rule above, else MinutesRefused naming the first broken."""
    people = _People(meeting)
    present = people.set(minutes.present)
    both = people.common(minutes.present, minutes.absent)
    if both:
        raise MinutesRefused(Words("minutes_refusal.present_and_absent", name=both))
    items = minutes_items(meeting)
    at, _ = placed(meeting, minutes, items)
    for item in items:
        entry = at.get(item.path)
        if entry is not None:
            _check_item(people, present, item, entry)
    return minutes


def undecided_cases(meeting: Meeting, minutes: Minutes) -> list[MinutesItem]:
    """The cases of the agenda with no decision recorded yet, in the agenda's order."""
    items = minutes_items(meeting)
    at, _ = placed(meeting, minutes, items)
    return [
        item
        for item in items
        if item.is_case and (item.path not in at or not at[item.path].decision)
    ]


def _check_item(people: _People, present: set[str], item: MinutesItem, entry: ItemMinutes) -> None:
    name = item.shown
    both = people.common(entry.present, entry.absent)
    if both:
        raise MinutesRefused(Words("minutes_refusal.present_and_absent_at", name=both, item=name))
    already = people.common(entry.present, present)
    if already:
        raise MinutesRefused(Words("minutes_refusal.already_present", name=already, item=name))
    away = next((n for n in entry.absent if people.key(n) not in present), None)
    if away is not None:
        raise MinutesRefused(Words("minutes_refusal.away_not_present", name=away, item=name))
    there = (present | people.set(entry.present)) - people.set(entry.absent)
    for disqualified in entry.disqualified:
        if people.key(disqualified) in there:
            continue
        if not present and not entry.present:
            raise MinutesRefused(
                Words("minutes_refusal.presence_first", name=disqualified, item=name)
            )
        raise MinutesRefused(
            Words("minutes_refusal.disqualified_not_present", name=disqualified, item=name)
        )


def _with_entry(
    minutes: Minutes,
    items: list[MinutesItem],
    at: dict[tuple[int, ...], ItemMinutes],
    unplaced: list[ItemMinutes],
    item: MinutesItem,
    entry: ItemMinutes,
) -> Minutes:
    """The minutes with `entry` at `item`, every entry in the agenda's order (those whose
    item is gone last), and entries with nothing left in them dropped."""
    entries = {**at, item.path: entry}
    ordered = [entries[i.path] for i in items if i.path in entries]
    kept = [e for e in [*ordered, *unplaced] if not e.is_empty]
    return minutes.model_copy(update={"items": kept})


def _names(names: Iterable[str]) -> list[str]:
    """Each name on one line, blanks left out, each once (the model checks its length)."""
    found: dict[str, str] = {}
    for name in names:
        shown = printable(str(name))
        if shown:
            found.setdefault(_folded(shown), str(name))
    return list(found.values())


M = TypeVar("M", Minutes, ItemMinutes)


def _validated(model: type[M], data: dict[str, Any]) -> M:
    """`data` as the model keeps it (cleaned, within its limits), or MinutesRefused saying
    which field and why."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = format_loc(first["loc"])
        raise MinutesRefused(
            Words("minutes_refusal.invalid", field=field, problem=said(first))
        ) from None


class _People:
    """Names compared as a reader compares them; a person's key is that person's name."""

    def __init__(self, meeting: Meeting):
        self.names = {person.id: _folded(person.name) for person in meeting.people}

    def key(self, name: str) -> str:
        return self.names.get(name, _folded(name))

    def set(self, names: Iterable[str]) -> set[str]:
        return {self.key(name) for name in names}

    def common(self, first: Iterable[str], second: Iterable[str]) -> str:
        """The first name of `first` also in `second`, as written in `first`; '' if none."""
        other = self.set(second)
        return next((printable(n) for n in first if self.key(n) in other), "")


def _folded(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()
