"""The read-only view of a meeting that templates see, in one language.

A template never sees the pydantic models: it sees this view, built once per document and
language, with every time already computed (`planner.agenda.schedule`), every text already
in the language asked for (falling back to the meeting's own, as `planner.agenda.wording`
does, and noting where), every number already formatted, and nothing a template could
change. Every field is listed, with an example, in docs/templates.md.

    view = meeting_view(meeting, "nb")
    view.when                     -> 'fredag 26. august 2016 kl. 12.30–16.00'
    view.items[1].items[0].title  -> 'Bosetting av flyktninger – takk til kommunene'

Internal fields (an item's `notes`, the schedule's `warnings`) are there for the run-sheet;
public documents do not print them, nor the meeting's slug or status (a draft says only
`draft_mark`, "UTKAST", on every page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.agenda.schedule import build_schedule
from planner.agenda.wording import Wording
from planner.documents.attendance import Attendance
from planner.model import Meeting, Registration
from planner.model.minutes import Minutes


@dataclass(frozen=True, slots=True)
class PersonView:
    """Someone in a part: a person, or an organisation taking part as one."""

    name: str
    title: str
    """Their title in this part, else their own; "" for an organisation."""
    organisation: str
    """The short name of their organisation ('KMD'), or its name as written."""
    role: str
    """What they do there, as the programme says it: 'åpner konferansen'."""
    line: str
    """All of it as programmes print it: 'Jan Tore Sanner, kommunal- og
    moderniseringsminister, KMD (åpner konferansen)'."""
    is_organisation: bool


@dataclass(frozen=True, slots=True)
class PartView:
    """One part of an item and who has it: 'Ordstyrer: Kari Nordmann'."""

    part: str
    """host, chair, moderator, speaker, panellist, respondent or rapporteur."""
    gives: str
    """For speakers: speech, keynote, introduction, greeting, talk, presentation or ""."""
    label: str
    """The part's name, singular or plural: 'Ordstyrer', 'Paneldeltakere'."""
    line: str
    """The whole line: 'Ordstyrer: Kari Nordmann, …' or 'Tale ved Jonas Gahr Støre, …'."""
    people: tuple[PersonView, ...]


@dataclass(frozen=True, slots=True)
class LinkView:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class TopicView:
    key: str
    title: str
    description: str
    links: tuple[LinkView, ...]


@dataclass(frozen=True, slots=True)
class QuestionView:
    text: str
    topic: str
    """The title of its topic, or ""."""
    owner: str
    """Who puts it, as a person's line, or ""."""
    item: str
    """The item it is put in: '3.1 Arbeid som nøkkel til integrering'."""


@dataclass(frozen=True, slots=True)
class CaseView:
    number: str
    """In the body's own form: 'PS 77/15', '57 §'."""
    archive: str
    officer: str
    recommended_by: str
    """'Rådmannens innstilling', or the word for a recommendation."""
    recommendation: tuple[str, ...]
    """Its points, each a line: ('1. Fjordvik kommune vedtar …', '2. …')."""


@dataclass(frozen=True, slots=True)
class ItemView:
    """One item of the programme, its time computed, its texts in the language."""

    path: str
    """Where it is in the meeting file: 'agenda[1].items[0]'."""
    number: str
    """'2.1'; a case by its case number ('PS 77/15'); '' for a break."""
    kind: str
    kind_label: str
    title: str
    """Its own title, or the word for its kind ('Pause')."""
    description: str
    depth: int
    """0 for an item of the programme, 1 for its sub-items, …"""
    day: int
    start: datetime | None
    end: datetime | None
    time: str
    """'10.00–10.15'; '17.00' for a milestone; '' when it has no time of its own."""
    minutes: int | None
    duration: str
    """'1 t 15 min'; '' when not known."""
    elapsed: str
    """Hours and minutes from the day's start to this item ('1.10'); '' when untimed."""
    slack: int | None
    """Minutes free (positive) or overrun (negative) before the next item at its level
    starts; None when there is no timed next item."""
    is_break: bool
    is_case: bool
    is_milestone: bool
    parallel: bool
    track: str
    room: str
    capacity: int | None
    online_url: str
    place: str
    """Track · room · places, on one line."""
    parts: tuple[PartView, ...]
    responsible: tuple[PersonView, ...]
    """Who leads it (its hosts, chairs or moderators, else those of the item above it, else
    the meeting's): for the run-sheet."""
    topics: tuple[TopicView, ...]
    questions: tuple[QuestionView, ...]
    case: CaseView | None
    links: tuple[LinkView, ...]
    notes: str
    """Internal notes: for the run-sheet only."""
    items: tuple[ItemView, ...]


@dataclass(frozen=True, slots=True)
class DayView:
    number: int
    date: str
    """'tirsdag 20. november 2018'."""
    items: tuple[ItemView, ...]


