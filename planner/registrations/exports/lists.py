"""The lists a secretariat hands on: every registration with every answer (for the
secretariat itself), the participant list (those who agreed to be on it), the door list
(alphabetical by surname, with organisation) and the accessibility list.

Headers are in the meeting's language; names sort in the meeting's collation (`sort_key`,
given by the caller: Norwegian puts Æ Ø Å after Z, Swedish Å Ä Ö), by surname, except for
Icelandic meetings, where people are listed by their given name, as Icelanders are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from planner.i18n import label
from planner.model import Meeting, Registration
from planner.registrations.exports.sheets import Sheet
from planner.registrations.status import EXPECTED
from planner.words import say

SortKey = Callable[[str], object]

_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "af", "av", "da", "di", "du", "la", "le", "ter", "zu"}
)


@dataclass(frozen=True, slots=True)
class Listed:
    """A registration as the lists see it: its key and the registration itself."""

    key: str
    registration: Registration


def is_expected(registration: Registration) -> bool:
    """Expected at the door and at the table: confirmed, or come."""
    return registration.status in EXPECTED


def surname_first(name: str) -> tuple[str, str]:
    """(surname, given names) of a name as registrants write it: "Øystein Løvås" ->
    ("Løvås", "Øystein"); "Løvås, Øystein" the same; "Ursula von der Leyen" -> ("von der
    Leyen", "Ursula")."""
    if "," in name:
        family, _, given = name.partition(",")
        return family.strip(), given.strip()
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return " ".join(words[start:]), " ".join(words[:start])


def listed_name(name: str, language: str) -> str:
    """A name as a list prints it: "Løvås, Øystein"; an Icelandic list keeps the order."""
    if language == "is":
        return name
    family, given = surname_first(name)
    return f"{family}, {given}" if given else family


def alphabetical(entries: Sequence[Listed], language: str, sort_key: SortKey) -> list[Listed]:
    """By surname (by given name in Icelandic), then given name, then organisation."""

    def key(entry: Listed) -> tuple[object, ...]:
        person = entry.registration.person
        family, given = surname_first(person.name)
        first, second = (given or family, family) if language == "is" else (family, given)
        organisation = person.organisation or ""
        return (sort_key(first), sort_key(second), sort_key(organisation), entry.key)

    return sorted(entries, key=key)


def door_list(
    meeting: Meeting, entries: Sequence[Listed], sort_key: SortKey, zone: ZoneInfo
) -> Sheet:
    """Everyone expected, alphabetical, with organisation, and the time of arrival for
    those already checked in."""
    language = meeting.language
    expected = _expected(entries)
    sheet = Sheet(
        say("intake_export.door_title", language),
        _headers(language, "name", "organisation", "arrived"),
    )
    for entry in alphabetical(expected, language, sort_key):
        registration = entry.registration
        sheet.rows.append(
            [
                listed_name(registration.person.name, language),
                registration.person.organisation or "",
                _time(registration.checked_in_at, zone),
            ]
        )
    return sheet


def participant_list(meeting: Meeting, entries: Sequence[Listed], sort_key: SortKey) -> Sheet:
    """Those expected who agreed to be on the participant list: name, title, organisation."""
    language = meeting.language
    listed = _expected(entries, lambda r: r.answers.consent.participant_list)
    sheet = Sheet(
        say("intake_export.participants_title", language),
        _headers(language, "name", "title", "organisation"),
    )
    for entry in alphabetical(listed, language, sort_key):
        person = entry.registration.person
        title = person.title.in_language(language) if person.title else ""
        sheet.rows.append([listed_name(person.name, language), title, person.organisation or ""])
    return sheet


def access_list(meeting: Meeting, entries: Sequence[Listed], sort_key: SortKey) -> Sheet:
    """Those expected who asked for accessibility arrangements, with what they asked."""
    language = meeting.language
    listed = _expected(entries, lambda r: bool(r.answers.accessibility))
    sheet = Sheet(
        say("intake_export.access_title", language),
        _headers(language, "name", "organisation", "phone", "accessibility"),
    )
    for entry in alphabetical(listed, language, sort_key):
        registration = entry.registration
        person = registration.person
        sheet.rows.append(
            [
                listed_name(person.name, language),
                person.organisation or "",
                person.phone or "",
                registration.answers.accessibility or "",
            ]
        )
    return sheet


def all_registrations(meeting: Meeting, entries: Sequence[Listed], zone: ZoneInfo) -> Sheet:
    """Every registration with every answer, in the order they were submitted: the form's
    other questions each in a column of their own."""
    language = meeting.language
    questions: dict[str, None] = {}
    for entry in entries:
        questions.update(dict.fromkeys(entry.registration.answers.other))
    headers = _headers(
        language, "key", "name", "email", "phone", "organisation", "title", "delegation",
        "status", "submitted", "arrived", "dietary", "accessibility", "workshops",
        "participant_list", "photo", "follow_up", "notes",
    )  # fmt: skip
    sheet = Sheet(say("intake_export.all_title", language), [*headers, *questions])
    ordered = sorted(entries, key=lambda entry: entry.registration.submitted_at)
    words = _Words(language)
    for entry in ordered:
        sheet.rows.append(_full_row(entry, words, zone, list(questions)))
    return sheet


class _Words:
    """The words every row repeats, looked up once per list."""

    def __init__(self, language: str):
        self.language = language
        self.yes_no = {True: _yes(True, language), False: _yes(False, language)}
        self._statuses: dict[str, str] = {}

    def status(self, status: str) -> str:
        if status not in self._statuses:
            self._statuses[status] = label("registration_status", status, self.language)
        return self._statuses[status]


def _full_row(entry: Listed, words: _Words, zone: ZoneInfo, questions: list[str]) -> list[object]:
    registration = entry.registration
    person, answers = registration.person, registration.answers
    consent = answers.consent
    language = words.language
    return [
        entry.key,
        person.name,
        person.email or "",
        person.phone or "",
        person.organisation or "",
        person.title.in_language(language) if person.title else "",
        person.delegation or "",
        words.status(registration.status.value),
        _time(registration.submitted_at, zone),
        _time(registration.checked_in_at, zone),
        answers.dietary or "",
        answers.accessibility or "",
        ", ".join(answers.workshops),
        words.yes_no[consent.participant_list],
        words.yes_no[consent.photo],
        words.yes_no[consent.follow_up],
        registration.notes or "",
        *(answers.other.get(question, "") for question in questions),
    ]


def _expected(
    entries: Sequence[Listed], also: Callable[[Registration], bool] = lambda _: True
) -> list[Listed]:
    return [e for e in entries if is_expected(e.registration) and also(e.registration)]


def _headers(language: str, *names: str) -> list[str]:
    return [say(f"intake_column.{name}", language) for name in names]


def _yes(value: bool, language: str) -> str:
    return say("intake_export.yes" if value else "intake_export.no", language)


def _time(moment: datetime | None, zone: ZoneInfo) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(zone) if moment.tzinfo else moment
    return local.strftime("%Y-%m-%d %H:%M")
