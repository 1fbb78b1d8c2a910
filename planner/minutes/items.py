"""Which items of the agenda the minutes record, and finding one by what a secretary types.

The minutes list every item of the programme's top level but the breaks (registration,
coffee, lunch), and every case wherever it is: a council's briefings and cases, a
conference's sessions. A secretary names an item by its case number (`77/15` or as printed,
`PS 77/15`), its number in the programme (`2`), its key (`ps-77-15`), its place in the
meeting file (`agenda[3]`), or its place in the minutes' list (`5`: what `planner minutes
SLUG` shows).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from planner.agenda.schedule import build_schedule
from planner.agenda.wording import item_loc
from planner.minutes.refusals import MinutesRefused
from planner.model import Meeting
from planner.model.agenda import UNNUMBERED_KINDS, AgendaItem
from planner.model.minutes import ItemMinutes, Minutes
from planner.model.text import printable
from planner.words import Words


@dataclass(frozen=True)
class MinutesItem:
    """An item the minutes record."""

    position: int
    """Its place in the minutes' list, from 1."""
    path: tuple[int, ...]
    reference: str
    """How the minutes name it: its key, else its place in the meeting file."""
    number: str
    """'2', '2.1'; a case's number as published ('77/15'); '' when it has none."""
    shown: str
    """How messages name it: 'PS 77/15' (the case number in the body's own form), '2', or
    its title when it has no number."""
    title: str
    """In the meeting's own language."""
    is_case: bool

    @property
    def where(self) -> str:
        """'agenda[3]'."""
        return item_loc(self.path)


def minutes_items(meeting: Meeting) -> list[MinutesItem]:
    """The items the minutes of `meeting` record, in the agenda's order."""
    found: list[MinutesItem] = []
    for entry in build_schedule(meeting).items:
        item = entry.item
        if item.case is None and (entry.depth > 0 or item.kind in UNNUMBERED_KINDS):
            continue
        number = printable(item.case.number) if item.case else (entry.number or "")
        title = _title(meeting, item)
        shown = meeting.case_number(number, "").strip() if item.case else number or title
        shown = shown or str(len(found) + 1)
        found.append(
            MinutesItem(
                position=len(found) + 1,
                path=entry.path,
                reference=item.id or item_loc(entry.path),
                number=number,
                shown=printable(shown),
                title=title,
                is_case=item.case is not None,
            )
        )
    return found


def find_item(
    meeting: Meeting, reference: str, items: list[MinutesItem] | None = None
) -> MinutesItem:
    """The item `reference` names; MinutesRefused (saying which there are) when none does."""
    items = minutes_items(meeting) if items is None else items
    wanted = _folded(reference)
    for matches in (_by_key, _by_case_number, _by_number):
        found = [item for item in items if matches(meeting, item, wanted)]
        if len(found) == 1:
            return found[0]
    if wanted.isdigit() and 1 <= int(wanted) <= len(items):
        return items[int(wanted) - 1]
    known = ", ".join(item.shown if item.number else str(item.position) for item in items) or "–"
    raise MinutesRefused(Words("minutes_refusal.no_item", item=printable(reference), known=known))


def _by_key(meeting: Meeting, item: MinutesItem, wanted: str) -> bool:
    return wanted in (_folded(item.reference), _folded(item.where))


def _by_case_number(meeting: Meeting, item: MinutesItem, wanted: str) -> bool:
    if not item.is_case:
        return False
    number = _folded(item.number)
    printed = _folded(meeting.case_number(item.number, ""))
    words = wanted.split()
    return wanted in (number, printed) or (len(words) == 2 and words[1] == number)


def _by_number(meeting: Meeting, item: MinutesItem, wanted: str) -> bool:
    return not item.is_case and bool(item.number) and _folded(item.number) == wanted


def placed(
    meeting: Meeting, minutes: Minutes, items: list[MinutesItem] | None = None
) -> tuple[dict[tuple[int, ...], ItemMinutes], list[ItemMinutes]]:
    """Each recorded entry at the item it belongs to (by path), and those whose item is no
    longer on the agenda. An entry is found by its reference and title; by its title alone
    when the agenda was reordered; by its reference alone when the title was edited."""
    items = minutes_items(meeting) if items is None else items
    at: dict[tuple[int, ...], ItemMinutes] = {}
    unplaced: list[ItemMinutes] = []
    for entry in minutes.items:
        item = _home(entry, items, at)
        if item is None:
            unplaced.append(entry)
        else:
            at[item.path] = entry
    return at, unplaced


def _home(
    entry: ItemMinutes, items: list[MinutesItem], taken: dict[tuple[int, ...], ItemMinutes]
) -> MinutesItem | None:
    free = [item for item in items if item.path not in taken]
    title = _folded(entry.title or "")
    by_reference = [item for item in free if item.reference == entry.item]
    same_title = [item for item in free if title and _folded(item.title) == title]
    for candidates in (
        [item for item in by_reference if not title or _folded(item.title) == title],
        same_title if len(same_title) == 1 else [],
        by_reference,
    ):
        if candidates:
            return candidates[0]
    return None


def _title(meeting: Meeting, item: AgendaItem) -> str:
    return printable(meeting.text(item.title)) if item.title is not None else ""


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()
