"""The agenda as the printout shows it: the header facts, one row per item, what comes after
the programme, and the whole as text. The command line and the app share these, so a
meeting reads the same everywhere, in one language (see `wording`).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field

from planner.agenda.schedule import Schedule, ScheduledItem
from planner.agenda.wording import Wording, item_loc
from planner.i18n import EN_DASH
from planner.model import Meeting, MeetingKind
from planner.model.agenda import PART_FIELDS, Part
from planner.model.meeting import MeetingMode, Venue
from planner.model.text import paragraphs, printable


@dataclass(frozen=True)
class AgendaRow:
    entry: ScheduledItem
    number: str
    time: str
    """'10.00–10.15', '17.00' for a milestone, '' for an item without a time of its own."""
    minutes: str
    title: str
    people: list[str] = field(default_factory=list)
    """One line per part: 'Innledere: Jan Tore Sanner, …'."""
    details: list[str] = field(default_factory=list)
    """The case's facts, attachments: each a line under the people."""
    place: list[str] = field(default_factory=list)
    """Where it is (track · room), places and how to join online: lines under the title."""
    day_heading: str | None = None
    """Set on the first row of each day of a multi-day meeting."""

    @property
    def depth(self) -> int:
        return self.entry.depth


def agenda_rows(schedule: Schedule, wording: Wording) -> list[AgendaRow]:
    multi_day = len({entry.day for entry in schedule.items}) > 1
    rows, last_day = [], None
    for entry in schedule.items:
        heading = None
        if multi_day and entry.day != last_day:
            date = schedule.meeting.date_of_day(entry.day)
            heading = f"{wording.label('word', 'day')} {entry.day}: {wording.day(date)}"
            last_day = entry.day
        minutes = entry.minutes
        rows.append(
            AgendaRow(
                entry=entry,
                number=wording.number(entry),
                time=wording.span(entry.start, entry.end) if entry.start else "",
                minutes="" if not minutes else str(minutes),
                title=wording.title(entry),
                people=_people(entry, wording),
                details=_details(entry, wording),
                place=_place(entry, wording),
                day_heading=heading,
            )
        )
    return rows


def _people(entry: ScheduledItem, wording: Wording) -> list[str]:
    item, where = entry.item, _loc(entry)
    lines = []
    for part, field_name in PART_FIELDS.items():
        if part == Part.SPEAKER:
            lines += wording.speakers(item, where)
            continue
        people = getattr(item, field_name)
        line = wording.participants("part", part.value, people, f"{where}.{field_name}")
        if line:
            lines.append(line)
    return lines


def _place(entry: ScheduledItem, wording: Wording) -> list[str]:
    item, where = entry.item, _loc(entry)
    place = [
        wording.text(item.track, f"{where}.track", name=True),
        wording.text(item.room, f"{where}.room", name=True),
    ]
    if item.capacity is not None:
        place.append(f"{wording.label('word', 'capacity')}: {item.capacity}")
    lines = [" · ".join(p for p in place if p)] if any(place) else []
    if item.online_url:
        lines.append(f"{wording.label('word', 'join_online')}: {item.online_url}")
    return lines


def _details(entry: ScheduledItem, wording: Wording) -> list[str]:
    item, where = entry.item, _loc(entry)
    lines = _case_lines(item, wording, where) if item.case is not None else []
    links = [
        f"{wording.text(link.title, f'{where}.links[{index}].title')} ({link.url})"
        for index, link in enumerate(item.links)
    ]
    if len(links) == 1:
        lines.append(f"{wording.label('word', 'attachment')}: {links[0]}")
    elif links:
        lines.append(f"{wording.label('word', 'attachments')}:")
        lines += [f"– {link}" for link in links]
    return lines


