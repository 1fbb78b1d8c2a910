"""The minutes' view (`meeting.minutes`): what was recorded at the meeting, item by item, in
the document's language, beside what the agenda says of each item.

Names in the minutes are printed as recorded; a person's key from the meeting file
(`ordforer`) is printed as programmes print that person ('Ola Nordmann, ordfører').
"""

from __future__ import annotations

from planner.agenda.wording import Wording
from planner.documents.typesetting import paragraphs
from planner.documents.view import ItemMinutesView, ItemView, MeetingView, MinutesView
from planner.minutes import minutes_items, placed, undecided_cases
from planner.model import Meeting
from planner.model.minutes import ItemMinutes, Minutes
from planner.model.text import printable


def minutes_view(
    meeting: Meeting, minutes: Minutes, view: MeetingView, wording: Wording
) -> MinutesView:
    items = minutes_items(meeting)
    at, unplaced = placed(meeting, minutes, items)
    by_path = {item.path: item for item in view.all_items}

    def names(listed: list[str]) -> tuple[str, ...]:
        people = {person.id for person in meeting.people}
        return tuple(wording.who(n) if n in people else printable(n) for n in listed)

    def entry_view(entry: ItemMinutes | None, item: ItemView | None, title: str) -> ItemMinutesView:
        entry = entry or ItemMinutes(item="-")
        return ItemMinutesView(
            number=item.number if item else "",
            title=item.title if item else title,
            time=item.time if item else "",
            item=item,
            recorded=not entry.is_empty,
            proceedings=tuple(paragraphs(entry.proceedings)),
            decision=tuple(paragraphs(entry.decision)),
            disqualified=names(entry.disqualified),
            present=names(entry.present),
            absent=names(entry.absent),
        )

    return MinutesView(
        recorded=not minutes.is_empty,
        present=names(minutes.present),
        absent=names(minutes.absent),
        items=tuple(
            entry_view(at.get(item.path), by_path.get(item.where), item.title) for item in items
        ),
        unplaced=tuple(entry_view(entry, None, entry.title or entry.item) for entry in unplaced),
        undecided=tuple(item.shown for item in undecided_cases(meeting, minutes)),
    )