@dataclass(frozen=True, slots=True)
class EventView:
    kind: str
    kind_label: str
    title: str
    description: str
    when: str
    """'tirsdag 20. november 2018 kl. 18.30–21.30'."""
    time: str
    place: str
    capacity: int | None
    online_url: str


@dataclass(frozen=True, slots=True)
class VenueView:
    name: str
    room: str
    address: str
    postal_code: str
    city: str
    country: str
    line: str
    """'KS, Haakon VIIs gate 9, 0161 Oslo'."""


@dataclass(frozen=True, slots=True)
class OrganiserView:
    name: str
    email: str
    phone: str


@dataclass(frozen=True, slots=True)
class ItemMinutesView:
    """What the minutes say of one item or case (møteprotokoll), as recorded."""

    number: str
    """As the agenda prints it: 'PS 77/15', '2'; '' when it has none."""
    title: str
    time: str
    item: ItemView | None
    """The item on the agenda (its case, recommendation, parts); None when it is no longer
    on the agenda."""
    recorded: bool
    """Whether anything is recorded for it yet."""
    proceedings: tuple[str, ...]
    """How it was dealt with (behandling), in paragraphs."""
    decision: tuple[str, ...]
    """What was decided (vedtak), in paragraphs ('1. …' points each a paragraph)."""
    disqualified: tuple[str, ...]
    """Who declared themselves disqualified (inhabil) and left: 'Per Hansen'."""
    present: tuple[str, ...]
    """Who was present for this item only."""
    absent: tuple[str, ...]
    """Who was away for this item."""


@dataclass(frozen=True, slots=True)
class MinutesView:
    """The minutes of the meeting (`meeting.minutes`, in the minutes document)."""

    recorded: bool
    """Whether anything is recorded yet: if not, the minutes print as a skeleton to fill in."""
    present: tuple[str, ...]
    """'Ola Nordmann, ordfører' for a person of the meeting file; else the name as typed."""
    absent: tuple[str, ...]
    items: tuple[ItemMinutesView, ...]
    """Every item the minutes record, in the agenda's order: its top-level items but the
    breaks, and every case."""
    unplaced: tuple[ItemMinutesView, ...]
    """Entries recorded for items no longer on the agenda (printed last, never dropped)."""
    undecided: tuple[str, ...]
    """The cases with no decision recorded yet: ('PS 78/15',)."""


@dataclass(frozen=True, slots=True)
class MeetingView:
    """The whole meeting, as a template sees it (`meeting`)."""

    language: str
    language_name: str
    languages: tuple[str, ...]
    """The languages the meeting names, its own first: where words fall back to."""
    title: str
    body: str
    description: str
    kind: str
    kind_label: str
    is_council: bool
    is_draft: bool
    is_cancelled: bool
    draft_mark: str
    """'UTKAST' for a draft, 'AVLYST' for a cancelled meeting, else ''."""
    when: str
    date: str
    start: datetime | date
    end: datetime | None
    time: str
    starts_after: str
    timezone: str
    times_note: str
    """For a meeting held online: what time the times are in."""
    mode: str
    mode_label: str
    online_url: str
    venue: VenueView | None
    place: str
    """The venue's line, or the word for an online meeting."""
    organiser: OrganiserView
    hosts: tuple[str, ...]
    delegations: tuple[str, ...]
    chairs: PartView | None
    day_hosts: PartView | None
    capacity: int | None
    registration_closes: str
    absence: str
    signed: str
    """'Hov, 30. oktober 2014'."""
    signers: tuple[PersonView, ...]
    days: tuple[DayView, ...]
    items: tuple[ItemView, ...]
    all_items: tuple[ItemView, ...]
    """Every item and sub-item, in the order printed."""
    topics: tuple[TopicView, ...]
    questions: tuple[QuestionView, ...]
    events: tuple[EventView, ...]
    warnings: tuple[str, ...]
    """What does not fit in the schedule: for the run-sheet."""
    attendance: Attendance | None
    """Participants and badges, when the document lists them."""
    minutes: MinutesView | None
    """What was recorded at the meeting, in the minutes document; else None."""
    missing_note: str
    """How many texts are shown in another language, and in which, said once; '' when none
    are."""
    missing_where: tuple[str, ...]
    """Where those texts are in the meeting file ('agenda[1].description'): for the
    run-sheet, so the secretariat can add them."""


def meeting_view(
    meeting: Meeting,
    language: str | None = None,
    registrations: list[Registration] | None = None,
    minutes: Minutes | None = None,
) -> MeetingView:
    """The view of `meeting` in `language` (the meeting's own when None); with
    `registrations`, its participants and badges too; with `minutes`, what was recorded."""
    from planner.documents.building import ViewBuilder

    language = language or meeting.language
    schedule = build_schedule(meeting)
    builder = ViewBuilder(meeting, schedule, Wording(meeting, language))
    return builder.meeting(registrations, minutes)
