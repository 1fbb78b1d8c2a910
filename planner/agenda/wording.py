"""A meeting said in one language: its labels, dates and clock times, its own texts, and the
names of its people and items, the way the printout, the app and every document say them.

Nothing is mixed silently: each of the meeting's texts that lacks the language is shown in
the nearest language it has (the meeting's own first), and `Wording.missing` keeps where, so
the printout can say it once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from planner.agenda.schedule import Schedule, ScheduledItem, ScheduleWarning
from planner.i18n import (
    EN_DASH,
    fill,
    format_clock,
    format_date_short,
    format_day,
    format_minutes,
    format_span,
    label,
    language_name,
)
from planner.model import Meeting, Participation, walk_agenda
from planner.model.agenda import PART_FIELDS, SPEAKERS_GIVE, AgendaItem, Contribution
from planner.model.text import _Multilingual, printable
from planner.registrations.checks import DateSpan, EventRef, Finding


class Wording:
    """Says one meeting in `language` (the meeting's own when None)."""

    def __init__(self, meeting: Meeting, language: str | None = None):
        self.meeting = meeting
        self.language = language or meeting.language
        self.fallbacks = named_languages(meeting)
        self.missing: dict[str, str] = {}
        """Where a text lacks the language -> the language it is shown in."""

    # -- Planner's own words -------------------------------------------------------------

    def label(self, group: str, key: str, **values: object) -> str:
        text = label(group, key, self.language, self.fallbacks)
        return fill(text, {name: str(value) for name, value in values.items()}) if values else text

    def clock(self, moment: datetime) -> str:
        return format_clock(moment, self.language)

    def span(self, start: datetime, end: datetime | None) -> str:
        return format_span(start, end, self.language)

    def day(self, moment: date | datetime) -> str:
        return format_day(moment, self.language)

    def date(self, moment: date | datetime) -> str:
        return format_date_short(moment, self.language)

    def minutes(self, count: int) -> str:
        return format_minutes(count, self.language)

    def quoted(self, text: str) -> str:
        return self.label("word", "quoted", text=text)

    # -- the meeting's own texts ---------------------------------------------------------

    def text(self, value: _Multilingual | None, where: str = "", *, name: bool = False) -> str:
        """`value` in the language, else in the nearest language it has; notes which.

        A `name` (a venue, a room, an organisation) written once is the same in every
        language; only a name given per language and lacking this one is noted.
        """
        return printable(self._pick(value, where, name))

    def text_with_lines(self, value: _Multilingual | None, where: str = "") -> str:
        """Like `text`, but the text's own line breaks stay (a recommendation's points)."""
        raw = self._pick(value, where, False)
        return "\n".join(printable(line) for line in raw.split("\n"))

    def _pick(self, value: _Multilingual | None, where: str, name: bool) -> str:
        if value is None:
            return ""
        root = value.root
        if isinstance(root, str):
            if name:
                return root
            shown_in, text = self.meeting.language, root
        elif self.language in root:
            return root[self.language]
        else:
            shown_in = next((lang for lang in self.fallbacks if lang in root), next(iter(root)))
            text = root[shown_in]
        if shown_in != self.language and where:
            self.missing.setdefault(where, shown_in)
        return text

    def missing_note(self, most: int = 6) -> str | None:
        """One line saying which texts are not in the language, or None when all are."""
        if not self.missing:
            return None
        places = list(self.missing)
        shown_in = sorted(set(self.missing.values()), key=list(self.missing.values()).index)
        where = ", ".join(places[:most])
        if len(places) > most:
            where += " " + self.label("word", "and_more", count=len(places) - most)
        return self.label(
            "word",
            "not_in_language",
            count=len(places),
            language=language_name(self.language, self.language),
            fallback=", ".join(language_name(lang, self.language) for lang in shown_in),
            where=where,
        )

    # -- when and where ------------------------------------------------------------------

    def when(self) -> str:
        """'fredag 26. august 2016 kl. 12.30–16.00'; 'torsdag 4. desember 2014, etter møtet
        i administrasjonsutvalget' when the time is not set; 'torsdag 4. desember 2014 kl.
        09.30, etter møte i partssammensatt utvalg' when both are published; the start alone
        for an open end."""
        meeting = self.meeting
        at = self.label("word", "at_clock")
        at = f"{at} " if at else ""
        start, end = meeting.start_time, meeting.end
        after = self.text(meeting.starts_after, "starts_after")
        if start is None:
            return (
                f"{self.day(meeting.start_date)}, {after}"
                if after
                else self.day(meeting.start_date)
            )
        if end is None or start.date() == end.date():
            when = f"{self.day(start)} {at}{self.span(start, end)}"
        else:
            when = (
                f"{self.day(start)} {at}{self.clock(start)} {EN_DASH} {self.day(end)} "
                f"{at}{self.clock(end)}"
            )
        return f"{when}, {after}" if after else when

    # -- people --------------------------------------------------------------------------

    def who(self, key: str, title: _Multilingual | None = None, where: str = "") -> str:
        """A person as programmes name them: 'Rabia Musavi, daglig leder, LIN' (with `title`
        instead of their own when they take a part under another); an organisation by its
        name."""
        for index, person in enumerate(self.meeting.people):
            if person.id == key:
                parts = [printable(person.name)]
                if title is not None:
                    parts.append(self.text(title, f"{where}.title"))
                elif person.title is not None:
                    parts.append(self.text(person.title, f"people[{index}].title"))
                if person.organisation:
                    parts.append(self.organisation_name(person.organisation))
                return ", ".join(parts)
        for index, organisation in enumerate(self.meeting.organisations):
            if organisation.id == key:
                return self.text(organisation.name, f"organisations[{index}].name", name=True)
        return key

    def organisation_name(self, written: str) -> str:
        """A person's organisation: the short name of the organisation with that key, else
        the text as written."""
        organisation = self.meeting.organisation(written)
        if organisation is None:
            return printable(written)
        return (
            printable(organisation.short_name)
            if organisation.short_name
            else self.text(organisation.name)
        )

    def participant(self, participation: Participation, where: str = "") -> str:
        text = self.who(participation.who, participation.title, where)
        role = self.text(participation.role, f"{where}.role" if where else "")
        return f"{text} ({role})" if role else text

    def participants(self, group: str, part: str, people: list[Participation], where: str) -> str:
        """'Møteledere: A; B' — the part's name, singular or plural, then the people. Someone
        listed twice is printed once (`planner check` warns about it)."""
        indexed = first_of_each(people)
        if not indexed:
            return ""
        name = self.label(group if len(indexed) == 1 else group + "s", part)
        return f"{name}: {self.listed(people, where)}"

    def listed(self, people: list[Participation], where: str) -> str:
        """'A; B': each one once, in the order given."""
        return "; ".join(self.participant(p, f"{where}[{i}]") for i, p in first_of_each(people))

    def list_name(self, field: str) -> str:
        """How a list of people is printed: 'chairs' -> 'Møteledere', 'signed_by' ->
        'Underskrift'."""
        if field == "signed_by":
            return self.label("word", "signed")
        part = _PART_OF_FIELD.get(field, field)
        return self.label("parts", part)

    def speakers(self, item: AgendaItem, where: str) -> list[str]:
        """The item's speakers, a line for each thing they give: 'Tale ved Jonas Gahr
        Støre, statsminister'; speakers of an item that gives nothing in particular as
        'Innledere: A; B'."""
        lines = []
        for gives, people in speaker_groups(item).items():
            listed = [self.participant(p, f"{where}.speakers[{i}]") for i, p in people]
            if gives is None:
                name = self.label("part" if len(listed) == 1 else "parts", "speaker")
                lines.append(f"{name}: {'; '.join(listed)}")
            else:
                lines.append(
                    self.label("documents_contribution", gives.value, names="; ".join(listed))
                )
        return lines

    # -- items ---------------------------------------------------------------------------

    def number(self, entry: ScheduledItem) -> str:
        """'2.1'; a case by its case number, 'Sak 130/14'; '' for a break."""
        case = entry.item.case
        if case is not None:
            return printable(self.meeting.case_number(case.number, self.label("word", "case")))
        return entry.number or ""

    def title(self, entry: ScheduledItem) -> str:
        """The item's own title, or the word for its kind ('Pause') when it has none."""
        where = item_loc(entry.path) + ".title"
        return self.text(entry.item.title, where) or self.label("item_kind", entry.item.kind.value)

    def item_name(self, entry: ScheduledItem) -> str:
        """How a message names an item: 'punkt 2 «Innledninger»', 'Sak 130/14 «Budsjett»',
        or, without a number, its title in quotes (cut short at 40 characters)."""
        title = self.title(entry)
        quoted = self.quoted(title if len(title) <= 40 else title[:39].rstrip() + "…")
        if entry.item.case is not None:
            return f"{self.number(entry)} {quoted}"
        if entry.number:
            return f"{self.label('word', 'item')} {entry.number} {quoted}"
        return quoted

    # -- warnings ------------------------------------------------------------------------

    def warning(self, schedule: Schedule, warning: ScheduleWarning) -> str:
        values = {name: self._fact(schedule, name, value) for name, value in warning.facts.items()}
        return self.label("warning", warning.form, **values)

    def warning_kind(self, warning: ScheduleWarning) -> str:
        return self.label("warning_kind", warning.kind.value)

    def finding(self, schedule: Schedule, finding: Finding) -> str:
        """A warning about registrations (`planner check`)."""
        values = {name: self._fact(schedule, name, value) for name, value in finding.facts.items()}
        return self.label("check", finding.form, **values)

    def _fact(self, schedule: Schedule, name: str, value: object) -> str:
        if name == "who" and isinstance(value, str):
            return self.who(value)
        if name == "list" and isinstance(value, str):
            return self.quoted(self.list_name(value))
        if isinstance(value, tuple):
            return self.item_name(schedule.entry(value))
        if isinstance(value, EventRef):
            event = self.meeting.events[value.index]
            return self.quoted(self.text(event.title, f"events[{value.index}].title"))
        if isinstance(value, DateSpan):
            if value.first == value.last:
                return self.date(value.first)
            return f"{self.date(value.first)}{EN_DASH}{self.date(value.last)}"
        if isinstance(value, datetime):
            return self.clock(value)
        if isinstance(value, date):
            return self.date(value)
        if name in ("minutes", "duration") and isinstance(value, int):
            return self.minutes(value)
        return str(value)


_PART_OF_FIELD = {
    **{field: part.value for part, field in PART_FIELDS.items()},
    "day_hosts": "host",
}
"""The part each list of people is: 'speakers' -> 'speaker'; the meeting's 'chairs' too."""


def speaker_groups(item: AgendaItem) -> dict[Contribution | None, list[tuple[int, Participation]]]:
    """The item's speakers by what they give (None: nothing in particular), each with their
    place in the list; someone listed twice for one thing, the first time only."""
    groups: dict[Contribution | None, list[tuple[int, Participation]]] = {}
    seen: set[tuple[Contribution | None, str]] = set()
    default = SPEAKERS_GIVE.get(item.kind)
    for index, participation in enumerate(item.speakers):
        gives = participation.gives or default
        if (gives, participation.who) not in seen:
            seen.add((gives, participation.who))
            groups.setdefault(gives, []).append((index, participation))
    return groups


def first_of_each(people: list[Participation]) -> list[tuple[int, Participation]]:
    """Each one taking a part, with their place in the list, the first time only."""
    seen: set[str] = set()
    first = []
    for index, participation in enumerate(people):
        if participation.who not in seen:
            seen.add(participation.who)
            first.append((index, participation))
    return first


def named_languages(meeting: Meeting) -> tuple[str, ...]:
    """The languages a meeting names: its own first, then those its title is given in, then
    those of its other texts, in the order met."""
    seen: dict[str, None] = {meeting.language: None}
    for language in meeting.title.languages:
        seen.setdefault(language, None)
    for _, item in walk_agenda(meeting.agenda):
        if item.title is not None:
            for language in item.title.languages:
                seen.setdefault(language, None)
    return tuple(seen)


def item_loc(path: Iterable[int]) -> str:
    """Where an item is in the meeting file: (1, 0) -> 'agenda[1].items[0]'."""
    return "agenda" + "".join(
        f"[{index}]" if position == 0 else f".items[{index}]" for position, index in enumerate(path)
    )
