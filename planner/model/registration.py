"""Registrations: who signed up, in what state, with which answers, and when they arrived."""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from planner.model.agenda import Capacity
from planner.model.limits import MAX_OTHER_ANSWERS
from planner.model.moments import LocalDateTime
from planner.model.people import Person
from planner.model.problems import Problems
from planner.model.text import Key, Line, Paragraphs, clean_line
from planner.words import Words


class RegistrationStatus(StrEnum):
    """Where a registration stands. Which status may follow which, and which hold a place,
    is `planner.registrations.status`."""

    INVITED = "invited"
    """Invited by the secretariat (the mayors of the 14 largest municipalities), no answer yet."""
    PENDING = "pending"
    """Signed up (or said yes to an invitation), waiting for the secretariat."""
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"
    """Offered a place that freed up, until `offer_expires_at`."""
    DECLINED = "declined"
    EXPIRED = "expired"
    """An offer not taken up in time: the place went on to the next on the waiting list."""
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    WITHDRAWN = "withdrawn"


FORMER_STATUSES = {"submitted": RegistrationStatus.PENDING}
"""Statuses earlier versions wrote, read as today's: `submitted` is `pending`."""


def _former_status(value: Any) -> Any:
    return FORMER_STATUSES.get(value, value) if isinstance(value, str) else value


class RegistrationSource(StrEnum):
    FORM = "form"
    IMPORT = "import"
    MANUAL = "manual"
    INVITATION = "invitation"


class WhenFull(StrEnum):
    """What confirming someone does when no place is left."""

    WAITLIST = "waitlist"
    REFUSE = "refuse"


class Promotion(StrEnum):
    """What happens when a place frees up."""

    PREVIEW = "preview"
    """The secretariat looks at who would get it, then promotes."""
    AUTOMATIC = "automatic"
    """The next on the waiting list gets it at once."""


MAX_OFFER_HOURS = 31 * 24


def _check_quotas(value: Any) -> Any:
    """No delegation twice once compared as quotas compare them ('Oslo' and 'oslo')."""
    if not isinstance(value, dict):
        return value
    seen: set[str] = set()
    for group in value:
        if isinstance(group, str):
            key = delegation_key(group)
            if key in seen:
                raise ValueError(Words("model_registration.two_quotas", name=repr(group[:60])))
            seen.add(key)
    return value


class RegistrationRules(BaseModel):
    """How a meeting hands out its places: what a full meeting does, how places freed are
    passed on, and how many places each delegation may take."""

    model_config = ConfigDict(extra="forbid")

    when_full: WhenFull = Field(
        default=WhenFull.WAITLIST,
        description="confirming someone when no place is left puts them on the waiting list "
        "(waitlist) or is refused (refuse)",
    )
    promotion: Promotion = Field(
        default=Promotion.PREVIEW,
        description="a place freed goes to the next on the waiting list when the secretariat "
        "promotes (preview), or at once (automatic)",
    )
    offer_hours: int | None = Field(
        default=72,
        ge=1,
        le=MAX_OFFER_HOURS,
        description="how many hours a place offered from the waiting list is held; empty: "
        "the place is confirmed at once",
    )
    per_delegation: Capacity | None = Field(
        default=None,
        description="at most this many places for each delegation or organisation (e.g. 3 "
        "per municipality)",
    )
    quotas: Annotated[dict[Line, Capacity], BeforeValidator(_check_quotas)] = Field(
        default_factory=dict,
        description="places for named delegations or organisations, instead of per_delegation",
    )

    def quota(self, delegation: str | None) -> int | None:
        """The places a delegation (as `Registration.delegation` gives it) may take."""
        if delegation is None:
            return None
        for group, places in self.quotas.items():
            if delegation_key(group) == delegation:
                return places
        return self.per_delegation


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
    status: Annotated[RegistrationStatus, BeforeValidator(_former_status)] = (
        RegistrationStatus.PENDING
    )
    submitted_at: LocalDateTime
    priority: int = Field(
        default=0,
        ge=-1000,
        le=1000,
        description="places freed go first to the highest priority, then the earliest submitted",
    )
    offer_expires_at: LocalDateTime | None = Field(
        default=None, description="until when an offered place is held (status offered)"
    )
    source: RegistrationSource = RegistrationSource.FORM
    answers: RegistrationAnswers = Field(default_factory=RegistrationAnswers)
    notes: Paragraphs | None = None
    checked_in_at: LocalDateTime | None = None

    @property
    def delegation(self) -> str | None:
        """The delegation the registration counts against for quotas: the person's
        delegation, else their organisation; compared folded ('Oslo kommune' = 'oslo
        kommune')."""
        group = self.person.delegation or self.person.organisation
        return delegation_key(group) if group else None

    @model_validator(mode="after")
    def _check_status_fields(self) -> Registration:
        problems = Problems("Registration")
        if self.checked_in_at is not None and self.status not in CHECKED_IN:
            problems.add(
                ("checked_in_at",),
                Words(
                    "model_registration.check_in_unconfirmed",
                    status=Words(f"registration_status.{self.status.value}"),
                ),
                self.checked_in_at,
            )
        if self.offer_expires_at is not None and self.status != RegistrationStatus.OFFERED:
            problems.add(
                ("offer_expires_at",),
                Words(
                    "model_registration.offer_not_offered",
                    status=Words(f"registration_status.{self.status.value}"),
                ),
                self.offer_expires_at,
            )
        problems.raise_if_any()
        return self


CHECKED_IN = frozenset({RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED})
"""The statuses a registration checked in at the door may have."""


def delegation_key(group: str) -> str:
    """A delegation or organisation as quotas compare it: NFC, spaces collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFC", group).casefold().split())
