"""The domain model in the secretariat's terms: pydantic types and their rules, no I/O."""

from planner.model.agenda import (
    AgendaItem,
    AgendaQuestion,
    ItemKind,
    Link,
    Participation,
    Topic,
)
from planner.model.meeting import (
    Meeting,
    MeetingFile,
    MeetingKind,
    MeetingStatus,
    Venue,
    walk_agenda,
)
from planner.model.people import Organisation, OrganisationKind, Organiser, Person
from planner.model.registration import (
    Consent,
    Registration,
    RegistrationAnswers,
    RegistrationSource,
    RegistrationStatus,
)
from planner.model.text import LANGUAGES, Language, MultilingualLine, MultilingualText

__all__ = [
    "LANGUAGES",
    "AgendaItem",
    "AgendaQuestion",
    "Consent",
    "ItemKind",
    "Language",
    "Link",
    "Meeting",
    "MeetingFile",
    "MeetingKind",
    "MeetingStatus",
    "MultilingualLine",
    "MultilingualText",
    "Organisation",
    "OrganisationKind",
    "Organiser",
    "Participation",
    "Person",
    "Registration",
    "RegistrationAnswers",
    "RegistrationSource",
    "RegistrationStatus",
    "Topic",
    "Venue",
    "walk_agenda",
]
