"""Editing the events outside the programme: the conference dinner, a study visit, a reception.

Pure functions like those of `planner.agenda.editing` (which re-exports them): each takes a
`Meeting` and returns a new one checked by every rule of the model (an event's start in the
meeting's time zone, its end after its start, its key unused by the agenda), or raises
`InvalidInput` naming the field, or `EditRefused` when there is no such event. An event is
named by its place in `events` (0 is the first), as it has no key unless registrations
choose it.

    meeting = add_event(meeting, SideEvent(kind="dinner", title="Konferensmiddag",
                                           start="2018-11-20 19:00"))
"""

from __future__ import annotations

from planner.agenda.registers import refused, revalidated
from planner.model import Meeting
from planner.model.meeting import SideEvent
from planner.words import Words


def add_event(meeting: Meeting, event: SideEvent) -> Meeting:
    """The meeting with `event` added after its other events."""
    data = meeting.model_dump()
    data["events"].append(event.model_dump())
    return revalidated(meeting, data)


def replace_event(meeting: Meeting, index: int, event: SideEvent) -> Meeting:
    """The meeting with its event number `index` (0 is the first) replaced by `event`."""
    _check(meeting, index)
    data = meeting.model_dump()
    data["events"][index] = event.model_dump()
    return revalidated(meeting, data)


def remove_event(meeting: Meeting, index: int) -> Meeting:
    """The meeting without its event number `index`."""
    _check(meeting, index)
    data = meeting.model_dump()
    del data["events"][index]
    return revalidated(meeting, data)


def _check(meeting: Meeting, index: int) -> None:
    if not 0 <= index < len(meeting.events):
        raise refused(Words("agenda_edit.no_event", number=index + 1))
