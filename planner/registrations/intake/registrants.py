"""A row of a form export as a registration, or the reason it cannot be one (with its column).

Every answer is kept somewhere: the fields Planner knows (name, e-mail, organisation, diet,
accessibility, workshops, consents) in their places, the form's other questions as other
answers under their headers, a phone number Planner cannot read as an answer too. A row is
refused only for what would make a wrong registration: no name, no or a broken e-mail
address, a submission time that cannot be read, a workshop the meeting does not have, a
consent that is neither yes nor no.
"""

from __future__ import annotations

from collections.abc import Mapping as Map
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from planner.model import Registration, clock
from planner.model.limits import MAX_OTHER_ANSWERS, shorten
from planner.model.people import check_phone
from planner.model.registration import RegistrationSource
from planner.registrations.intake.fields import Target
from planner.registrations.intake.mapping import Column, Mapping
from planner.registrations.intake.normalise import (
    NO_ANSWER,
    cell_value,
    choices,
    combine,
    full_name,
    parse_submitted,
    slash_order,
    yes_or_no,
)
from planner.registrations.intake.reading import SourceRow, Table
from planner.search import folded
from planner.words import Words

_CONSENTS = {
    Target.PARTICIPANT_LIST: "participant_list",
    Target.PHOTO: "photo",
    Target.FOLLOW_UP: "follow_up",
}
_PERSON = {
    Target.ORGANISATION: "organisation",
    Target.TITLE: "title",
    Target.DELEGATION: "delegation",
}


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a row cannot be imported, at which column."""

    row: int
    column: str | None
    reason: Words


@dataclass(slots=True)
class Reading:
    """What every row of one file is read with."""

    mapping: Mapping
    tracks: Map[str, str] = field(default_factory=dict)
    """Folded key or title of each agenda item or event a registration may choose -> key."""
    received_at: datetime | None = None
    """The submission time of rows whose file has none (the time of the import)."""
    day_first: bool = True
    zone: ZoneInfo | None = None
    """The meeting's zone, in which a form's times without an offset are read."""
    by_target: dict[Target, list[Column]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for column in self.mapping.columns:
            self.by_target.setdefault(column.target, []).append(column)

    def of(self, target: Target) -> list[Column]:
        return self.by_target.get(target, [])


def reading_for(
    table: Table,
    mapping: Mapping,
    *,
    tracks: Map[str, str],
    received_at: datetime,
    zone: ZoneInfo | None,
) -> Reading:
    """How to read `table`'s rows: its date column's day/month order decided once."""
    columns = [column.index for column in mapping.of(Target.SUBMITTED_AT)]
    day_first = slash_order(row.cells[i] for row in table.rows[:5000] for i in columns)
    return Reading(mapping, tracks, received_at, day_first, zone)


def registrant(row: SourceRow, reading: Reading) -> Registration | Refusal:
    """The registration row `row` makes, or why it makes none."""
    if row.extra_cells:
        return Refusal(row.number, None, Words("intake_row.extra_cells", count=row.extra_cells))
    builder = _Row(row, reading)
    try:
        data = builder.data()
    except _Refused as refused:
        return refused.refusal
    try:
        return Registration.model_validate(data)
    except ValidationError as error:
        return builder.refusal_for(error)


class _Refused(Exception):
    def __init__(self, refusal: Refusal):
        self.refusal = refusal


class _Row:
    def __init__(self, row: SourceRow, reading: Reading):
        self.row = row
        self.reading = reading

    def cell(self, column: Column) -> str:
        return cell_value(self.row.cells[column.index])

    def first(self, target: Target) -> tuple[Column | None, str]:
        columns = self.reading.by_target.get(target)
        if not columns:
            return None, ""
        value = self.row.cells[columns[0].index]
        return columns[0], cell_value(value) if value else ""

    def refuse(self, column: Column | None, key: str, **values: Any) -> _Refused:
        header = column.header if column else None
        return _Refused(Refusal(self.row.number, header, Words(f"intake_row.{key}", **values)))

    def data(self) -> dict[str, Any]:
        answers: dict[str, Any] = {"consent": {}, "other": {}, "workshops": []}
        person = self.person(answers)
        for target, name in (
            (Target.DIETARY, "dietary"),
            (Target.ACCESSIBILITY, "accessibility"),
        ):
            _, value = self.first(target)
            if value and folded(value) not in NO_ANSWER:
                answers[name] = value
        for target, name in _CONSENTS.items():
            column, value = self.first(target)
            if column is not None:
                answers["consent"][name] = self.consent(column, value)
        answers["workshops"] = self.workshops()
        other = answers["other"]
        for column in self.reading.of(Target.ANSWER):
            value = self.cell(column)
            if value and len(other) < MAX_OTHER_ANSWERS:
                other[column.header] = value
        notes = [
            f"{column.header}: {value}"
            for column in self.reading.of(Target.NOTES)
            if (value := self.cell(column))
        ]
        data: dict[str, Any] = {
            "person": person,
            "submitted_at": self.submitted_at(),
            "source": RegistrationSource.IMPORT.value,
            "answers": answers,
        }
        if notes:
            data["notes"] = "\n".join(notes)
        return data

    def person(self, answers: dict[str, Any]) -> dict[str, Any]:
        name_column, name = self.first(Target.NAME)
        given_column, given = self.first(Target.GIVEN_NAME)
        _, family = self.first(Target.FAMILY_NAME)
        name = name or full_name(given, family)
        if not name.strip():
            raise self.refuse(name_column or given_column, "no_name")
        email_column, email = self.first(Target.EMAIL)
        if not email:
            raise self.refuse(email_column, "no_email")
        person: dict[str, Any] = {"name": name, "email": email}
        for target, key in _PERSON.items():
            _, value = self.first(target)
            if value:
                person[key] = value
        phone_column, phone = self.first(Target.PHONE)
        if phone and phone_column is not None:
            try:
                person["phone"] = check_phone(phone)
            except ValueError:
                answers["other"][phone_column.header] = phone
        return person

    def submitted_at(self) -> datetime | None:
        column, value = self.first(Target.SUBMITTED_AT)
        if column is None:
            return self.reading.received_at
        _, time_of_day = self.first(Target.SUBMITTED_TIME)
        written = combine(value, time_of_day) if time_of_day else value
        if not written:
            raise self.refuse(column, "no_time")
        moment = parse_submitted(written, day_first=self.reading.day_first)
        if moment is None:
            raise self.refuse(column, "bad_time", value=shorten(written, 60))
        zone = self.reading.zone
        if zone is None:
            return moment
        local = clock.localise(moment, zone)
        if not clock.exists(local):
            raise self.refuse(column, "skipped_time", value=shorten(written, 60))
        return local

    def consent(self, column: Column, value: str) -> bool:
        answer = yes_or_no(value)
        if answer is None:
            raise self.refuse(column, "bad_yes_no", value=shorten(value, 60))
        return answer

    def workshops(self) -> list[str]:
        chosen: list[str] = []
        for column in self.reading.of(Target.WORKSHOPS):
            for choice in choices(self.cell(column)):
                key = self.reading.tracks.get(folded(choice))
                if key is None:
                    known = ", ".join(sorted(set(self.reading.tracks.values()))) or "—"
                    raise self.refuse(
                        column, "unknown_workshop", value=shorten(choice, 60), known=known
                    )
                if key not in chosen:
                    chosen.append(key)
        return chosen

    def refusal_for(self, error: ValidationError) -> Refusal:
        first = error.errors()[0]
        column = self.column_at(first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        return Refusal(self.row.number, column, Words("intake_row.invalid", detail=message))

    def column_at(self, loc: tuple[Any, ...]) -> str | None:
        """The header of the column a model error at `loc` came from."""
        targets = {
            ("person", "name"): (Target.NAME, Target.GIVEN_NAME, Target.FAMILY_NAME),
            ("person", "email"): (Target.EMAIL,),
            ("person", "organisation"): (Target.ORGANISATION,),
            ("person", "title"): (Target.TITLE,),
            ("person", "delegation"): (Target.DELEGATION,),
            ("answers", "dietary"): (Target.DIETARY,),
            ("answers", "accessibility"): (Target.ACCESSIBILITY,),
            ("submitted_at",): (Target.SUBMITTED_AT,),
            ("notes",): (Target.NOTES,),
        }.get(tuple(loc[:2]), ())
        for target in targets:
            for column in self.reading.of(target):
                return column.header
        if tuple(loc[:2]) == ("answers", "other") and len(loc) > 2:
            return str(loc[2])
        return None