def _case_lines(item, wording: Wording, where: str) -> list[str]:
    case = item.case
    facts = []
    if case.archive:
        facts.append(f"{wording.label('word', 'archive')} {printable(case.archive)}")
    if case.officer:
        facts.append(f"{wording.label('word', 'officer')}: {wording.who(case.officer)}")
    lines = [" · ".join(facts)] if facts else []
    if case.recommendation is not None:
        by = wording.text(case.recommended_by, f"{where}.case.recommended_by")
        heading = by or wording.label("word", "recommendation")
        text = wording.text_with_lines(case.recommendation, f"{where}.case.recommendation")
        lines.append(f"{heading}:")
        lines += [f"  {point}" for point in paragraphs(text)]
    return lines


def header_facts(meeting: Meeting, wording: Wording) -> list[tuple[str, str]]:
    """What a notice says above the programme: (label, text) pairs."""
    facts = []
    if meeting.body is not None:
        facts.append((wording.label("word", "body"), wording.text(meeting.body, "body")))
    facts.append((wording.label("word", "time"), wording.when()))
    if meeting.venue is not None:
        facts.append((wording.label("word", "venue"), venue_line(meeting.venue, wording)))
    if meeting.mode != MeetingMode.IN_PERSON:
        link = str(meeting.online_url) if meeting.online_url else ""
        facts.append((wording.label("mode", meeting.mode.value), link))
    for field_name, part in (("day_hosts", "host"), ("chairs", "chair")):
        people = getattr(meeting, field_name)
        line = wording.participants("part", part, people, field_name)
        if line:
            name, _, listed = line.partition(": ")
            facts.append((name, listed))
    if meeting.absence is not None:
        facts.append((wording.label("word", "absence"), absence_line(meeting, wording)))
    return facts


def venue_line(venue: Venue, wording: Wording) -> str:
    town = " ".join(x for x in (venue.postal_code, venue.city) if x)
    parts = [
        wording.text(venue.name, "venue.name", name=True),
        wording.text(venue.room, "venue.room", name=True),
        printable(venue.address or ""),
        printable(town),
    ]
    line = ", ".join(p for p in parts if p)
    return f"{line} ({venue.online_url})" if venue.online_url else line


def absence_line(meeting: Meeting, wording: Wording) -> str:
    """'Kari Nordmann, utvalgssekretær, 51 00 00 00 – snarest, slik at varamedlem kan
    innkalles.'"""
    absence = meeting.absence
    assert absence is not None
    parts = []
    if isinstance(absence.to, str):
        parts.append(wording.who(absence.to))
    elif absence.to is not None:
        contact = [absence.to.name, absence.to.phone or "", absence.to.email or ""]
        parts.append(", ".join(printable(c) for c in contact if c))
    how = wording.text(absence.how, "absence.how")
    if how:
        parts.append(" ".join(how.split()))
    return f" {EN_DASH} ".join(parts)


def after_programme(meeting: Meeting, wording: Wording) -> list[str]:
    """The events outside the programme, and who signs the notice."""
    lines = []
    if meeting.events:
        lines.append(wording.label("word", "events"))
        for index, event in enumerate(meeting.events):
            title = wording.text(event.title, f"events[{index}].title")
            when = f"{wording.day(event.start)} {wording.span(event.start, event.end)}"
            if event.venue is not None:
                extra = [venue_line(event.venue, wording)]
            else:  # at the meeting's own venue: its name says enough
                extra = (
                    [wording.text(meeting.venue.name, "venue.name", name=True)]
                    if meeting.venue
                    else []
                )
            if event.capacity:
                extra.append(f"{wording.label('word', 'capacity')}: {event.capacity}")
            if event.online_url:
                extra.append(str(event.online_url))
            listed = "; ".join(p for p in extra if p)
            lines.append(f"  {when}  {title}" + (f" ({listed})" if listed else ""))
    if meeting.signed_by:
        signed = wording.listed(meeting.signed_by, "signed_by")
        lines.append(f"{wording.label('word', 'signed')}: {signed}")
    return lines


