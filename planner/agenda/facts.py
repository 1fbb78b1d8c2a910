"""What a secretariat would want flagged in a meeting that is not about time: two cases with
one case number, someone listed twice in one part, an online meeting no one can join.

These are warnings, not errors: the meeting is still valid and printable (a person listed
twice is printed once), but `planner check` and the app say it beside the item. They come
with the schedule's warnings (`build_schedule`), in the same shape.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from planner.agenda.schedule import ScheduleWarning, WarningForm, WarningKind
from planner.model import Meeting, Participation, walk_agenda
from planner.model.agenda import PART_FIELDS
from planner.model.meeting import MeetingMode

_MEETING_PARTS = ("chairs", "day_hosts", "signed_by")
"""The meeting's own lists of people."""


def meeting_facts(meeting: Meeting) -> list[ScheduleWarning]:
    """The meeting's facts worth a warning, in the order of the file."""
    return [*_missing_link(meeting), *_listed_twice(meeting), *_case_numbers_twice(meeting)]


def _missing_link(meeting: Meeting) -> Iterator[ScheduleWarning]:
    """An online or hybrid meeting needs a link to join it, on the meeting or its venue."""
    if meeting.mode == MeetingMode.IN_PERSON or meeting.online_url is not None:
        return
    if meeting.venue is not None and meeting.venue.online_url is not None:
        return
    form = (
        WarningForm.NO_LINK_ONLINE
        if meeting.mode == MeetingMode.ONLINE
        else WarningForm.NO_LINK_HYBRID
    )
    yield ScheduleWarning(WarningKind.NO_LINK, None, form)


def _listed_twice(meeting: Meeting) -> Iterator[ScheduleWarning]:
    """The same person or organisation twice in one list: `chairs: [alice, alice]`."""
    for field in _MEETING_PARTS:
        for who in _repeated(getattr(meeting, field)):
            yield ScheduleWarning(
                WarningKind.LISTED_TWICE,
                None,
                WarningForm.LISTED_TWICE,
                {"who": who, "list": field},
            )
    for loc, item in walk_agenda(meeting.agenda):
        path = tuple(index for index in loc if isinstance(index, int))
        for field in PART_FIELDS.values():
            for who in _repeated(getattr(item, field)):
                yield ScheduleWarning(
                    WarningKind.LISTED_TWICE,
                    path,
                    WarningForm.LISTED_TWICE_IN_ITEM,
                    {"who": who, "list": field, "item": path},
                )


def _repeated(people: list[Participation]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for participation in people:
        if participation.who in seen and participation.who not in repeated:
            repeated.append(participation.who)
        seen.add(participation.who)
    return repeated


def _case_numbers_twice(meeting: Meeting) -> Iterator[ScheduleWarning]:
    """Two cases with one case number ("75/15" twice): one of them is mistyped."""
    first: dict[str, tuple[int, ...]] = {}
    for loc, item in walk_agenda(meeting.agenda):
        if item.case is None:
            continue
        path = tuple(index for index in loc if isinstance(index, int))
        number = _comparable(item.case.number)
        if number in first:
            yield ScheduleWarning(
                WarningKind.SAME_CASE_NUMBER,
                path,
                WarningForm.SAME_CASE_NUMBER,
                {"item": path, "other": first[number]},
            )
        else:
            first[number] = path


def _comparable(number: str) -> str:
    """'Sak 75/15' and 'sak 75 / 15' are one number."""
    return "".join(unicodedata.normalize("NFKC", number).casefold().split())
