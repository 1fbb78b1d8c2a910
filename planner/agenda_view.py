"""The timed, numbered agenda as rows of text, ready for the command line and the TUI."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from planner.i18n import format_day, format_span, label
from planner.model import Meeting, Participation
from planner.schedule import Schedule, ScheduledItem


@dataclass(frozen=True)
class AgendaRow:
    number: str
    time: str
    minutes: int
    title: str
    people: str
    where: str
    depth: int
    day_heading: str | None = None
    """Set on the first row of each day of a multi-day meeting."""


def item_title(meeting: Meeting, entry: ScheduledItem, language: str) -> str:
    """The item's own title, or the word for its kind ('Pause') when it has none."""
    return meeting.text(entry.item.title, language) or label(
        "item_kind", entry.item.kind.value, language
    )


def describe_person(meeting: Meeting, key: str) -> str:
    person = meeting.person(key)
    if person is None:
        return key
    return f"{person.name}, {person.title}" if person.title else person.name


def people_line(meeting: Meeting, entry: ScheduledItem, language: str) -> str:
    item = entry.item
    parts = [_participant(meeting, p) for p in item.speakers]
    if item.moderator:
        parts.append(
            f"{label('word', 'moderator', language)}: {_participant(meeting, item.moderator)}"
        )
    return "; ".join(parts)


def _participant(meeting: Meeting, participation: Participation) -> str:
    text = describe_person(meeting, participation.person)
    return f"{text} ({participation.role})" if participation.role else text


def agenda_rows(schedule: Schedule, language: str | None = None) -> list[AgendaRow]:
    meeting = schedule.meeting
    language = language or meeting.language
    multi_day = len({entry.day for entry in schedule.items}) > 1
    rows, last_day = [], None
    for entry in schedule.items:
        heading = None
        if multi_day and entry.day != last_day:
            heading = (
                f"{label('word', 'day', language)} {entry.day}: {format_day(entry.start, language)}"
            )
            last_day = entry.day
        where = " · ".join(x for x in (entry.item.track, entry.item.room) if x)
        rows.append(
            AgendaRow(
                number=entry.number or "",
                time=format_span(entry.start, entry.end, language),
                minutes=entry.minutes,
                title=item_title(meeting, entry, language),
                people=people_line(meeting, entry, language),
                where=where,
                depth=entry.depth,
                day_heading=heading,
            )
        )
    return rows


def agenda_text(schedule: Schedule, language: str | None = None, width: int = 100) -> str:
    """The agenda as plain text columns, long titles wrapped under themselves."""
    language = language or schedule.meeting.language
    rows = agenda_rows(schedule, language)
    number_width = max([len(r.number) for r in rows] + [3])
    time_width = max([len(r.time) for r in rows] + [4])
    gutter = number_width + time_width + 8
    text_width = max(width - gutter, 30)
    header = (
        f"{label('word', 'number', language):<{number_width}} "
        f"{label('word', 'time', language):<{time_width}} "
        f"{'Min':>4}  {label('word', 'programme', language)}"
    )
    lines = [header.rstrip()]
    for row in rows:
        if row.day_heading:
            lines += ["", " " * gutter + row.day_heading]
        indent = "  " * row.depth
        title = row.title + (f" [{row.where}]" if row.where else "")
        first, *rest = _wrap(title, text_width, indent, indent + "  ")
        lines.append(
            f"{row.number:<{number_width}} {row.time:<{time_width}} {row.minutes:>4}  {first}"
        )
        lines += [" " * gutter + line for line in rest]
        if row.people:
            people = _wrap(row.people, text_width, indent + "  ", indent + "    ")
            lines += [" " * gutter + line for line in people]
    return "\n".join(lines)


def _wrap(text: str, width: int, first_indent: str, later_indent: str) -> list[str]:
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=first_indent,
        subsequent_indent=later_indent,
        break_on_hyphens=False,
    ) or [first_indent]