def sheet_text(schedule: Schedule, wording: Wording, width: int = 100) -> str:
    """The whole printout: title, header facts, the agenda, what follows it, the warnings,
    and a note on texts not in the language."""
    meeting = schedule.meeting
    lines = [wording.text(meeting.title, "title")]
    kind = wording.label("meeting_kind", meeting.kind.value)
    status = wording.label("meeting_status", meeting.status.value)
    lines.append(f"{kind} · {status} · {meeting.slug}")
    for name, text in header_facts(meeting, wording):
        fact = f"{name}: {text}" if text else name
        lines += _wrap(fact, width, "", " " * (len(name) + 2))
    lines += ["", agenda_text(schedule, wording, width)]
    after = after_programme(meeting, wording)
    if after:
        lines += [""] + [wrapped for line in after for wrapped in _wrap_indented(line, width)]
    lines += ["", *warning_lines(schedule, wording)]
    note = wording.missing_note()
    if note:
        lines += ["", *_wrap(note, width, "", "  ")]
    return "\n".join(lines)


def _wrap_indented(line: str, width: int) -> list[str]:
    indent = line[: len(line) - len(line.lstrip(" "))]
    return _wrap(line.strip(), width, indent, indent + "  ")


def warning_lines(schedule: Schedule, wording: Wording) -> list[str]:
    if not schedule.warnings:
        return [wording.label("word", "no_warnings")]
    lines = [wording.label("word", "warning_count", count=len(schedule.warnings))]
    for warning in schedule.warnings:
        lines.append(f"  ! {wording.warning_kind(warning)}: {wording.warning(schedule, warning)}")
    return lines


def agenda_text(schedule: Schedule, wording: Wording, width: int = 100) -> str:
    """The agenda as plain text columns, long titles wrapped under themselves."""
    rows = agenda_rows(schedule, wording)
    names = [person.name for person in schedule.meeting.people]
    number_width = max([len(r.number) for r in rows] + [3])
    time_width = max([len(r.time) for r in rows] + [4])
    gutter = number_width + time_width + 8
    text_width = max(width - gutter, 30)
    heading = "case_list" if schedule.meeting.kind == MeetingKind.COUNCIL_MEETING else "programme"
    header = (
        f"{wording.label('word', 'number'):<{number_width}} "
        f"{wording.label('word', 'time'):<{time_width}} "
        f"{wording.label('word', 'minutes'):>4}  {wording.label('word', heading)}"
    )
    lines = [header.rstrip()]
    for row in rows:
        if row.day_heading:
            lines += ["", " " * gutter + row.day_heading]
        indent = "  " * row.depth
        first, *rest = _wrap(row.title, text_width, indent, indent + "  ")
        columns = f"{row.number:<{number_width}} {row.time:<{time_width}} {row.minutes:>4}"
        lines.append(f"{columns}  {first}".rstrip())
        lines += [" " * gutter + line for line in rest]
        for extra in [*row.place, *row.people, *row.details]:
            later = indent + "    " + " " * _hanging(extra)
            wrapped = _wrap(extra, text_width, indent + "  ", later, names)
            lines += [" " * gutter + line for line in wrapped]
    return "\n".join(lines)


def _hanging(line: str) -> int:
    """How far a numbered point's later lines are indented, so they align with its text."""
    point = re.match(r" *(\d+[.)]|[-–•]) ", line)
    return len(point.group(0)) - 2 if point else 0


def _wrap(
    text: str, width: int, first_indent: str, later_indent: str, names: Iterable[str] = ()
) -> list[str]:
    """`text` wrapped to `width`; never inside a person's name or a word."""
    for name in names:
        text = text.replace(name, name.replace(" ", _KEEP))
    wrapped = textwrap.wrap(
        text,
        width=width,
        initial_indent=first_indent,
        subsequent_indent=later_indent,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [first_indent]
    return [line.replace(_KEEP, " ") for line in wrapped]


_KEEP = "\u00a0"
"""A space textwrap does not break at: it holds a name together, and is a space again after."""


def _loc(entry: ScheduledItem) -> str:
    return item_loc(entry.path)
