"""Registrations: who signed up, in what state, with which answers, and when they arrived."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planner.model.people import Person
from planner.model.problems import Problems
from planner.model.text import Key, Line, Paragraphs


class RegistrationStatus(StrEnum):
    SUBMITTED = "submitted"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class RegistrationSource(StrEnum):
    FORM = "form"
    IMPORT = "import"
    MANUAL = "manual"
    INVITATION = "invitation"


class Consent(BaseModel):
    """What the participant agreed to. Everything defaults to no."""

    model_config = ConfigDict(extra="forbid")

    participant_list: bool = False
    photo: bool = False
    follow_up: bool = False


class RegistrationAnswers(BaseModel):
    """Answers to the registration form's questions."""

    model_config = ConfigDict(extra="forbid")

    dietary: Line | None = None
    accessibility: Paragraphs | None = None
    workshops: list[Key] = Field(
        default_factory=list, description="keys of the agenda items (tracks) chosen"
    )
    consent: Consent = Field(default_factory=Consent)
    other: dict[Line, Paragraphs] = Field(default_factory=dict)


class Registration(BaseModel):
    model_config = ConfigDict(extra="forbid")

    person: Person
    status: RegistrationStatus = RegistrationStatus.SUBMITTED
    submitted_at: datetime
    source: RegistrationSource = RegistrationSource.FORM
    answers: RegistrationAnswers = Field(default_factory=RegistrationAnswers)
    notes: Paragraphs | None = None
    checked_in_at: datetime | None = None

    @model_validator(mode="after")
    def _only_confirmed_check_in(self) -> Registration:
        if self.checked_in_at is not None and self.status != RegistrationStatus.CONFIRMED:
            problems = Problems("Registration")
            problems.add(
                ("checked_in_at",),
                f"only a confirmed registration can be checked in (this one is "
                f"{self.status.value})",
                self.checked_in_at,
            )
            problems.raise_if_any()
        return self
