"""What a check found, in facts rather than sentences: the field it concerns and the values
to say it with. `planner.agenda.wording` says a finding in the meeting's language; the
checks that find them (`planner.registrations.checks`) sit above the agenda, and both take
these shapes from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class CheckForm(StrEnum):
    """How a finding is worded: its label in the `check` group of the labels."""

    CHECKED_IN_OTHER_DAY = "checked_in_other_day"
    EMAIL_TWICE = "email_twice"
    PARALLEL_CLASH = "parallel_clash"
    OVER_CAPACITY = "over_capacity"
    CHOICE_OVER_CAPACITY = "choice_over_capacity"


@dataclass(frozen=True)
class Finding:
    """One warning, at a field in the meeting file's terms: `registrations[4].checked_in_at`."""

    field: str
    form: CheckForm
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DateSpan:
    first: date
    last: date


@dataclass(frozen=True)
class EventRef:
    """An event outside the programme, by its place in `events`."""

    index: int
