"""A meeting's events outside the programme: the conference dinner, a study visit, a reception.
Each with its kind, title, when and where; adding, editing and removing go through
`planner.agenda.events`, kept for undo and saved as you go, like the topics and the people."""

from __future__ import annotations

from typing import Any

from planner.agenda import editing
from planner.agenda.wording import Wording
from planner.editing.drafts import Draft, DraftPlace, FormKind
from planner.model import EventKind, Meeting
from planner.model.meeting import SideEvent
from planner.tui.screens.record_form import RecordForm, appended, replacing
from planner.tui.screens.registers import RegisterScreen, Shown
from planner.tui.widgets.form import (
    Heading,
    choice,
    line,
    moment,
    number,
    text_line,
    text_paragraphs,
)

EVENT_FIELDS = (
    choice("kind", EventKind, "event_kind", blank=False),
    text_line("title"),
    text_paragraphs("description"),
    Heading("when"),
    moment("start", hint="date_time"),
    moment("end", hint="date_time"),
    Heading("where"),
    text_line("venue.name", label="event.venue"),
    line("venue.address"),
    line("venue.postal_code"),
    line("venue.city"),
    line("online_url", hint="url"),
    number("capacity"),
    line("id", label="item.id", hint="key"),
)


def event_when(meeting: Meeting, event: SideEvent, wording: Wording) -> str:
    """'20.11.2018 19.00–22.00'; the end's date too when it ends on another day."""
    start, end = event.start, event.end
    if end is None or end.date() == start.date():
        return f"{wording.date(start)} {wording.span(start, end)}"
    return (
        f"{wording.date(start)} {wording.clock(start)} – {wording.date(end)} {wording.clock(end)}"
    )


class EventsScreen(RegisterScreen):
    TABLES = ("events",)
    HEADING = "events_heading"

    def fill(self, wording: Wording) -> None:
        rows = []
        for index, event in enumerate(self.meeting.events):
            where = ""
            if event.venue is not None:
                where = wording.text(event.venue.name, name=True)
            cells = [
                event_when(self.meeting, event, wording),
                wording.label("event_kind", event.kind.value),
                wording.text(event.title),
                where or self.word("screens_events", "at_the_venue"),
                "" if event.capacity is None else str(event.capacity),
            ]
            rows.append((str(index), cells))
        columns = [
            Shown("when"),
            Shown("kind", most=16, hide_below=100),
            Shown("title", grow=True),
            Shown("where", most=30),
            Shown("capacity", hide_below=100),
        ]
        self.fill_table("events", columns, rows)

    def event_form(
        self, heading: str, data: dict[str, Any], place, entry: str | None, **draft
    ) -> RecordForm:
        kept_as = DraftPlace(FormKind.EVENT, entry)
        return self.record_form(heading, EVENT_FIELDS, SideEvent, data, place, kept_as, **draft)

    def current_index(self) -> int | None:
        key = self.current("events")
        return None if key is None else int(key)

    def action_add(self) -> None:
        if self.history is not None:
            self.new_event()

    def new_event(self, restore: dict[str, Any] | None = None) -> None:
        data = {"start": self.meeting.start}
        form = self.event_form("new_event", data, appended("events"), None, restore=restore)
        self.ask(form, lambda event: self.apply(lambda m: editing.add_event(m, event), "events"))

    def action_edit(self) -> None:
        index = self.current_index()
        if self.history is not None and index is not None:
            self.change_event(index)

    def change_event(self, index: int, restore: dict[str, Any] | None = None) -> None:
        event = self.meeting.events[index]
        place = replacing("events", index)
        form = self.event_form("edit_event", event.model_dump(), place, str(index), restore=restore)
        self.ask(
            form,
            lambda changed: self.apply(
                lambda m: editing.replace_event(m, index, changed), "events"
            ),
        )

    def open_draft(self, draft: Draft) -> None:
        """An event's text comes back into the event it was typed for, while the meeting
        still has it (events are named by their place); else into a new one."""
        entry = draft.entry
        if isinstance(entry, str) and entry.isdigit() and int(entry) < len(self.meeting.events):
            self.change_event(int(entry), draft.values)
        else:
            self.new_event(draft.values)

    def action_delete(self) -> None:
        index = self.current_index()
        if self.history is None or index is None:
            return
        title = Wording(self.meeting, self.app.language).text(self.meeting.events[index].title)
        if self.apply(lambda m: editing.remove_event(m, index), "events"):
            self.deleted(title)
