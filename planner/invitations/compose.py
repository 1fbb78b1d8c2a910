"""Each planned message as the e-mail that goes out: its subject, letter and calendar from
the templates, in the recipient's language, with the calendar inside.

What every recipient of an entry shares in a language (the calendar's SUMMARY, DESCRIPTION
and LOCATION, the meeting's texts) is said once per send; the subject and letters are
rendered for each recipient, so a template can greet them by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from typing import Any

from markupsafe import escape

from planner.agenda.schedule import Schedule, ScheduledItem, build_schedule
from planner.agenda.sheet import agenda_rows, venue_line
from planner.agenda.wording import Wording
from planner.i18n import EN_DASH
from planner.invitations.email import Letters, Mailbox
from planner.invitations.entries import Entry, EntryKind, Facts, text_in
from planner.invitations.ics import Attendee, CalendarEntry, Method, PersonalCalendars
from planner.invitations.plan import Planned, Reason
from planner.invitations.templates import Renderer
from planner.model import Meeting
from planner.model.meeting import SideEvent
from planner.model.text import printable
from planner.words import say

_MARK = "Plannerrecipientzq"
_OTHER_MARK = "Plannerrecipientxk"
"""Made-up names, letters only (no escaping or wrapping changes them)."""
_LETTER_TEMPLATES = ("mail/subject.txt", "mail/invitation.txt", "mail/invitation.html")

MAIL_WORDS = "invitations_mail"
"""The label group of the words letters and calendars use, as `mail.<name>` in templates."""


@dataclass(frozen=True)
class Composed:
    planned: Planned
    message: bytes
    subject: str
    text: str
    calendar: bytes


class Composer:
    """Makes the messages of one send of one meeting, from one sender, at one moment."""

    def __init__(self, meeting: Meeting, sender: Mailbox, *, stamp: datetime | None = None):
        self.meeting = meeting
        self.sender = sender
        self.stamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        self._letters: dict[Method, Letters] = {}
        self._calendars: dict[tuple[Any, ...], PersonalCalendars] = {}
        self._said: dict[tuple[str, str], dict[str, Any]] = {}
        self._languages: dict[str, _InLanguage] = {}
        self._render = Renderer(meeting)
        self._programmes: dict[str, tuple[str, Any]] = {}
        self._shared: dict[tuple[Any, ...], tuple[str, str, str] | None] = {}

    def compose(self, planned: Planned) -> Composed:
        recipient = planned.recipient
        language = self._language(recipient.language)
        entry_values = self._entry_values(planned.entry, language)
        in_text, in_html = self._programme(language, planned.entry)
        values = {
            "entry": entry_values,
            "programme": in_text,
            "recipient": printable(recipient.name),
            "person": {
                "name": printable(recipient.name),
                "email": recipient.email,
                "organisation": printable(recipient.organisation),
            },
            "reason": planned.reason.value,
            "changes": sorted(change.value for change in planned.changes),
            "mail": language.words,
        }
        subject, text, html = self._written(planned, language.code, values, in_html)
        calendar = self._calendar(planned, language, entry_values).for_attendee(
            Attendee(recipient.email, recipient.name, recipient.role)
        )
        letters = self._letters.get(planned.method)
        if letters is None:
            letters = self._letters.setdefault(planned.method, Letters(self.sender, planned.method))
        message = letters.message(
            Mailbox(recipient.email, recipient.name),
            subject=subject,
            text=text,
            html=html,
            calendar=calendar,
            date=self.stamp,
        )
        return Composed(planned, message, subject, text, calendar)

    def _written(
        self, planned: Planned, language: str, values: dict[str, Any], in_html: Any
    ) -> tuple[str, str, str]:
        """The subject and the two letters for one recipient.

        Most letters differ between two people of the same language only in the name. When
        the templates do not look at `person`, and print `recipient` as it is (rendering
        them for two made-up names gives texts that differ only in those names), they are
        rendered once per language, entry and reason and the name is put in; otherwise for
        each recipient."""
        name = str(values["recipient"])
        key = (language, planned.entry.uid, planned.reason, planned.changes)
        shared = self._shared.get(key)
        if shared is None:
            shared = self._shared.setdefault(key, self._shared_letters(language, values, in_html))
        if shared:
            subject, text, html = shared
            return (
                subject.replace(_MARK, name),
                text.replace(_MARK, name),
                html.replace(_MARK, str(escape(name))),
            )
        return self._letters_for(language, values, in_html)

    def _letters_for(
        self, language: str, values: dict[str, Any], in_html: Any
    ) -> tuple[str, str, str]:
        subject, text, html = self._render.render_all(
            language,
            [
                ("mail/subject.txt", values),
                ("mail/invitation.txt", values),
                ("mail/invitation.html", {**values, "programme": in_html}),
            ],
        )
        return subject, text, html

    def _shared_letters(
        self, language: str, values: dict[str, Any], in_html: Any
    ) -> tuple[str, str, str] | None:
        if self._render.uses(_LETTER_TEMPLATES, "person"):
            return None
        once = self._letters_for(language, {**values, "recipient": _MARK}, in_html)
        twice = self._letters_for(language, {**values, "recipient": _OTHER_MARK}, in_html)
        if any(a.replace(_MARK, _OTHER_MARK) != b for a, b in zip(once, twice, strict=True)):
            return None
        return once

    def published(self, entry: Entry, language_code: str, sequence: int) -> bytes:
        """The entry as an "add to calendar" file (PUBLISH, no attendees)."""
        from planner.invitations.ics import calendar_bytes

        language = self._language(language_code)
        values = self._entry_values(entry, language)
        calendar_entry = self._calendar_entry(entry, language, values, sequence)
        return calendar_bytes(calendar_entry, Method.PUBLISH, self.sender.address, stamp=self.stamp)

    # -- what every recipient of an entry shares ----------------------------------------

    def _language(self, code: str) -> _InLanguage:
        found = self._languages.get(code)
        if found is None:
            found = self._languages.setdefault(code, _InLanguage(self.meeting, code))
        return found

    def _programme(self, language: _InLanguage, entry: Entry) -> tuple[str, Any]:
        """The programme as the letters show it (text, and HTML marked safe: its template
        escaped every value), written once per language; empty but for the meeting."""
        from markupsafe import Markup

        if entry.kind != EntryKind.MEETING:
            return "", Markup("")
        found = self._programmes.get(language.code)
        if found is None:
            values = {"rows": language.programme, "mail": language.words}
            text = self._render("mail/programme.txt", language.code, values)
            html = Markup(self._render("mail/programme.html", language.code, values))
            found = self._programmes.setdefault(language.code, (text, html))
        return found

    def _entry_values(self, entry: Entry, language: _InLanguage) -> dict[str, Any]:
        key = (entry.uid, language.code)
        values = self._said.get(key)
        if values is None:
            values = self._said.setdefault(key, language.entry_values(entry))
        return values

    def _calendar(
        self, planned: Planned, language: _InLanguage, values: dict[str, Any]
    ) -> PersonalCalendars:
        entry = planned.entry
        key = (entry.uid, language.code, planned.method, planned.sequence, planned.reason)
        found = self._calendars.get(key)
        if found is None:
            calendar_entry = self._calendar_entry(entry, language, values, planned.sequence)
            found = PersonalCalendars(
                calendar_entry,
                planned.method,
                self.sender.address,
                stamp=self.stamp,
                withdrawn=planned.reason == Reason.WITHDRAW,
            )
            self._calendars[key] = found
        return found

    def _calendar_entry(
        self, entry: Entry, language: _InLanguage, values: dict[str, Any], sequence: int
    ) -> CalendarEntry:
        facts = entry.facts
        calendar_values = {
            "entry": values,
            "programme": language.programme if entry.kind == EntryKind.MEETING else (),
            "mail": language.words,
        }
        return CalendarEntry(
            uid=entry.uid,
            sequence=sequence,
            summary=self._render("calendar/summary.txt", language.code, calendar_values).strip(),
            description=self._render("calendar/description.txt", language.code, calendar_values),
            start=facts.start_moment,
            end=facts.end_moment,
            location=values["where"],
            url=facts.online,
            cancelled=facts.cancelled,
        )


class _InLanguage:
    """The meeting said in one language: its texts, its programme, the letters' words."""

    def __init__(self, meeting: Meeting, code: str) -> None:
        self.meeting = meeting
        self.code = code
        self.wording = Wording(meeting, code)

    @cached_property
    def words(self) -> dict[str, str]:
        from planner.i18n import catalogue

        names = catalogue().get(MAIL_WORDS, {})
        fallbacks = (self.meeting.language, "en")
        return {name: say(f"{MAIL_WORDS}.{name}", self.code, fallbacks=fallbacks) for name in names}

    @cached_property
    def schedule(self) -> Schedule:
        return build_schedule(self.meeting)

    @cached_property
    def programme(self) -> tuple[dict[str, Any], ...]:
        return tuple(
            {
                "number": row.number,
                "time": row.time,
                "title": row.title,
                "people": tuple(row.people),
                "place": tuple(row.place),
                "depth": row.depth,
                "day": row.day_heading or "",
            }
            for row in agenda_rows(self.schedule, self.wording)
        )

    def entry_values(self, entry: Entry) -> dict[str, Any]:
        wording = self.wording
        facts = entry.facts
        title = printable(text_in(entry.title, self.code, self.meeting.language))
        values: dict[str, Any] = {
            "kind": entry.kind.value,
            "title": title,
            "number": entry.number or "",
            "when": self._when(entry, facts),
            "where": self._where(facts),
            "online": facts.online or "",
            "description": "",
            "cancelled": facts.cancelled,
        }
        item = entry.item
        if isinstance(item, ScheduledItem):
            values["title"] = wording.title(item)
            values["name"] = wording.item_name(item)
            values["description"] = wording.text_with_lines(item.item.description)
        elif isinstance(item, SideEvent):
            values["description"] = wording.text_with_lines(item.description)
            values["name"] = wording.quoted(title)
        else:
            values["name"] = wording.quoted(title)
        if entry.kind == EntryKind.MEETING and item is not None:
            values["when"] = wording.when()
        return values

    def _when(self, entry: Entry, facts: Facts) -> str:
        wording = self.wording
        start, end = facts.start_moment, facts.end_moment
        if not isinstance(start, datetime):
            last = end if isinstance(end, date) else start
            if last == start:
                return wording.day(start)
            return f"{wording.day(start)} {EN_DASH} {wording.day(last)}"
        at = wording.label("word", "at_clock")
        at = f"{at} " if at else ""
        if not isinstance(end, datetime) or end.date() == start.date():
            span = wording.span(start, end if isinstance(end, datetime) else None)
            return f"{wording.day(start)} {at}{span}"
        first = f"{wording.day(start)} {at}{wording.clock(start)}"
        return f"{first} {EN_DASH} {wording.day(end)} {at}{wording.clock(end)}"

    def _where(self, facts: Facts) -> str:
        venue = facts.venue
        parts = []
        room = facts.room
        if room:
            parts.append(
                printable(
                    text_in(
                        room if isinstance(room, dict) else {"": room},
                        self.code,
                        self.meeting.language,
                    )
                )
            )
        if venue is not None:
            parts.append(venue_line(venue, self.wording))
        return ", ".join(p for p in parts if p)
