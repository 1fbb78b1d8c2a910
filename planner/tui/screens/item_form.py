"""One agenda item in a form: what it is, when, where, and its case on a council's case list.

Its sub-items, the people taking part, its topics, questions and links are kept as they are
(each has its own picker). The item is checked by the model on its own and in its place in
the meeting, so a title lacking the meeting's language or a key used twice shows beside its
field before the form closes.
"""

from __future__ import annotations

from typing import Any

from planner.agenda.editing import Path
from planner.agenda.wording import Wording
from planner.editing.drafts import DraftPlace, FormKind
from planner.model import AgendaItem, ItemKind, Meeting, walk_agenda
from planner.model.problems import Loc
from planner.tui.screens.record_form import Place, RecordForm, people_options
from planner.tui.widgets.form import (
    Heading,
    choice,
    flag,
    line,
    moment,
    number,
    paragraphs,
    picked,
    text_line,
    text_paragraphs,
    yes_no,
)

ITEM_FIELDS = (
    choice("kind", ItemKind, "item_kind", blank=False),
    text_line("title"),
    text_paragraphs("description"),
    Heading("item_time"),
    number("day", hint="day"),
    moment("start", hint="clock"),
    number("duration", hint="duration"),
    Heading("item_place"),
    text_line("room"),
    text_line("track"),
    line("online_url", hint="url"),
    number("capacity"),
    Heading("item_programme"),
    flag("parallel"),
    yes_no("numbered"),
    line("id", label="item.id", hint="key"),
    paragraphs("notes"),
    Heading("case"),
    line("case.number", hint="case_number"),
    line("case.archive"),
    picked("case.officer"),
    text_line("case.recommended_by"),
    text_paragraphs("case.recommendation"),
)

NEW_ITEM: dict[str, Any] = {"duration": 15}
"""A new item: a quarter of an hour of the model's default kind, which names it until it
has a title."""


class ItemFormScreen(RecordForm):
    """Dismissed with the edited `AgendaItem`, or None when cancelled."""

    def __init__(
        self,
        meeting: Meeting,
        item: AgendaItem | None,
        *,
        after: Path | None = None,
        inside: bool = False,
        restore: dict[str, Any] | None = None,
    ) -> None:
        """`item` to edit it; None for a new item, checked where it will go: after the item
        at `after` (or inside it), at the end of the agenda when `after` is None. `restore`:
        what was typed into this form before the app stopped."""
        place = _in_its_place(meeting, item) if item is not None else _new(after, inside)
        entry = list(_path_of(meeting, item)) if item is not None else None
        kept_as = DraftPlace(
            FormKind.ITEM, entry, list(after) if after is not None else None, inside
        )
        super().__init__(
            "edit_item" if item is not None else "new_item",
            ITEM_FIELDS,
            AgendaItem,
            item.model_dump() if item is not None else NEW_ITEM,
            meeting=meeting,
            place=place,
            options={"case.officer": people_options(meeting)},
            kept_as=kept_as,
            restore=restore,
        )
        self.item = item

    def heading_text(self) -> str:
        if self.item is None:
            return self.word("form", "new_item")
        wording = Wording(self.meeting, self.app.language)
        title = wording.text(self.item.title) or wording.label("item_kind", self.item.kind.value)
        return self.word("form", "edit_item", title=title)


def _path_of(meeting: Meeting, item: AgendaItem) -> Path:
    loc = next(where for where, found in walk_agenda(meeting.agenda) if found is item)
    return tuple(int(index) for index in loc[1::2])


def _in_its_place(meeting: Meeting, item: AgendaItem) -> Place:
    """The edited item where it is in the agenda."""
    loc = next(where for where, found in walk_agenda(meeting.agenda) if found is item)

    def place(data: dict[str, Any], record: dict[str, Any]) -> Loc:
        _at(data, loc[:-1])[loc[-1]] = record
        return loc

    return place


def _new(after: Path | None, inside: bool) -> Place:
    """A new item where `editing.add_item` will put it."""
    if after is None:
        siblings: Loc = ("agenda",)
    elif inside:
        siblings = (*_loc(after), "items")
    else:
        siblings = (*_loc(after[:-1]), "items") if len(after) > 1 else ("agenda",)

    def place(data: dict[str, Any], record: dict[str, Any]) -> Loc:
        items = _at(data, siblings)
        index = after[-1] + 1 if after is not None and not inside else len(items)
        items.insert(index, record)
        return (*siblings, index)

    return place


def _loc(path: Path) -> Loc:
    """('agenda', 2, 'items', 0) for the path (2, 0)."""
    loc: list[str | int] = ["agenda"]
    for depth, index in enumerate(path):
        loc.extend(("items", index) if depth else (index,))
    return tuple(loc)


def _at(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data
