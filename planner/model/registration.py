"""Registrations: who signed up, in what state, with which answers, and when they arrived."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from planner.model.limits import MAX_OTHER_ANSWERS
from planner.model.moments import LocalDateTime
from planner.model.people import Person
from planner.model.problems import Problems
from planner.model.text import Key, Line, Paragraphs, clean_line
from planner.words import Words


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


def _check_other_answers(value: Any) -> Any:
    """At most MAX_OTHER_ANSWERS questions, and no question twice once its text is cleaned
    ("Allergi" and "Allergi\u200b" are the same question)."""
    if not isinstance(value, dict):
        return value  # pydantic says what is wrong
    if len(value) > MAX_OTHER_ANSWERS:
        raise ValueError(
            Words("model_registration.too_many_answers", most=MAX_OTHER_ANSWERS, count=len(value))
        )
    seen: set[str] = set()
    for question in value:
        if not isinstance(question, str):
            continue
        try:
            cleaned = clean_line(question)
        except ValueError:
            continue  # refused at the key by its own rule
        if cleaned in seen:
            raise ValueError(
                Words("model_registration.answered_twice", question=repr(cleaned[:60]))
            )
        seen.add(cleaned)
    return value


class RegistrationAnswers(BaseModel):
    """Answers to the registration form's questions."""

    model_config = ConfigDict(extra="forbid")

    dietary: Line | None = None
    accessibility: Paragraphs | None = None
    workshops: list[Key] = Field(
        default_factory=list, description="keys of the agenda items (tracks) chosen"
    )
    consent: Consent = Field(default_factory=Consent)
    other: Annotated[dict[Line, Paragraphs], BeforeValidator(_check_other_answers)] = Field(
        default_factory=dict,
        description=f"other questions and their answers (at most {MAX_OTHER_ANSWERS})",
    )


class Registration(BaseModel):
    """Someone's registration for a meeting.

    `submitted_at` and `checked_in_at` without a UTC offset are wall-clock times in the
    meeting's zone; the meeting reads them there (see `MeetingFile`).
    """

    model_config = ConfigDict(extra="forbid")

    key: Key | None = Field(
        default=None,
        description=(
            "a stable identity that survives export and import; the workspace assigns one"
        ),
    )
    person: Person
    status: RegistrationStatus = RegistrationStatus.SUBMITTED
    submitted_at: LocalDateTime
    source: RegistrationSource = RegistrationSource.FORM
    answers: RegistrationAnswers = Field(default_factory=RegistrationAnswers)
    notes: Paragraphs | None = None
    checked_in_at: LocalDateTime | None = None

    @model_validator(mode="after")
    def _only_confirmed_check_in(self) -> Registration:
        if self.checked_in_at is not None and self.status != RegistrationStatus.CONFIRMED:
            problems = Problems("Registration")
            problems.add(
                ("checked_in_at",),
                Words(
                    "model_registration.check_in_unconfirmed",
                    status=Words(f"registration_status.{self.status.value}"),
                ),
                self.checked_in_at,
            )
            problems.raise_if_any()
        return self
