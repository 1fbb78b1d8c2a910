"""The domain model in the secretariat's terms: pydantic types and their rules, no I/O."""

from planner.model.agenda import (
    AgendaItem,
    AgendaQuestion,
    ItemKind,
    Link,
    Participation,
    Topic,
)
from planner.model.checks import Finding, registration_warnings
from planner.model.limits import (
    MAX_AGENDA_DEPTH,
    MAX_AGENDA_ITEMS,
    MAX_CAPACITY,
    MAX_DURATION_MINUTES,
    MAX_LINE,
    MAX_MEETING_DAYS,
    MAX_NAME,
    MAX_PARAGRAPHS,
    MAX_YEAR,
    MIN_YEAR,
)
from planner.model.meeting import (
    ExportStamp,
    Meeting,
    MeetingFile,
    MeetingKind,
    MeetingStatus,
    Venue,
    walk_agenda,
)
from planner.model.moments import LocalDateTime
from planner.model.people import Organisation, OrganisationKind, Organiser, Person
from planner.model.registration import (
    Consent,
    Registration,
    RegistrationAnswers,
    RegistrationSource,
    RegistrationStatus,
)
from planner.model.text import (
    LANGUAGES,
    Language,
    MultilingualLine,
    MultilingualText,
    clean_line,
    printable,
)

__all__ = [
    "LANGUAGES",
    "MAX_AGENDA_DEPTH",
    "MAX_AGENDA_ITEMS",
    "MAX_CAPACITY",
    "MAX_DURATION_MINUTES",
    "MAX_LINE",
    "MAX_MEETING_DAYS",
    "MAX_NAME",
    "MAX_PARAGRAPHS",
    "MAX_YEAR",
    "MIN_YEAR",
    "AgendaItem",
    "AgendaQuestion",
    "Consent",
    "ExportStamp",
    "Finding",
    "ItemKind",
    "Language",
    "Link",
    "LocalDateTime",
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
    "clean_line",
    "printable",
    "registration_warnings",
    "walk_agenda",
]
